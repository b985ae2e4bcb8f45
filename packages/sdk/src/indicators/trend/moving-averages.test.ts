import fc from 'fast-check';
import { ZLEMA as ReferenceZLEMA } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { type AnyBar, checkBar } from '../kernel-indicator.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, priceSeries, testIndicatorContract } from '../testing/contract.js';
import { randomWalkBars } from '../testing/long-series.js';
import { loadReferenceBars, loadReferenceCloses } from '../testing/reference-data.js';
import { talibKama, talibT3, talibTema, talibTrima } from '../testing/talib-transcriptions.js';
import { loadTtrReference, ttrColumn } from '../testing/ttr-reference.js';
import { ALMA, alma } from './alma.js';
import { DEMA, dema } from './dema.js';
import { HMA, hma } from './hma.js';
import { KAMA, kama } from './kama.js';
import { T3, t3 } from './t3.js';
import { TEMA, tema } from './tema.js';
import { TRIMA, trima } from './trima.js';
import { VWMA, vwma } from './vwma.js';
import { ZLEMA, zlema } from './zlema.js';

const ttr = { dax: loadTtrReference('dax'), msft: loadTtrReference('msft') };
const closes = [...loadReferenceCloses()];
const single = (values: Float64Array): Float64Array[] => [values];
// The MSFT file TTR read, through the shared test loader.
const msftVolumes = loadReferenceBars().map((bar) => bar.volume);

describe('moving averages against TTR (packages/sdk/test/reference/ttr)', () => {
  for (const name of ['dax', 'msft'] as const) {
    const x = ttrColumn(ttr[name], 'close');
    it(`${name}: dema, hma, alma, zlema('ttr') equal TTR's DEMA, HMA, ALMA, ZLEMA to 1e-12`, () => {
      expectCloseTo(dema(x, 10), ttrColumn(ttr[name], 'dema_10'), 1e-12, 'dema');
      expectCloseTo(hma(x, 20), ttrColumn(ttr[name], 'hma_20'), 1e-12, 'hma');
      expectCloseTo(alma(x), ttrColumn(ttr[name], 'alma_9'), 1e-12, 'alma');
      expectCloseTo(zlema(x, 9, { convention: 'ttr' }), ttrColumn(ttr[name], 'zlema_9'), 1e-12, 'zlema 9');
      expectCloseTo(zlema(x, 10, { convention: 'ttr' }), ttrColumn(ttr[name], 'zlema_10'), 1e-12, 'zlema 10');
    });
  }

  it("msft: vwma equals TTR's VWMA", () => {
    const m = ttr.msft;
    expectCloseTo(vwma(ttrColumn(m, 'close'), msftVolumes, 20), ttrColumn(m, 'vwma_20'), 1e-12, 'vwma');
  });
});

describe('moving averages against TA-Lib loops transcribed in testing/talib-transcriptions.ts', () => {
  it('tema, trima (odd and even), kama and t3 equal TA-Lib to 1e-9 on every real series', () => {
    for (const [name, x] of closes) {
      for (const n of [2, 5, 14]) expectCloseTo(tema(x, n), talibTema(x, n), 1e-9, `${name} tema(${n})`);
      for (const n of [1, 2, 4, 5, 10, 11])
        expectCloseTo(trima(x, n), talibTrima(x, n), 1e-9, `${name} trima(${n})`);
      for (const n of [2, 10, 30])
        expectCloseTo(kama(x, { period: n }), talibKama(x, n), 1e-9, `${name} kama(${n})`);
      expectCloseTo(
        kama(x, { period: 10, fast: 3, slow: 20 }),
        talibKama(x, 10, 3, 20),
        1e-9,
        `${name} kama fast/slow`,
      );
      for (const n of [2, 5])
        expectCloseTo(t3(x, { period: n }), talibT3(x, n, 0.7), 1e-9, `${name} t3(${n})`);
      expectCloseTo(t3(x, { period: 4, volumeFactor: 0.3 }), talibT3(x, 4, 0.3), 1e-9, `${name} t3 a = 0.3`);
    }
  });

  it('also on random series (property)', () => {
    fc.assert(
      fc.property(priceSeries(200), fc.integer({ min: 2, max: 12 }), (x, n) => {
        if (x.length < 6 * n) return;
        expectCloseTo(tema(x, n), talibTema(x, n), 1e-9, 'tema');
        expectCloseTo(trima(x, n), talibTrima(x, n), 1e-9, 'trima');
        expectCloseTo(kama(x, { period: n }), talibKama(x, n), 1e-9, 'kama');
        expectCloseTo(t3(x, { period: n }), talibT3(x, n, 0.7), 1e-9, 't3');
      }),
      { numRuns: 60 },
    );
  });
});

describe('t3 over long series (its steady state runs in chunks of up to 4096 values)', () => {
  // A random walk long enough to cross several chunk boundaries after the warm-up.
  const x = randomWalkBars(20_000, 15).close;

  it('equals the streaming T3 bit for bit and TA-Lib within 1e-9, typed or plain', () => {
    for (const period of [1, 5, 30]) {
      const batch = t3(x, { period });
      expect(t3(Array.from(x), { period })).toEqual(batch);
      const stream = new T3({ period });
      for (let i = 0; i < x.length; i++) {
        const value = stream.update(x[i] as number);
        if (!Object.is(value, batch[i]))
          expect.fail(`t3(${period}) index ${i}: streaming ${value}, batch ${batch[i]}`);
      }
      expectCloseTo(batch, talibT3(Array.from(x), period, 0.7), 1e-9, `long t3(${period})`);
    }
  });

  it('names a non-finite value beyond the first chunks', () => {
    const broken = Float64Array.from(x);
    broken[9000] = Number.NaN;
    expect(() => t3(broken)).toThrow(/values.*9000|9000.*values/);
  });
});

describe('zlema (default, Ehlers lag)', () => {
  it("agrees with trading-signals' ZLEMA once its different seed has decayed (300 bars)", () => {
    for (const [name, x] of closes) {
      if (x.length < 600) continue;
      const reference = new ReferenceZLEMA(10);
      const expected = x.map((v) => reference.add(v) ?? Number.NaN);
      expectCloseTo(zlema(x, 10), expected, 1e-9, `${name} zlema`, { from: 300 });
    }
  });

  it('is the EMA of x + (x − x[lag]) with lag ⌊(n − 1)/2⌋, by hand', () => {
    // n = 3: lag 1, α = 1/2; de-lagged inputs from index 1: 2·3 − 1 = 5, 2·2 − 3 = 1, 2·6 − 2 = 10, 2·4 − 6 = 2.
    // SMA seed of the first 3 at index 3: (5 + 1 + 10) / 3 = 16/3; then (2 − 16/3)/2 + 16/3 = 11/3.
    expectCloseTo(
      zlema([1, 3, 2, 6, 4], 3),
      [Number.NaN, Number.NaN, Number.NaN, 16 / 3, 11 / 3],
      1e-14,
      'zlema',
    );
  });
});

describe('argument checks', () => {
  it('name the bad argument', () => {
    expect(() => dema([1, 2], 0)).toThrow(/`period`/);
    expect(() => hma([1, 2], 1)).toThrow(/`period`.*at least 2/);
    expect(() => alma([1, 2], { offset: 1.5 })).toThrow(/`offset`/);
    expect(() => alma([1, 2], { sigma: 0 })).toThrow(/`sigma`/);
    expect(() => kama([1, 2], { fast: 30, slow: 2 })).toThrow(/`fast`/);
    expect(() => t3([1, 2], { volumeFactor: 2 })).toThrow(/`volumeFactor`/);
    expect(() => zlema([1, 2], 3, { convention: 'x' as never })).toThrow(/`convention`/);
    expect(() => trima([1, Number.NaN], 2)).toThrow(/`values` at index 1/);
    expect(() => vwma([1, 2], [1, -1], 2)).toThrow(/`volume` at index 1/);
    expect(() => vwma([1, 2], [1], 2)).toThrow(/length/);
  });

  it('vwma of a window without volume is the plain mean of its closes', () => {
    expect(Array.from(vwma([1, 2, 6], [0, 0, 0], 2))).toEqual([Number.NaN, 1.5, 4]);
  });
});

describe('moving averages({ out })', () => {
  it('refuse an out that shares memory with an input, naming both', () => {
    const x = new Float64Array(50).fill(1);
    const view = x.subarray(10, 40);
    expect(() => dema(x, 4, { out: x })).toThrow(/`out`: shares memory with `values`/);
    expect(() => tema(x.subarray(0, 30), 3, { out: view })).toThrow(/`out`: shares memory with `values`/);
    expect(() => trima(x, 6, { out: x })).toThrow(/`out`: shares memory with `values`/);
    expect(() => hma(x.subarray(0, 30), 9, { out: view })).toThrow(/`out`: shares memory with `values`/);
    expect(() => zlema(x, 6, { out: x })).toThrow(/`out`: shares memory with `values`/);
    expect(() => zlema(x, 6, { convention: 'ttr', out: x })).toThrow(/`out`: shares memory with `values`/);
    expect(() => alma(x, { period: 5, out: x })).toThrow(/`out`: shares memory with `values`/);
    expect(() => kama(x, { period: 5, out: x })).toThrow(/`out`: shares memory with `values`/);
    expect(() => t3(x, { period: 3, out: x })).toThrow(/`out`: shares memory with `values`/);
    const volume = new Float64Array(50).fill(1);
    expect(() => vwma(x, volume, 5, { out: volume })).toThrow(/`out`: shares memory with `volume`/);
  });
});

const valueContracts = [
  {
    name: 'DEMA',
    create: () => new DEMA(4),
    restore: DEMA.fromJSON,
    batch: (x: number[]) => single(dema(x, 4)),
    batchInto: (x: number[], out: Float64Array) => single(dema(x, 4, { out })),
    first: 6,
  },
  {
    name: 'TEMA',
    create: () => new TEMA(3),
    restore: TEMA.fromJSON,
    batch: (x: number[]) => single(tema(x, 3)),
    batchInto: (x: number[], out: Float64Array) => single(tema(x, 3, { out })),
    first: 6,
  },
  {
    name: 'TRIMA',
    create: () => new TRIMA(6),
    restore: TRIMA.fromJSON,
    batch: (x: number[]) => single(trima(x, 6)),
    batchInto: (x: number[], out: Float64Array) => single(trima(x, 6, { out })),
    first: 5,
  },
  {
    name: 'HMA',
    create: () => new HMA(9),
    restore: HMA.fromJSON,
    batch: (x: number[]) => single(hma(x, 9)),
    batchInto: (x: number[], out: Float64Array) => single(hma(x, 9, { out })),
    first: 10,
  },
  {
    name: 'ZLEMA',
    create: () => new ZLEMA(6),
    restore: ZLEMA.fromJSON,
    batch: (x: number[]) => single(zlema(x, 6)),
    batchInto: (x: number[], out: Float64Array) => single(zlema(x, 6, { out })),
    first: 7,
  },
  {
    name: 'ZLEMA ttr',
    create: () => new ZLEMA(6, { convention: 'ttr' }),
    restore: ZLEMA.fromJSON,
    batch: (x: number[]) => single(zlema(x, 6, { convention: 'ttr' })),
    batchInto: (x: number[], out: Float64Array) => single(zlema(x, 6, { convention: 'ttr', out })),
    first: 5,
  },
  {
    name: 'ALMA',
    create: () => new ALMA({ period: 5 }),
    restore: ALMA.fromJSON,
    batch: (x: number[]) => single(alma(x, { period: 5 })),
    batchInto: (x: number[], out: Float64Array) => single(alma(x, { period: 5, out })),
    first: 4,
  },
  {
    name: 'KAMA',
    create: () => new KAMA({ period: 5 }),
    restore: KAMA.fromJSON,
    batch: (x: number[]) => single(kama(x, { period: 5 })),
    batchInto: (x: number[], out: Float64Array) => single(kama(x, { period: 5, out })),
    first: 5,
  },
  {
    name: 'T3',
    create: () => new T3({ period: 3 }),
    restore: T3.fromJSON,
    batch: (x: number[]) => single(t3(x, { period: 3 })),
    batchInto: (x: number[], out: Float64Array) => single(t3(x, { period: 3, out })),
    first: 12,
  },
];

for (const c of valueContracts) {
  describe(`${c.name} (streaming)`, () => {
    testIndicatorContract<number, number>({
      create: c.create,
      restore: (state) => c.restore(state),
      batch: (inputs) => c.batch([...inputs]),
      batchInto: (inputs, [out]) => c.batchInto([...inputs], out as Float64Array),
      toVector: (value) => [value],
      inputs: priceSeries(),
      invalidInput: Number.NaN,
      firstStableIndex: c.first,
    });
  });
}

describe('VWMA (streaming)', () => {
  testIndicatorContract<{ close: number; volume: number }, number>({
    create: () => new VWMA(5),
    restore: (state) => VWMA.fromJSON(state),
    batch: (bars) =>
      single(
        vwma(
          bars.map((b) => b.close),
          bars.map((b) => b.volume),
          5,
        ),
      ),
    batchInto: (bars, [out]) =>
      single(
        vwma(
          bars.map((b) => b.close),
          bars.map((b) => b.volume),
          5,
          { out },
        ),
      ),
    toVector: (value) => [value],
    inputs: barSeries(),
    invalidInput: { close: 1, volume: Number.NaN },
    firstStableIndex: 4,
  });
});

describe('kama batch loop (its own copy of the window sum)', () => {
  it('equals the streaming class bit for bit on series with flat stretches (property)', () => {
    // Flat stretches make whole windows of zero steps: the exact 0 and the re-summation paths.
    const step = fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: -2, max: 2, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 150 }),
        fc.integer({ min: 1, max: 12 }),
        (steps, period) => {
          let price = 100;
          const x = steps.map((s) => (price += s));
          const batch = kama(x, { period });
          const stream = new KAMA({ period });
          x.forEach((value, i) => {
            const v = stream.update(value);
            if (Number.isNaN(v)) expect(batch[i], `at ${i}`).toBeNaN();
            else expect(batch[i], `at ${i}`).toBe(v);
          });
        },
      ),
    );
  });
});

describe('kama batch loop near the largest doubles', () => {
  it('equals the streaming class bit for bit when the path sum overflows (property)', () => {
    // Steps of ±1e308 make |x[k] − x[k−1]| and the path's window sum overflow to Infinity, and
    // the rounding errors of the compensated sum huge: the batch loop's error term must give the
    // streaming class's numbers there too (NaN where it gives NaN).
    const value = fc.oneof(
      fc.constant(1e308),
      fc.constant(-1e308),
      fc.constant(Number.MAX_VALUE),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.constant(0),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 8 }),
        (x, period) => {
          const batch = kama(Float64Array.from(x), { period });
          const stream = new KAMA({ period });
          x.forEach((v, i) => {
            const out = stream.update(v);
            if (Number.isNaN(out)) expect(batch[i], `at ${i}`).toBeNaN();
            else expect(batch[i], `at ${i}`).toBe(out);
          });
        },
      ),
    );
  });
});

describe('alma batch loop (four outputs per pass over the weights)', () => {
  it('equals the streaming class bit for bit for every period and every length mod 4 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 1, max: 13 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (steps, period, offset) => {
          let price = 100;
          const x = Float64Array.from(steps, (s) => (price += s));
          const batch = alma(x, { period, offset });
          const stream = new ALMA({ period, offset });
          x.forEach((value, i) => {
            const v = stream.update(value);
            if (Number.isNaN(v)) expect(batch[i], `at ${i}`).toBeNaN();
            else expect(batch[i], `at ${i}`).toBe(v);
          });
        },
      ),
    );
  });

  it('names the first non-finite value wherever it falls in a block of four', () => {
    for (let bad = 0; bad < 16; bad++) {
      const x = Float64Array.from({ length: 16 }, (_, i) => 100 + i);
      x[bad] = bad % 2 === 0 ? Number.NaN : Number.NEGATIVE_INFINITY;
      expect(() => alma(x, { period: 3 })).toThrow(new RegExp(`\`values\` at index ${bad}\\b`));
    }
  });
});

describe('vwma batch loop (its own copy of the window sums)', () => {
  it('equals the streaming class bit for bit with volume-free stretches and volume spikes (property)', () => {
    // Zero volumes make windows without volume (the plain mean) and exact-0 sums; spikes leaving the
    // window test the compensated sums; both run through the re-summations.
    const bar = fc.record({
      step: fc.double({ min: -2, max: 2, noNaN: true }),
      volume: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 1000 }), fc.constant(1e12)),
    });
    fc.assert(
      fc.property(
        fc.array(bar, { minLength: 0, maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        (bars, period) => {
          let price = 100;
          const close = Float64Array.from(bars, (b) => (price += b.step));
          const volume = Float64Array.from(bars, (b) => b.volume);
          const batch = vwma(close, volume, period);
          const stream = new VWMA(period);
          close.forEach((c, i) => {
            const v = stream.update({ close: c, volume: volume[i] as number });
            if (Number.isNaN(v)) expect(batch[i], `at ${i}`).toBeNaN();
            else expect(batch[i], `at ${i}`).toBe(v);
          });
        },
      ),
    );
  });
});

describe('VWMA streaming input check (its own fast path)', () => {
  it("rejects every bad bar with checkBar's error and keeps its state", () => {
    const bad: unknown[] = [
      null,
      undefined,
      5,
      'bar',
      {},
      { close: 1 },
      { volume: 1 },
      { close: Number.NaN, volume: 1 },
      { close: 1, volume: Number.POSITIVE_INFINITY },
      { close: Number.NEGATIVE_INFINITY, volume: 1 },
      { close: '1', volume: 1 },
      { close: 1, volume: -1 },
      { close: 1, volume: -Number.MIN_VALUE },
    ];
    const indicator = new VWMA(3);
    for (const bar of [
      { close: 1, volume: 2 },
      { close: 2, volume: 0 },
      { close: 3, volume: -0 },
    ])
      indicator.update(bar);
    const before = JSON.stringify(indicator.toJSON());
    for (const bar of bad) {
      let expected: string | undefined;
      try {
        checkBar(bar as AnyBar, ['close', 'volume']);
      } catch (error) {
        expected = (error as Error).message;
      }
      expect(expected, JSON.stringify(bar)).toBeDefined();
      expect(() => indicator.update(bar as never), JSON.stringify(bar)).toThrow(expected);
    }
    expect(JSON.stringify(indicator.toJSON())).toBe(before);
  });
});
