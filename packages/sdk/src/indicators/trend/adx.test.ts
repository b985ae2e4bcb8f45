import fc from 'fast-check';
import { ADX as ReferenceADX, DX as ReferenceDX, WSMA as ReferenceWSMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { BarInput } from '../streaming.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceBarSeries } from '../testing/reference-data.js';
import { ADX, type AdxValue, adx } from './adx.js';

type Bar = Required<Pick<BarInput, 'high' | 'low' | 'close'>>;

function columns(bars: readonly Bar[]) {
  return {
    high: bars.map((b) => b.high),
    low: bars.map((b) => b.low),
    close: bars.map((b) => b.close),
  };
}

/**
 * A plain, stage-by-stage transcription of TA-Lib's ta_ADX.c / ta_PLUS_DI.c / ta_MINUS_DI.c
 * (without rounding, as TA-Lib; exact zero where TA-Lib tests |v| < 1e-8).
 */
function taLibAdxReference(bars: readonly Bar[], n: number) {
  const length = bars.length;
  const plusDM1 = new Array<number>(length).fill(0);
  const minusDM1 = new Array<number>(length).fill(0);
  const range1 = new Array<number>(length).fill(0);
  for (let i = 1; i < length; i++) {
    const [bar, previous] = [bars[i] as Bar, bars[i - 1] as Bar];
    const diffP = bar.high - previous.high;
    const diffM = previous.low - bar.low;
    if (diffM > 0 && diffP < diffM) minusDM1[i] = diffM;
    else if (diffP > 0 && diffP > diffM) plusDM1[i] = diffP;
    range1[i] = Math.max(
      bar.high - bar.low,
      Math.abs(bar.high - previous.close),
      Math.abs(bar.low - previous.close),
    );
  }
  const plusDI = new Array<number>(length).fill(Number.NaN);
  const minusDI = new Array<number>(length).fill(Number.NaN);
  const dx = new Array<number>(length).fill(Number.NaN);
  let plusDM = 0;
  let minusDM = 0;
  let range = 0;
  for (let i = 1; i < Math.min(n, length); i++) {
    plusDM += plusDM1[i] as number;
    minusDM += minusDM1[i] as number;
    range += range1[i] as number;
  }
  for (let i = n; i < length; i++) {
    plusDM = plusDM - plusDM / n + (plusDM1[i] as number);
    minusDM = minusDM - minusDM / n + (minusDM1[i] as number);
    range = range - range / n + (range1[i] as number);
    plusDI[i] = range === 0 ? 0 : 100 * (plusDM / range);
    minusDI[i] = range === 0 ? 0 : 100 * (minusDM / range);
    const sum = (plusDI[i] as number) + (minusDI[i] as number);
    if (sum !== 0) dx[i] = 100 * (Math.abs((minusDI[i] as number) - (plusDI[i] as number)) / sum);
  }
  const adxLine = new Array<number>(length).fill(Number.NaN);
  if (length >= 2 * n) {
    let sumDX = 0;
    for (let i = n; i < 2 * n; i++) if (!Number.isNaN(dx[i])) sumDX += dx[i] as number;
    adxLine[2 * n - 1] = sumDX / n;
    for (let i = 2 * n; i < length; i++) {
      const previous = adxLine[i - 1] as number;
      adxLine[i] = Number.isNaN(dx[i]) ? previous : (previous * (n - 1) + (dx[i] as number)) / n;
    }
  }
  return { adx: adxLine, plusDI, minusDI };
}

/**
 * TA-Lib's numbers from trading-signals parts, on bars whose first bar is flat (high = low = close):
 * trading-signals' DX feeds 0 as the first bar's DM and high − low as its TR, so with a flat first
 * bar its ±DI are exactly TA-Lib's from bar n; its DX from bar n, averaged by its Wilder average,
 * is TA-Lib's ADX.
 */
function taLibAdxFromReferenceParts(bars: readonly Bar[], n: number) {
  const dx = new ReferenceDX(n);
  const smoother = new ReferenceWSMA(n);
  const out = { adx: [] as number[], plusDI: [] as number[], minusDI: [] as number[] };
  bars.forEach((bar, i) => {
    const value = dx.add(bar);
    const defined = i >= n && value !== null;
    const average = defined ? smoother.add(value) : null;
    out.adx.push(average ?? Number.NaN);
    out.plusDI.push(defined ? 100 * (dx.pdi as number) : Number.NaN);
    out.minusDI.push(defined ? 100 * (dx.mdi as number) : Number.NaN);
  });
  return out;
}

/** trading-signals' own ADX (its seeds differ from TA-Lib's by a bar), for the converged part. */
function plainReferenceAdx(bars: readonly Bar[], n: number) {
  const reference = new ReferenceADX(n);
  const out = { adx: [] as number[], plusDI: [] as number[], minusDI: [] as number[] };
  for (const bar of bars) {
    const value = reference.add(bar);
    out.adx.push(value ?? Number.NaN);
    out.plusDI.push(reference.pdi === undefined ? Number.NaN : 100 * reference.pdi);
    out.minusDI.push(reference.mdi === undefined ? Number.NaN : 100 * reference.mdi);
  }
  return out;
}

function withFlatFirstBar(bars: readonly Bar[]): Bar[] {
  const first = bars[0] as Bar;
  return [{ high: first.close, low: first.close, close: first.close }, ...bars.slice(1)];
}

function hasDirectionalMovement(bars: readonly Bar[]): boolean {
  return bars.some((bar, i) => {
    if (i === 0) return false;
    const up = bar.high - (bars[i - 1] as Bar).high;
    const down = (bars[i - 1] as Bar).low - bar.low;
    return (up > 0 && up > down) || (down > 0 && down > up);
  });
}

function hasTiedMoves(bars: readonly Bar[]): boolean {
  return bars.some((bar, i) => {
    if (i === 0) return false;
    const up = bar.high - (bars[i - 1] as Bar).high;
    const down = (bars[i - 1] as Bar).low - bar.low;
    // Exact ties, and moves equal to within a few roundings (a seed of the CI run had up and down
    // 18.77077557974599 / …593 apart by 6e-14): which side gets the move then depends on the order
    // of each implementation's subtractions, and one side's DM is the whole move, the other's 0.
    return up > 0 && Math.abs(up - down) <= 1e-12 * Math.max(Math.abs(up), 1);
  });
}

const keys = ['adx', 'plusDI', 'minusDI'] as const;
const realBars = loadReferenceBarSeries();

describe('adx', () => {
  it('gives ADX 100 and −DI 0 on bars that only rise', () => {
    const bars = Array.from({ length: 40 }, (_, i) => ({ high: 10 + i, low: 9 + i, close: 9.5 + i }));
    const { high, low, close } = columns(bars);
    const out = adx(high, low, close, 5);
    // +DM = 1 and TR = 1.5 on every bar: +DI = 100/1.5.
    expect(out.plusDI[5]).toBeCloseTo(100 / 1.5, 12);
    expect(out.minusDI[5]).toBe(0);
    expect(out.adx[8]).toBeNaN();
    expect(out.adx[9]).toBeCloseTo(100, 12);
    expect(out.adx[39]).toBeCloseTo(100, 12);
  });

  it("matches a plain transcription of TA-Lib's ADX on the real series and on random ones", () => {
    for (const [name, bars] of realBars) {
      const { high, low, close } = columns(bars);
      for (const period of [1, 2, 14, 30]) {
        const out = adx(high, low, close, period);
        const expected = taLibAdxReference(bars, period);
        for (const key of keys) expectCloseTo(out[key], expected[key], 1e-9, `${name} ${key}(${period})`);
      }
    }
    fc.assert(
      fc.property(barSeries(150), fc.integer({ min: 1, max: 20 }), (bars, period) => {
        if (bars.length < 2 * period) return;
        const { high, low, close } = columns(bars);
        const out = adx(high, low, close, period);
        const expected = taLibAdxReference(bars, period);
        for (const key of keys) expectCloseTo(out[key], expected[key], 1e-9, `random ${key}`);
      }),
    );
  });

  it("matches TA-Lib's numbers built from trading-signals' DX and Wilder average (flat first bar)", () => {
    for (const [name, original] of realBars) {
      const bars = withFlatFirstBar(original);
      const { high, low, close } = columns(bars);
      for (const period of [2, 14, 25]) {
        const out = adx(high, low, close, period);
        const expected = taLibAdxFromReferenceParts(bars, period);
        for (const key of keys) expectCloseTo(out[key], expected[key], 1e-9, `${name} ${key}(${period})`);
      }
    }
    fc.assert(
      fc.property(barSeries(150), fc.integer({ min: 2, max: 20 }), (random, period) => {
        // Two degenerate cases where trading-signals departs from TA-Lib are left to the references
        // above: no directional movement at all in bars 1..n (DX is 0/0: trading-signals counts 0,
        // TA-Lib skips it), and ties of the up and down moves (trading-signals counts both, Wilder
        // and TA-Lib neither; near ties go either way with rounding).
        if (random.length < 2 * period || !hasDirectionalMovement(random.slice(0, period + 1))) return;
        const bars = withFlatFirstBar(random);
        if (hasTiedMoves(random) || hasTiedMoves(bars)) return;
        const { high, low, close } = columns(bars);
        const out = adx(high, low, close, period);
        const expected = taLibAdxFromReferenceParts(bars, period);
        for (const key of keys) expectCloseTo(out[key], expected[key], 1e-9, `random ${key}`);
      }),
      // The seed of the CI run whose bars had near-tied moves (fails without the near-tie exclusion);
      // pinned so that every run checks that case.
      { seed: 836237714 },
    );
  });

  it("matches trading-signals' own ADX after 800 bars, once the different seeds have decayed", () => {
    let compared = 0;
    for (const [name, bars] of realBars) {
      if (bars.length < 1000) continue;
      const { high, low, close } = columns(bars);
      const out = adx(high, low, close, 14);
      const expected = plainReferenceAdx(bars, 14);
      for (const key of keys) expectCloseTo(out[key], expected[key], 1e-9, `${name} ${key}`, { from: 800 });
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('refuses mismatched lengths, high below low, non-finite values and bad periods, naming them', () => {
    expect(() => adx([2, 3], [1, 2], [1.5])).toThrow(/`close`: has length 1 but `high` has length 2/);
    expect(() => adx([2, 3, 1], [1, 2, 2], [1.5, 2.5, 1.5])).toThrow(/`high` at index 2.*below `low`/);
    expect(() => adx([2, Number.NaN], [1, 2], [1.5, 2])).toThrow(/`high` at index 1/);
    expect(() => adx([2, 3], [1, 2], [1.5, 2.5], 0)).toThrow(/`period`.*at least 1/);
    expect(() => new ADX(2.5)).toThrow(/`period`.*integer/);
  });

  it('keeps ADX and ±DI within [0, 100] with no NaN after warm-up on valid bars (property)', () => {
    fc.assert(
      fc.property(barSeries(), fc.integer({ min: 1, max: 20 }), (bars, period) => {
        const { high, low, close } = columns(bars);
        const out = adx(high, low, close, period);
        for (let i = 0; i < bars.length; i++) {
          expect(Number.isNaN(out.plusDI[i])).toBe(i < period);
          expect(Number.isNaN(out.minusDI[i])).toBe(i < period);
          expect(Number.isNaN(out.adx[i])).toBe(i < 2 * period - 1);
          for (const key of keys) {
            if (Number.isNaN(out[key][i])) continue;
            expect(out[key][i]).toBeGreaterThanOrEqual(0);
            expect(out[key][i]).toBeLessThanOrEqual(100);
          }
        }
      }),
    );
  });
});

describe('adx({ out })', () => {
  it('refuses an out column that shares memory with an input or another output, and unknown outputs', () => {
    const buffer = new Float64Array(150);
    const high = buffer.subarray(0, 50).fill(2);
    const low = buffer.subarray(50, 100).fill(1);
    const close = buffer.subarray(100, 150).fill(1.5);
    expect(() => adx(high, low, close, 4, { out: { plusDI: low } })).toThrow(
      /`out.plusDI`: shares memory with `low`/,
    );
    expect(() => adx(high, low, close, 4, { out: { adx: buffer.subarray(99, 149) } })).toThrow(
      /`out.adx`: shares memory with `low`/,
    );
    const column = new Float64Array(50);
    expect(() => adx(high, low, close, 4, { out: { plusDI: column, minusDI: column } })).toThrow(
      /`out.minusDI`: shares memory with `out.plusDI`/,
    );
    expect(() => adx(high, low, close, 4, { out: { notAnOutput: column } as never })).toThrow(
      /`out.notAnOutput`/,
    );
  });
});

describe('ADX (streaming)', () => {
  testIndicatorContract<BarInput, AdxValue>({
    create: () => new ADX(4),
    restore: (state) => ADX.fromJSON(state),
    batch: (bars) => {
      const { high, low, close } = columns(bars as Bar[]);
      const out = adx(high, low, close, 4);
      return [out.adx, out.plusDI, out.minusDI];
    },
    batchInto: (bars, [adxLine, plusDI, minusDI]) => {
      const { high, low, close } = columns(bars as Bar[]);
      const out = adx(high, low, close, 4, { out: { adx: adxLine, plusDI, minusDI } });
      return [out.adx, out.plusDI, out.minusDI];
    },
    toVector: (value) => [value.adx, value.plusDI, value.minusDI],
    inputs: barSeries(),
    invalidInput: { high: 1, low: 2, close: 1.5 },
    firstStableIndex: 7,
  });
});
