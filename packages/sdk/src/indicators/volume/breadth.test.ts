import fc from 'fast-check';
import {
  ADOSC as ReferenceADOSC,
  ForceIndex as ReferenceForceIndex,
  NVI as ReferenceNVI,
  PVI as ReferencePVI,
  PVT as ReferencePVT,
} from 'trading-signals';
import { describe, expect, it } from 'vitest';
import type { IndicatorState } from '../state.js';
import type { StreamingIndicator } from '../streaming.js';
import { expectCloseTo } from '../testing/compare.js';
import { barSeries, testIndicatorContract } from '../testing/contract.js';
import { columnsInOneBuffer } from '../testing/one-buffer.js';
import { loadReferenceBars } from '../testing/reference-data.js';
import { talibEma } from '../testing/talib-transcriptions.js';
import { loadTtrReference, ttrColumn } from '../testing/ttr-reference.js';
import { AccumulationDistribution, accumulationDistribution } from './accumulation-distribution.js';
import { ChaikinMoneyFlow, chaikinMoneyFlow } from './chaikin-money-flow.js';
import { ChaikinOscillator, chaikinOscillator } from './chaikin-oscillator.js';
import { EaseOfMovement, easeOfMovement } from './ease-of-movement.js';
import { ForceIndex, forceIndex } from './force-index.js';
import {
  NegativeVolumeIndex,
  negativeVolumeIndex,
  PositiveVolumeIndex,
  positiveVolumeIndex,
  VolumePriceTrend,
  volumePriceTrend,
} from './volume-trend.js';

const ttr = loadTtrReference('msft');
const bars = loadReferenceBars();
const c = {
  high: bars.map((b) => b.high),
  low: bars.map((b) => b.low),
  close: bars.map((b) => b.close),
  volume: bars.map((b) => b.volume),
};

/** Feeds trading-signals' candle indicator bar by bar; null → NaN. */
function reference(indicator: { add(candle: unknown): number | null }, input: readonly object[]): number[] {
  return input.map((bar) => indicator.add(bar) ?? Number.NaN);
}

describe('volume indicators against TTR', () => {
  it("accumulationDistribution, chaikinMoneyFlow and easeOfMovement equal TTR's chaikinAD, CMF and EMV", () => {
    const { high, low, close, volume } = c;
    expectCloseTo(
      accumulationDistribution(high, low, close, volume),
      ttrColumn(ttr, 'chaikin_ad'),
      1e-12,
      'ad',
    );
    expectCloseTo(chaikinMoneyFlow(high, low, close, volume, 20), ttrColumn(ttr, 'cmf_20'), 1e-12, 'cmf');
    expectCloseTo(
      easeOfMovement(high, low, volume, { period: 14 }),
      ttrColumn(ttr, 'emv_14_ma'),
      1e-12,
      'emv',
    );
  });
});

describe("volume indicators against trading-signals' own classes", () => {
  it('chaikinOscillator equals ADOSC; volumePriceTrend, negative and positive volume index equal PVT, NVI, PVI', () => {
    const { high, low, close, volume } = c;
    expectCloseTo(
      chaikinOscillator(high, low, close, volume),
      reference(new ReferenceADOSC({ fastPeriod: 3, slowPeriod: 10 }), bars),
      1e-9,
      'adosc',
    );
    expectCloseTo(volumePriceTrend(close, volume), reference(new ReferencePVT(), bars), 1e-9, 'pvt', {
      allowExtraValues: true,
    });
    expectCloseTo(negativeVolumeIndex(close, volume), reference(new ReferenceNVI(), bars), 1e-12, 'nvi');
    expectCloseTo(positiveVolumeIndex(close, volume), reference(new ReferencePVI(), bars), 1e-12, 'pvi');
  });

  it('forceIndex is the SMA-seeded EMA of the forces; trading-signals (first-value seed) agrees after 150 bars', () => {
    const { close, volume } = c;
    const forces = close.slice(1).map((x, i) => (x - (close[i] as number)) * (volume[i + 1] as number));
    const expected = [Number.NaN, ...talibEma(forces, 13)];
    expectCloseTo(forceIndex(close, volume), expected, 1e-9, 'force');
    const scale = Math.max(...forces.map(Math.abs));
    const theirs = reference(new ReferenceForceIndex(13), bars);
    const ours = forceIndex(close, volume);
    for (let i = 150; i < bars.length; i++) {
      expect(Math.abs((ours[i] as number) - (theirs[i] as number)) / scale).toBeLessThan(1e-9);
    }
  });

  it('chaikinMoneyFlow stays within [−1, 1] on random bars; no volume gives 0 (property)', () => {
    fc.assert(
      fc.property(barSeries(100), (random) => {
        const out = chaikinMoneyFlow(
          random.map((b) => b.high),
          random.map((b) => b.low),
          random.map((b) => b.close),
          random.map((b) => b.volume),
          5,
        );
        for (const v of out) if (!Number.isNaN(v)) expect(Math.abs(v)).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
    expect(Array.from(chaikinMoneyFlow([2, 2], [1, 1], [1.5, 2], [0, 0], 2))).toEqual([Number.NaN, 0]);
  });

  it('chaikinMoneyFlow batch has the bits of the streaming class where compensation matters', () => {
    // Flows of both signs, a volume spike leaving the window before quiet bars (cancellation), and
    // windows without volume: the batch loop's branch-free rounding error against RollingSum's,
    // over several of its chunks (batch-chunks.ts).
    const n = 5000;
    const high: number[] = [];
    const low: number[] = [];
    const close: number[] = [];
    const volume: number[] = [];
    for (let i = 0; i < n; i++) {
      high.push(10 + (i % 7));
      low.push(9 - (i % 5) * 0.3);
      close.push(i % 3 === 0 ? 9.1 : 10 + (i % 4) * 0.9);
      volume.push(i === 20 ? 1e15 : i >= 50 && i < 60 ? 0 : i % 11 === 0 ? 0.001 : 1 + (i % 13));
    }
    for (const period of [1, 3, 7, 20]) {
      const batch = Array.from(chaikinMoneyFlow(high, low, close, volume, period));
      const stream = new ChaikinMoneyFlow(period);
      const streamed = high.map((h, i) =>
        stream.update({
          high: h,
          low: low[i] as number,
          close: close[i] as number,
          volume: volume[i] as number,
        }),
      );
      expect(batch.slice(period - 1)).toEqual(streamed.slice(period - 1));
    }
  });

  it('refuses bad inputs, naming them', () => {
    expect(() => chaikinOscillator([2], [1], [1.5], [1], { fast: 10, slow: 3 })).toThrow(/`fast`/);
    expect(() => easeOfMovement([2], [1], [1], { divisor: 0 })).toThrow(/`divisor`/);
    expect(() => forceIndex([1, 2], [1, -1])).toThrow(/`volume` at index 1/);
    expect(() => negativeVolumeIndex([1], [1], { start: Number.NaN })).toThrow(/`start`/);
    expect(() => accumulationDistribution([2, 2], [1, 1], [2, 2], [1e308, 1e308])).toThrow(
      /`volume` at index 1/,
    );
  });
});

type Bar = { open: number; high: number; low: number; close: number; volume: number };
const cols = (input: readonly Bar[]) => ({
  high: input.map((b) => b.high),
  low: input.map((b) => b.low),
  close: input.map((b) => b.close),
  volume: input.map((b) => b.volume),
});

interface ContractEntry {
  name: string;
  create: () => StreamingIndicator<Bar, unknown>;
  restore: (state: IndicatorState) => StreamingIndicator<Bar, unknown>;
  batch: (input: readonly Bar[]) => Float64Array;
  /** `batch` writing into `out` (the function's `out` option). */
  batchInto: (input: readonly Bar[], out: Float64Array) => Float64Array;
  first: number;
}

const contracts: ContractEntry[] = [
  {
    name: 'AccumulationDistribution',
    create: () => new AccumulationDistribution(),
    restore: AccumulationDistribution.fromJSON,
    batch: (input) => {
      const { high, low, close, volume } = cols(input);
      return accumulationDistribution(high, low, close, volume);
    },
    batchInto: (input, out) => {
      const { high, low, close, volume } = cols(input);
      return accumulationDistribution(high, low, close, volume, { out });
    },
    first: 0,
  },
  {
    name: 'ChaikinOscillator',
    create: () => new ChaikinOscillator({ fast: 2, slow: 4 }),
    restore: ChaikinOscillator.fromJSON,
    batch: (input) => {
      const { high, low, close, volume } = cols(input);
      return chaikinOscillator(high, low, close, volume, { fast: 2, slow: 4 });
    },
    batchInto: (input, out) => {
      const { high, low, close, volume } = cols(input);
      return chaikinOscillator(high, low, close, volume, { fast: 2, slow: 4, out });
    },
    first: 3,
  },
  {
    name: 'ChaikinMoneyFlow',
    create: () => new ChaikinMoneyFlow(4),
    restore: ChaikinMoneyFlow.fromJSON,
    batch: (input) => {
      const { high, low, close, volume } = cols(input);
      return chaikinMoneyFlow(high, low, close, volume, 4);
    },
    batchInto: (input, out) => {
      const { high, low, close, volume } = cols(input);
      return chaikinMoneyFlow(high, low, close, volume, 4, { out });
    },
    first: 3,
  },
  {
    name: 'ForceIndex',
    create: () => new ForceIndex(3),
    restore: ForceIndex.fromJSON,
    batch: (input) => forceIndex(cols(input).close, cols(input).volume, 3),
    batchInto: (input, out) => forceIndex(cols(input).close, cols(input).volume, 3, { out }),
    first: 3,
  },
  {
    name: 'EaseOfMovement',
    create: () => new EaseOfMovement({ period: 3 }),
    restore: EaseOfMovement.fromJSON,
    batch: (input) => {
      const { high, low, volume } = cols(input);
      return easeOfMovement(high, low, volume, { period: 3 });
    },
    batchInto: (input, out) => {
      const { high, low, volume } = cols(input);
      return easeOfMovement(high, low, volume, { period: 3, out });
    },
    first: 3,
  },
  {
    name: 'VolumePriceTrend',
    create: () => new VolumePriceTrend(),
    restore: VolumePriceTrend.fromJSON,
    batch: (input) => volumePriceTrend(cols(input).close, cols(input).volume),
    batchInto: (input, out) => volumePriceTrend(cols(input).close, cols(input).volume, { out }),
    first: 0,
  },
  {
    name: 'NegativeVolumeIndex',
    create: () => new NegativeVolumeIndex(),
    restore: NegativeVolumeIndex.fromJSON,
    batch: (input) => negativeVolumeIndex(cols(input).close, cols(input).volume),
    batchInto: (input, out) => negativeVolumeIndex(cols(input).close, cols(input).volume, { out }),
    first: 0,
  },
  {
    name: 'PositiveVolumeIndex',
    create: () => new PositiveVolumeIndex({ start: 1 }),
    restore: PositiveVolumeIndex.fromJSON,
    batch: (input) => positiveVolumeIndex(cols(input).close, cols(input).volume, { start: 1 }),
    batchInto: (input, out) => positiveVolumeIndex(cols(input).close, cols(input).volume, { start: 1, out }),
    first: 0,
  },
];

for (const entry of contracts) {
  describe(`${entry.name} (streaming)`, () => {
    testIndicatorContract<Bar, unknown>({
      create: entry.create,
      restore: entry.restore,
      batch: (input) => [entry.batch(input)],
      batchInto: (input, [out]) => [entry.batchInto(input, out as Float64Array)],
      toVector: (v) => [v as number],
      inputs: barSeries(),
      invalidInput: { open: 1, high: 1, low: 2, close: 1.5, volume: -1 },
      firstStableIndex: entry.first,
    });
  });
}

describe('the out option of the volume indicators', () => {
  it('refuses an `out` that shares memory with an input, naming both', () => {
    const { buffer, high, low, close, volume } = columnsInOneBuffer(50);
    const straddling = buffer.subarray(75, 125); // the end of `low`, the start of `close`
    expect(() => accumulationDistribution(high, low, close, volume, { out: close })).toThrow(
      /`out`.*`close`/,
    );
    expect(() => chaikinMoneyFlow(high, low, close, volume, 4, { out: straddling })).toThrow(/`out`.*`low`/);
    expect(() => chaikinOscillator(high, low, close, volume, { out: volume })).toThrow(/`out`.*`volume`/);
    expect(() => easeOfMovement(high, low, volume, { out: straddling })).toThrow(/`out`.*`low`/);
    expect(() => forceIndex(close, volume, 3, { out: straddling })).toThrow(/`out`.*`close`/);
    expect(() => volumePriceTrend(close, volume, { out: volume })).toThrow(/`out`.*`volume`/);
    expect(() => negativeVolumeIndex(close, volume, { out: straddling })).toThrow(/`out`.*`close`/);
    expect(() => positiveVolumeIndex(close, volume, { out: close })).toThrow(/`out`.*`close`/);
  });

  it('writes into a separate column and returns it', () => {
    const out = new Float64Array(c.close.length).fill(-7.5e300);
    const { high, low, close, volume } = c;
    expect(chaikinMoneyFlow(high, low, close, volume, 20, { out })).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(chaikinMoneyFlow(high, low, close, volume, 20)));
  });
});

describe('accumulationDistribution checks its bars inside its loop', () => {
  it('with the same named errors as the other indicators', () => {
    expect(() => accumulationDistribution([2, 2], [1, 1], [1.5, Number.NaN], [1, 1])).toThrow(
      /`close` at index 1/,
    );
    expect(() => accumulationDistribution([2, 2], [1, 3], [1.5, 2], [1, 1])).toThrow(/`high` at index 1/);
    expect(() => accumulationDistribution([2, 2], [1, 1], [1.5, 2], [1, -1])).toThrow(/`volume` at index 1/);
    expect(() => accumulationDistribution([2], [1, 1], [1.5], [1])).toThrow(/`low`: has length 2/);
  });
});
