// The dashboard's data source header and data page in Debian's Chromium (headless, playwright-core),
// against a real server on a data folder with one bad file, over the real PostgreSQL. Every figure on
// screen is checked against /api/data/status and the top 10 at that moment.
//
// The server's tsconfig has no DOM library, so code run in the page is passed as strings.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './helpers/api-client.js';
import { writeDataFolder } from './helpers/data-folder.js';
import { TestServer } from './helpers/test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

interface DataStatus {
  asOf: string;
  files: { file: string; status: string; issues: { message: string }[] }[];
  summary: { scorable: number; excluded: number };
  data_source: { provider: string; dir?: string };
}

/** `expect.poll` with room for a loaded CI machine: the page renders after its fetches. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 50 });

describe.skipIf(!hasChromium)('dashboard data page in Chromium (folder with a bad file)', () => {
  const root = mkdtempSync(join(tmpdir(), 'daki-browser-data-'));
  const folder = writeDataFolder(join(root, 'data'));
  // A header without rows: it must be on the page with the report's reason.
  writeFileSync(join(folder, 'prices', 'EMPTY.csv'), 'date,close\n');
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      TestServer.start({
        backend: 'postgres',
        label: 'browser_data',
        env: { DATA_PROVIDER: 'folder', MARKET_DATA_DIR: folder },
      }),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      }),
    ]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('shows the provider and the as-of date of the served data in the header', async () => {
    const api = new ApiClient(() => server.url);
    const top = (
      await api.get<{ as_of: string; data_source: { provider: string } }>('/api/wachstumsprognose/top10')
    ).body;
    await page.goto(`${server.url}/`);
    await eventually(() => page.getByTestId('as-of').textContent()).toBe(top.as_of);
    expect(await page.getByTestId('data-provider').textContent()).toBe(top.data_source.provider);
    const status = (await api.get<DataStatus>('/api/data/status')).body;
    if (status.summary.excluded > 0)
      expect(await page.getByTestId('excluded-count').textContent()).toContain(
        String(status.summary.excluded),
      );
  });

  it('lists the bad file on the data page with the reason the report gives', async () => {
    const status = (await new ApiClient(() => server.url).get<DataStatus>('/api/data/status')).body;
    const bad = status.files.find((f) => f.file === 'prices/EMPTY.csv');
    expect(bad?.status).toBe('excluded');
    await page.goto(`${server.url}/#/data`);
    const row = page.locator('[data-testid="data-files"] tr[data-file="prices/EMPTY.csv"]');
    await eventually(() => row.count()).toBe(1);
    expect(await row.getAttribute('data-status')).toBe('excluded');
    expect(await row.getByTestId('reason').allTextContents()).toEqual(bad?.issues.map((i) => i.message));
    expect(await page.getByTestId('scorable').textContent()).toBe(String(status.summary.scorable));
    // Good files are not listed as problems.
    expect(await page.locator('[data-testid="data-files"] tr[data-file="prices/DAX.csv"]').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
