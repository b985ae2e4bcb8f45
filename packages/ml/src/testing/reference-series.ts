// Test kit: real closing prices from ../shared/data (see its README).

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BarSeries } from '@da-ki/sdk';

const DATA_DIR = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

/** Daily closes of DAX, SMI, CAC and FTSE, 1991–1998 (R `datasets::EuStockMarkets`), 1860 each. */
export function loadEuStockCloses(): Record<'DAX' | 'SMI' | 'CAC' | 'FTSE', Float64Array> {
  const path = `${DATA_DIR}eustockmarkets.csv`;
  if (!existsSync(path))
    throw new Error(`reference data ${path} is missing (expected ../shared/data beside the repo)`);
  const rows = readFileSync(path, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',').map(Number));
  const column = (k: number) => Float64Array.from(rows, (row) => row[k] as number);
  return { DAX: column(1), SMI: column(2), CAC: column(3), FTSE: column(4) };
}

/**
 * Daily OHLCV bars of Microsoft, 2000-09-27 … 2001-09-27 (R `timeSeries::MSFT`, 249 bars), or the
 * first `count` of them.
 */
export function loadMsftBars(count?: number): BarSeries {
  const path = `${DATA_DIR}msft.csv`;
  if (!existsSync(path))
    throw new Error(`reference data ${path} is missing (expected ../shared/data beside the repo)`);
  const rows = readFileSync(path, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1, count === undefined ? undefined : count + 1);
  const cells = rows.map((line) => line.split(','));
  const column = (k: number) => Float64Array.from(cells, (row) => Number(row[k]));
  return {
    symbol: 'MSFT',
    source: 'msft.csv',
    timestamps: Float64Array.from(cells, (row) => Date.parse(`${row[0]}T00:00:00Z`)),
    open: column(1),
    high: column(2),
    low: column(3),
    close: column(4),
    volume: column(5),
  };
}

/**
 * Weekday timestamps (epoch ms, 00:00 UTC) from `firstDay` (`YYYY-MM-DD`), one per value: the
 * business-day series above carry row numbers, not dates.
 */
export function weekdayTimestamps(firstDay: string, count: number): Float64Array {
  const out = new Float64Array(count);
  let t = Date.parse(`${firstDay}T00:00:00Z`);
  for (let i = 0; i < count; i++) {
    while ([0, 6].includes(new Date(t).getUTCDay())) t += 86_400_000;
    out[i] = t;
    t += 86_400_000;
  }
  return out;
}

/**
 * Daily morning gold price in USD, 1985-01-01 … 1989-03-31 (R `forecast::gold`), 1108 business
 * days; the 34 missing values are `NaN`.
 */
export function loadGold(): Float64Array {
  const path = `${DATA_DIR}gold.csv`;
  if (!existsSync(path))
    throw new Error(`reference data ${path} is missing (expected ../shared/data beside the repo)`);
  return Float64Array.from(readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1), (line) => {
    const cell = line.split(',')[1] ?? '';
    return cell === '' ? Number.NaN : Number(cell);
  });
}
