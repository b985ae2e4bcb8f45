import { InvalidArgumentError } from '../data/errors.js';
import type { StockSnapshot } from './types.js';

/**
 * Checks the shape of the snapshots (the values of the bars are checked while they are measured)
 * and returns the stock indices in ascending symbol order: the canonical order in which sums run
 * and ties break, so that results do not depend on the order of the input.
 */
export function checkSnapshots(snapshots: readonly StockSnapshot[]): Int32Array {
  if (!Array.isArray(snapshots))
    throw new InvalidArgumentError('snapshots', 'must be an array of stock snapshots');
  const seen = new Map<string, number>();
  for (let i = 0; i < snapshots.length; i++) {
    const snapshot = snapshots[i] as StockSnapshot | undefined;
    const where = `snapshots[${i}]`;
    if (snapshot === null || typeof snapshot !== 'object')
      throw new InvalidArgumentError(where, 'must be an object');
    const { symbol, sector, bars } = snapshot;
    if (typeof symbol !== 'string' || symbol.length === 0) {
      throw new InvalidArgumentError(`${where}.symbol`, 'must be a non-empty string');
    }
    const previous = seen.get(symbol);
    if (previous !== undefined) {
      throw new InvalidArgumentError(
        `${where}.symbol`,
        `duplicate symbol "${symbol}" (also snapshots[${previous}])`,
      );
    }
    seen.set(symbol, i);
    if (snapshot.name !== undefined && typeof snapshot.name !== 'string') {
      throw new InvalidArgumentError(`${where}.name`, `name of ${symbol} must be a string when given`);
    }
    if (typeof sector !== 'string' || sector.length === 0) {
      throw new InvalidArgumentError(`${where}.sector`, `sector of ${symbol} must be a non-empty string`);
    }
    if (
      bars === null ||
      typeof bars !== 'object' ||
      !isNumberArray(bars.close) ||
      !isNumberArray(bars.timestamps)
    ) {
      throw new InvalidArgumentError(
        `${where}.bars`,
        `bars of ${symbol} must have close and timestamps columns`,
      );
    }
    if (bars.close.length !== bars.timestamps.length) {
      throw new InvalidArgumentError(
        `${where}.bars.close`,
        `${symbol} has ${bars.close.length} closes but ${bars.timestamps.length} timestamps`,
      );
    }
    if (snapshot.news !== undefined && !Array.isArray(snapshot.news)) {
      throw new InvalidArgumentError(`${where}.news`, `news of ${symbol} must be an array`);
    }
  }
  const order = Int32Array.from(snapshots.keys());
  const symbols = snapshots.map((s) => s.symbol);
  return order.sort((a, b) => compareStrings(symbols[a] as string, symbols[b] as string));
}

/** Code-unit string order (locale-independent, so identical on every machine). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isNumberArray(value: unknown): value is ArrayLike<number> {
  return ArrayBuffer.isView(value) || Array.isArray(value);
}
