import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barSeries, testIndicatorContract } from '../testing/contract.js';
import { CANDLE_PATTERNS, detectCandlePatterns } from './registry.js';
import { type CandleInput, type CandlePatternHit, CandlePatternScanner } from './scanner.js';
import { CONTEXT, PATTERN_CASES } from './testing/hand-built-cases.js';
import { syntheticCandles } from './testing/talib-reference.js';

function toVector(hits: CandlePatternHit[]): number[] {
  return CANDLE_PATTERNS.map((def) => hits.find((hit) => hit.pattern === def.name)?.value ?? 0);
}

function batchColumns(inputs: readonly CandleInput[]): Float64Array[] {
  const all = detectCandlePatterns(
    inputs.map((c) => c.open),
    inputs.map((c) => c.high),
    inputs.map((c) => c.low),
    inputs.map((c) => c.close),
  );
  return CANDLE_PATTERNS.map((def) => Float64Array.from(all[def.name as `cdl${string}`] as Int32Array));
}

// Random bars with prices on a cent grid, so that equal prices (and so the ≤ / < edges) occur.
const centBars = barSeries(60).map((bars) =>
  bars.map((bar) => {
    const open = Math.round(bar.open * 100) / 100;
    const close = Math.round(bar.close * 100) / 100;
    return {
      open,
      close,
      high: Math.max(Math.round(bar.high * 100) / 100, open, close),
      low: Math.min(Math.round(bar.low * 100) / 100, open, close),
    };
  }),
);

describe('CandlePatternScanner contract', () => {
  testIndicatorContract<CandleInput, CandlePatternHit[]>({
    create: () => new CandlePatternScanner(),
    restore: (state) => CandlePatternScanner.fromJSON(state),
    batch: batchColumns,
    // Batch is detectCandlePatterns' map of Int32Array columns: no `out` (cdl*'s is in patterns.test.ts).
    batchInto: null,
    toVector,
    inputs: fc.oneof(barSeries(60), centBars),
    invalidInput: { open: 1, high: Number.NaN, low: 1, close: 1 },
    // The longest lookback of the 61 (mat hold, rising/falling three methods, breakaway: 10 + 4).
    firstStableIndex: 14,
  });
});

describe('CandlePatternScanner', () => {
  it('reports at every candle exactly the batch values on 10 000 synthetic candles', () => {
    const series = syntheticCandles();
    const batch = detectCandlePatterns(series.open, series.high, series.low, series.close);
    const scanner = new CandlePatternScanner();
    let hits = 0;
    for (let i = 0; i < series.close.length; i++) {
      const found = scanner.update({
        open: series.open[i] as number,
        high: series.high[i] as number,
        low: series.low[i] as number,
        close: series.close[i] as number,
      });
      hits += found.length;
      for (const def of CANDLE_PATTERNS) {
        const expected = (batch[def.name as `cdl${string}`] as Int32Array)[i];
        if (scanner.signal(def.name) !== expected) {
          expect(`${def.name} at ${i}: ${scanner.signal(def.name)}`).toBe(`${def.name} at ${i}: ${expected}`);
        }
      }
    }
    expect(hits).toBeGreaterThan(10_000);
  });

  it('watches only the patterns asked for, by either name', () => {
    const scanner = new CandlePatternScanner({ patterns: ['CDLENGULFING', 'cdlDoji'] });
    expect(scanner.patterns.map((def) => def.name)).toEqual(['cdlDoji', 'cdlEngulfing']);
    const engulfing = PATTERN_CASES.find((c) => c.pattern === 'cdlEngulfing')?.hit ?? [];
    let last: CandlePatternHit[] = [];
    for (const [open, high, low, close] of [...CONTEXT, ...engulfing])
      last = scanner.update({ open, high, low, close });
    expect(last).toEqual([{ pattern: 'cdlEngulfing', talib: 'CDLENGULFING', value: 100 }]);
    expect(scanner.signal('cdlEngulfing')).toBe(100);
  });

  it('revises the forming candle: a pattern appears and disappears with replace', () => {
    const scanner = new CandlePatternScanner({ patterns: ['cdlDoji'] });
    for (const [open, high, low, close] of CONTEXT) scanner.update({ open, high, low, close });
    expect(scanner.update({ open: 100, high: 101, low: 99, close: 100.5 })).toEqual([]);
    expect(scanner.replace({ open: 100, high: 101, low: 99, close: 100.05 })).toEqual([
      { pattern: 'cdlDoji', talib: 'CDLDOJI', value: 100 },
    ]);
    expect(scanner.replace({ open: 100, high: 101, low: 99, close: 100.5 })).toEqual([]);
  });

  it('refuses an empty pattern list and unknown names', () => {
    expect(() => new CandlePatternScanner({ patterns: [] })).toThrow(/at least one/);
    expect(() => new CandlePatternScanner({ patterns: ['cdlMoon'] })).toThrow(/cdlMoon/);
  });
});
