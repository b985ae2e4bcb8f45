import fc from 'fast-check';
import { PSAR as TechnicalPSAR } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import type { BarInput } from '../streaming.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, priceSeries, testIndicatorContract } from '../testing/contract.js';
import { randomWalkBars } from '../testing/long-series.js';
import { loadReferenceBarSeries, loadReferenceCloses } from '../testing/reference-data.js';
import { talibLinearReg, talibSar } from '../testing/talib-transcriptions.js';
import { loadTtrReference, shiftLater, ttrColumn } from '../testing/ttr-reference.js';
import { Aroon, aroon } from './aroon.js';
import { DPO, dpo } from './dpo.js';
import { Ichimoku, ichimoku } from './ichimoku.js';
import { LinearRegression, linearRegression } from './linear-regression.js';
import { PSAR, psar } from './psar.js';
import { SuperTrend, superTrend } from './super-trend.js';
import { TRIX, trix } from './trix.js';
import { Vortex, vortex } from './vortex.js';

type Bar = Required<Pick<BarInput, 'high' | 'low' | 'close'>>;
const ttr = { dax: loadTtrReference('dax'), msft: loadTtrReference('msft') };
const realBars = loadReferenceBarSeries();
const closes = [...loadReferenceCloses()];

function columns(bars: readonly Bar[]) {
  return { high: bars.map((b) => b.high), low: bars.map((b) => b.low), close: bars.map((b) => b.close) };
}

/** Highest and lowest of `values[i−n+1..i]`, by a plain scan. */
function scan(
  values: readonly number[],
  i: number,
  n: number,
  pick: (a: number, b: number) => number,
): number {
  let out = values[i] as number;
  for (let k = i - n + 1; k < i; k++) out = pick(out, values[k] as number);
  return out;
}

/** Ichimoku from its definition (plain scans, then shifted by the displacement). */
function ichimokuByDefinition(high: number[], low: number[], c: number, b: number, s: number, d: number) {
  const mid = (i: number, n: number) =>
    i < n - 1 ? Number.NaN : (scan(high, i, n, Math.max) + scan(low, i, n, Math.min)) / 2;
  return {
    conversion: high.map((_, i) => mid(i, c)),
    base: high.map((_, i) => mid(i, b)),
    spanA: high.map((_, i) => (i < d ? Number.NaN : (mid(i - d, c) + mid(i - d, b)) / 2)),
    spanB: high.map((_, i) => (i < d ? Number.NaN : mid(i - d, s))),
  };
}

/** TradingView's `ta.supertrend` as its Pine reference writes it, over `ta.atr` (RMA, high − low first). */
function pineSuperTrend(bars: readonly Bar[], factor: number, period: number) {
  const value: number[] = [];
  const direction: number[] = [];
  let atr = Number.NaN;
  let sum = 0;
  let previousUpper = Number.NaN;
  let previousLower = Number.NaN;
  let previousSuperTrend = Number.NaN;
  bars.forEach((bar, i) => {
    const previousClose = i > 0 ? (bars[i - 1] as Bar).close : Number.NaN;
    const tr =
      i === 0
        ? bar.high - bar.low
        : Math.max(bar.high - bar.low, Math.abs(bar.high - previousClose), Math.abs(bar.low - previousClose));
    if (i < period - 1) sum += tr;
    else if (i === period - 1) atr = (sum + tr) / period;
    else atr = (atr * (period - 1) + tr) / period;
    if (Number.isNaN(atr)) {
      value.push(Number.NaN);
      direction.push(Number.NaN);
      return;
    }
    const src = (bar.high + bar.low) / 2;
    let upper = src + factor * atr;
    let lower = src - factor * atr;
    const hadPrevious = !Number.isNaN(previousUpper);
    if (hadPrevious) {
      lower = lower > previousLower || previousClose < previousLower ? lower : previousLower;
      upper = upper < previousUpper || previousClose > previousUpper ? upper : previousUpper;
    }
    let dir: number;
    if (!hadPrevious) dir = 1;
    else if (previousSuperTrend === previousUpper) dir = bar.close > upper ? -1 : 1;
    else dir = bar.close < lower ? 1 : -1;
    const st = dir === -1 ? lower : upper;
    value.push(st);
    direction.push(-dir); // Pine: −1 is an up-trend; DA-KI: +1.
    previousUpper = upper;
    previousLower = lower;
    previousSuperTrend = st;
  });
  return { value, direction };
}

/** Vortex from its definition with plain window sums. */
function vortexByDefinition(high: number[], low: number[], close: number[], n: number) {
  const plus: number[] = [];
  const minus: number[] = [];
  for (let i = 0; i < high.length; i++) {
    if (i < n) {
      plus.push(Number.NaN);
      minus.push(Number.NaN);
      continue;
    }
    let up = 0;
    let down = 0;
    let range = 0;
    for (let k = i - n + 1; k <= i; k++) {
      up += Math.abs((high[k] as number) - (low[k - 1] as number));
      down += Math.abs((low[k] as number) - (high[k - 1] as number));
      range +=
        Math.max(high[k] as number, close[k - 1] as number) -
        Math.min(low[k] as number, close[k - 1] as number);
    }
    plus.push(up / range);
    minus.push(down / range);
  }
  return { plus, minus };
}

describe('trend indicators against TTR', () => {
  it("trix and dpo equal TTR's TRIX(percent = TRUE) and DPO (shifted to bar i) on DAX and MSFT", () => {
    for (const name of ['dax', 'msft'] as const) {
      const x = ttrColumn(ttr[name], 'close');
      expectCloseTo(trix(x, 15), ttrColumn(ttr[name], 'trix_15'), 1e-10, `${name} trix`);
      expectCloseTo(dpo(x, 20), shiftLater(ttrColumn(ttr[name], 'dpo_20'), 11), 1e-12, `${name} dpo`);
    }
  });

  it("aroon equals TTR's aroon from index n (TTR also gives a value at n − 1 from n bars)", () => {
    const m = ttr.msft;
    const [, bars] = realBars[0] as [string, Bar[]];
    const { high, low } = columns(bars);
    const out = aroon(high, low, 25);
    expectCloseTo(out.up, ttrColumn(m, 'aroon_up'), 1e-12, 'up', { allowExtraValues: false, from: 25 });
    expectCloseTo(out.down, ttrColumn(m, 'aroon_down'), 1e-12, 'down', { from: 25 });
    expectCloseTo(out.oscillator, ttrColumn(m, 'aroon_oscillator'), 1e-12, 'oscillator', { from: 25 });
  });
});

describe('trend indicators against TA-Lib loops (testing/talib-transcriptions.ts)', () => {
  it("psar equals TA-Lib's SAR on every real series and random bars", () => {
    for (const [name, bars] of realBars) {
      const { high, low } = columns(bars);
      expectCloseTo(psar(high, low), talibSar(high, low), 1e-12, `${name} psar`);
      expectCloseTo(
        psar(high, low, { step: 0.01, max: 0.1 }),
        talibSar(high, low, 0.01, 0.1),
        1e-12,
        `${name} psar`,
      );
    }
    fc.assert(
      fc.property(barSeries(150), (bars) => {
        if (bars.length < 2) return;
        const { high, low } = columns(bars);
        expectCloseTo(psar(high, low), talibSar(high, low), 1e-12, 'random psar');
      }),
    );
  });

  it("linearRegression equals TA-Lib's LINEARREG, _SLOPE, _INTERCEPT, _ANGLE", () => {
    for (const [name, x] of closes) {
      for (const n of [2, 14, 30]) {
        const out = linearRegression(x, n);
        const expected = talibLinearReg(x, n);
        for (const key of ['value', 'slope', 'intercept', 'angle'] as const)
          expectCloseTo(out[key], expected[key], 1e-9, `${name} ${key}(${n})`);
      }
    }
  });
});

describe('trend indicators against their definitions', () => {
  it('ichimoku equals plain window scans shifted by the displacement', () => {
    for (const [name, bars] of realBars) {
      const { high, low, close } = columns(bars);
      const expected = ichimokuByDefinition(high, low, 9, 26, 52, 26);
      const out = ichimoku(high, low, close);
      for (const key of ['conversion', 'base', 'spanA', 'spanB'] as const)
        expectCloseTo(out[key], expected[key], 1e-15, `${name} ${key}`);
    }
  });

  it("superTrend ('tradingview') equals the Pine reference of ta.supertrend; 'talib' starts one bar later", () => {
    for (const [name, bars] of realBars) {
      const { high, low, close } = columns(bars);
      const expected = pineSuperTrend(bars, 3, 10);
      const out = superTrend(high, low, close, { convention: 'tradingview' });
      expectCloseTo(out.value, expected.value, 1e-12, `${name} supertrend`);
      expectCloseTo(out.direction, expected.direction, 0, `${name} direction`);
      const talib = superTrend(high, low, close);
      expect(Number.isNaN(talib.value[9] as number)).toBe(true);
      expect(Number.isNaN(talib.value[10] as number)).toBe(false);
    }
  });

  it('superTrend batch has the bits of the streaming class over several chunks, overflowing bars included', () => {
    // Trends both ways (band flips), a stretch without range, bars whose range overflows to
    // Infinity (NaN bands: the previous outputs held), and a series spanning several batch chunks.
    const n = 5000;
    const high: number[] = [];
    const low: number[] = [];
    const close: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i === 3000) {
        high.push(1.7e308);
        low.push(-1.7e308);
        close.push(0);
        continue;
      }
      const mid = 100 + 20 * Math.sin(i / 150) + 3 * Math.sin(i / 7);
      const flat = i >= 600 && i < 640;
      high.push(flat ? 90 : mid + 1 + (i % 4) * 0.3);
      low.push(flat ? 90 : mid - 1 - (i % 3) * 0.4);
      close.push(flat ? 90 : mid + ((i % 5) - 2) * 0.45);
    }
    for (const convention of ['talib', 'tradingview'] as const) {
      for (const options of [
        { period: 10, multiplier: 3 },
        { period: 1, multiplier: 0.5 },
        { period: 400, multiplier: 1 },
      ]) {
        const out = superTrend(high, low, close, { ...options, convention });
        const stream = new SuperTrend({ ...options, convention });
        const values: number[] = [];
        const directions: number[] = [];
        for (let i = 0; i < n; i++) {
          const v = stream.update({
            high: high[i] as number,
            low: low[i] as number,
            close: close[i] as number,
          });
          values.push(v === undefined ? Number.NaN : v.value);
          directions.push(v === undefined ? Number.NaN : v.direction);
        }
        const first = options.period - (convention === 'tradingview' ? 1 : 0);
        expect(Array.from(out.value.slice(first))).toEqual(values.slice(first));
        expect(Array.from(out.direction.slice(first))).toEqual(directions.slice(first));
        expect(Array.from(out.value.slice(0, first)).every(Number.isNaN)).toBe(true);
      }
    }
  });

  it('vortex equals plain window sums', () => {
    for (const [name, bars] of realBars) {
      const { high, low, close } = columns(bars);
      const expected = vortexByDefinition(high, low, close, 14);
      const out = vortex(high, low, close, 14);
      expectCloseTo(out.plus, expected.plus, 1e-9, `${name} plus`);
      expectCloseTo(out.minus, expected.minus, 1e-9, `${name} minus`);
    }
  });

  it('vortex batch has the bits of the streaming class across re-summation blocks and flat stretches', () => {
    // Flat bars make movements and ranges 0 (the counts of non-zero values decide exact 0s); a
    // gap leaves a large range behind; lengths end inside a block.
    const high: number[] = [];
    const low: number[] = [];
    const close: number[] = [];
    for (let i = 0; i < 61; i++) {
      const flat = i >= 18 && i < 35;
      const base = i === 45 ? 180 : 100 + Math.cos(i) * 4;
      high.push(flat ? 100 : base + 1 + (i % 4) * 0.5);
      low.push(flat ? 100 : base - 1 - (i % 3) * 0.25);
      close.push(flat ? 100 : base + ((i % 5) - 2) * 0.3);
    }
    for (const period of [1, 2, 3, 14, 60, 61]) {
      const stream = new Vortex(period);
      const streamed = high.map((h, i) =>
        stream.update({ high: h, low: low[i] as number, close: close[i] as number }),
      );
      const batch = vortex(high, low, close, period);
      expect(Array.from(batch.plus)).toEqual(streamed.map((v) => v.plus));
      expect(Array.from(batch.minus)).toEqual(streamed.map((v) => v.minus));
    }
  });

  it('aroon stays within [0, 100] and psar never inside the current bar (property)', () => {
    fc.assert(
      fc.property(barSeries(150), fc.integer({ min: 1, max: 30 }), (bars, n) => {
        const { high, low } = columns(bars);
        const out = aroon(high, low, n);
        for (let i = n; i < bars.length; i++) {
          expect(out.up[i]).toBeGreaterThanOrEqual(0);
          expect(out.up[i]).toBeLessThanOrEqual(100);
          expect(out.down[i]).toBeGreaterThanOrEqual(0);
        }
        const sar = psar(high, low);
        for (let i = 1; i < bars.length; i++) {
          const s = sar[i] as number;
          // On the bar it reverses, the SAR is placed at the extreme point, outside the bar too.
          expect(s <= (low[i] as number) || s >= (high[i] as number)).toBe(true);
        }
      }),
    );
  });

  it('refuses bad options, naming them', () => {
    expect(() => psar([2, 3], [1, 2], { step: 0 })).toThrow(/`step`/);
    expect(() => psar([2, 3], [1, 2], { step: 0.3, max: 0.2 })).toThrow(/`max`/);
    expect(() => superTrend([2], [1], [1.5], { multiplier: 0 })).toThrow(/`multiplier`/);
    expect(() => superTrend([2], [1], [1.5], { convention: 'x' as never })).toThrow(/`convention`/);
    expect(() => ichimoku([2], [1], [1.5], { base: 0 })).toThrow(/`base`/);
    expect(() => linearRegression([1, 2], 1)).toThrow(/`period`/);
    expect(() => aroon([1, 2], [2, 1])).toThrow(/`high` at index 0/);
  });
});

type HL = { high: number; low: number; close: number };

describe('Aroon (streaming)', () => {
  testIndicatorContract<HL, { up: number; down: number; oscillator: number }>({
    create: () => new Aroon(5),
    restore: (state) => Aroon.fromJSON(state),
    batch: (bars) => {
      const { high, low } = columns(bars);
      const out = aroon(high, low, 5);
      return [out.up, out.down, out.oscillator];
    },
    batchInto: (bars, [up, down, oscillator]) => {
      const { high, low } = columns(bars);
      const out = aroon(high, low, 5, { out: { up, down, oscillator } });
      return [out.up, out.down, out.oscillator];
    },
    toVector: (v) => [v.up, v.down, v.oscillator],
    inputs: barSeries(),
    invalidInput: { high: 1, low: 2, close: 1.5 },
    firstStableIndex: 5,
  });
});

describe('Vortex (streaming)', () => {
  testIndicatorContract<HL, { plus: number; minus: number }>({
    create: () => new Vortex(4),
    restore: (state) => Vortex.fromJSON(state),
    batch: (bars) => {
      const { high, low, close } = columns(bars);
      const out = vortex(high, low, close, 4);
      return [out.plus, out.minus];
    },
    batchInto: (bars, [plus, minus]) => {
      const { high, low, close } = columns(bars);
      const out = vortex(high, low, close, 4, { out: { plus, minus } });
      return [out.plus, out.minus];
    },
    toVector: (v) => [v.plus, v.minus],
    inputs: barSeries(),
    invalidInput: { high: 1, low: 2, close: 1.5 },
    firstStableIndex: 4,
  });
});

describe('Ichimoku (streaming)', () => {
  const options = { conversion: 3, base: 5, span: 8, displacement: 4 };
  testIndicatorContract<HL, { conversion: number; base: number; spanA: number; spanB: number }>({
    create: () => new Ichimoku(options),
    restore: (state) => Ichimoku.fromJSON(state),
    batch: (bars) => {
      const { high, low, close } = columns(bars);
      const out = ichimoku(high, low, close, options);
      return [out.conversion, out.base, out.spanA, out.spanB];
    },
    batchInto: (bars, [conversion, base, spanA, spanB]) => {
      const { high, low, close } = columns(bars);
      const out = ichimoku(high, low, close, { ...options, out: { conversion, base, spanA, spanB } });
      return [out.conversion, out.base, out.spanA, out.spanB];
    },
    toVector: (v) => [v.conversion, v.base, v.spanA, v.spanB],
    inputs: barSeries(),
    invalidInput: { high: Number.NaN, low: 2, close: 1.5 },
    firstStableIndex: 11,
  });
});

for (const convention of ['talib', 'tradingview'] as const) {
  describe(`SuperTrend (streaming, ${convention})`, () => {
    testIndicatorContract<HL, { value: number; direction: number }>({
      create: () => new SuperTrend({ period: 4, multiplier: 2, convention }),
      restore: (state) => SuperTrend.fromJSON(state),
      batch: (bars) => {
        const { high, low, close } = columns(bars);
        const out = superTrend(high, low, close, { period: 4, multiplier: 2, convention });
        return [out.value, out.direction];
      },
      batchInto: (bars, [value, direction]) => {
        const { high, low, close } = columns(bars);
        const out = superTrend(high, low, close, {
          period: 4,
          multiplier: 2,
          convention,
          out: { value, direction },
        });
        return [out.value, out.direction];
      },
      toVector: (v) => [v.value, v.direction],
      inputs: barSeries(),
      invalidInput: { high: 1, low: 2, close: 1.5 },
      firstStableIndex: convention === 'talib' ? 4 : 3,
    });
  });
}

describe('psar over long series (the batch loop runs in chunks of up to 4096 bars)', () => {
  // A random walk long enough to cross several chunk boundaries (256, then every 4096 bars).
  const n = 20_000;
  const { high, low } = randomWalkBars(n, 15);

  it('equals the streaming PSAR bit for bit and TA-Lib within 1e-12, typed or plain', () => {
    const batch = psar(high, low);
    expect(psar(Array.from(high), Array.from(low))).toEqual(batch);
    const stream = new PSAR();
    for (let i = 0; i < n; i++) {
      const value = stream.update({ high: high[i] as number, low: low[i] as number });
      if (!Object.is(value, batch[i])) expect.fail(`index ${i}: streaming ${value}, batch ${batch[i]}`);
    }
    expectCloseTo(batch, talibSar(Array.from(high), Array.from(low)), 1e-12, 'long psar');
  });

  it('accepts bars whose range overflows a double (the fast range check falls back)', () => {
    const wide = Float64Array.from(high);
    const deep = Float64Array.from(low);
    wide[5000] = 1e308;
    deep[5000] = -1e308;
    const batch = psar(wide, deep);
    expect(psar(Array.from(wide), Array.from(deep))).toEqual(batch);
    const stream = new PSAR();
    const streamed = Array.from(wide, (h, i) => stream.update({ high: h, low: deep[i] as number }));
    expect(Array.from(batch)).toEqual(streamed);
    expect(Math.abs(batch[5001] as number)).toBe(1e308); // the SAR jumps to the wide bar's extreme
  });

  it('names a bad bar beyond the first chunks', () => {
    const broken = Float64Array.from(high);
    broken[9000] = (low[9000] as number) - 1;
    expect(() => psar(broken, low)).toThrow(/high.*9000|9000.*high/);
    const infinite = Float64Array.from(low);
    infinite[4353] = Number.NEGATIVE_INFINITY;
    expect(() => psar(high, infinite)).toThrow(/low.*4353|4353.*low/);
  });
});

describe('PSAR (streaming)', () => {
  testIndicatorContract<HL, number>({
    create: () => new PSAR(),
    restore: (state) => PSAR.fromJSON(state),
    batch: (bars) => {
      const { high, low } = columns(bars);
      return [psar(high, low)];
    },
    batchInto: (bars, [out]) => {
      const { high, low } = columns(bars);
      return [psar(high, low, { out })];
    },
    toVector: (v) => [v],
    inputs: barSeries(),
    invalidInput: { high: 1, low: 2, close: 1.5 },
    firstStableIndex: 1,
  });
});

const valueContracts = [
  {
    name: 'TRIX',
    create: () => new TRIX(3),
    restore: TRIX.fromJSON,
    batch: (x: number[]) => trix(x, 3),
    batchInto: (x: number[], out: Float64Array) => trix(x, 3, { out }),
    first: 7,
  },
  {
    name: 'DPO',
    create: () => new DPO(6),
    restore: DPO.fromJSON,
    batch: (x: number[]) => dpo(x, 6),
    batchInto: (x: number[], out: Float64Array) => dpo(x, 6, { out }),
    first: 5,
  },
  {
    name: 'DPO 2',
    create: () => new DPO(2),
    restore: DPO.fromJSON,
    batch: (x: number[]) => dpo(x, 2),
    batchInto: (x: number[], out: Float64Array) => dpo(x, 2, { out }),
    first: 2,
  },
];
for (const c of valueContracts) {
  describe(`${c.name} (streaming)`, () => {
    testIndicatorContract<number, number>({
      create: c.create,
      restore: (state) => c.restore(state),
      batch: (x) => [c.batch([...x])],
      batchInto: (x, [out]) => [c.batchInto([...x], out as Float64Array)],
      toVector: (v) => [v],
      inputs: priceSeries(),
      invalidInput: Number.NaN,
      firstStableIndex: c.first,
    });
  });
}

describe('LinearRegression (streaming)', () => {
  testIndicatorContract<number, { value: number; slope: number; intercept: number; angle: number }>({
    create: () => new LinearRegression(5),
    restore: (state) => LinearRegression.fromJSON(state),
    batch: (x) => {
      const out = linearRegression([...x], 5);
      return [out.value, out.slope, out.intercept, out.angle];
    },
    batchInto: (x, [value, slope, intercept, angle]) => {
      const out = linearRegression([...x], 5, { out: { value, slope, intercept, angle } });
      return [out.value, out.slope, out.intercept, out.angle];
    },
    toVector: (v) => [v.value, v.slope, v.intercept, v.angle],
    inputs: priceSeries(),
    invalidInput: Number.NaN,
    firstStableIndex: 4,
  });
});

describe("psar against technicalindicators' PSAR", () => {
  it('agrees once the different start is forgotten (after its first reversal; compared from bar 100)', () => {
    for (const [name, bars] of realBars) {
      const { high, low } = columns(bars);
      const rows = TechnicalPSAR.calculate({ high, low, step: 0.02, max: 0.2 });
      const expected = [...new Array(high.length - rows.length).fill(Number.NaN), ...rows];
      expectCloseTo(psar(high, low), expected, 1e-12, `${name} psar`, { from: 100 });
    }
  });
});

describe('linearRegression angle (computed on its first read)', () => {
  const x = Float64Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i / 4) * 5 + i * 0.1);

  it('is atan(slope) in degrees, NaN in the warm-up, and the same array on every read', () => {
    const out = linearRegression(x, 7);
    const angle = out.angle;
    expect(angle).toBeInstanceOf(Float64Array);
    expect(angle).toHaveLength(x.length);
    for (let i = 0; i < x.length; i++) {
      const slope = out.slope[i] as number;
      if (i < 6) expect(angle[i], `at ${i}`).toBeNaN();
      else expect(angle[i], `at ${i}`).toBe(Math.atan(slope) * (180 / Math.PI));
    }
    expect(out.angle).toBe(angle); // filled once, kept
  });

  it('is an own enumerable column: keys, spread and JSON carry it; it can be replaced', () => {
    const out = linearRegression(x, 5);
    expect(Object.keys(out)).toEqual(['value', 'slope', 'intercept', 'angle']);
    const copy = { ...out };
    expect(copy.angle).toBe(out.angle);
    expect(Object.keys(JSON.parse(JSON.stringify(out)))).toContain('angle');
    const replacement = new Float64Array(x.length);
    out.angle = replacement;
    expect(out.angle).toBe(replacement);
  });

  it('equals the streaming class bit for bit whether read first or last', () => {
    const out = linearRegression(x, 5);
    const stream = new LinearRegression(5);
    const angles = Array.from(x, (v) => stream.update(v).angle);
    expect(Array.from(out.angle)).toEqual(angles);
  });
});

describe('the out option of the trend systems', () => {
  const n = 50;
  const high = Float64Array.from({ length: n }, (_, i) => 101 + Math.sin(i / 3));
  const low = Float64Array.from(high, (h) => h - 2);
  const close = Float64Array.from(high, (h) => h - 1);

  it('refuses an out column sharing memory with an input, naming both, and an unknown output', () => {
    expect(() => aroon(high, low, 5, { out: { up: high } })).toThrow(/`out\.up`.*`high`/);
    // A view into the input's buffer counts too.
    const buffer = new Float64Array(2 * n);
    const shared = buffer.subarray(0, n);
    shared.set(low);
    expect(() => aroon(high, shared, 5, { out: { down: buffer.subarray(n / 2, n / 2 + n) } })).toThrow(
      /`out\.down`.*`low`/,
    );
    expect(() => ichimoku(high, low, close, { out: { spanA: close } as never })).toThrow(
      /`out\.spanA`.*`close`/,
    );
    const two = new Float64Array(n);
    expect(() => vortex(high, low, close, 4, { out: { plus: two, minus: two } })).toThrow(
      /`out\.minus`.*`out\.plus`/,
    );
    expect(() => aroon(high, low, 5, { out: { notAnOutput: new Float64Array(n) } as never })).toThrow(
      /`out\.notAnOutput`/,
    );
    expect(() => linearRegression(close, 5, { out: { angle: close } })).toThrow(/`out\.angle`.*`values`/);
    expect(() => psar(high, low, { out: low })).toThrow(/`out`.*`low`/);
    expect(() => dpo(close, 5, { out: close })).toThrow(/`out`.*`values`/);
  });

  it("linearRegression computes an out.angle into the caller's column before returning", () => {
    const angle = new Float64Array(n).fill(-7.5e300);
    const out = linearRegression(close, 5, { out: { angle } });
    expect(out.angle).toBe(angle);
    const fresh = linearRegression(close, 5);
    expect(Array.from(angle)).toEqual(Array.from(fresh.angle));
    expect(Object.keys(out)).toEqual(['value', 'slope', 'intercept', 'angle']);
    // Without out.angle, the other columns are the caller's and the angle is still lazy.
    const slope = new Float64Array(n);
    const lazy = linearRegression(close, 5, { out: { slope } });
    expect(lazy.slope).toBe(slope);
    expect(Array.from(lazy.angle)).toEqual(Array.from(fresh.angle));
  });

  it("ichimoku's displaced spans are columns of the input's length, written in full", () => {
    const options = { conversion: 3, base: 5, span: 8, displacement: 4 };
    const spanA = new Float64Array(n).fill(0);
    const spanB = new Float64Array(n).fill(0);
    const out = ichimoku(high, low, close, { ...options, out: { spanA, spanB } });
    const fresh = ichimoku(high, low, close, options);
    expect(out.spanA).toBe(spanA);
    expect(out.spanB).toBe(spanB);
    expect(Array.from(spanA)).toEqual(Array.from(fresh.spanA));
    expect(Array.from(spanB)).toEqual(Array.from(fresh.spanB));
    expect(Array.from(out.conversion)).toEqual(Array.from(fresh.conversion));
  });
});
