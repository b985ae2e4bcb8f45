// Test kit: the real series in ../shared/data (see its README) as plain arrays.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Folder of the shared reference data, beside the repository. */
export const SHARED_DATA_DIR = fileURLToPath(new URL('../../../../../../shared/data/', import.meta.url));

function readCsv(file: string): string[][] {
  const path = `${SHARED_DATA_DIR}${file}`;
  if (!existsSync(path))
    throw new Error(`reference data ${path} is missing (expected ../shared/data beside the repo)`);
  return readFileSync(path, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','));
}

/** Real closing-price series by name: DAX, SMI, CAC, FTSE (1860 days each), MSFT (249), gold (gaps dropped). */
export function loadReferenceCloses(): Map<string, number[]> {
  const series = new Map<string, number[]>();
  const eu = readCsv('eustockmarkets.csv');
  ['DAX', 'SMI', 'CAC', 'FTSE'].forEach((name, k) => {
    series.set(
      name,
      eu.map((row) => Number(row[k + 1])),
    );
  });
  series.set(
    'MSFT',
    loadReferenceBars().map((bar) => bar.close),
  );
  series.set(
    'gold',
    readCsv('gold.csv')
      .map((row) => row[1])
      .filter((v): v is string => v !== undefined && v !== '')
      .map(Number),
  );
  return series;
}

/** Real daily OHLCV bars of Microsoft, 2000-09-27 … 2001-09-27. */
export function loadReferenceBars(): {
  timestamp: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}[] {
  return readCsv('msft.csv').map(([date, open, high, low, close, volume]) => ({
    timestamp: Date.parse(`${date}T00:00:00Z`),
    open: Number(open),
    high: Number(high),
    low: Number(low),
    close: Number(close),
    volume: Number(volume),
  }));
}

/** High, low and close of one bar. */
export type HighLowClose = { high: number; low: number; close: number };

/**
 * Real bars: MSFT's own, and for the longer close-only series bars derived from them (open at the
 * previous close, high and low a little outside the body), so that every real series is used.
 */
export function loadReferenceBarSeries(): [string, HighLowClose[]][] {
  const out: [string, HighLowClose[]][] = [['MSFT', loadReferenceBars()]];
  for (const [name, closes] of loadReferenceCloses()) {
    if (name === 'MSFT') continue;
    out.push([
      `${name} (derived bars)`,
      closes.map((close, i) => {
        const open = i === 0 ? close : (closes[i - 1] as number);
        return {
          high: Math.max(open, close) * (1 + 0.002 * (1 + Math.sin(i))),
          low: Math.min(open, close) * (1 - 0.002 * (1 + Math.cos(i))),
          close,
        };
      }),
    ]);
  }
  return out;
}
