import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@da-ki/sdk';

/** One symbol of a test folder. */
export interface TestSymbol {
  symbol: string;
  name: string;
  sector: string;
  /** Mean daily log return: symbols with a higher drift should rank higher on performance. */
  drift: number;
  /** Bars to leave off the end (a stale series ends this many weekdays before the others). */
  endEarly?: number;
  /** Only the last this many bars (a short history that ends with the others). */
  bars?: number;
  /** pe, pb, debt_to_equity, roe, revenue_growth, eps_growth */
  fundamentals?: [number, number, number, number, number, number];
  headline?: string;
}

/** Eight symbols in two sectors, drifts far apart; names with commas to exercise CSV quoting. */
export const TEST_SYMBOLS: TestSymbol[] = [
  {
    symbol: 'ALFA',
    name: 'Alfa, Inc.',
    sector: 'Technology',
    drift: 0.0016,
    fundamentals: [14, 2, 0.3, 0.22, 0.2, 0.25],
    headline: 'Alfa beats estimates and raises guidance',
  },
  {
    symbol: 'BETA',
    name: 'Beta Systems',
    sector: 'Technology',
    drift: 0.001,
    fundamentals: [22, 3, 0.6, 0.14, 0.1, 0.08],
    headline: 'Beta wins a large contract',
  },
  {
    symbol: 'GAMA',
    name: 'Gamma Corp',
    sector: 'Technology',
    drift: 0.0002,
    fundamentals: [30, 5, 1.2, 0.06, 0.02, -0.02],
    headline: 'Gamma misses forecasts',
  },
  {
    symbol: 'DELT',
    name: 'Delta Soft',
    sector: 'Technology',
    drift: -0.0008,
    fundamentals: [45, 7, 2.1, 0.02, -0.05, -0.1],
    headline: 'Delta warns of losses and cuts jobs',
  },
  {
    symbol: 'EPSI',
    name: 'Epsilon Bank',
    sector: 'Financials',
    drift: 0.0012,
    fundamentals: [9, 1.1, 0.8, 0.12, 0.06, 0.09],
    headline: 'Epsilon reports record profit',
  },
  {
    symbol: 'ZETA',
    name: 'Zeta Insurance',
    sector: 'Financials',
    drift: 0.0004,
    fundamentals: [12, 1.4, 0.9, 0.1, 0.03, 0.04],
    headline: 'Zeta keeps its dividend',
  },
  {
    symbol: 'ETAA',
    name: 'Eta Credit',
    sector: 'Financials',
    drift: -0.0004,
    fundamentals: [16, 1.9, 1.5, 0.07, 0.0, -0.03],
    headline: 'Eta faces a regulator probe',
  },
  {
    symbol: 'THET',
    name: 'Theta Capital',
    sector: 'Financials',
    drift: -0.0012,
    fundamentals: [25, 2.5, 2.5, 0.03, -0.04, -0.12],
    headline: 'Theta shares plunge after fraud claims',
  },
];

/** Options of {@link writeTestFolder}. */
export interface TestFolderOptions {
  symbols?: TestSymbol[];
  /** Bars per symbol. Default 320 (more than the 12-month return needs). */
  bars?: number;
  /** Date of the last bar. Default 2024-06-28. */
  lastDate?: string;
  /** Extra files, relative path → content (a bad price file, a header-only file). */
  extra?: Record<string, string>;
  /** Leave out universe.csv, fundamentals.csv and news.csv. */
  pricesOnly?: boolean;
}

/** `count` weekdays ending on `last` (YYYY-MM-DD), oldest first. */
export function weekdays(last: string, count: number): string[] {
  const dates: string[] = [];
  const day = new Date(`${last}T00:00:00Z`);
  while (dates.length < count) {
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) dates.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() - 1);
  }
  return dates.reverse();
}

/**
 * Writes a data folder in the documented format into a new temp dir: universe.csv,
 * prices/<SYMBOL>.csv (date,open,high,low,close,volume; seeded random walks), fundamentals.csv
 * dated 40 bars before the end, news.csv two days before the end. Returns the folder and a
 * function that removes it.
 */
export function writeTestFolder(options: TestFolderOptions = {}): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'da-ki-cli-'));
  const symbols = options.symbols ?? TEST_SYMBOLS;
  const bars = options.bars ?? 320;
  const dates = weekdays(options.lastDate ?? '2024-06-28', bars);
  mkdirSync(join(dir, 'prices'), { recursive: true });
  for (const s of symbols) {
    const rng = createRng(s.symbol);
    let price = 50 + rng.next() * 50;
    const lines = ['date,open,high,low,close,volume'];
    const own = dates.slice(0, dates.length - (s.endEarly ?? 0));
    for (const date of s.bars === undefined ? own : own.slice(-s.bars)) {
      const open = price;
      price *= Math.exp(s.drift + 0.012 * rng.normal());
      const high = Math.max(open, price) * 1.004;
      const low = Math.min(open, price) * 0.996;
      lines.push(
        `${date},${open.toFixed(4)},${high.toFixed(4)},${low.toFixed(4)},${price.toFixed(4)},${Math.round(1e6 + 5e5 * rng.next())}`,
      );
    }
    writeFileSync(join(dir, 'prices', `${s.symbol}.csv`), `${lines.join('\n')}\n`);
  }
  if (!options.pricesOnly) {
    const quote = (text: string) => (/[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
    writeFileSync(
      join(dir, 'universe.csv'),
      `symbol,name,sector\n${symbols.map((s) => `${s.symbol},${quote(s.name)},${s.sector}`).join('\n')}\n`,
    );
    const fundamentalsDate = dates[dates.length - 40] as string;
    writeFileSync(
      join(dir, 'fundamentals.csv'),
      `symbol,date,pe,pb,debt_to_equity,roe,revenue_growth,eps_growth\n${symbols
        .filter((s) => s.fundamentals)
        .map((s) => `${s.symbol},${fundamentalsDate},${s.fundamentals?.join(',')}`)
        .join('\n')}\n`,
    );
    const newsDate = dates[dates.length - 3] as string;
    writeFileSync(
      join(dir, 'news.csv'),
      `symbol,published_at,headline,source\n${symbols
        .filter((s) => s.headline)
        .map((s) => `${s.symbol},${newsDate}T09:00:00Z,${quote(s.headline as string)},wire`)
        .join('\n')}\n`,
    );
  }
  for (const [file, content] of Object.entries(options.extra ?? {})) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
