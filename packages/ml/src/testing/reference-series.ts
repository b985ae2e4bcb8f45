// Test kit: real closing prices from ../shared/data (see its README).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
