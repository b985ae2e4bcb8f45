// The web dashboard end to end, in Debian's Chromium (headless, driven by playwright-core), against a
// real server on loopback over the real PostgreSQL at DATABASE_URL (a schema of its own). Prices move
// only when the test ticks the server's own price task, so every figure on screen can be checked
// against the API at that moment.
//
// The server's tsconfig has no DOM library, so code run in the page is passed as strings.
// Set DAKI_SCREENSHOTS=<folder> to save the screenshots the README shows (docs/img).
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ConfigModule from '../src/config/config.js';
import type * as UpdateTasksModule from '../src/jobs/update-tasks.js';
import type * as ServerModule from '../src/server.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `browser dashboard tests skipped: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`,
  );
}

// The COMPILED server (vitest's transform would drop the decorator metadata Nest injects by); the
// `typeof import(src)` casts only lend the types.
const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { startServer } = await dist<typeof ServerModule>('server.js');
const { loadConfig } = await dist<typeof ConfigModule>('config/config.js');
const { UpdateTasks } = await dist<typeof UpdateTasksModule>('jobs/update-tasks.js');

const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCREENSHOTS = process.env.DAKI_SCREENSHOTS;
const DAY_MS = String(24 * 60 * 60_000);
const PASSWORD = 'correct horse battery staple';

interface Top10 {
  top_10_wachstums_aktien: { symbol: string; score: number; current_price: number }[];
}
interface StockPage {
  items: { symbol: string }[];
}
interface Position {
  position_id: string;
  symbol: string;
  shares: number;
  investment: number;
  current_price: number;
  profit_loss: number;
  stop_loss: number | null;
  take_profit: number | null;
  alert_triggered: boolean;
}
interface Summary {
  total_value: number;
  profit_loss: number;
  positions: Position[];
}

/**
 * `expect.poll` with room for a loaded CI machine (two cores shared with the other test files): the
 * page renders after its fetches and socket events, which take what they take.
 */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 50 });

/** A number as the page prints it (`+1,234.56`, `-0.40 %`), read back. */
const readNumber = (text: string | null): number => Number((text ?? '').replace(/[^0-9.+-]/g, ''));

describe.skipIf(!hasChromium)('web dashboard in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const schema = `t_browser_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'daki-browser-'));
  const problems: string[] = [];
  const email = `browser-${randomUUID().slice(0, 8)}@example.com`;

  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, init);
    expect(response.status, `${path}: ${response.status}`).toBeLessThan(300);
    return (await response.json()) as T;
  };
  const token = async () =>
    (
      await api<{ access_token: string }>('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      })
    ).access_token;
  const summary = async () =>
    api<Summary>('/api/monitoring/summary', { headers: { authorization: `Bearer ${await token()}` } });
  const screenshot = async (name: string, target: Page = page) => {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  };
  /** Waits until the chart's canvases exist and two frames have been painted (the chart draws on animation frames). */
  const chartDrawn = async (target: Page) => {
    await eventually(() => target.locator('.chart-canvas canvas').count()).toBeGreaterThanOrEqual(3);
    await target.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
    );
  };
  const watch = (target: Page) => {
    target.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${message.type()}: ${message.text()}`);
    });
    target.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  };

  beforeAll(async () => {
    // No Redis: one instance with the in-process scheduler, whose timers are a day apart, so nothing
    // moves until the test ticks the price task itself.
    const config = loadConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      DATABASE_URL: POSTGRES_URL,
      RATE_LIMIT_PER_MINUTE: '1000000',
      PRICE_INTERVAL_MS: DAY_MS,
      SCORE_INTERVAL_MS: DAY_MS,
      NEWS_INTERVAL_MS: DAY_MS,
    });
    [server, browser] = await Promise.all([
      startServer(config, { databaseSchema: schema }),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        // As on the project's machines: no sandbox as root, and no background traffic to the outside.
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
    ]);
    // The first scoring run: the API answers once it is done.
    await api<Top10>('/api/wachstumsprognose/top10');
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    watch(page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await admin.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the page at / with a strict Content-Security-Policy, gzipped, and its hashed assets for a year', async () => {
    const response = await fetch(`${server.url}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, 'index.html names its script').toBeDefined();
    const asset = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/assets/..%2Fserver.js`)).status).toBe(404);
    const revalidated = await fetch(`${server.url}/`, {
      headers: { 'if-none-match': response.headers.get('etag') ?? '' },
    });
    expect(revalidated.status).toBe(304);
  });

  it('renders the top 10 from the API: the same ten symbols in the same order, with their scores', async () => {
    const top = await api<Top10>('/api/wachstumsprognose/top10');
    await page.goto(`${server.url}/`);
    const rows = page.locator('[data-testid="top10"] > li');
    await eventually(() => rows.count()).toBe(10);
    const symbols = await rows.evaluateAll((items) => items.map((li) => li.getAttribute('data-symbol')));
    expect(symbols).toEqual(top.top_10_wachstums_aktien.map((s) => s.symbol));
    const scores = await page.locator('[data-testid="top10"] [data-testid="score"]').allTextContents();
    expect(scores.map(Number)).toEqual(top.top_10_wachstums_aktien.map((s) => Number(s.score.toFixed(1))));
    await eventually(() => page.getByTestId('live-state').textContent()).toBe('Live');
    await screenshot('top10');
  });

  it('sorts and pages the universe table through the API', async () => {
    const table = page.locator('[data-testid="universe"] tbody tr');
    await page.locator('[data-testid="universe"] th', { hasText: 'Momentum' }).getByRole('button').click();
    const byMomentum = await api<StockPage>('/api/stocks?sort=-momentum&page_size=25');
    await eventually(() => table.first().locator('td').nth(1).textContent()).toBe(
      byMomentum.items[0]?.symbol,
    );
    await page.getByRole('button', { name: 'Next →' }).click();
    const second = await api<StockPage>('/api/stocks?sort=-momentum&page_size=25&page=2');
    await eventually(() => table.locator('td:nth-child(2)').allTextContents()).toEqual(
      second.items.map((s) => s.symbol),
    );
  });

  it('filters the top 10 by sector', async () => {
    const sector = 'Health Care';
    await page.getByLabel('Filter by sector').selectOption(sector);
    const best = await api<StockPage>(
      `/api/stocks?sector=${encodeURIComponent(sector)}&sort=rank&page_size=10`,
    );
    const rows = page.locator('[data-testid="top10"] > li');
    await eventually(() =>
      rows.evaluateAll((items) => items.map((li) => li.getAttribute('data-symbol'))),
    ).toEqual(best.items.map((s) => s.symbol));
    await page.getByLabel('Filter by sector').selectOption('');
  });

  it('shows a stock with its candlestick chart, indicator panes, forecast state and factor breakdown', async () => {
    const symbol = (await api<Top10>('/api/wachstumsprognose/top10')).top_10_wachstums_aktien[0]
      ?.symbol as string;
    const detail = await api<{
      prediction: { status?: string } | null;
      indicators: Record<string, number | null>;
    }>(`/api/stocks/${symbol}`);
    await page.locator(`[data-symbol="${symbol}"] a.symbol`).click();
    expect(page.url()).toContain(`#/stock/${symbol}`);
    // Lightweight Charts draws on canvases: the price pane and the two indicator panes (plus axes).
    await chartDrawn(page);
    const panes = await page.locator('.chart-canvas table tr').count();
    expect(panes, 'price, RSI and MACD panes with their separators').toBeGreaterThanOrEqual(3);
    const forecast = page.getByTestId('forecast');
    // The suite runs with forecasting off: the panel says so instead of drawing a forecast.
    if (detail.prediction?.status !== 'ready')
      await eventually(() => forecast.textContent()).toContain('forecasting is turned off');
    else await eventually(() => forecast.textContent()).toContain('prediction interval');
    await eventually(() => page.locator('.factor-card').count()).toBe(5);
    const rsi = await page.locator('.indicator-strip div', { hasText: 'RSI 14' }).locator('dd').textContent();
    expect(readNumber(rsi)).toBeCloseTo(detail.indicators.rsi_14 as number, 2);
    await chartDrawn(page);
    await screenshot('stock');
  });

  it('registers in the page and adds top-10 stocks to the portfolio in one click each; the API summary has them', async () => {
    await page.goto(`${server.url}/#/portfolio`);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Register and sign in' }).click();
    await eventually(() => page.getByTestId('summary').count()).toBe(1);

    const picks = (await api<Top10>('/api/wachstumsprognose/top10')).top_10_wachstums_aktien.slice(0, 3);
    await page.getByRole('link', { name: 'Top 10', exact: true }).click();
    for (const pick of picks) {
      await page.getByRole('button', { name: `Add ${pick.symbol} to the portfolio` }).click();
      await eventually(() => page.locator('.toast-success').allTextContents()).toContainEqual(
        expect.stringContaining(`Added 10 × ${pick.symbol}`),
      );
    }

    // The defaults of the one-click settings: 10 shares at the shown price, stop-loss 10 % below, take-profit 20 % above.
    const after = await summary();
    expect(after.positions.map((p) => p.symbol).sort()).toEqual(picks.map((p) => p.symbol).sort());
    for (const pick of picks) {
      const position = after.positions.find((p) => p.symbol === pick.symbol) as Position;
      expect(position.shares).toBe(10);
      expect(position.investment).toBeCloseTo(10 * pick.current_price, 2);
      expect(position.stop_loss).toBeCloseTo(pick.current_price * 0.9, 2);
      expect(position.take_profit).toBeCloseTo(pick.current_price * 1.2, 2);
    }

    await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
    await eventually(() => page.locator('[data-testid="positions"] tbody tr').count()).toBe(3);
    expect(readNumber(await page.getByTestId('total-value').textContent())).toBeCloseTo(after.total_value, 2);
  });

  it('a pushed price update changes the P/L on screen without a reload, and a crossed limit raises an alert', async () => {
    const tasks = server.app.get(UpdateTasks, { strict: false });
    const before = await summary();
    const symbols = before.positions.map((p) => p.symbol);
    const shown = page.getByTestId('total-pl');
    expect(readNumber(await shown.textContent())).toBeCloseTo(before.profit_loss, 2);

    // From here on the page may not ask the API for the portfolio: changes must come over the socket.
    const polled: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (/\/api\/(monitoring|live-monitoring)/.test(request.url())) polled.push(request.url());
    };
    page.on('request', onRequest);
    await page.evaluate('window.__sameDocument = true');

    // The next market minute on the simulated clock: new prices for the positions' symbols.
    let tick = Math.floor(Date.now() / 60_000);
    await tasks.prices(symbols, ++tick);
    const moved = await summary();
    expect(moved.profit_loss, 'the tick moved the prices').not.toBe(before.profit_loss);
    await eventually(async () => readNumber(await shown.textContent())).toBeCloseTo(moved.profit_loss, 2);
    for (const position of moved.positions) {
      const row = page.locator(`tr[data-symbol="${position.symbol}"]`);
      expect(readNumber(await row.getByTestId('position-price').textContent())).toBeCloseTo(
        position.current_price,
        2,
      );
      expect(readNumber(await row.getByTestId('position-pl').locator('span').textContent())).toBeCloseTo(
        position.profit_loss,
        2,
      );
    }

    // Limits a cent either side of one position's new price: the next tick that moves it crosses one.
    const target = moved.positions[0] as Position;
    const patched = await fetch(`${server.url}/api/live-monitoring/${target.position_id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
      body: JSON.stringify({
        stop_loss: Math.round((target.current_price - 0.01) * 100) / 100,
        take_profit: Math.round((target.current_price + 0.01) * 100) / 100,
      }),
    });
    expect(patched.status).toBe(200);
    let alerted = false;
    for (let i = 0; i < 5 && !alerted; i++) {
      await tasks.prices(symbols, ++tick);
      alerted =
        (await summary()).positions.find((p) => p.position_id === target.position_id)?.alert_triggered ===
        true;
    }
    expect(alerted, 'a tick crossed a limit').toBe(true);
    await eventually(() => page.locator('.toast-alert').textContent()).toContain(target.symbol);
    await eventually(() => page.getByTestId('alerts').locator('li').allTextContents()).toEqual([
      expect.stringContaining(target.symbol),
    ]);
    await eventually(() => page.locator(`tr[data-symbol="${target.symbol}"].alerted`).count()).toBe(1);
    expect(readNumber(await shown.textContent())).toBeCloseTo((await summary()).profit_loss, 2);

    page.off('request', onRequest);
    expect(polled, 'no REST reload of the portfolio').toEqual([]);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    await page.mouse.move(0, 0);
    await screenshot('portfolio');
  });

  it('fits a phone screen: no view scrolls sideways at 390 px', async () => {
    const phone = await context.newPage();
    watch(phone);
    await phone.setViewportSize({ width: 390, height: 844 });
    const symbol = (await api<Top10>('/api/wachstumsprognose/top10')).top_10_wachstums_aktien[0]
      ?.symbol as string;
    for (const [hash, name] of [
      ['#/', 'top10'],
      [`#/stock/${symbol}`, 'stock'],
      ['#/portfolio', 'portfolio'],
    ]) {
      await phone.goto(`${server.url}/${hash}`);
      await phone.locator('main .panel').first().waitFor();
      await phone.waitForLoadState('networkidle');
      if (name === 'stock') await chartDrawn(phone);
      await screenshot(`${name}-phone`, phone);
      const overflow = await phone.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      const sticking = await phone.evaluate<string[]>(`[...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((element) => element.tagName.toLowerCase() + '.' + element.className)`);
      expect(
        overflow,
        `${hash} is wider than the screen: ${sticking.slice(0, 5).join(', ')}`,
      ).toBeLessThanOrEqual(0);
    }
    await phone.close();
  });

  it('signs out a stored session whose token the server refuses, and stays live anonymously', async () => {
    const stale = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // A well-formed HS256 token signed with another secret, stored as by an earlier visit.
    const forged = ['{"alg":"HS256","typ":"JWT"}', '{"sub":"someone","scopes":["read","write"]}', 'signature']
      .map((part) => Buffer.from(part).toString('base64url'))
      .join('.');
    await stale.addInitScript(
      `localStorage.setItem('daki.session', ${JSON.stringify(JSON.stringify({ email: 'old@example.com', token: forged, expiresAt: Date.now() + 3_600_000 }))})`,
    );
    const visitor = await stale.newPage();
    await visitor.goto(`${server.url}/#/portfolio`);
    await eventually(() => visitor.getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(1);
    await eventually(() => visitor.getByTestId('live-state').textContent()).toBe('Live');
    expect(await visitor.evaluate("localStorage.getItem('daki.session')")).toBeNull();
    await stale.close();
  });

  it('logged no error and no Content-Security-Policy violation along the way', () => {
    expect(problems).toEqual([]);
  });
});
