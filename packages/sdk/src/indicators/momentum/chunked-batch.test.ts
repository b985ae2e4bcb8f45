// The batch loops that run in chunks (batch-chunks.ts): the same bits as the streaming classes across
// chunk boundaries (the first chunk, full chunks, a short tail), on series longer than the
// contract tests' (which stay inside the first chunk), for Float64Array and plain-array input.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.js';
import { CHUNK, FIRST_CHUNK } from '../batch-chunks.js';
import { expectSameBits, randomWalkBars } from '../testing/long-series.js';
import { UlcerIndex, ulcerIndex } from '../volatility/ulcer-index.js';
import { ForceIndex, forceIndex } from '../volume/force-index.js';
import { AwesomeOscillator, awesomeOscillator } from './awesome-oscillator.js';
import { CMO, cmo } from './cmo.js';
import { FisherTransform, fisherTransform } from './fisher-transform.js';
import { KST, kst } from './kst.js';
import { APO, apo, PPO, ppo } from './price-oscillator.js';
import { TSI, tsi } from './tsi.js';
import { ultimateOscillator } from './ultimate-oscillator.js';

const LENGTH = FIRST_CHUNK + 2 * CHUNK + 777;

const bars = randomWalkBars(LENGTH, 15, { every: 500, length: 20 });
const closes = bars.close;

describe('chunked batch loops equal streaming across chunk boundaries', () => {
  it('PPO', () => {
    const s = new PPO({ fast: 5, slow: 11, signal: 4 });
    const b = ppo(closes, { fast: 5, slow: 11, signal: 4 });
    const rows = Array.from(closes, (x) => {
      const v = s.update(x);
      return [v.ppo, v.signal, v.histogram];
    });
    expectSameBits([b.ppo, b.signal, b.histogram], rows);
    const plain = ppo([...closes], { fast: 5, slow: 11, signal: 4 });
    expectSameBits([plain.ppo, plain.signal, plain.histogram], rows);
  });

  it('APO', () => {
    const s = new APO({ fast: 5, slow: 11 });
    const rows = Array.from(closes, (x) => [s.update(x)]);
    expectSameBits([apo(closes, { fast: 5, slow: 11 })], rows);
    expectSameBits([apo([...closes], { fast: 5, slow: 11 })], rows);
  });

  it('TSI', () => {
    const s = new TSI({ long: 7, short: 5, signal: 3 });
    const b = tsi(closes, { long: 7, short: 5, signal: 3 });
    const rows = Array.from(closes, (x) => {
      const v = s.update(x);
      return [v.tsi, v.signal];
    });
    expectSameBits([b.tsi, b.signal], rows);
    const plain = tsi([...closes], { long: 7, short: 5, signal: 3 });
    expectSameBits([plain.tsi, plain.signal], rows);
  });

  for (const convention of ['ttr', 'talib'] as const) {
    it(`CMO (${convention})`, () => {
      const s = new CMO(9, { convention });
      const rows = Array.from(closes, (x) => [s.update(x)]);
      expectSameBits([cmo(closes, 9, { convention })], rows);
      expectSameBits([cmo([...closes], 9, { convention })], rows);
    });
  }

  it('CMO on changes past ±MAX/2 and infinite changes (the gain and loss fallbacks)', () => {
    const series = [
      Array.from({ length: 40 }, (_, i) => [1.7e308, 0, -1.7e308, 1e308, 0][i % 5] as number),
      Array.from({ length: 40 }, (_, i) => [1.7e308, 0, 0, -1.7e308, 0, 0][i % 6] as number),
    ];
    for (const values of series)
      for (const period of [1, 2, 4])
        for (const convention of ['ttr', 'talib'] as const) {
          const s = new CMO(period, { convention });
          const rows = values.map((x) => [s.update(x)]);
          expectSameBits([cmo(values, period, { convention })], rows);
        }
  });

  for (const period of [1, 2, 7]) {
    it(`FisherTransform(${period})`, () => {
      const s = new FisherTransform(period);
      const rows = Array.from(closes, (_, i) => {
        const v = s.update({ high: bars.high[i] as number, low: bars.low[i] as number });
        return [v.fisher, v.trigger];
      });
      const b = fisherTransform(bars.high, bars.low, period);
      expectSameBits([b.fisher, b.trigger], rows);
      const plain = fisherTransform([...bars.high], [...bars.low], period);
      expectSameBits([plain.fisher, plain.trigger], rows);
    });
  }

  it('ForceIndex', () => {
    const s = new ForceIndex(6);
    const rows = Array.from(closes, (x, i) => [s.update({ close: x, volume: bars.volume[i] as number })]);
    expectSameBits([forceIndex(closes, bars.volume, 6)], rows);
    expectSameBits([forceIndex([...closes], [...bars.volume], 6)], rows);
  });

  it('UlcerIndex', () => {
    const s = new UlcerIndex(9);
    const rows = Array.from(closes, (x) => [s.update(x)]);
    expectSameBits([ulcerIndex(closes, 9)], rows);
    expectSameBits([ulcerIndex([...closes], 9)], rows);
  });

  it('AwesomeOscillator', () => {
    const s = new AwesomeOscillator();
    const rows = Array.from(closes, (_, i) => [
      s.update({ high: bars.high[i] as number, low: bars.low[i] as number }),
    ]);
    expectSameBits([awesomeOscillator(bars.high, bars.low)], rows);
    expectSameBits([awesomeOscillator([...bars.high], [...bars.low])], rows);
  });

  for (const convention of ['tradingview', 'ttr'] as const) {
    it(`KST (${convention})`, () => {
      const s = new KST({ convention });
      const b = kst(closes, { convention });
      const rows = Array.from(closes, (x) => {
        const v = s.update(x);
        return [v.kst, v.signal];
      });
      expectSameBits([b.kst, b.signal], rows);
    });
  }

  it('all of them on series that overflow (NaN and infinite averages), as the kernels do', () => {
    const rng = createRng(3);
    const pool = [1.7e308, -1.7e308, 1e308, 5e307, 0, -0, 1, -1, 3, 100, 1e-300];
    const pick = () => pool[rng.int(0, pool.length - 1)] as number;
    for (let t = 0; t < 400; t++) {
      const x = Array.from({ length: rng.int(5, 45) }, pick);
      const other = Array.from(x, pick);
      const high = x.map((v, i) => Math.max(v, other[i] as number));
      const low = x.map((v, i) => Math.min(v, other[i] as number));
      const volume = other.map((v) => Math.abs(v));
      const [p1, p2, p3] = [rng.int(1, 4), rng.int(1, 4), rng.int(1, 4)];
      const apoOptions = { fast: p1, slow: p1 + p2 };
      const ppoOptions = { ...apoOptions, signal: p3 };
      const tsiOptions = { long: p1 + p2, short: p1, signal: p3 };
      const stream = <T>(indicator: { update(input: T): unknown }, inputs: T[], fields: string[]) =>
        inputs.map((input) => {
          const v = indicator.update(input);
          return typeof v === 'number' ? [v] : fields.map((f) => (v as Record<string, number>)[f] as number);
        });
      const bars = x.map((close, i) => ({
        high: high[i] as number,
        low: low[i] as number,
        close,
        volume: volume[i] as number,
      }));
      expectSameBits([apo(x, apoOptions)], stream(new APO(apoOptions), x, []));
      const b = ppo(x, ppoOptions);
      expectSameBits(
        [b.ppo, b.signal, b.histogram],
        stream(new PPO(ppoOptions), x, ['ppo', 'signal', 'histogram']),
      );
      const t2 = tsi(x, tsiOptions);
      expectSameBits([t2.tsi, t2.signal], stream(new TSI(tsiOptions), x, ['tsi', 'signal']));
      for (const convention of ['tradingview', 'ttr'] as const) {
        const o = {
          rocPeriods: [p1, p2, p3, 2],
          smaPeriods: [p3, 2, p1, 1],
          signal: p3,
          convention,
        } as const;
        const k = kst(x, o);
        expectSameBits([k.kst, k.signal], stream(new KST(o), x, ['kst', 'signal']));
      }
      for (const convention of ['ttr', 'talib'] as const)
        expectSameBits([cmo(x, p1, { convention })], stream(new CMO(p1, { convention }), x, []));
      expectSameBits([forceIndex(x, volume, p1)], stream(new ForceIndex(p1), bars, []));
      expectSameBits([ulcerIndex(x, p1)], stream(new UlcerIndex(p1), x, []));
      const aoOptions = { fast: p1, slow: p1 + p2 };
      expectSameBits(
        [awesomeOscillator(high, low, aoOptions)],
        stream(new AwesomeOscillator(aoOptions), bars, []),
      );
      const f = fisherTransform(high, low, p1);
      expectSameBits([f.fisher, f.trigger], stream(new FisherTransform(p1), bars, ['fisher', 'trigger']));
    }
  });
});

/**
 * The batch call with `out` (`into`) on columns full of an earlier call's leftovers: the same
 * arrays back, with exactly the bits of the fresh call (a slot the loop skips keeps its leftover).
 */
function expectInto(
  fresh: readonly Float64Array[],
  into: (out: Float64Array[]) => readonly Float64Array[],
): void {
  for (const leftover of [Number.NaN, 0, -7.5e300]) {
    const out = fresh.map((column) => new Float64Array(column.length).fill(leftover));
    const written = into(out);
    expect(written.length).toBe(fresh.length);
    written.forEach((column, k) => {
      expect(column, `output ${k} is the caller's column`).toBe(out[k]);
      expectSameBits(column, Array.from(fresh[k] as Float64Array));
    });
  }
}

/** Every chunked batch loop of this folder, fresh and into `out`, on `x` and bars around it. */
function expectAllInto(
  x: ArrayLike<number>,
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  [p1, p2, p3]: readonly [number, number, number],
): void {
  const apoOptions = { fast: p1, slow: p1 + p2 };
  expectInto([apo(x, apoOptions)], ([out]) => [apo(x, { ...apoOptions, out })]);
  const ppoOptions = { ...apoOptions, signal: p3 };
  const p = ppo(x, ppoOptions);
  expectInto([p.ppo, p.signal, p.histogram], ([line, signal, histogram]) => {
    const o = ppo(x, { ...ppoOptions, out: { ppo: line, signal, histogram } });
    return [o.ppo, o.signal, o.histogram];
  });
  const tsiOptions = { long: p1 + p2, short: p1, signal: p3 };
  const t = tsi(x, tsiOptions);
  expectInto([t.tsi, t.signal], ([line, signal]) => {
    const o = tsi(x, { ...tsiOptions, out: { tsi: line, signal } });
    return [o.tsi, o.signal];
  });
  for (const convention of ['tradingview', 'ttr'] as const) {
    const kstOptions = {
      rocPeriods: [p1, p2, p3, 2],
      smaPeriods: [p3, 2, p1, 1],
      signal: p3,
      convention,
    } as const;
    const k = kst(x, kstOptions);
    expectInto([k.kst, k.signal], ([line, signal]) => {
      const o = kst(x, { ...kstOptions, out: { kst: line, signal } });
      return [o.kst, o.signal];
    });
  }
  for (const convention of ['ttr', 'talib'] as const)
    expectInto([cmo(x, p1, { convention })], ([out]) => [cmo(x, p1, { convention, out })]);
  const aoOptions = { fast: p1, slow: p1 + p2 };
  expectInto([awesomeOscillator(high, low, aoOptions)], ([out]) => [
    awesomeOscillator(high, low, { ...aoOptions, out }),
  ]);
  const f = fisherTransform(high, low, p1);
  expectInto([f.fisher, f.trigger], ([fisher, trigger]) => {
    const o = fisherTransform(high, low, p1, { out: { fisher, trigger } });
    return [o.fisher, o.trigger];
  });
  const uoOptions = { short: p1, medium: p1 + p2, long: p1 + p2 + p3 };
  expectInto([ultimateOscillator(high, low, x, uoOptions)], ([out]) => [
    ultimateOscillator(high, low, x, { ...uoOptions, out }),
  ]);
}

describe("chunked batch loops write every slot of a caller's columns", () => {
  it('across chunk boundaries', () => {
    expectAllInto(closes, bars.high, bars.low, [5, 6, 4]);
  });

  it('on series that overflow (the loops that hold the previous output there)', () => {
    const rng = createRng(5);
    const pool = [1.7e308, -1.7e308, 1e308, 5e307, 0, -0, 1, -1, 3, 100, 1e-300];
    const pick = () => pool[rng.int(0, pool.length - 1)] as number;
    for (let t = 0; t < 150; t++) {
      const x = Array.from({ length: rng.int(5, 45) }, pick);
      const other = Array.from(x, pick);
      const high = x.map((v, i) => Math.max(v, other[i] as number));
      const low = x.map((v, i) => Math.min(v, other[i] as number));
      expectAllInto(x, high, low, [rng.int(1, 4), rng.int(1, 4), rng.int(1, 4)]);
    }
  });

  it('refuses an out that shares memory with an input, naming both', () => {
    // Another view of the input's memory, not the same object.
    const view = new Float64Array(closes.buffer, closes.byteOffset, closes.length);
    expect(() => kst(closes, { out: { signal: view } })).toThrow(/`out\.signal`: .*`values`/);
  });
});
