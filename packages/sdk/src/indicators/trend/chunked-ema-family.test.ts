// dema, tema, trix, trima, chaikinVolatility, chaikinOscillator and easeOfMovement run their batch
// loops in chunks (batch-chunks.ts): the same bits as the streaming classes across chunk boundaries (the first
// chunk, full chunks, a short tail, warm-ups that end inside or past the first chunk), for
// Float64Array and plain-array input.
import { describe, expect, it } from 'vitest';
import { CHUNK, FIRST_CHUNK } from '../batch-chunks.js';
import { expectSameBits, randomWalkBars } from '../testing/long-series.js';
import { ChaikinVolatility, chaikinVolatility } from '../volatility/chaikin-volatility.js';
import { ChaikinOscillator, chaikinOscillator } from '../volume/chaikin-oscillator.js';
import { EaseOfMovement, easeOfMovement } from '../volume/ease-of-movement.js';
import { DEMA, dema } from './dema.js';
import { TEMA, tema } from './tema.js';
import { TRIMA, trima } from './trima.js';
import { TRIX, trix } from './trix.js';

const LENGTH = FIRST_CHUNK + 4 * CHUNK + 333; // over 16 000 bars

const bars = randomWalkBars(LENGTH, 21, { every: 700, length: 15 });
const closes = bars.close;

describe('chunked EMA-family batch loops equal streaming across chunk boundaries', () => {
  // 100: tema's warm-up (297 bars) ends past the first chunk.
  for (const period of [1, 2, 20, 100]) {
    it(`TEMA(${period})`, () => {
      const s = new TEMA(period);
      const rows = Array.from(closes, (x) => s.update(x));
      expectSameBits(tema(closes, period), rows);
      expectSameBits(tema([...closes], period), rows);
    });
  }

  // 150: dema's warm-up (298 bars) and trix's (448) end past the first chunk.
  for (const period of [1, 2, 20, 150]) {
    it(`DEMA(${period})`, () => {
      const s = new DEMA(period);
      const rows = Array.from(closes, (x) => s.update(x));
      expectSameBits(dema(closes, period), rows);
      expectSameBits(dema([...closes], period), rows);
    });
    it(`TRIX(${period})`, () => {
      const s = new TRIX(period);
      const rows = Array.from(closes, (x) => s.update(x));
      expectSameBits(trix(closes, period), rows);
      expectSameBits(trix([...closes], period), rows);
    });
  }

  it('DEMA, TEMA, TRIX and TRIMA write every slot of a reused column across the chunks, and refuse one sharing the input', () => {
    for (const [f, period] of [
      [dema, 150],
      [dema, 2],
      [trix, 150],
      [trix, 1],
      [tema, 100],
      [tema, 2],
      [trima, 300],
      [trima, 5],
    ] as const) {
      const fresh = f(closes, period);
      const out = new Float64Array(LENGTH).fill(-7.5e300);
      expect(f(closes, period, { out })).toBe(out);
      expectSameBits(out, Array.from(fresh));
    }
    const x = Float64Array.from(closes);
    expect(() => tema(x, 20, { out: x })).toThrow(/`out`: shares memory with `values`/);
    expect(() => trima(x.subarray(0, 5000), 20, { out: x.subarray(4999, 9999) })).toThrow(
      /`out`: shares memory with `values`/,
    );
  });

  // 300: trima's warm-up ends past the first chunk.
  for (const period of [1, 2, 5, 20, 21, 300]) {
    it(`TRIMA(${period})`, () => {
      const s = new TRIMA(period);
      const rows = Array.from(closes, (x) => s.update(x));
      expectSameBits(trima(closes, period), rows);
      expectSameBits(trima([...closes], period), rows);
    });
  }

  for (const [period, rocPeriod] of [
    [10, 10],
    [1, 1],
    [3, 7],
    [200, 100],
  ] as const) {
    it(`ChaikinVolatility(${period}, ${rocPeriod})`, () => {
      const s = new ChaikinVolatility({ period, rocPeriod });
      const rows = Array.from(closes, (_, i) =>
        s.update({ high: bars.high[i] as number, low: bars.low[i] as number }),
      );
      expectSameBits(chaikinVolatility(bars.high, bars.low, { period, rocPeriod }), rows);
      expectSameBits(chaikinVolatility([...bars.high], [...bars.low], { period, rocPeriod }), rows);
    });
  }

  for (const period of [1, 14, 300]) {
    it(`EaseOfMovement(${period})`, () => {
      const s = new EaseOfMovement({ period });
      const rows = Array.from(closes, (_, i) =>
        s.update({
          high: bars.high[i] as number,
          low: bars.low[i] as number,
          volume: bars.volume[i] as number,
        }),
      );
      expectSameBits(easeOfMovement(bars.high, bars.low, bars.volume, { period }), rows);
      expectSameBits(easeOfMovement([...bars.high], [...bars.low], [...bars.volume], { period }), rows);
    });
  }

  for (const [fast, slow] of [
    [3, 10],
    [1, 2],
    [50, 400],
  ] as const) {
    it(`ChaikinOscillator(${fast}, ${slow})`, () => {
      const s = new ChaikinOscillator({ fast, slow });
      const rows = Array.from(closes, (_, i) =>
        s.update({
          high: bars.high[i] as number,
          low: bars.low[i] as number,
          close: closes[i] as number,
          volume: bars.volume[i] as number,
        }),
      );
      expectSameBits(chaikinOscillator(bars.high, bars.low, closes, bars.volume, { fast, slow }), rows);
      const out = new Float64Array(LENGTH).fill(-7.5e300);
      chaikinOscillator([...bars.high], [...bars.low], [...closes], [...bars.volume], { fast, slow, out });
      expectSameBits(out, rows);
    });
  }

  it('EaseOfMovement with eases that overflow to ±Infinity and NaN', () => {
    // A volume of 5e-324 makes the box 0: the ease is ±Infinity (or NaN for no move), and the
    // running sum NaN from there on in both.
    const volume = Float64Array.from(bars.volume, (v, i) => (i === 5000 || i === 9000 ? 5e-324 : v));
    const s = new EaseOfMovement({ period: 14 });
    const rows = Array.from(closes, (_, i) =>
      s.update({ high: bars.high[i] as number, low: bars.low[i] as number, volume: volume[i] as number }),
    );
    const batch = easeOfMovement(bars.high, bars.low, volume, { period: 14 });
    expect(Number.isNaN(batch[LENGTH - 1])).toBe(true);
    expectSameBits(batch, rows);
  });
});
