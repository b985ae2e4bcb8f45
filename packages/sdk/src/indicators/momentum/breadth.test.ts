import fc from 'fast-check';
import { AwesomeOscillator as ReferenceAO } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import type { IndicatorState } from '../state.js';
import type { StreamingIndicator } from '../streaming.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, priceSeries, testIndicatorContract } from '../testing/contract.js';
import { loadReferenceBarSeries, loadReferenceBars, loadReferenceCloses } from '../testing/reference-data.js';
import { talibCmo, talibEma } from '../testing/talib-transcriptions.js';
import { loadTtrReference, ttrColumn } from '../testing/ttr-reference.js';
import { macd } from '../trend/macd.js';
import { AwesomeOscillator, awesomeOscillator } from './awesome-oscillator.js';
import { BalanceOfPower, balanceOfPower } from './balance-of-power.js';
import { CMO, cmo } from './cmo.js';
import { FisherTransform, fisherTransform } from './fisher-transform.js';
import { KST, kst } from './kst.js';
import { MOM, mom } from './mom.js';
import { APO, apo, PPO, ppo } from './price-oscillator.js';
import { StochRSI, stochRsi } from './stoch-rsi.js';
import { TSI, tsi } from './tsi.js';
import { UltimateOscillator, ultimateOscillator } from './ultimate-oscillator.js';
import { WilliamsAD, williamsAD } from './williams-ad.js';

const ttr = { dax: loadTtrReference('dax'), msft: loadTtrReference('msft') };
const closes = [...loadReferenceCloses()];
const msft = loadReferenceBars();
const hlc = {
  high: msft.map((b) => b.high),
  low: msft.map((b) => b.low),
  close: msft.map((b) => b.close),
};
const percent = (values: readonly number[]) => values.map((v) => 100 * v);

/** EMA over the defined tail of a column (TA-Lib's chaining), through the TA-Lib transcription. */
function emaOfDefined(values: readonly number[], period: number): number[] {
  const start = values.findIndex((v) => !Number.isNaN(v));
  return [...values.slice(0, start).map(() => Number.NaN), ...talibEma(values.slice(start), period)];
}

describe('momentum indicators against TTR', () => {
  for (const name of ['dax', 'msft'] as const) {
    const t = ttr[name];
    const x = ttrColumn(t, 'close');
    it(`${name}: cmo, mom, kst('ttr'), stochRsi and macd('ttr') equal TTR to 1e-11`, () => {
      expectCloseTo(cmo(x, 14), ttrColumn(t, 'cmo_14'), 1e-12, 'cmo');
      expectCloseTo(mom(x, 10), ttrColumn(t, 'momentum_10'), 0, 'mom');
      const k = kst(x, { convention: 'ttr' });
      expectCloseTo(k.kst, ttrColumn(t, 'kst'), 1e-11, 'kst');
      expectCloseTo(k.signal, ttrColumn(t, 'kst_signal'), 1e-11, 'kst signal');
      expectCloseTo(stochRsi(x, { kPeriod: 1 }).k, percent(ttrColumn(t, 'stochrsi_fastk')), 1e-11, 'fastK');
      const s = stochRsi(x);
      expectCloseTo(s.k, percent(ttrColumn(t, 'stochrsi_fastd')), 1e-11, 'k = TTR fastD');
      expectCloseTo(s.d, percent(ttrColumn(t, 'stochrsi_slowd')), 1e-11, 'd = TTR slowD');
      const m = macd(x, { seed: 'ttr' });
      expectCloseTo(m.macd, ttrColumn(t, 'macd_ttr'), 1e-11, 'macd');
      expectCloseTo(m.signal, ttrColumn(t, 'macd_ttr_signal'), 1e-11, 'macd signal');
    });
  }

  it("msft: ultimateOscillator and williamsAD equal TTR's", () => {
    const { high, low, close } = hlc;
    expectCloseTo(ultimateOscillator(high, low, close), ttrColumn(ttr.msft, 'ultimate'), 1e-12, 'uo');
    expectCloseTo(williamsAD(high, low, close), ttrColumn(ttr.msft, 'williams_ad'), 1e-12, 'wad');
  });
});

describe('momentum indicators against TA-Lib, technicalindicators and their definitions', () => {
  it("cmo({ convention: 'talib' }) equals TA-Lib's CMO loop", () => {
    for (const [name, x] of closes) {
      for (const n of [1, 9, 14])
        expectCloseTo(cmo(x, n, { convention: 'talib' }), talibCmo(x, n), 1e-9, `${name} cmo(${n})`);
    }
  });

  it('apo and ppo are built from TA-Lib EMAs, each seeded at its own index', () => {
    for (const [name, x] of closes) {
      const fast = talibEma(x, 12);
      const slow = talibEma(x, 26);
      const line = x.map((_, i) => (100 * ((fast[i] as number) - (slow[i] as number))) / (slow[i] as number));
      const signal = emaOfDefined(line, 9);
      const out = ppo(x);
      expectCloseTo(out.ppo, line, 1e-9, `${name} ppo`);
      expectCloseTo(out.signal, signal, 1e-9, `${name} ppo signal`);
      expectCloseTo(
        out.histogram,
        line.map((v, i) => v - (signal[i] as number)),
        1e-9,
        `${name} histogram`,
      );
      expectCloseTo(
        apo(x),
        x.map((_, i) => (fast[i] as number) - (slow[i] as number)),
        1e-9,
        `${name} apo`,
      );
      expectCloseTo(apo(x), macd(x, { seed: 'ttr' }).macd, 0, `${name} apo = macd line`);
    }
  });

  it("awesomeOscillator equals technicalindicators' AwesomeOscillator", () => {
    for (const [name, bars] of loadReferenceBarSeries()) {
      const high = bars.map((b) => b.high);
      const low = bars.map((b) => b.low);
      const rows = ReferenceAO.calculate({
        high,
        low,
        fastPeriod: 5,
        slowPeriod: 34,
        format: (v: number) => v,
      });
      const expected = [...new Array(high.length - rows.length).fill(Number.NaN), ...rows];
      expectCloseTo(awesomeOscillator(high, low), expected, 1e-9, `${name} ao`);
    }
  });

  it('tsi is the ratio of double-smoothed TA-Lib EMAs of the changes and their sizes', () => {
    for (const [name, x] of closes) {
      const changes = x.map((v, i) => (i === 0 ? Number.NaN : v - (x[i - 1] as number)));
      const moves = emaOfDefined(emaOfDefined(changes, 25), 13);
      const sizes = emaOfDefined(emaOfDefined(changes.map(Math.abs), 25), 13);
      const line = moves.map((m, i) => (100 * m) / (sizes[i] as number));
      const out = tsi(x);
      expectCloseTo(out.tsi, line, 1e-9, `${name} tsi`);
      expectCloseTo(out.signal, emaOfDefined(line, 13), 1e-9, `${name} tsi signal`);
    }
  });

  it('kst (default) uses percentage rates of change: by hand on a short series', () => {
    const x = [1, 2, 4, 8, 16, 32];
    const out = kst(x, { rocPeriods: [1, 1, 1, 1], smaPeriods: [1, 1, 1, 1], signal: 2 });
    // Each ROC is 100 %: 100 · (1 + 2 + 3 + 4) · 1 = 1000.
    expect(Array.from(out.kst)).toEqual([Number.NaN, 1000, 1000, 1000, 1000, 1000]);
    expect(out.signal[2]).toBe(1000);
  });

  it("fisherTransform follows TradingView's recursion, by a direct transcription", () => {
    const { high, low } = hlc;
    const n = 9;
    const median = high.map((h, i) => (h + (low[i] as number)) / 2);
    let value = 0;
    let fisher = 0;
    const expected: number[] = [];
    const trigger: number[] = [];
    median.forEach((m, i) => {
      if (i < n - 1) {
        expected.push(Number.NaN);
        trigger.push(Number.NaN);
        return;
      }
      const window = median.slice(i - n + 1, i + 1);
      const hh = Math.max(...window);
      const ll = Math.min(...window);
      let v = 0.66 * ((m - ll) / (hh - ll) - 0.5) + 0.67 * value;
      v = v > 0.99 ? 0.999 : v < -0.99 ? -0.999 : v;
      const f = 0.5 * Math.log((1 + v) / (1 - v)) + 0.5 * fisher;
      trigger.push(i === n - 1 ? Number.NaN : fisher);
      value = v;
      fisher = f;
      expected.push(f);
    });
    const out = fisherTransform(high, low, n);
    expectCloseTo(out.fisher, expected, 1e-12, 'fisher');
    expectCloseTo(out.trigger, trigger, 1e-12, 'trigger');
  });

  it('balanceOfPower is (close − open)/(high − low), 0 without range, within [−1, 1] (property)', () => {
    expect(Array.from(balanceOfPower([1, 2], [3, 2], [0, 2], [2.5, 2]))).toEqual([0.5, 0]);
    fc.assert(
      fc.property(barSeries(), (bars) => {
        const out = balanceOfPower(
          bars.map((b) => b.open),
          bars.map((b) => b.high),
          bars.map((b) => b.low),
          bars.map((b) => b.close),
        );
        for (const v of out) expect(Math.abs(v)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('balanceOfPower takes bars whose range overflows to Infinity (finite values), as the streaming class', () => {
    // high − low overflows here: the loop's combined finiteness test flags the bar, the exact checks pass it.
    const columns = {
      open: Float64Array.from([0, 1, -5e307]),
      high: Float64Array.from([1e308, 2, 1e308]),
      low: Float64Array.from([-1e308, 1, -1e308]),
      close: Float64Array.from([1, 1.5, 5e307]),
    };
    const out = balanceOfPower(columns.open, columns.high, columns.low, columns.close);
    const stream = new BalanceOfPower();
    const streamed = [0, 1, 2].map((i) =>
      stream.update({
        open: columns.open[i] as number,
        high: columns.high[i] as number,
        low: columns.low[i] as number,
        close: columns.close[i] as number,
      }),
    );
    expect(Array.from(out)).toEqual([0, 0.5, 0]);
    expect(Array.from(out)).toEqual(streamed);
  });

  it('cmo, stochRsi and ultimateOscillator stay within their ranges (property)', () => {
    fc.assert(
      fc.property(barSeries(150), (bars) => {
        const close = bars.map((b) => b.close);
        for (const v of cmo(close, 5)) if (!Number.isNaN(v)) expect(Math.abs(v)).toBeLessThanOrEqual(100);
        const s = stochRsi(close, { rsiPeriod: 3, stochPeriod: 3 });
        for (const v of [...s.k, ...s.d]) if (!Number.isNaN(v)) expect(v >= 0 && v <= 100).toBe(true);
        const uo = ultimateOscillator(
          bars.map((b) => b.high),
          bars.map((b) => b.low),
          close,
          { short: 2, medium: 3, long: 5 },
        );
        for (const v of uo) if (!Number.isNaN(v)) expect(v >= 0 && v <= 100 + 1e-9).toBe(true);
      }),
    );
  });

  it('ultimateOscillator batch has the bits of the streaming class over several chunks', () => {
    // Flat stretches (windows without range: the exact 0 and the neutral 1/2), huge ranges
    // leaving the windows before quiet bars (the compensation), closes outside [low, high], equal
    // and distinct periods, and a series spanning several batch chunks (batch-chunks.ts).
    const n = 5000;
    const high: number[] = [];
    const low: number[] = [];
    const close: number[] = [];
    for (let i = 0; i < n; i++) {
      const flat = (i >= 100 && i < 140) || (i >= 4400 && i < 4410);
      const base = 100 + Math.sin(i / 17) * 5 + (i % 97 === 0 ? 1e14 * (1 + Math.sqrt(i)) : 0);
      if (i === 4700 || i === 4701) {
        // Ranges that overflow to Infinity (finite bars): NaN ratios, the previous value held.
        high.push(1.7e308);
        low.push(-1.7e308);
        close.push(0);
        continue;
      }
      high.push(flat ? 50 : base + (i % 5) * 0.37);
      low.push(flat ? 50 : base - (i % 7) * 0.21);
      close.push(flat ? 50 : i % 13 === 0 ? base + 3 : base + ((i % 3) - 1) * 0.1);
    }
    for (const options of [
      { short: 7, medium: 14, long: 28 },
      { short: 1, medium: 1, long: 1 },
      { short: 3, medium: 3, long: 40 },
      { short: 5, medium: 300, long: 300 },
    ]) {
      const batch = Array.from(ultimateOscillator(high, low, close, options));
      const stream = new UltimateOscillator(options);
      const streamed = high.map((h, i) =>
        stream.update({ high: h, low: low[i] as number, close: close[i] as number }),
      );
      expect(batch.slice(options.long)).toEqual(streamed.slice(options.long));
      expect(batch.slice(0, options.long).every(Number.isNaN)).toBe(true);
      expect(
        ultimateOscillator(
          Float64Array.from(high),
          Float64Array.from(low),
          Float64Array.from(close),
          options,
        ),
      ).toEqual(Float64Array.from(batch));
    }
  });

  it('refuses bad options, naming them', () => {
    expect(() => ppo([1, 2], { fast: 26, slow: 12 })).toThrow(/`fast`/);
    expect(() => cmo([1, 2], 14, { convention: 'x' as never })).toThrow(/`convention`/);
    expect(() => kst([1, 2], { convention: 'talib' })).toThrow(/`convention`/);
    expect(() => kst([1, 2], { rocPeriods: [1, 2, 3] as never })).toThrow(/`rocPeriods`/);
    expect(() => ultimateOscillator([2], [1], [1.5], { short: 9, medium: 3 })).toThrow(/`medium`/);
    expect(() => stochRsi([1, 2], { dPeriod: 0 })).toThrow(/`dPeriod`/);
    expect(() => awesomeOscillator([1], [2])).toThrow(/`high` at index 0/);
  });

  it('batch refuses an out that shares memory with an input or another output, and unknown outputs', () => {
    const buffer = new Float64Array(100).fill(3);
    const x = buffer.subarray(0, 50);
    expect(() => ppo(x, { fast: 2, slow: 5, out: { histogram: buffer.subarray(40, 90) } })).toThrow(
      /`out\.histogram`: .*`values`/,
    );
    const line = new Float64Array(50);
    expect(() => ppo(x, { fast: 2, slow: 5, out: { ppo: line, signal: line } })).toThrow(
      /`out\.signal`: .*`out\.ppo`/,
    );
    expect(() => ppo(x, { out: { notAnOutput: new Float64Array(50) } as never })).toThrow(
      /`out\.notAnOutput`/,
    );
    // The kernel runner's outputs (stochRsi, williamsAD) are checked the same way.
    expect(() => stochRsi(x, { out: { d: x } })).toThrow(/`out\.d`: .*`values`/);
    expect(() => stochRsi(x, { out: { kk: new Float64Array(x.length) } as never })).toThrow(
      'Invalid argument `out.kk`: is not an output; the outputs are k, d',
    );
    const h = new Float64Array(50).fill(2);
    const l = new Float64Array(50).fill(1);
    expect(() => williamsAD(h, l, x.fill(1.5), { out: h })).toThrow(/`out`: .*`high`/);
    expect(() => balanceOfPower(x, h, l, x, { out: l })).toThrow(/`out`: .*`low`/);
    // Only the columns given are the caller's; the others are allocated.
    const signal = new Float64Array(50);
    const out = ppo(x, { fast: 2, slow: 5, out: { signal } });
    expect(out.signal).toBe(signal);
    expect(out.ppo).not.toBe(signal);
  });
});

interface ContractEntry<TInput, TBatch> {
  name: string;
  create: () => StreamingIndicator<TInput, unknown>;
  restore: (state: IndicatorState) => StreamingIndicator<TInput, unknown>;
  batch: (inputs: TBatch) => Float64Array[];
  /** The batch function called with `out`: the columns in `batch`'s order. */
  batchInto: (inputs: TBatch, out: readonly Float64Array[]) => Float64Array[];
  toVector: (value: unknown) => number[];
  first: number;
}
const asNumber = (v: unknown): number[] => [v as number];
const fields =
  (...names: string[]) =>
  (v: unknown): number[] =>
    names.map((name) => (v as Record<string, number>)[name] as number);

const valueContracts: ContractEntry<number, number[]>[] = [
  {
    name: 'MOM',
    create: () => new MOM(3),
    restore: MOM.fromJSON,
    batch: (x) => [mom(x, 3)],
    batchInto: (x, [out]) => [mom(x, 3, { out })],
    toVector: asNumber,
    first: 3,
  },
  {
    name: 'CMO',
    create: () => new CMO(4),
    restore: CMO.fromJSON,
    batch: (x) => [cmo(x, 4)],
    batchInto: (x, [out]) => [cmo(x, 4, { out })],
    toVector: asNumber,
    first: 4,
  },
  {
    name: 'CMO talib',
    create: () => new CMO(4, { convention: 'talib' }),
    restore: CMO.fromJSON,
    batch: (x) => [cmo(x, 4, { convention: 'talib' })],
    batchInto: (x, [out]) => [cmo(x, 4, { convention: 'talib', out })],
    toVector: asNumber,
    first: 4,
  },
  {
    name: 'APO',
    create: () => new APO({ fast: 2, slow: 5 }),
    restore: APO.fromJSON,
    batch: (x) => [apo(x, { fast: 2, slow: 5 })],
    batchInto: (x, [out]) => [apo(x, { fast: 2, slow: 5, out })],
    toVector: asNumber,
    first: 4,
  },
  {
    name: 'PPO',
    create: () => new PPO({ fast: 2, slow: 5, signal: 3 }),
    restore: PPO.fromJSON,
    batch: (x) => {
      const o = ppo(x, { fast: 2, slow: 5, signal: 3 });
      return [o.ppo, o.signal, o.histogram];
    },
    batchInto: (x, [line, signal, histogram]) => {
      const o = ppo(x, { fast: 2, slow: 5, signal: 3, out: { ppo: line, signal, histogram } });
      return [o.ppo, o.signal, o.histogram];
    },
    toVector: fields('ppo', 'signal', 'histogram'),
    first: 6,
  },
  {
    name: 'StochRSI',
    create: () => new StochRSI({ rsiPeriod: 3, stochPeriod: 4, kPeriod: 2, dPeriod: 2 }),
    restore: StochRSI.fromJSON,
    batch: (x) => {
      const o = stochRsi(x, { rsiPeriod: 3, stochPeriod: 4, kPeriod: 2, dPeriod: 2 });
      return [o.k, o.d];
    },
    batchInto: (x, [k, d]) => {
      const o = stochRsi(x, { rsiPeriod: 3, stochPeriod: 4, kPeriod: 2, dPeriod: 2, out: { k, d } });
      return [o.k, o.d];
    },
    toVector: fields('k', 'd'),
    first: 8,
  },
  {
    name: 'KST',
    create: () => new KST({ rocPeriods: [1, 2, 3, 4], smaPeriods: [2, 2, 2, 3], signal: 3 }),
    restore: KST.fromJSON,
    batch: (x) => {
      const o = kst(x, { rocPeriods: [1, 2, 3, 4], smaPeriods: [2, 2, 2, 3], signal: 3 });
      return [o.kst, o.signal];
    },
    batchInto: (x, [line, signal]) => {
      const o = kst(x, {
        rocPeriods: [1, 2, 3, 4],
        smaPeriods: [2, 2, 2, 3],
        signal: 3,
        out: { kst: line, signal },
      });
      return [o.kst, o.signal];
    },
    toVector: fields('kst', 'signal'),
    first: 8,
  },
  {
    name: 'TSI',
    create: () => new TSI({ long: 4, short: 3, signal: 3 }),
    restore: TSI.fromJSON,
    batch: (x) => {
      const o = tsi(x, { long: 4, short: 3, signal: 3 });
      return [o.tsi, o.signal];
    },
    batchInto: (x, [line, signal]) => {
      const o = tsi(x, { long: 4, short: 3, signal: 3, out: { tsi: line, signal } });
      return [o.tsi, o.signal];
    },
    toVector: fields('tsi', 'signal'),
    first: 8,
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

type Bar = { open: number; high: number; low: number; close: number; volume: number };
const columnsOf = (bars: readonly Bar[]) => ({
  open: bars.map((b) => b.open),
  high: bars.map((b) => b.high),
  low: bars.map((b) => b.low),
  close: bars.map((b) => b.close),
});
const barContracts: ContractEntry<Bar, readonly Bar[]>[] = [
  {
    name: 'UltimateOscillator',
    create: () => new UltimateOscillator({ short: 2, medium: 3, long: 5 }),
    restore: UltimateOscillator.fromJSON,
    batch: (bars) => {
      const { high, low, close } = columnsOf(bars);
      return [ultimateOscillator(high, low, close, { short: 2, medium: 3, long: 5 })];
    },
    batchInto: (bars, [out]) => {
      const { high, low, close } = columnsOf(bars);
      return [ultimateOscillator(high, low, close, { short: 2, medium: 3, long: 5, out })];
    },
    toVector: asNumber,
    first: 5,
  },
  {
    name: 'AwesomeOscillator',
    create: () => new AwesomeOscillator({ fast: 2, slow: 5 }),
    restore: AwesomeOscillator.fromJSON,
    batch: (bars) => {
      const { high, low } = columnsOf(bars);
      return [awesomeOscillator(high, low, { fast: 2, slow: 5 })];
    },
    batchInto: (bars, [out]) => {
      const { high, low } = columnsOf(bars);
      return [awesomeOscillator(high, low, { fast: 2, slow: 5, out })];
    },
    toVector: asNumber,
    first: 4,
  },
  {
    name: 'FisherTransform',
    create: () => new FisherTransform(4),
    restore: FisherTransform.fromJSON,
    batch: (bars) => {
      const { high, low } = columnsOf(bars);
      const o = fisherTransform(high, low, 4);
      return [o.fisher, o.trigger];
    },
    batchInto: (bars, [fisher, trigger]) => {
      const { high, low } = columnsOf(bars);
      const o = fisherTransform(high, low, 4, { out: { fisher, trigger } });
      return [o.fisher, o.trigger];
    },
    toVector: fields('fisher', 'trigger'),
    first: 4,
  },
  {
    name: 'BalanceOfPower',
    create: () => new BalanceOfPower(),
    restore: BalanceOfPower.fromJSON,
    batch: (bars) => {
      const { open, high, low, close } = columnsOf(bars);
      return [balanceOfPower(open, high, low, close)];
    },
    batchInto: (bars, [out]) => {
      const { open, high, low, close } = columnsOf(bars);
      return [balanceOfPower(open, high, low, close, { out })];
    },
    toVector: asNumber,
    first: 0,
  },
  {
    name: 'WilliamsAD',
    create: () => new WilliamsAD(),
    restore: WilliamsAD.fromJSON,
    batch: (bars) => {
      const { high, low, close } = columnsOf(bars);
      return [williamsAD(high, low, close)];
    },
    batchInto: (bars, [out]) => {
      const { high, low, close } = columnsOf(bars);
      return [williamsAD(high, low, close, { out })];
    },
    toVector: asNumber,
    first: 1,
  },
];

for (const c of barContracts) {
  describe(`${c.name} (streaming)`, () => {
    testIndicatorContract<Bar, unknown>({
      create: c.create,
      restore: c.restore,
      batch: c.batch,
      batchInto: c.batchInto,
      toVector: c.toVector,
      inputs: barSeries(),
      invalidInput: { open: 1, high: 1, low: 2, close: 1.5, volume: 1 },
      firstStableIndex: c.first,
    });
  });
}
