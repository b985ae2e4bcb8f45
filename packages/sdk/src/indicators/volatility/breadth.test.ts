import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndicatorState } from '../state.js';
import type { StreamingIndicator } from '../streaming.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, priceSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceBarSeries, loadReferenceBars, loadReferenceCloses } from '../testing/reference-data.js';
import { talibEma } from '../testing/talib-transcriptions.js';
import { loadTtrReference, ttrColumn } from '../testing/ttr-reference.js';
import { atr } from './atr.js';
import { bollingerBands } from './bollinger-bands.js';
import {
  BollingerBandwidth,
  BollingerPercentB,
  bollingerBandwidth,
  bollingerPercentB,
} from './bollinger-derived.js';
import { ChaikinVolatility, chaikinVolatility } from './chaikin-volatility.js';
import { Choppiness, choppiness } from './choppiness.js';
import { Donchian, donchian } from './donchian.js';
import {
  HistoricalVolatility,
  historicalVolatility,
  type VolatilityEstimator,
} from './historical-volatility.js';
import { Keltner, keltner } from './keltner.js';
import { NATR, natr } from './natr.js';
import { UlcerIndex, ulcerIndex } from './ulcer-index.js';

const ttr = loadTtrReference('msft');
const msft = loadReferenceBars();
const ohlc = {
  open: msft.map((b) => b.open),
  high: msft.map((b) => b.high),
  low: msft.map((b) => b.low),
  close: msft.map((b) => b.close),
};
const realBars = loadReferenceBarSeries();
const closes = [...loadReferenceCloses()];
const percent = (values: readonly number[]) => values.map((v) => 100 * v);

/** TradingView's `ta.atr`: RMA of the true range with high − low on the first bar, SMA seed. */
function tradingViewAtr(high: number[], low: number[], close: number[], n: number): number[] {
  let sum = 0;
  let value = Number.NaN;
  return high.map((h, i) => {
    const l = low[i] as number;
    const tr = i === 0 ? h - l : Math.max(h, close[i - 1] as number) - Math.min(l, close[i - 1] as number);
    if (i < n - 1) sum += tr;
    else if (i === n - 1) value = (sum + tr) / n;
    else value = (value * (n - 1) + tr) / n;
    return value;
  });
}

/** TradingView's `ta.ema`: seeded with the first value. */
function tradingViewEma(x: number[], n: number): number[] {
  const alpha = 2 / (n + 1);
  let value = Number.NaN;
  return x.map((v, i) => (value = i === 0 ? v : alpha * v + (1 - alpha) * value));
}

describe('volatility indicators against TTR', () => {
  it("donchian, natr and chaikinVolatility equal TTR's DonchianChannel, ATR/close and chaikinVolatility", () => {
    const { high, low, close } = ohlc;
    const d = donchian(high, low, 20);
    expectCloseTo(d.upper, ttrColumn(ttr, 'donchian_high'), 0, 'upper');
    expectCloseTo(d.middle, ttrColumn(ttr, 'donchian_mid'), 0, 'middle');
    expectCloseTo(d.lower, ttrColumn(ttr, 'donchian_low'), 0, 'lower');
    expectCloseTo(natr(high, low, close, 14), ttrColumn(ttr, 'natr_14'), 1e-12, 'natr');
    expectCloseTo(
      chaikinVolatility(high, low),
      percent(ttrColumn(ttr, 'chaikin_volatility_10')),
      1e-12,
      'cv',
    );
  });

  it("historicalVolatility equals TTR's volatility() for all five estimators", () => {
    const columns: [VolatilityEstimator, string][] = [
      ['close', 'vol_close'],
      ['parkinson', 'vol_parkinson'],
      ['garmanKlass', 'vol_garman_klass'],
      ['rogersSatchell', 'vol_rogers_satchell'],
      ['yangZhang', 'vol_yang_zhang'],
    ];
    for (const [estimator, column] of columns) {
      const out = historicalVolatility(ohlc, { estimator, period: 10, annualization: 260 });
      expectCloseTo(out, ttrColumn(ttr, column), 1e-12, estimator);
    }
  });
});

describe('volatility indicators against their definitions', () => {
  it("keltner: EMA ± multiplier · ATR, TA-Lib's and TradingView's seeds", () => {
    for (const [name, bars] of realBars) {
      const high = bars.map((b) => b.high);
      const low = bars.map((b) => b.low);
      const close = bars.map((b) => b.close);
      const middle = talibEma(close, 20);
      const range = atr(high, low, close, 10);
      const out = keltner(high, low, close);
      expectCloseTo(
        out.middle,
        middle.map((m, i) => (Number.isNaN(range[i] as number) ? Number.NaN : m)),
        1e-12,
        `${name} middle`,
      );
      expectCloseTo(
        out.upper,
        middle.map((m, i) => m + 2 * (range[i] as number)),
        1e-12,
        `${name} upper`,
      );
      const tvMiddle = tradingViewEma(close, 20);
      const tvRange = tradingViewAtr(high, low, close, 10);
      const tv = keltner(high, low, close, { convention: 'tradingview' });
      expectCloseTo(
        tv.lower,
        tvMiddle.map((m, i) => m - 2 * (tvRange[i] as number)),
        1e-12,
        `${name} tv lower`,
      );
    }
  });

  it('donchian equals a plain window scan and the streaming class over several chunks', () => {
    // Rising and falling runs (deques full and emptied), ties, 0 and −0, and a series spanning
    // several batch chunks (batch-chunks.ts).
    const n = 5000;
    const high: number[] = [];
    const low: number[] = [];
    for (let i = 0; i < n; i++) {
      const mid = i < 1000 ? i : i < 2000 ? 2000 - i : i % 50 === 0 ? 0 : Math.round(Math.sin(i / 9) * 4);
      high.push(mid + (i % 3));
      const bottom = mid - (i % 4);
      low.push(bottom === 0 && i % 2 === 0 ? -0 : bottom);
    }
    for (const period of [1, 2, 20, 300]) {
      const d = donchian(Float64Array.from(high), Float64Array.from(low), period);
      const stream = new Donchian(period);
      for (let i = 0; i < n; i++) {
        const value = stream.update({ high: high[i] as number, low: low[i] as number });
        if (i < period - 1) {
          expect([d.upper[i], d.middle[i], d.lower[i]].every(Number.isNaN)).toBe(true);
          continue;
        }
        const top = Math.max(...high.slice(i - period + 1, i + 1));
        const bottom = Math.min(...low.slice(i - period + 1, i + 1));
        expect(Object.is(d.upper[i], value?.upper) && Object.is(d.lower[i], value?.lower)).toBe(true);
        expect(Object.is(d.middle[i], value?.middle)).toBe(true);
        // The scan's sign of a zero may differ (ties go to the newest in the deques).
        expect(d.upper[i] === top && d.lower[i] === bottom).toBe(true);
      }
    }
  });

  it('ulcerIndex and choppiness equal plain window scans', () => {
    for (const [name, bars] of realBars) {
      const high = bars.map((b) => b.high);
      const low = bars.map((b) => b.low);
      const close = bars.map((b) => b.close);
      const n = 14;
      const drawdown = close.map((c, i) => {
        if (i < n - 1) return Number.NaN;
        const top = Math.max(...close.slice(i - n + 1, i + 1));
        return (100 * (c - top)) / top;
      });
      const ulcer = close.map((_, i) => {
        if (i < 2 * n - 2) return Number.NaN;
        const window = drawdown.slice(i - n + 1, i + 1);
        return Math.sqrt(window.reduce((a, d) => a + d * d, 0) / n);
      });
      expectCloseTo(ulcerIndex(close, n), ulcer, 1e-9, `${name} ulcer`);
      const tr = high.map((h, i) =>
        i === 0
          ? h - (low[i] as number)
          : Math.max(h, close[i - 1] as number) - Math.min(low[i] as number, close[i - 1] as number),
      );
      const chop = close.map((_, i) => {
        if (i < n - 1) return Number.NaN;
        const sum = tr.slice(i - n + 1, i + 1).reduce((a, b) => a + b, 0);
        const span = Math.max(...high.slice(i - n + 1, i + 1)) - Math.min(...low.slice(i - n + 1, i + 1));
        return (100 * Math.log10(sum / span)) / Math.log10(n);
      });
      expectCloseTo(choppiness(high, low, close, n), chop, 1e-9, `${name} chop`);
    }
  });

  it('bollingerPercentB and bollingerBandwidth are computed from bollingerBands bit for bit', () => {
    for (const [name, x] of closes) {
      const bands = bollingerBands(x, { period: 20, stdDev: 2 });
      const b = x.map(
        (v, i) =>
          (v - (bands.lower[i] as number)) / ((bands.upper[i] as number) - (bands.lower[i] as number)),
      );
      const w = x.map(
        (_, i) => ((bands.upper[i] as number) - (bands.lower[i] as number)) / (bands.middle[i] as number),
      );
      expectCloseTo(bollingerPercentB(x), b, 0, `${name} %B`);
      expectCloseTo(bollingerBandwidth(x), w, 0, `${name} bandwidth`);
    }
    expect(Array.from(bollingerPercentB([5, 5, 5], { period: 2 }))).toEqual([Number.NaN, 0.5, 0.5]);
  });

  // Σ TR covers [LL, HH] (the true ranges chain the closes), so the ratio is ≥ 1 and CHOP ≥ 0. It can
  // exceed 100 when the window's first true range reaches back to a far previous close.
  it('keltner and choppiness batches have the bits of their streaming classes across block and seed edges', () => {
    // Flat stretches (zero ranges, tied highs and lows), a gap, and lengths that end inside a
    // block: choppiness's per-block extremes and re-summation, keltner's loop after both seeds.
    const high: number[] = [];
    const low: number[] = [];
    const close: number[] = [];
    for (let i = 0; i < 67; i++) {
      const flat = i >= 20 && i < 33;
      const base = i === 40 ? 150 : 100 + Math.sin(i) * 3;
      high.push(flat ? 100 : base + 1 + (i % 3));
      low.push(flat ? 100 : base - 1 - (i % 2));
      close.push(flat ? 100 : base + ((i % 5) - 2) * 0.4);
    }
    const bars = high.map((h, i) => ({ high: h, low: low[i] as number, close: close[i] as number }));
    for (const period of [2, 3, 14, 66, 67, 70]) {
      const stream = new Choppiness(period);
      const streamed = bars.map((bar) => stream.update(bar));
      expect(Array.from(choppiness(high, low, close, period)).slice(period - 1)).toEqual(
        streamed.slice(period - 1),
      );
    }
    for (const [period, atrPeriod] of [
      [1, 1],
      [3, 9],
      [9, 3],
      [5, 4],
    ] as const) {
      for (const convention of ['talib', 'tradingview'] as const) {
        const options = { period, atrPeriod, multiplier: 1.5, convention };
        const stream = new Keltner(options);
        const streamed = bars.map((bar) => stream.update(bar));
        const batch = keltner(high, low, close, options);
        for (let i = 0; i < bars.length; i++) {
          const value = streamed[i] as { upper: number; middle: number; lower: number };
          expect([batch.upper[i], batch.middle[i], batch.lower[i]]).toEqual([
            value.upper,
            value.middle,
            value.lower,
          ]);
        }
      }
    }
  });

  it('choppiness ≥ 0 and ulcerIndex ≥ 0 on random bars (property)', () => {
    fc.assert(
      fc.property(barSeries(150), (bars) => {
        const high = bars.map((b) => b.high);
        const low = bars.map((b) => b.low);
        const close = bars.map((b) => b.close);
        for (const v of choppiness(high, low, close, 5))
          if (!Number.isNaN(v)) expect(v).toBeGreaterThanOrEqual(-1e-9);
        for (const v of ulcerIndex(close, 5)) if (!Number.isNaN(v)) expect(v).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('refuses bad options and inputs, naming them', () => {
    expect(() => keltner([2], [1], [1.5], { multiplier: -1 })).toThrow(/`multiplier`/);
    expect(() => historicalVolatility({ close: [1, 2] }, { estimator: 'x' as never })).toThrow(/`estimator`/);
    expect(() => historicalVolatility({ close: [1, 2] }, { estimator: 'parkinson' })).toThrow(/`bars.open`/);
    expect(() => historicalVolatility({ close: [1, 2] }, { period: 2 })).toThrow(/`period`.*at least 3/);
    expect(() => choppiness([2], [1], [1.5], 1)).toThrow(/`period`/);
    expect(() => bollingerPercentB([1e300, -1e300], { period: 2 })).toThrow(/`values` at index 0/);
  });
});

type Bar = { open: number; high: number; low: number; close: number; volume: number };
const cols = (bars: readonly Bar[]) => ({
  open: bars.map((b) => b.open),
  high: bars.map((b) => b.high),
  low: bars.map((b) => b.low),
  close: bars.map((b) => b.close),
});
const fields =
  (...names: string[]) =>
  (v: unknown): number[] =>
    names.map((name) => (v as Record<string, number>)[name] as number);
const asNumber = (v: unknown): number[] => [v as number];

interface ContractEntry<TInput, TBatch> {
  name: string;
  create: () => StreamingIndicator<TInput, unknown>;
  restore: (state: IndicatorState) => StreamingIndicator<TInput, unknown>;
  batch: (inputs: TBatch) => Float64Array[];
  batchInto: (inputs: TBatch, out: readonly Float64Array[]) => Float64Array[];
  toVector: (value: unknown) => number[];
  first: number;
}

const barContracts: ContractEntry<Bar, readonly Bar[]>[] = [
  ...(['talib', 'tradingview'] as const).map((convention) => ({
    name: `Keltner ${convention}`,
    create: () => new Keltner({ period: 4, atrPeriod: 3, convention }),
    restore: Keltner.fromJSON,
    batch: (bars: readonly Bar[]) => {
      const { high, low, close } = cols(bars);
      const o = keltner(high, low, close, { period: 4, atrPeriod: 3, convention });
      return [o.upper, o.middle, o.lower];
    },
    batchInto: (bars: readonly Bar[], [upper, middle, lower]: readonly Float64Array[]) => {
      const { high, low, close } = cols(bars);
      const o = keltner(high, low, close, {
        period: 4,
        atrPeriod: 3,
        convention,
        out: { upper, middle, lower },
      });
      return [o.upper, o.middle, o.lower];
    },
    toVector: fields('upper', 'middle', 'lower'),
    first: convention === 'talib' ? 3 : 2,
  })),
  {
    name: 'Donchian',
    create: () => new Donchian(4),
    restore: Donchian.fromJSON,
    batch: (bars) => {
      const { high, low } = cols(bars);
      const o = donchian(high, low, 4);
      return [o.upper, o.middle, o.lower];
    },
    batchInto: (bars, [upper, middle, lower]) => {
      const { high, low } = cols(bars);
      const o = donchian(high, low, 4, { out: { upper, middle, lower } });
      return [o.upper, o.middle, o.lower];
    },
    toVector: fields('upper', 'middle', 'lower'),
    first: 3,
  },
  {
    name: 'NATR',
    create: () => new NATR(3),
    restore: NATR.fromJSON,
    batch: (bars) => {
      const { high, low, close } = cols(bars);
      return [natr(high, low, close, 3)];
    },
    batchInto: (bars, [out]) => {
      const { high, low, close } = cols(bars);
      return [natr(high, low, close, 3, { out })];
    },
    toVector: asNumber,
    first: 3,
  },
  {
    name: 'ChaikinVolatility',
    create: () => new ChaikinVolatility({ period: 3, rocPeriod: 2 }),
    restore: ChaikinVolatility.fromJSON,
    batch: (bars) => {
      const { high, low } = cols(bars);
      return [chaikinVolatility(high, low, { period: 3, rocPeriod: 2 })];
    },
    batchInto: (bars, [out]) => {
      const { high, low } = cols(bars);
      return [chaikinVolatility(high, low, { period: 3, rocPeriod: 2, out })];
    },
    toVector: asNumber,
    first: 4,
  },
  {
    name: 'Choppiness',
    create: () => new Choppiness(4),
    restore: Choppiness.fromJSON,
    batch: (bars) => {
      const { high, low, close } = cols(bars);
      return [choppiness(high, low, close, 4)];
    },
    batchInto: (bars, [out]) => {
      const { high, low, close } = cols(bars);
      return [choppiness(high, low, close, 4, { out })];
    },
    toVector: asNumber,
    first: 3,
  },
  ...(['close', 'parkinson', 'garmanKlass', 'rogersSatchell', 'yangZhang'] as const).map((estimator) => ({
    name: `HistoricalVolatility ${estimator}`,
    create: () => new HistoricalVolatility({ estimator, period: 4 }),
    restore: HistoricalVolatility.fromJSON,
    batch: (bars: readonly Bar[]) => [historicalVolatility(cols(bars), { estimator, period: 4 })],
    batchInto: (bars: readonly Bar[], [out]: readonly Float64Array[]) => [
      historicalVolatility(cols(bars), { estimator, period: 4, out }),
    ],
    toVector: asNumber,
    first: estimator === 'yangZhang' ? 4 : 3,
  })),
];

describe('keltner and donchian options.out', () => {
  it('refuses an out column that shares memory with an input or another output, and unknown outputs', () => {
    const n = 30;
    const high = new Float64Array(n).fill(2);
    const low = new Float64Array(n).fill(1);
    const close = new Float64Array(n).fill(1.5);
    expect(() => keltner(high, low, close, { out: { upper: high } })).toThrow(
      /`out.upper`: shares memory with `high`/,
    );
    expect(() => keltner(high, low, close, { out: { lower: close.subarray(0, n) } })).toThrow(
      /`out.lower`: shares memory with `close`/,
    );
    const column = new Float64Array(n);
    expect(() => keltner(high, low, close, { out: { upper: column, lower: column } })).toThrow(
      /`out.lower`: shares memory with `out.upper`/,
    );
    expect(() => donchian(high, low, 4, { out: { middle: low } })).toThrow(
      /`out.middle`: shares memory with `low`/,
    );
    expect(() => keltner(high, low, close, { out: { notAnOutput: column } as never })).toThrow(
      /`out.notAnOutput`/,
    );
    expect(() => donchian(high, low, 4, { out: { uper: column } as never })).toThrow(/`out.uper`/);
    // Only the given columns are the caller's; the others are allocated.
    const o = donchian(high, low, 4, { out: { middle: column } });
    expect(o.middle).toBe(column);
    expect(Array.from(o.upper)).toEqual(Array.from(donchian(high, low, 4).upper));
  });
});

for (const c of barContracts) {
  describe(`${c.name} (streaming)`, () => {
    testIndicatorContract<Bar, unknown>({
      create: c.create,
      restore: c.restore,
      batch: c.batch,
      batchInto: c.batchInto,
      toVector: c.toVector,
      inputs: barSeries(),
      invalidInput: { open: Number.NaN, high: 1, low: 2, close: Number.NaN, volume: 1 },
      firstStableIndex: c.first,
    });
  });
}

const valueContracts: ContractEntry<number, number[]>[] = [
  {
    name: 'UlcerIndex',
    create: () => new UlcerIndex(4),
    restore: UlcerIndex.fromJSON,
    batch: (x) => [ulcerIndex(x, 4)],
    batchInto: (x, [out]) => [ulcerIndex(x, 4, { out })],
    toVector: asNumber,
    first: 6,
  },
  {
    name: 'BollingerPercentB',
    create: () => new BollingerPercentB({ period: 5 }),
    restore: BollingerPercentB.fromJSON,
    batch: (x) => [bollingerPercentB(x, { period: 5 })],
    batchInto: (x, [out]) => [bollingerPercentB(x, { period: 5, out })],
    toVector: asNumber,
    first: 4,
  },
  {
    name: 'BollingerBandwidth',
    create: () => new BollingerBandwidth({ period: 5 }),
    restore: BollingerBandwidth.fromJSON,
    batch: (x) => [bollingerBandwidth(x, { period: 5 })],
    batchInto: (x, [out]) => [bollingerBandwidth(x, { period: 5, out })],
    toVector: asNumber,
    first: 4,
  },
];

for (const c of valueContracts) {
  describe(`${c.name} (streaming)`, () => {
    testIndicatorContract<number, unknown>({
      create: c.create,
      restore: c.restore,
      batch: (x) => c.batch([...x]),
      batchInto: (x, out) => c.batchInto([...x], out),
      toVector: c.toVector,
      inputs: priceSeries(),
      invalidInput: Number.NaN,
      firstStableIndex: c.first,
    });
  });
}
