// Benchmark cases of the indicators added for issue 15: DA-KI batch and streaming against
// technicalindicators, trading-signals and Tulip Indicators (tulind, its C through a Node binding),
// for every indicator a peer also has. Imported by run.ts.
import { createRequire } from 'node:module';
import * as daki from '@da-ki/sdk';
import * as TI from 'technicalindicators';
import * as TS from 'trading-signals';

/** Prepares inputs for `n` bars (untimed) and returns the timed work. */
export type Prepare = (n: number) => () => unknown;

/**
 * Output columns a DA-KI batch call writes into (its `out` option), by output name — `out` for a
 * one-column function, `upper`, `middle`, … for the others — each created on first use and then
 * the same array on every call; `undefined` for fresh columns on every call.
 */
export type Reused = Readonly<Record<string, Float64Array>> | undefined;

/** Prepares DA-KI's batch call over `n` bars, writing into `reused` columns or into fresh ones. */
export type BatchPrepare = (n: number, reused: Reused) => () => unknown;

/** One measured indicator (the peers' forms are optional). */
export interface Case {
  name: string;
  /** Whether the speed aims apply (≥ 10× TI, ≥ 3× TS, ahead of tulind). */
  aim: boolean;
  batch: BatchPrepare;
  stream: Prepare;
  tiBatch?: Prepare;
  tiStream?: Prepare;
  tsStream?: Prepare;
  tuBatch?: Prepare;
}

/** Bars as columns, as objects and as plain arrays. */
export interface BenchData {
  columns: {
    open: Float64Array;
    high: Float64Array;
    low: Float64Array;
    close: Float64Array;
    volume: Float64Array;
  };
  bars: { open: number; high: number; low: number; close: number; volume: number }[];
  arrays: { open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] };
}

type Tulip = {
  indicators: Record<
    string,
    { indicator(inputs: unknown[], options: number[], done: (e: unknown, r: unknown) => void): void }
  >;
};

/**
 * tulind is an optional native dependency, loaded on first use: its addon can be loaded only once
 * per process, so the main thread (which only needs the case names) must not take it from the
 * worker that measures. Undefined when it did not build.
 */
let tulind: Tulip | null | undefined;
export function loadTulind(): Tulip | undefined {
  if (tulind === undefined) {
    try {
      tulind = createRequire(import.meta.url)('tulind') as Tulip;
    } catch {
      tulind = null;
    }
  }
  return tulind ?? undefined;
}

type TsLike = { add(input: unknown): unknown };
type TiLike = { nextValue(input: unknown): unknown };

export function breadthCases(d: BenchData): Case[] {
  const { columns, bars, arrays } = d;
  const sub = (n: number) => ({
    open: columns.open.subarray(0, n),
    high: columns.high.subarray(0, n),
    low: columns.low.subarray(0, n),
    close: columns.close.subarray(0, n),
    volume: columns.volume.subarray(0, n),
  });
  const plain = (n: number) => ({
    open: arrays.open.slice(0, n),
    high: arrays.high.slice(0, n),
    low: arrays.low.slice(0, n),
    close: arrays.close.slice(0, n),
    volume: arrays.volume.slice(0, n),
  });
  const closes = (n: number) => arrays.close.slice(0, n);
  const barsOf = (n: number) => bars.slice(0, n);

  const stream =
    (create: () => { update(input: never): unknown }, inputs: 'close' | 'bar'): Prepare =>
    (n) => {
      const xs: unknown[] = inputs === 'close' ? closes(n) : barsOf(n);
      return () => {
        const indicator = create() as { update(input: unknown): unknown };
        let last: unknown;
        for (let i = 0; i < xs.length; i++) last = indicator.update(xs[i]);
        return last;
      };
    };
  const ts =
    (create: () => unknown, inputs: 'close' | 'bar'): Prepare =>
    (n) => {
      const xs: unknown[] = inputs === 'close' ? closes(n) : barsOf(n);
      return () => {
        const indicator = create() as TsLike;
        let last: unknown;
        for (let i = 0; i < xs.length; i++) last = indicator.add(xs[i]);
        return last;
      };
    };
  const tiBatch =
    (run: (input: ReturnType<typeof plain>) => unknown): Prepare =>
    (n) => {
      const input = plain(n);
      return () => run(input);
    };
  const tiStream =
    (create: () => unknown, inputs: 'close' | 'bar'): Prepare =>
    (n) => {
      const xs: unknown[] = inputs === 'close' ? closes(n) : barsOf(n);
      return () => {
        const indicator = create() as TiLike;
        let last: unknown;
        for (let i = 0; i < xs.length; i++) last = indicator.nextValue(xs[i]);
        return last;
      };
    };
  /** tulind: `name` over the named columns with numeric options. */
  const tu =
    (name: string, inputs: (keyof ReturnType<typeof plain>)[], options: number[]): Prepare =>
    (n) => {
      const indicator = loadTulind()?.indicators[name];
      if (!indicator) throw new Error(`tulind (or its ${name}) is not available`);
      const input = plain(n);
      const columnsIn = inputs.map((k) => input[k]);
      return () => {
        let result: unknown;
        indicator.indicator(columnsIn, options, (error, out) => {
          if (error) throw error;
          result = out;
        });
        return result;
      };
    };
  const batchOf =
    (run: (c: ReturnType<typeof sub>, o: Reused) => unknown): BatchPrepare =>
    (n, o) => {
      const c = sub(n);
      return () => run(c, o);
    };

  return [
    {
      name: 'DEMA(20)',
      aim: true,
      batch: batchOf((c, o) => daki.dema(c.close, 20, { out: o?.out })),
      stream: stream(() => new daki.DEMA(20), 'close'),
      tsStream: ts(() => new TS.DEMA(20), 'close'),
      tuBatch: tu('dema', ['close'], [20]),
    },
    {
      name: 'TEMA(20)',
      aim: true,
      batch: batchOf((c, o) => daki.tema(c.close, 20, { out: o?.out })),
      stream: stream(() => new daki.TEMA(20), 'close'),
      tsStream: ts(() => new TS.TEMA(20), 'close'),
      tuBatch: tu('tema', ['close'], [20]),
    },
    {
      name: 'TRIMA(20)',
      aim: true,
      batch: batchOf((c, o) => daki.trima(c.close, 20, { out: o?.out })),
      stream: stream(() => new daki.TRIMA(20), 'close'),
      tsStream: ts(() => new TS.TRIMA(20), 'close'),
      tuBatch: tu('trima', ['close'], [20]),
    },
    {
      name: 'HMA(20)',
      aim: true,
      batch: batchOf((c, o) => daki.hma(c.close, 20, { out: o?.out })),
      stream: stream(() => new daki.HMA(20), 'close'),
      tsStream: ts(() => new TS.HMA(20), 'close'),
      tuBatch: tu('hma', ['close'], [20]),
    },
    {
      name: 'ZLEMA(20)',
      aim: true,
      batch: batchOf((c, o) => daki.zlema(c.close, 20, { out: o?.out })),
      stream: stream(() => new daki.ZLEMA(20), 'close'),
      tsStream: ts(() => new TS.ZLEMA(20), 'close'),
      tuBatch: tu('zlema', ['close'], [20]),
    },
    {
      name: 'ALMA(9)',
      aim: true,
      batch: batchOf((c, o) => daki.alma(c.close, { out: o?.out })),
      stream: stream(() => new daki.ALMA(), 'close'),
      tsStream: ts(() => new TS.ALMA(9, 0.85, 6), 'close'),
    },
    {
      name: 'VWMA(20)',
      aim: true,
      batch: batchOf((c, o) => daki.vwma(c.close, c.volume, 20, { out: o?.out })),
      stream: stream(() => new daki.VWMA(20), 'bar'),
      tsStream: ts(() => new TS.VWMA(20), 'bar'),
      tuBatch: tu('vwma', ['close', 'volume'], [20]),
    },
    {
      name: 'KAMA(10,2,30)',
      aim: true,
      batch: batchOf((c, o) => daki.kama(c.close, { out: o?.out })),
      stream: stream(() => new daki.KAMA(), 'close'),
      tsStream: ts(() => new (TS.KAMA as unknown as new (n: number) => TsLike)(10), 'close'),
      tuBatch: tu('kama', ['close'], [10]),
    },
    {
      name: 'T3(5,0.7)',
      aim: true,
      batch: batchOf((c, o) => daki.t3(c.close, { out: o?.out })),
      stream: stream(() => new daki.T3(), 'close'),
      tsStream: ts(() => new TS.T3(5, 0.7), 'close'),
    },
    {
      name: 'Ichimoku(9,26,52)',
      aim: true,
      batch: batchOf((c, o) => daki.ichimoku(c.high, c.low, c.close, { out: o })),
      stream: stream(() => new daki.Ichimoku(), 'bar'),
      tiBatch: tiBatch((c) =>
        TI.IchimokuCloud.calculate({
          high: c.high,
          low: c.low,
          conversionPeriod: 9,
          basePeriod: 26,
          spanPeriod: 52,
          displacement: 26,
        }),
      ),
      tsStream: ts(() => new TS.IchimokuCloud(), 'bar'),
    },
    {
      name: 'SuperTrend(10,3)',
      aim: true,
      batch: batchOf((c, o) => daki.superTrend(c.high, c.low, c.close, { out: o })),
      stream: stream(() => new daki.SuperTrend(), 'bar'),
      tsStream: ts(() => new TS.SuperTrend({ interval: 10, multiplier: 3 }), 'bar'),
    },
    {
      name: 'PSAR(0.02,0.2)',
      aim: true,
      batch: batchOf((c, o) => daki.psar(c.high, c.low, { out: o?.out })),
      stream: stream(() => new daki.PSAR(), 'bar'),
      tiBatch: tiBatch((c) => TI.PSAR.calculate({ high: c.high, low: c.low, step: 0.02, max: 0.2 })),
      tiStream: tiStream(() => new TI.PSAR({ high: [], low: [], step: 0.02, max: 0.2 }), 'bar'),
      tsStream: ts(() => new TS.PSAR({ accelerationStep: 0.02, accelerationMax: 0.2 }), 'bar'),
      tuBatch: tu('psar', ['high', 'low'], [0.02, 0.2]),
    },
    {
      name: 'Aroon(25)',
      aim: true,
      batch: batchOf((c, o) => daki.aroon(c.high, c.low, 25, { out: o })),
      stream: stream(() => new daki.Aroon(25), 'bar'),
      tsStream: ts(() => new TS.Aroon(25), 'bar'),
      tuBatch: tu('aroon', ['high', 'low'], [25]),
    },
    {
      name: 'DPO(20)',
      aim: true,
      batch: batchOf((c, o) => daki.dpo(c.close, 20, { out: o?.out })),
      stream: stream(() => new daki.DPO(20), 'close'),
      tsStream: ts(() => new TS.DPO(20), 'close'),
      tuBatch: tu('dpo', ['close'], [20]),
    },
    {
      name: 'TRIX(15)',
      aim: true,
      batch: batchOf((c, o) => daki.trix(c.close, 15, { out: o?.out })),
      stream: stream(() => new daki.TRIX(15), 'close'),
      tiBatch: tiBatch((c) => TI.TRIX.calculate({ values: c.close, period: 15 })),
      tiStream: tiStream(() => new TI.TRIX({ values: [], period: 15 }), 'close'),
      tsStream: ts(() => new TS.TRIX(15), 'close'),
      tuBatch: tu('trix', ['close'], [15]),
    },
    {
      name: 'Vortex(14)',
      aim: true,
      batch: batchOf((c, o) => daki.vortex(c.high, c.low, c.close, 14, { out: o })),
      stream: stream(() => new daki.Vortex(14), 'bar'),
      tsStream: ts(() => new TS.VortexIndicator(14), 'bar'),
    },
    {
      name: 'LinearRegression(14)',
      aim: true,
      batch: batchOf((c, o) => daki.linearRegression(c.close, 14, { out: o })),
      stream: stream(() => new daki.LinearRegression(14), 'close'),
      tsStream: ts(() => new TS.LinearRegression(14), 'close'),
      tuBatch: tu('linreg', ['close'], [14]),
    },
    {
      name: 'CMO(14)',
      aim: true,
      batch: batchOf((c, o) => daki.cmo(c.close, 14, { out: o?.out })),
      stream: stream(() => new daki.CMO(14), 'close'),
      tsStream: ts(() => new TS.CMO(14), 'close'),
      tuBatch: tu('cmo', ['close'], [14]),
    },
    {
      name: 'PPO(12,26,9)',
      aim: true,
      batch: batchOf((c, o) => daki.ppo(c.close, { out: o })),
      stream: stream(() => new daki.PPO(), 'close'),
      tsStream: ts(() => new TS.PPO({ fastPeriod: 12, slowPeriod: 26 }), 'close'),
      tuBatch: tu('ppo', ['close'], [12, 26]),
    },
    {
      name: 'APO(12,26)',
      aim: true,
      batch: batchOf((c, o) => daki.apo(c.close, { out: o?.out })),
      stream: stream(() => new daki.APO(), 'close'),
      tsStream: ts(() => new TS.APO({ fastPeriod: 12, slowPeriod: 26 }), 'close'),
      tuBatch: tu('apo', ['close'], [12, 26]),
    },
    {
      name: 'MOM(10)',
      aim: true,
      batch: batchOf((c, o) => daki.mom(c.close, 10, { out: o?.out })),
      stream: stream(() => new daki.MOM(10), 'close'),
      tsStream: ts(() => new TS.MOM(10), 'close'),
      tuBatch: tu('mom', ['close'], [10]),
    },
    {
      name: 'StochRSI(14,14,3,3)',
      aim: true,
      batch: batchOf((c, o) => daki.stochRsi(c.close, { out: o })),
      stream: stream(() => new daki.StochRSI(), 'close'),
      tiBatch: tiBatch((c) =>
        TI.StochasticRSI.calculate({
          values: c.close,
          rsiPeriod: 14,
          stochasticPeriod: 14,
          kPeriod: 3,
          dPeriod: 3,
        }),
      ),
      tsStream: ts(() => new TS.StochasticRSI(14), 'close'),
      tuBatch: tu('stochrsi', ['close'], [14]),
    },
    {
      name: 'UltimateOscillator',
      aim: true,
      batch: batchOf((c, o) => daki.ultimateOscillator(c.high, c.low, c.close, { out: o?.out })),
      stream: stream(() => new daki.UltimateOscillator(), 'bar'),
      tsStream: ts(() => new TS.UltimateOscillator(), 'bar'),
      tuBatch: tu('ultosc', ['high', 'low', 'close'], [7, 14, 28]),
    },
    {
      name: 'AwesomeOscillator',
      aim: true,
      batch: batchOf((c, o) => daki.awesomeOscillator(c.high, c.low, { out: o?.out })),
      stream: stream(() => new daki.AwesomeOscillator(), 'bar'),
      tiBatch: tiBatch((c) =>
        TI.AwesomeOscillator.calculate({ high: c.high, low: c.low, fastPeriod: 5, slowPeriod: 34 }),
      ),
      tsStream: ts(() => new TS.AO(5, 34), 'bar'),
      tuBatch: tu('ao', ['high', 'low'], []),
    },
    {
      name: 'KST',
      aim: true,
      batch: batchOf((c, o) => daki.kst(c.close, { out: o })),
      stream: stream(() => new daki.KST(), 'close'),
      tiBatch: tiBatch((c) =>
        TI.KST.calculate({
          values: c.close,
          ROCPer1: 10,
          ROCPer2: 15,
          ROCPer3: 20,
          ROCPer4: 30,
          SMAROCPer1: 10,
          SMAROCPer2: 10,
          SMAROCPer3: 10,
          SMAROCPer4: 15,
          signalPeriod: 9,
        }),
      ),
      tsStream: ts(() => new TS.KST(), 'close'),
    },
    {
      name: 'TSI(25,13,13)',
      aim: true,
      batch: batchOf((c, o) => daki.tsi(c.close, { out: o })),
      stream: stream(() => new daki.TSI(), 'close'),
      tsStream: ts(() => new TS.TSI({ longPeriod: 25, shortPeriod: 13 }), 'close'),
    },
    {
      name: 'FisherTransform(9)',
      aim: true,
      batch: batchOf((c, o) => daki.fisherTransform(c.high, c.low, 9, { out: o })),
      stream: stream(() => new daki.FisherTransform(9), 'bar'),
      tsStream: ts(() => new TS.FisherTransform(9), 'bar'),
      tuBatch: tu('fisher', ['high', 'low'], [9]),
    },
    {
      name: 'BalanceOfPower',
      aim: true,
      batch: batchOf((c, o) => daki.balanceOfPower(c.open, c.high, c.low, c.close, { out: o?.out })),
      stream: stream(() => new daki.BalanceOfPower(), 'bar'),
      tsStream: ts(() => new (TS.BOP as unknown as new () => TsLike)(), 'bar'),
      tuBatch: tu('bop', ['open', 'high', 'low', 'close'], []),
    },
    {
      name: 'WilliamsAD',
      aim: true,
      batch: batchOf((c, o) => daki.williamsAD(c.high, c.low, c.close, { out: o?.out })),
      stream: stream(() => new daki.WilliamsAD(), 'bar'),
      tsStream: ts(() => new (TS.WAD as unknown as new () => TsLike)(), 'bar'),
      tuBatch: tu('wad', ['high', 'low', 'close'], []),
    },
    {
      name: 'Keltner(20,2,10)',
      aim: true,
      batch: batchOf((c, o) => daki.keltner(c.high, c.low, c.close, { out: o })),
      stream: stream(() => new daki.Keltner(), 'bar'),
      tiBatch: tiBatch((c) =>
        TI.KeltnerChannels.calculate({
          high: c.high,
          low: c.low,
          close: c.close,
          maPeriod: 20,
          atrPeriod: 10,
          useSMA: false,
          multiplier: 2,
        }),
      ),
      tsStream: ts(() => new TS.KeltnerChannels({ atrInterval: 10, emaInterval: 20, multiplier: 2 }), 'bar'),
    },
    {
      name: 'Donchian(20)',
      aim: true,
      batch: batchOf((c, o) => daki.donchian(c.high, c.low, 20, { out: o })),
      stream: stream(() => new daki.Donchian(20), 'bar'),
      tsStream: ts(() => new TS.DonchianChannels(20), 'bar'),
    },
    {
      name: 'NATR(14)',
      aim: true,
      batch: batchOf((c, o) => daki.natr(c.high, c.low, c.close, 14, { out: o?.out })),
      stream: stream(() => new daki.NATR(14), 'bar'),
      tsStream: ts(() => new TS.NATR(14), 'bar'),
      tuBatch: tu('natr', ['high', 'low', 'close'], [14]),
    },
    {
      name: 'ChaikinVolatility(10)',
      aim: true,
      batch: batchOf((c, o) => daki.chaikinVolatility(c.high, c.low, { out: o?.out })),
      stream: stream(() => new daki.ChaikinVolatility(), 'bar'),
      tsStream: ts(() => new TS.CVI(10), 'bar'),
      tuBatch: tu('cvi', ['high', 'low'], [10]),
    },
    {
      name: 'UlcerIndex(14)',
      aim: true,
      batch: batchOf((c, o) => daki.ulcerIndex(c.close, 14, { out: o?.out })),
      stream: stream(() => new daki.UlcerIndex(14), 'close'),
      tsStream: ts(() => new TS.UlcerIndex(14), 'close'),
    },
    {
      name: 'Choppiness(14)',
      aim: true,
      batch: batchOf((c, o) => daki.choppiness(c.high, c.low, c.close, 14, { out: o?.out })),
      stream: stream(() => new daki.Choppiness(14), 'bar'),
      tsStream: ts(() => new TS.CHOP(14), 'bar'),
    },
    {
      name: 'Bollinger %B(20,2)',
      aim: true,
      batch: batchOf((c, o) => daki.bollingerPercentB(c.close, { out: o?.out })),
      stream: stream(() => new daki.BollingerPercentB(), 'close'),
      tsStream: ts(() => new TS.PercentB({ interval: 20, deviationMultiplier: 2 } as never), 'close'),
    },
    {
      // Against tulind's `volatility`, the same close-to-close estimator (annualised sd of log returns).
      name: 'HistoricalVolatility(close,10)',
      aim: true,
      batch: batchOf((c, o) => daki.historicalVolatility(c, { estimator: 'close', period: 10, out: o?.out })),
      stream: stream(() => new daki.HistoricalVolatility({ estimator: 'close', period: 10 }), 'bar'),
      tuBatch: tu('volatility', ['close'], [10]),
    },
    {
      // Yang–Zhang: three window statistics per bar; no peer has it.
      name: 'HistoricalVolatility(yz,10)',
      aim: false,
      batch: batchOf((c, o) =>
        daki.historicalVolatility(c, { estimator: 'yangZhang', period: 10, out: o?.out }),
      ),
      stream: stream(() => new daki.HistoricalVolatility({ estimator: 'yangZhang', period: 10 }), 'bar'),
    },
    {
      name: 'AccumulationDistribution',
      aim: true,
      batch: batchOf((c, o) =>
        daki.accumulationDistribution(c.high, c.low, c.close, c.volume, { out: o?.out }),
      ),
      stream: stream(() => new daki.AccumulationDistribution(), 'bar'),
      tiBatch: tiBatch((c) =>
        TI.ADL.calculate({ high: c.high, low: c.low, close: c.close, volume: c.volume }),
      ),
      tsStream: ts(() => new (TS.AD as unknown as new () => TsLike)(), 'bar'),
      tuBatch: tu('ad', ['high', 'low', 'close', 'volume'], []),
    },
    {
      name: 'ChaikinOscillator(3,10)',
      aim: true,
      batch: batchOf((c, o) => daki.chaikinOscillator(c.high, c.low, c.close, c.volume, { out: o?.out })),
      stream: stream(() => new daki.ChaikinOscillator(), 'bar'),
      tsStream: ts(() => new TS.ADOSC({ fastPeriod: 3, slowPeriod: 10 }), 'bar'),
      tuBatch: tu('adosc', ['high', 'low', 'close', 'volume'], [3, 10]),
    },
    {
      name: 'ChaikinMoneyFlow(20)',
      aim: true,
      batch: batchOf((c, o) => daki.chaikinMoneyFlow(c.high, c.low, c.close, c.volume, 20, { out: o?.out })),
      stream: stream(() => new daki.ChaikinMoneyFlow(20), 'bar'),
      tsStream: ts(() => new TS.CMF(20), 'bar'),
    },
    {
      name: 'ForceIndex(13)',
      aim: true,
      batch: batchOf((c, o) => daki.forceIndex(c.close, c.volume, 13, { out: o?.out })),
      stream: stream(() => new daki.ForceIndex(13), 'bar'),
      tiBatch: tiBatch((c) => TI.ForceIndex.calculate({ close: c.close, volume: c.volume, period: 13 })),
      tsStream: ts(() => new TS.ForceIndex(13), 'bar'),
    },
    {
      name: 'EaseOfMovement(14)',
      aim: true,
      batch: batchOf((c, o) => daki.easeOfMovement(c.high, c.low, c.volume, { out: o?.out })),
      stream: stream(() => new daki.EaseOfMovement(), 'bar'),
      tsStream: ts(() => new TS.EMV(14, 10000), 'bar'),
      tuBatch: tu('emv', ['high', 'low', 'volume'], []),
    },
    {
      name: 'VolumePriceTrend',
      aim: true,
      batch: batchOf((c, o) => daki.volumePriceTrend(c.close, c.volume, { out: o?.out })),
      stream: stream(() => new daki.VolumePriceTrend(), 'bar'),
      tsStream: ts(() => new (TS.PVT as unknown as new () => TsLike)(), 'bar'),
    },
    {
      name: 'NegativeVolumeIndex',
      aim: true,
      batch: batchOf((c, o) => daki.negativeVolumeIndex(c.close, c.volume, { out: o?.out })),
      stream: stream(() => new daki.NegativeVolumeIndex(), 'bar'),
      tsStream: ts(() => new (TS.NVI as unknown as new () => TsLike)(), 'bar'),
      tuBatch: tu('nvi', ['close', 'volume'], []),
    },
    {
      name: 'PositiveVolumeIndex',
      aim: true,
      batch: batchOf((c, o) => daki.positiveVolumeIndex(c.close, c.volume, { out: o?.out })),
      stream: stream(() => new daki.PositiveVolumeIndex(), 'bar'),
      tsStream: ts(() => new (TS.PVI as unknown as new () => TsLike)(), 'bar'),
      tuBatch: tu('pvi', ['close', 'volume'], []),
    },
  ];
}
