// The dashboard's screener, market map, compare view and forecast fan end to end, in Debian's
// Chromium (headless, playwright-core), against real servers on loopback over the real PostgreSQL.
// Every list on screen is checked against the API's answer to the same query at that moment.
//
// The server's tsconfig has no DOM library, so code run in the page is passed as strings.
// Set DAKI_SCREENSHOTS=<folder> to save the screenshots the README shows (docs/img).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './helpers/api-client.js';
import { TestServer } from './helpers/test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SCREENSHOTS = process.env.DAKI_SCREENSHOTS;

interface Item {
  symbol: string;
  sector: string;
  score: number;
  prediction?: { status: string };
}
interface StockPage {
  items: Item[];
  total: number;
  sectors: string[];
}

/** `expect.poll` with room for a loaded machine: the page renders after its fetches. */
const eventually = <T>(read: () => T | Promise<T>, timeout = 15_000) =>
  expect.poll(read, { timeout, interval: 50 });

const launch = () =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });

/** Console errors, page errors and CSP violations of a page, for the final "nothing went wrong". */
function watch(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** The symbols of the screener's table rows, in order. */
const tableSymbols = (page: Page) =>
  page
    .locator('[data-testid="screener-table"] tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-symbol')));

describe.skipIf(!hasChromium)('screener, map and compare in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: ApiClient;
  const problems: string[] = [];
  const json = async <T>(path: string) => {
    const response = await api.get<T>(path);
    expect(response.status, path).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      TestServer.start({ backend: 'postgres', label: 'browser_views' }),
      launch(),
    ]);
    api = new ApiClient(() => server.url);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    watch(page, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('loads the screener, map and compare code only when one of them is opened', async () => {
    const scripts: string[] = [];
    const visitor = await context.newPage();
    watch(visitor, problems);
    visitor.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await visitor.goto(`${server.url}/`);
    await eventually(() => visitor.locator('[data-testid="top10"] > li').count()).toBe(10);
    await visitor.waitForLoadState('networkidle');
    expect(scripts.filter((s) => /(screener|map|compare)-view/.test(s))).toEqual([]);
    await visitor.getByRole('link', { name: 'Screener', exact: true }).click();
    await eventually(() => visitor.getByTestId('screener-table').count()).toBe(1);
    expect(scripts.filter((s) => /screener-view/.test(s))).toHaveLength(1);
    await visitor.close();
  });

  it('narrows the screener to what the API returns for the same filters, and says how many', async () => {
    const { sectors } = await json<StockPage>('/api/stocks?page_size=1');
    const [sector] = sectors;
    await page.goto(`${server.url}/#/screener`);
    await page.getByLabel('Score at least', { exact: true }).fill('40');
    await page.getByLabel('Score at least', { exact: true }).press('Tab');
    await page.locator(`[data-filter="sector"] input[value="${sector}"]`).check();
    await page.locator('[data-filter="risk"] input[value="high"]').check();
    await page.locator('[data-filter="risk"] input[value="medium"]').check();

    const query = `score_min=40&sector=${encodeURIComponent(sector as string)}&risk=high,medium&sort=-score`;
    const expected = await json<StockPage>(`/api/stocks?${query}&page=1&page_size=25`);
    const all = await json<StockPage>('/api/stocks?page_size=1');
    expect(expected.total, 'the filter leaves some stocks out and some in').toBeLessThan(all.total);
    expect(expected.total).toBeGreaterThan(0);
    await eventually(() => tableSymbols(page)).toEqual(expected.items.map((s) => s.symbol));
    expect(await page.getByTestId('screener-count').getAttribute('data-total')).toBe(String(expected.total));
    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/^#\/screener\?/);
    expect(Object.fromEntries(new URLSearchParams(hash.slice(hash.indexOf('?') + 1)))).toEqual({
      score_min: '40',
      sector,
      risk: 'high,medium',
    });
    await screenshot(page, 'screener');
  });

  it('opens the screener from the top 10 with the chosen sector already filtered', async () => {
    const { sectors } = await json<StockPage>('/api/stocks?page_size=1');
    const sector = sectors.at(-1) as string;
    const visitor = await context.newPage();
    watch(visitor, problems);
    await visitor.goto(`${server.url}/`);
    await visitor.getByLabel('Filter by sector').selectOption(sector);
    await eventually(() => visitor.getByTestId('to-screener').getAttribute('href')).toContain('sector=');
    await visitor.getByTestId('to-screener').click();
    const expected = await json<StockPage>(
      `/api/stocks?sector=${encodeURIComponent(sector)}&sort=-score&page=1&page_size=25`,
    );
    await eventually(() => tableSymbols(visitor)).toEqual(expected.items.map((s) => s.symbol));
    expect(await visitor.locator(`[data-filter="sector"] input[value="${sector}"]`).isChecked()).toBe(true);
    await visitor.close();
  });

  it('keeps the screen in the URL: a reload shows the same filters, columns, sort and rows', async () => {
    await page.locator('summary', { hasText: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'RSI 14', exact: true }).check();
    await eventually(() => page.locator('[data-testid="screener-table"] th[data-sort="rsi"]').count()).toBe(
      1,
    );
    // Sort by the new column from the keyboard: its header is a button.
    await page.locator('th[data-sort="rsi"] button').focus();
    await page.keyboard.press('Enter');
    await eventually(() => new URL(page.url()).hash).toContain('sort=-rsi');
    const hash = new URL(page.url()).hash;
    const query = hash.slice(hash.indexOf('?') + 1);
    const params = new URLSearchParams(query);
    params.delete('columns');
    const expected = await json<StockPage>(`/api/stocks?${params}&page=1&page_size=25`);
    await eventually(() => tableSymbols(page)).toEqual(expected.items.map((s) => s.symbol));

    await page.reload();
    await eventually(() => tableSymbols(page)).toEqual(expected.items.map((s) => s.symbol));
    expect(new URL(page.url()).hash).toBe(hash);
    expect(await page.getByLabel('Score at least', { exact: true }).inputValue()).toBe('40');
    expect(
      await page.locator('[data-filter="risk"] input:checked').evaluateAll((boxes) => boxes.length),
    ).toBe(2);
    expect(await page.locator('th[data-sort="rsi"]').getAttribute('aria-sort')).toBe('descending');
  });

  it('exports the same screen as CSV: the link carries the query and the file has every matching stock', async () => {
    const href = (await page.getByTestId('screener-csv').getAttribute('href')) as string;
    const hash = new URL(page.url()).hash;
    const screen = new URLSearchParams(hash.slice(hash.indexOf('?') + 1));
    const link = new URLSearchParams(href.slice(href.indexOf('?') + 1));
    expect(link.get('format')).toBe('csv');
    for (const name of ['score_min', 'sector', 'risk', 'sort'])
      expect(link.get(name), name).toBe(screen.get(name));
    const response = await fetch(`${server.url}${href}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...lines] = (await response.text()).trim().split(/\r?\n/);
    const column = (header as string).split(',').indexOf('symbol');
    expect(column).toBeGreaterThanOrEqual(0);
    link.delete('format');
    const all = await json<StockPage>(`/api/stocks?${link}&page_size=200`);
    expect(lines.map((line) => line.split(',')[column])).toEqual(all.items.map((s) => s.symbol));
  });

  it('shows the API error, which names the parameter, for a screen the API refuses', async () => {
    await page.goto(`${server.url}/#/screener?score_min=80&score_max=20`);
    await eventually(() => page.getByRole('alert').textContent()).toMatch(/score_min/);
    // The rows of the screen before are gone: they are not this screen's answer.
    expect(await page.getByTestId('screener-table').count()).toBe(0);
    expect(await page.getByTestId('screener-count').textContent()).toContain('refused');
  });

  it('labels every control of the screener for screen readers', async () => {
    await page.goto(`${server.url}/#/screener`);
    await eventually(() => page.getByTestId('screener-table').count()).toBe(1);
    const unlabelled = await page.evaluate<
      string[]
    >(`[...document.querySelectorAll('.screener input, .screener select, .screener button')]
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
      .map((el) => el.outerHTML.slice(0, 80))`);
    expect(unlabelled).toEqual([]);
  });

  it('compares the stocks ticked in the screener', async () => {
    await page.goto(`${server.url}/#/screener`);
    await eventually(async () => (await tableSymbols(page)).length).toBe(25);
    const [first, second] = (await tableSymbols(page)) as string[];
    await page.getByRole('checkbox', { name: `Compare ${first}`, exact: true }).check();
    await page.getByRole('checkbox', { name: `Compare ${second}`, exact: true }).check();
    await page.getByTestId('screener-compare').click();
    const heads = page.locator('[data-testid="compare-table"] thead th[data-symbol]');
    await eventually(() =>
      heads.evaluateAll((ths) => ths.map((th) => th.getAttribute('data-symbol'))),
    ).toEqual([first, second]);
  });

  it('draws a map tile for every stock, and lists every stock of a sector under it', async () => {
    const all = await json<StockPage>('/api/stocks?page_size=200');
    await page.goto(`${server.url}/#/map`);
    const canvas = page.locator('canvas.heat-map-canvas');
    await eventually(() => canvas.getAttribute('data-tiles')).toBe(String(all.total));
    for (const sector of all.sectors) {
      const listed = await page
        .locator(`ul[data-sector="${sector}"] li`)
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-symbol')));
      const expected = all.items.filter((s) => s.sector === sector).map((s) => s.symbol);
      expect(listed.sort(), sector).toEqual(expected.sort());
    }
    await page.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
    );
    await screenshot(page, 'map');
  });

  it('moves across the map with the arrow keys and opens the stock under the focus with Enter', async () => {
    const { total } = await json<StockPage>('/api/stocks?page_size=1');
    await page.goto(`${server.url}/#/map`);
    const canvas = page.locator('canvas.heat-map-canvas');
    await eventually(() => canvas.getAttribute('data-tiles')).toBe(String(total));
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    const focused = page.getByTestId('map-readout').locator('strong');
    await eventually(() => focused.count()).toBe(1);
    const first = await focused.textContent();
    await page.keyboard.press('ArrowDown');
    await eventually(() => focused.textContent()).not.toBe(first);
    const symbol = (await focused.textContent()) as string;
    await page.keyboard.press('Enter');
    await eventually(() => new URL(page.url()).hash).toBe(`#/stock/${symbol}`);
  });

  it('says so when a view cannot be loaded, instead of showing a blank page', async () => {
    // A context of its own, so no cached copy of the chunk answers; not watched: the failure is the point.
    const cut = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const visitor = await cut.newPage();
    await visitor.route(/\/assets\/compare-view-[^/]+\.js$/, (route) => route.abort());
    await visitor.goto(`${server.url}/#/compare`);
    await eventually(() => visitor.getByRole('alert').textContent()).toContain('could not be loaded');
    await cut.close();
  });

  it('compares the chosen symbols side by side', async () => {
    const top = (await json<StockPage>('/api/stocks?sort=rank&page_size=3')).items.map((s) => s.symbol);
    await page.goto(`${server.url}/#/compare?symbols=${top.join(',')}`);
    const heads = page.locator('[data-testid="compare-table"] thead th[data-symbol]');
    await eventually(() =>
      heads.evaluateAll((ths) => ths.map((th) => th.getAttribute('data-symbol'))),
    ).toEqual(top);
    await eventually(() => page.getByTestId('compare-chart').count()).toBe(1);
    await page.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
    );
    await screenshot(page, 'compare');
  });

  it('fits a phone screen: the new views do not scroll sideways at 390 px', async () => {
    const phone = await context.newPage();
    watch(phone, problems);
    await phone.setViewportSize({ width: 390, height: 844 });
    const top = (await json<StockPage>('/api/stocks?sort=rank&page_size=2')).items.map((s) => s.symbol);
    for (const [hash, ready] of [
      ['#/screener', '[data-testid="screener-table"]'],
      ['#/map', 'canvas.heat-map-canvas[data-tiles]'],
      [`#/compare?symbols=${top.join(',')}`, '[data-testid="compare-table"]'],
    ] as const) {
      await phone.goto(`${server.url}/${hash}`);
      await phone.locator(ready).first().waitFor();
      await phone.waitForLoadState('networkidle');
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
      if (hash === '#/screener') await screenshot(phone, 'screener-phone');
    }
    await phone.close();
  });

  it('logged no error and no Content-Security-Policy violation along the way', () => {
    // The refused screen above is an answer the page shows, logged by Chromium as a failed fetch.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });
});

describe.skipIf(!hasChromium)('forecast progress and fan in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  const problems: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      // The fast ensemble on a small universe: training takes tens of seconds, long enough to watch.
      TestServer.start({
        backend: 'postgres',
        label: 'browser_fan',
        env: { FORECAST_MODE: 'fast', SYNTHETIC_SYMBOLS: '40' },
      }),
      launch(),
    ]);
    api = new ApiClient(() => server.url);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    watch(page, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows the training stage and percent on the top 10 and the stock page, then the forecast without a reload', async () => {
    const top = await api.get<{ top_10_wachstums_aktien: Item[] }>('/api/wachstumsprognose/top10');
    expect(top.body.top_10_wachstums_aktien[0]?.prediction?.status, 'still training').toBe('training');
    const symbol = top.body.top_10_wachstums_aktien[0]?.symbol as string;
    // Two pages watching the same training: the top 10 and the best stock's page.
    const stockPage = await page.context().newPage();
    watch(stockPage, problems);
    await Promise.all([page.goto(`${server.url}/`), stockPage.goto(`${server.url}/#/stock/${symbol}`)]);
    await stockPage.evaluate('window.__sameDocument = true');
    // The first progress event comes once the dataset is built, later on a busy machine (the page
    // says "Training: starting…" until then).
    for (const shown of [page, stockPage])
      await eventually(() => shown.getByTestId('training-status').textContent(), 90_000).toMatch(
        /^Training: .+ \d+%/,
      );
    // Training ends by itself; each page notices on its next poll and shows what is ready.
    await eventually(() => page.getByTestId('training-status').count(), 150_000).toBe(0);
    const ready = await api.get<{ top_10_wachstums_aktien: Item[] }>('/api/wachstumsprognose/top10');
    expect(ready.body.top_10_wachstums_aktien[0]?.prediction?.status).toBe('ready');
    await eventually(() => stockPage.getByTestId('forecast').textContent(), 30_000).toContain(
      'prediction interval',
    );
    expect(await stockPage.getByTestId('training-status').count()).toBe(0);
    expect(await stockPage.evaluate('window.__sameDocument'), 'no reload of the page').toBe(true);
    await stockPage.close();
  }, 300_000);

  it('draws the forecast as a fan that starts after the last bar', async () => {
    const top = await api.get<{ top_10_wachstums_aktien: Item[] }>('/api/wachstumsprognose/top10');
    const symbol = top.body.top_10_wachstums_aktien[0]?.symbol as string;
    await page.goto(`${server.url}/#/stock/${symbol}`);
    const chart = page.locator('figure.price-chart');
    await eventually(() => chart.getAttribute('data-forecast-from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const last = (await chart.getAttribute('data-last-bar')) as string;
    const from = (await chart.getAttribute('data-forecast-from')) as string;
    const to = (await chart.getAttribute('data-forecast-to')) as string;
    expect(from > last, `fan from ${from}, last bar ${last}`).toBe(true);
    expect(to > from).toBe(true);
    await eventually(() => page.getByTestId('forecast').textContent()).toContain('prediction interval');
    await eventually(() => page.locator('.chart-canvas canvas').count()).toBeGreaterThanOrEqual(3);
    await page.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
    );
    await screenshot(page, 'stock-fan');
    expect(problems).toEqual([]);
  }, 60_000);
});
