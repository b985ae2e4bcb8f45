// Test kit: TA-Lib's own output for its 61 CDL functions (packages/sdk/test/reference/candles).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SHARED_DATA_DIR } from '../../testing/reference-data.js';

const DIR = fileURLToPath(new URL('../../../../test/reference/candles/', import.meta.url));

/** OHLC columns of a reference input. */
export interface Ohlc {
  open: number[];
  high: number[];
  low: number[];
  close: number[];
}

function readOhlc(path: string): Ohlc {
  const rows = readFileSync(path, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','));
  const column = (k: number) => rows.map((row) => Number(row[k]));
  return { open: column(1), high: column(2), low: column(3), close: column(4) };
}

/** MSFT's 249 daily candles (../shared/data/msft.csv). */
export function msftCandles(): Ohlc {
  return readOhlc(`${SHARED_DATA_DIR}msft.csv`);
}

/** The 10 000 synthetic candles of make-synthetic-candles.mjs. */
export function syntheticCandles(): Ohlc {
  return readOhlc(`${DIR}synthetic-candles.csv`);
}

/** TA-Lib's values per `CDL*` function over `length` candles, from a `*.talib.txt` file. */
export function talibValues(file: string, length: number): Map<string, Int32Array> {
  const values = new Map<string, Int32Array>();
  for (const line of readFileSync(`${DIR}${file}`, 'utf8').split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const [name, ...pairs] = line.split(' ');
    const column = new Int32Array(length);
    for (const pair of pairs) {
      const [index, value] = pair.split(':').map(Number);
      column[index as number] = value as number;
    }
    values.set(name as string, column);
  }
  return values;
}
