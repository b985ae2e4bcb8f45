// The track record page and the stock page's score history in Debian's Chromium (headless,
// playwright-core), against a real server over the real PostgreSQL (a schema of its own). The record is
// filled the way a deployment fills it on day one: the replay scores and forecasts the last two months
// of a small synthetic universe from only the data known on each date, then judges the forecasts whose
// horizon has passed. Every figure on screen is checked against the API's answer to the same query.
//
// The server's tsconfig has no DOM library, so code run in the page is passed as strings.
// Set DAKI_SCREENSHOTS=<folder> to save the screenshots the README shows (docs/img).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelRecord, ScoreHistoryResponse, TrackRecordResponse } from '../src/contract/track-record.js';
import type * as ReplayModule from '../src/track-record/replay.js';
import { ApiClient } from './helpers/api-client.js';
import { TestServer } from './helpers/test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `browser track record tests skipped: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`,
  );
}

// The COMPILED replay runner, the class the running server injects (see helpers/compiled.ts).
const { ReplayRunner } = (await import(
  new URL('../dist/track-record/replay.js', import.meta.url).href
)) as typeof ReplayModule;

const SCREENSHOTS = process.env.DAKI_SCREENSHOTS;
/** Months replayed: with the forecasts' 30-trading-day horizon, the first weeks' forecasts are judged. */
const REPLAY_MONTHS = 2;

/** `expect.poll` with room for a loaded machine: the page renders after its fetches. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 50 });

/** How precisely each statistic is printed, to compare the page's text with the API's number. */
const PRINTED: Record<string, { scale: number; within: number }> = {
  count: { scale: 1, within: 0 },
  pending: { scale: 1, within: 0 },
  hit_rate: { scale: 100, within: 0.05 },
  rmse: { scale: 100, within: 0.005 },
  mape: { scale: 100, within: 0.05 },
  mean_accuracy: { scale: 100, within: 0.05 },
  coverage: { scale: 100, within: 0.05 },
  ic: { scale: 1, within: 0.0005 },
  rank_ic: { scale: 1, within: 0.0005 },
};

/** Checks a printed statistic against the API's value: `–` for none, else the number to its precision. */
function expectPrinted(stat: string, text: string, value: number | null, where: string): void {
  if (value === null) {
    expect(text.trim(), where).toBe('–');
    return;
  }
  const { scale, within } = PRINTED[stat] as { scale: number; within: number };
  // The first number in the cell (coverage carries its nominal level in brackets after it).
  const printed = Number(/-?\d+(?:\.\d+)?/.exec(text)?.[0]);
  expect(Math.abs(printed - value * scale), `${where}: "${text}" vs ${value}`).toBeLessThanOrEqual(
    within + 1e-9,
  );
}

describe.skipIf(!hasChromium)('track record in Chromium (two replayed months)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  const problems: string[] = [];

  const screenshot = async (name: string) => {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      TestServer.start({
        backend: 'postgres',
        label: 'browser_track_record',
        // Thirty symbols: enough for deciles and the per-date IC (five symbols), quick to replay.
        env: { SYNTHETIC_SYMBOLS: '30' },
      }),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      }),
    ]);
    api = new ApiClient(() => server.url);
    // The first live run (the suite runs with forecasting off: no forecast is recorded live).
    await api.get('/api/wachstumsprognose/top10');
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const trackRecord = async (query = '') =>
    (await api.get<TrackRecordResponse>(`/api/track-record${query}`)).body;

  /** Every model row of the page's table against the API's records, statistic by statistic. */
  const expectTable = async (models: readonly ModelRecord[]) => {
    const rows = page.locator('[data-testid="track-record-models"] tbody tr[data-model]');
    await eventually(() => rows.count()).toBe(models.length);
    for (const m of models) {
      const row = page.locator(`tr[data-model="${m.model}"][data-horizon="${m.horizon_days}"]`);
      const baseline = page.locator(`tr[data-baseline="${m.model}"][data-horizon="${m.horizon_days}"]`);
      for (const stat of Object.keys(PRINTED) as (keyof typeof PRINTED & keyof ModelRecord)[]) {
        const where = `${m.model}/${m.horizon_days} ${stat}`;
        expectPrinted(
          stat,
          (await row.locator(`[data-stat="${stat}"]`).textContent()) ?? '',
          m[stat] as number | null,
          where,
        );
      }
      const rw = m.baselines.random_walk;
      for (const stat of ['count', 'rmse', 'mape', 'mean_accuracy'] as const) {
        expectPrinted(
          stat,
          (await baseline.locator(`[data-stat="${stat}"]`).textContent()) ?? '',
          rw[stat],
          `random walk of ${m.model} ${stat}`,
        );
      }
    }
  };

  it('says so while nothing is recorded: no forecasts, and the one live run on the stock page', async () => {
    const record = await trackRecord();
    expect(record.models).toEqual([]);
    await page.goto(`${server.url}/#/track-record`);
    await eventually(() => page.getByTestId('track-record-empty').isVisible()).toBe(true);
    await eventually(() => page.getByTestId('track-record-pending').textContent()).toBe('0');
    const symbol = (
      await api.get<{ top_10_wachstums_aktien: { symbol: string }[] }>('/api/wachstumsprognose/top10')
    ).body.top_10_wachstums_aktien[0]?.symbol as string;
    await page.goto(`${server.url}/#/stock/${symbol}`);
    const chart = page.locator('[data-testid="score-history"] .history-chart');
    await eventually(() => chart.getAttribute('data-runs')).toBe('1');
    expect(await chart.getAttribute('data-replayed')).toBe('0');
  });

  it('replays two months through the server (as REPLAY_MONTHS does at start-up, awaited here)', async () => {
    const report = await server.app.get(ReplayRunner).start(REPLAY_MONTHS);
    expect(report.forecasts, 'the replay recorded forecasts').toBeGreaterThan(0);
  }, 600_000);

  it('shows per model and horizon the statistics the API gives for the same query, beside the random walk', async () => {
    const record = await trackRecord();
    expect(
      record.models.some((m) => m.count > 0),
      'some forecasts were judged',
    ).toBe(true);
    await page.goto(`${server.url}/#/track-record`);
    await expectTable(record.models);
    await eventually(() => page.getByTestId('track-record-pending').textContent()).toBe(
      String(record.pending),
    );
    expect(Number(await page.getByTestId('score-pending').textContent())).toBe(record.score.pending_dates);
    await screenshot('track-record');
  });

  it("draws the ensemble's judged forecasts, its coverage per month and the score's decile returns", async () => {
    const record = await trackRecord();
    const ensemble = record.models
      .filter((m) => m.model === 'ensemble')
      .sort((a, b) => a.horizon_days - b.horizon_days)[0] as ModelRecord;
    const dots = record.points.filter(
      (p) => p.model === 'ensemble' && p.horizon_days === ensemble.horizon_days,
    );
    await eventually(() => page.locator('[data-testid="plot-scatter"] circle').count()).toBe(dots.length);
    const months = record.coverage_over_time.filter((c) => c.model === 'ensemble');
    expect(await page.locator('[data-testid="plot-coverage"] circle').count()).toBe(months.length);
    // Deciles with a known forward return, then the top 10 and the universe.
    const bars =
      record.score.deciles.filter((d) => d.mean_forward_return !== null).length +
      (record.score.top10.mean_forward_return === null ? 0 : 1) +
      (record.score.universe.mean_forward_return === null ? 0 : 1);
    expect(await page.locator('[data-testid="plot-deciles"] rect').count()).toBe(bars);
    const top10 = page.locator('[data-testid="score-record"] tr[data-group="top10"] td');
    const mean = record.score.top10.mean_forward_return;
    expect((await top10.nth(0).textContent())?.trim()).toBe(String(record.score.top10.count));
    if (mean !== null)
      expectPrinted('hit_rate', (await top10.nth(1).textContent()) ?? '', mean, 'top 10 return');
    // Each plot is one image with a name and a description for screen readers.
    for (const id of ['plot-scatter', 'plot-coverage', 'plot-deciles'])
      expect(await page.getByTestId(id).getAttribute('role')).toBe('img');
  });

  it('selects a model and a horizon: the URL names them and the table shows what the API gives for them', async () => {
    const all = await trackRecord();
    const other = all.models.find((m) => m.model !== 'ensemble')?.model;
    expect(other, 'a base model besides the ensemble').toBeDefined();
    const select = page.getByLabel('Model');
    await select.focus();
    await select.selectOption(other as string);
    await eventually(() => page.url()).toContain(`#/track-record?model=${other}`);
    await expectTable((await trackRecord(`?model=${other}`)).models);
    // Then a horizon: both choices stay in the link, and the table follows.
    const horizon = all.models[0]?.horizon_days as number;
    await page.getByLabel('Horizon').selectOption(String(horizon));
    await eventually(() => page.url()).toContain(`#/track-record?model=${other}&horizon=${horizon}`);
    await expectTable((await trackRecord(`?model=${other}&horizon=${horizon}`)).models);
  });

  it('shows on the stock page a history point per run, replayed runs marked', async () => {
    const symbol = (
      await api.get<{ top_10_wachstums_aktien: { symbol: string }[] }>('/api/wachstumsprognose/top10')
    ).body.top_10_wachstums_aktien[0]?.symbol as string;
    const history = (await api.get<ScoreHistoryResponse>(`/api/stocks/${symbol}/history`)).body;
    expect(history.points.some((p) => p.replayed)).toBe(true);
    await page.goto(`${server.url}/#/stock/${symbol}`);
    const chart = page.locator('[data-testid="score-history"] .history-chart');
    await eventually(() => chart.getAttribute('data-runs')).toBe(
      String(new Set(history.points.map((p) => p.date)).size),
    );
    expect(await chart.getAttribute('data-replayed')).toBe(
      String(history.points.filter((p) => p.replayed).length),
    );
    await eventually(() => chart.locator('canvas').count()).toBeGreaterThan(0);
    if (SCREENSHOTS) {
      // The chart draws on animation frames: two painted frames before the picture, of the panel
      // scrolled to the middle of the window (clear of the sticky header).
      await page.evaluate(
        `document.querySelector('[data-testid="score-history"]').scrollIntoView({ block: 'center' })`,
      );
      await page.evaluate(
        'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
      );
      await page.getByTestId('score-history').screenshot({ path: join(SCREENSHOTS, 'score-history.png') });
    }
    // The table lists every run the API gives, in its order, with its score and kind.
    await page.getByText('Every run as a table').click();
    const runs = page.locator('[data-testid="score-history-runs"] tbody tr');
    expect(await runs.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id')))).toEqual(
      history.points.map((p) => p.run_id),
    );
    const first = history.points[0];
    if (first) {
      const cells = runs.first().locator('td');
      expect(await cells.nth(1).textContent()).toBe(first.score.toFixed(1));
      expect(await cells.nth(5).textContent()).toBe(first.replayed ? 'replayed' : 'live');
    }
  });

  it('fits a phone screen: the page does not scroll sideways (the wide table scrolls in its box)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${server.url}/#/track-record`);
      await eventually(() => page.getByTestId('plot-scatter').count()).toBe(1);
      expect(
        await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
      ).toBeLessThanOrEqual(0);
      await screenshot('track-record-phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('logged no errors in the page', () => {
    expect(problems).toEqual([]);
  });
});
