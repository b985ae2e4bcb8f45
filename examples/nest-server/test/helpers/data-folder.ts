import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real series of the example folder (examples/data, copied from ../shared/data): four European
 * indices, daily closes 1991–1998 (R's EuStockMarkets), one column per index.
 */
const EXAMPLE_SERIES = fileURLToPath(new URL('../../../data/prices/eustockmarkets.csv', import.meta.url));

/** A symbol of a test folder: its ticker, the column of eustockmarkets.csv, name and sector for universe.csv. */
export interface FolderSymbol {
  symbol: string;
  column: 'DAX' | 'SMI' | 'CAC' | 'FTSE';
  name: string;
  sector: string;
  /** pe, pb, debt_to_equity, roe, revenue_growth, eps_growth */
  fundamentals: [number, number, number, number, number, number];
  headlines: string[];
}

/** The default universe: two sectors of two, with fundamentals and headlines far apart so factors differ. */
export const EU_INDICES: FolderSymbol[] = [
  {
    symbol: 'DAX',
    column: 'DAX',
    name: 'DAX Performance Index',
    sector: 'Industrials',
    fundamentals: [11.2, 1.4, 0.4, 0.18, 0.12, 0.15],
    headlines: ['Record profits and strong growth lift German industry', 'Exports beat expectations again'],
  },
  {
    symbol: 'SMI',
    column: 'SMI',
    name: 'Swiss Market Index',
    sector: 'Health Care',
    fundamentals: [24.5, 3.9, 1.6, 0.06, 0.01, -0.04],
    headlines: ['Drug maker warns of losses after failed trial', 'Regulator fines pharma group'],
  },
  {
    symbol: 'CAC',
    column: 'CAC',
    name: 'CAC 40',
    sector: 'Industrials',
    fundamentals: [19.8, 2.6, 1.1, 0.09, 0.03, 0.02],
    headlines: ['Strikes disrupt French factories', 'Weak demand hurts carmakers'],
  },
  {
    symbol: 'FTSE',
    column: 'FTSE',
    name: 'FTSE 100',
    sector: 'Health Care',
    fundamentals: [13.1, 1.8, 0.5, 0.15, 0.08, 0.1],
    headlines: ['Strong earnings boost London shares', 'Upgrade for leading drug makers'],
  },
];

/** `count` weekdays ending on `last` (YYYY-MM-DD), as ISO dates, oldest first. */
function weekdays(last: string, count: number): string[] {
  const dates: string[] = [];
  const day = new Date(`${last}T00:00:00Z`);
  while (dates.length < count) {
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) dates.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() - 1);
  }
  return dates.reverse();
}

/** The closes of one index from the shared data, the last `bars` of them. */
function closes(column: FolderSymbol['column'], bars: number): number[] {
  const [header, ...rows] = readFileSync(EXAMPLE_SERIES, 'utf8').trim().split('\n');
  const index = (header as string).split(',').indexOf(column);
  if (index < 0) throw new Error(`${EXAMPLE_SERIES} has no column ${column}`);
  return rows.slice(-bars).map((row) => Number(row.split(',')[index]));
}

/** Options of {@link writeDataFolder}. */
export interface DataFolderOptions {
  symbols?: FolderSymbol[];
  /** Bars per symbol (at most 1860). Default 400. */
  bars?: number;
  /** Date of the last bar. Default 1998-08-21. */
  lastDate?: string;
}

/**
 * Writes a data folder in the documented format (docs/data.md): `universe.csv`, one
 * `prices/<SYMBOL>.csv` (date,close) per symbol from the real index series, dated `fundamentals.csv`
 * and `news.csv` before the last bar. Returns the folder.
 */
export function writeDataFolder(dir: string, options: DataFolderOptions = {}): string {
  const symbols = options.symbols ?? EU_INDICES;
  const bars = options.bars ?? 400;
  const lastDate = options.lastDate ?? '1998-08-21';
  const dates = weekdays(lastDate, bars);
  mkdirSync(join(dir, 'prices'), { recursive: true });
  writeFileSync(
    join(dir, 'universe.csv'),
    `symbol,name,sector\n${symbols.map((s) => `${s.symbol},${s.name},${s.sector}`).join('\n')}\n`,
  );
  for (const s of symbols) {
    const series = closes(s.column, bars);
    writeFileSync(
      join(dir, 'prices', `${s.symbol}.csv`),
      `date,close\n${series.map((close, i) => `${dates[i]},${close}`).join('\n')}\n`,
    );
  }
  const fundamentalsDate = dates[dates.length - 30] as string;
  writeFileSync(
    join(dir, 'fundamentals.csv'),
    `symbol,date,pe,pb,debt_to_equity,roe,revenue_growth,eps_growth\n${symbols
      .map((s) => `${s.symbol},${fundamentalsDate},${s.fundamentals.join(',')}`)
      .join('\n')}\n`,
  );
  const newsDates = [dates[dates.length - 3] as string, dates[dates.length - 2] as string];
  writeFileSync(
    join(dir, 'news.csv'),
    `symbol,published_at,headline,source\n${symbols
      .flatMap((s) => s.headlines.map((h, k) => `${s.symbol},${newsDates[k % 2]}T09:00:00Z,"${h}",wire`))
      .join('\n')}\n`,
  );
  return dir;
}
