import {
  type BarSeries,
  DataValidationError,
  FeatureEngineer,
  InvalidArgumentError,
  validateBars,
} from '@da-ki/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticUniverse } from '../testing/synthetic-universe.js';
import { OPTIONAL_MODEL_FEATURES, PRICE_MODEL_FEATURES } from './model-features.js';
import { buildUniverseDataset } from './universe-dataset.js';

const universe = syntheticUniverse({ symbols: 4, bars: 120, seed: 2 });
const inputs = universe.map((bars) => ({ bars }));

function scaled(bars: BarSeries, price: number, volume: number): BarSeries {
  const times = (values: Float64Array, k: number) => Float64Array.from(values, (v) => v * k);
  return {
    ...bars,
    open: times(bars.open, price),
    high: times(bars.high, price),
    low: times(bars.low, price),
    close: times(bars.close, price),
    volume: times(bars.volume, volume),
  };
}

describe('buildUniverseDataset', () => {
  const dataset = buildUniverseDataset(inputs, { horizon: 10 });

  it('pools complete feature rows of every symbol, in symbol then bar order', () => {
    const engineer = new FeatureEngineer();
    let row = 0;
    universe.forEach((bars, s) => {
      const frame = engineer.compute({ bars });
      const complete = Array.from(frame.complete).flatMap((c, t) => (c ? [t] : []));
      const series = dataset.series[s];
      expect(series?.symbol).toBe(bars.symbol);
      expect(series?.firstRow).toBe(row);
      expect(Array.from(dataset.barIndex.subarray(row, row + complete.length))).toEqual(complete);
      row += complete.length;
    });
    expect(dataset.size).toBe(row);
    expect(dataset.featureNames).toEqual(PRICE_MODEL_FEATURES);
  });

  it('targets the forward log return over the horizon, unknown (NaN, −1) for the last bars', () => {
    for (let i = 0; i < dataset.size; i++) {
      const bars = universe[dataset.symbolIndex[i] as number] as BarSeries;
      const t = dataset.barIndex[i] as number;
      if (t + 10 < bars.close.length) {
        expect(dataset.y[i]).toBeCloseTo(
          Math.log((bars.close[t + 10] as number) / (bars.close[t] as number)),
          12,
        );
        expect(dataset.targetDateIndex[i]).toBe((dataset.dateIndex[i] as number) + 10);
      } else {
        expect(dataset.y[i]).toBeNaN();
        expect(dataset.targetDateIndex[i]).toBe(-1);
      }
    }
  });

  it('has scale-free features: scaling a symbol’s prices or volumes leaves its rows unchanged', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        (price, volume) => {
          const other = buildUniverseDataset([{ bars: scaled(universe[0] as BarSeries, price, volume) }], {
            horizon: 10,
          });
          const first = dataset.series[0] as { rowCount: number };
          expect(other.size).toBe(first.rowCount);
          for (let i = 0; i < other.size; i++) {
            const a = other.rows([i])[0] as Float64Array;
            const b = dataset.rows([i])[0] as Float64Array;
            a.forEach((v, k) => {
              expect(v).toBeCloseTo(b[k] as number, 9);
            });
          }
        },
      ),
      { numRuns: 10 },
    );
  });

  it('purges training rows whose target is realised at or after the test start', () => {
    const rows = dataset.trainingRows(0, 60, 70);
    expect(rows.length).toBeGreaterThan(0);
    for (const i of rows) {
      expect(dataset.dateIndex[i]).toBeLessThan(60);
      expect(dataset.targetDateIndex[i]).toBeLessThan(70);
      expect(dataset.targetDateIndex[i]).not.toBe(-1);
    }
    // rows dated 60 − 10 … 59 have targets at ≥ 60: with `before` = 60 they go
    expect(dataset.trainingRows(0, 60, 60).every((i) => (dataset.dateIndex[i] as number) < 50)).toBe(true);
  });

  it('builds windows within a symbol, padding its first rows with its first row', () => {
    const second = dataset.series[1] as { firstRow: number; rowCount: number };
    const [start, third] = dataset.inputs([second.firstRow, second.firstRow + 2], 3);
    const row = (i: number) => Array.from(dataset.rows([i])[0] as Float64Array);
    const width = dataset.featureNames.length;
    const slice = (w: Float64Array | undefined, k: number) =>
      Array.from((w as Float64Array).subarray(k * width, (k + 1) * width));
    expect(slice(start, 0)).toEqual(row(second.firstRow));
    expect(slice(start, 2)).toEqual(row(second.firstRow));
    expect([0, 1, 2].map((k) => slice(third, k))).toEqual([0, 1, 2].map((k) => row(second.firstRow + k)));
    expect(dataset.latestRows()).toContain(second.firstRow + second.rowCount - 1);
  });

  it('puts calendar gaps into the dates: a symbol missing days has later target dates', () => {
    const gappy = { ...(universe[1] as BarSeries) };
    const keep = Array.from(gappy.timestamps.keys()).filter((t) => t % 7 !== 3);
    for (const field of ['timestamps', 'open', 'high', 'low', 'close', 'volume'] as const) {
      gappy[field] = Float64Array.from(keep, (t) => (universe[1] as BarSeries)[field][t] as number);
    }
    const mixed = buildUniverseDataset([{ bars: universe[0] as BarSeries }, { bars: gappy }], {
      horizon: 10,
    });
    for (let i = 0; i < mixed.size; i++) {
      if (mixed.symbolIndex[i] === 1 && mixed.targetDateIndex[i] !== -1) {
        expect(mixed.targetDateIndex[i]).toBeGreaterThanOrEqual((mixed.dateIndex[i] as number) + 10);
      }
    }
    expect(mixed.dates.length).toBe(120);
  });

  it('drops rows lacking an optional feature, and rejects duplicates and bad prices by name', () => {
    const withSentiment = buildUniverseDataset(
      [{ bars: universe[0] as BarSeries, newsSentiment: 0.2 }, { bars: universe[1] as BarSeries }],
      {
        horizon: 10,
        features: [...PRICE_MODEL_FEATURES, OPTIONAL_MODEL_FEATURES[2]],
      },
    );
    expect(withSentiment.series[1]?.rowCount).toBe(0);
    expect(withSentiment.series[0]?.rowCount).toBeGreaterThan(0);
    expect(() => buildUniverseDataset([inputs[0], inputs[0]] as never)).toThrow(/appears twice/);
    const bad = { ...(universe[0] as BarSeries), close: (universe[0] as BarSeries).close.slice() };
    bad.close[5] = -1;
    const error = (() => {
      try {
        buildUniverseDataset([{ bars: bad }]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DataValidationError);
    expect((error as DataValidationError).index).toBe(5);
    expect(() => buildUniverseDataset(inputs, { features: [] })).toThrow(InvalidArgumentError);
  });

  it('takes a validated series without checking it again, and checks a copy of one', () => {
    const { series } = validateBars(universe[0] as BarSeries);
    const copy = { ...series, close: series.close.slice() };
    copy.close[7] = 0;
    expect(() => buildUniverseDataset([{ bars: copy }])).toThrow(/close\[7\]/);
    // Against the documented contract (a validated series is immutable), to show it is trusted:
    // the value written after validation is not checked, so no error names it.
    series.close[7] = -1;
    expect(() => buildUniverseDataset([{ bars: series }], { horizon: 10 })).not.toThrow(DataValidationError);
  });
});
