/**
 * `@da-ki/sdk/indicators` — technical indicators, each as a batch function over a whole series and
 * a streaming class that takes one bar in O(1) and gives the same numbers.
 *
 * The public surface is named here, one line per indicator file; argument checks, ring buffers and
 * state codecs stay internal.
 */

export type { VolumeBarInput } from './bar-args.js';
export * from './candles/index.js';
export type { Convention } from './kernel-parts.js';
export { IndicatorOverflowError } from './magnitude.js';
export {
  AwesomeOscillator,
  type AwesomeOscillatorOptions,
  awesomeOscillator,
} from './momentum/awesome-oscillator.js';
export { BalanceOfPower, balanceOfPower } from './momentum/balance-of-power.js';
export { CCI, cci } from './momentum/cci.js';
export { CMO, type CmoOptions, cmo } from './momentum/cmo.js';
export {
  FisherTransform,
  type FisherTransformSeries,
  type FisherTransformValue,
  fisherTransform,
} from './momentum/fisher-transform.js';
export { KST, type KstOptions, type KstSeries, type KstValue, kst } from './momentum/kst.js';
export { MOM, mom } from './momentum/mom.js';
export {
  APO,
  type ApoOptions,
  apo,
  PPO,
  type PpoOptions,
  type PpoSeries,
  type PpoValue,
  ppo,
} from './momentum/price-oscillator.js';
export { ROC, roc } from './momentum/roc.js';
export { RSI, rsi } from './momentum/rsi.js';
export {
  StochRSI,
  type StochRsiOptions,
  type StochRsiSeries,
  type StochRsiValue,
  stochRsi,
} from './momentum/stoch-rsi.js';
export type { StochasticOptions, StochasticResult, StochasticValue } from './momentum/stochastic.js';
export { Stochastic, stochastic } from './momentum/stochastic.js';
export { TSI, type TsiOptions, type TsiSeries, type TsiValue, tsi } from './momentum/tsi.js';
export {
  UltimateOscillator,
  type UltimateOscillatorOptions,
  ultimateOscillator,
} from './momentum/ultimate-oscillator.js';
export { WilliamsAD, williamsAD } from './momentum/williams-ad.js';
export { WilliamsR, williamsR } from './momentum/williams-r.js';
export type { ColumnOutput, ColumnsOutput } from './output.js';
export type { IndicatorState } from './state.js';
export type { BarInput } from './streaming.js';
export { StreamingIndicator } from './streaming.js';
export type { AdxSeries, AdxValue } from './trend/adx.js';
export { ADX, adx } from './trend/adx.js';
export { ALMA, type AlmaOptions, alma } from './trend/alma.js';
export { Aroon, type AroonSeries, type AroonValue, aroon } from './trend/aroon.js';
export { DEMA, dema } from './trend/dema.js';
export { DPO, dpo } from './trend/dpo.js';
export { EMA, type EmaOptions, ema, emaAlpha } from './trend/ema.js';
export { HMA, hma } from './trend/hma.js';
export {
  Ichimoku,
  type IchimokuOptions,
  type IchimokuSeries,
  type IchimokuValue,
  ichimoku,
} from './trend/ichimoku.js';
export { KAMA, type KamaOptions, kama } from './trend/kama.js';
export {
  LinearRegression,
  type LinearRegressionSeries,
  type LinearRegressionValue,
  linearRegression,
} from './trend/linear-regression.js';
export type { MacdOptions, MacdSeed, MacdSeries, MacdValue } from './trend/macd.js';
export { MACD, macd } from './trend/macd.js';
export { PSAR, type PsarOptions, psar } from './trend/psar.js';
export { SMA, sma } from './trend/sma.js';
export {
  SuperTrend,
  type SuperTrendOptions,
  type SuperTrendSeries,
  type SuperTrendValue,
  superTrend,
} from './trend/super-trend.js';
export { T3, type T3Options, t3 } from './trend/t3.js';
export { TEMA, tema } from './trend/tema.js';
export { TRIMA, trima } from './trend/trima.js';
export { TRIX, trix } from './trend/trix.js';
export { Vortex, type VortexSeries, type VortexValue, vortex } from './trend/vortex.js';
export { VWMA, vwma } from './trend/vwma.js';
export { WMA, wma } from './trend/wma.js';
export { ZLEMA, type ZlemaOptions, zlema } from './trend/zlema.js';

export { ATR, type AtrOptions, atr } from './volatility/atr.js';
export type {
  BollingerBandsOptions,
  BollingerBandsSeries,
  BollingerBandsValue,
} from './volatility/bollinger-bands.js';
export { BollingerBands, bollingerBands } from './volatility/bollinger-bands.js';
export {
  BollingerBandwidth,
  BollingerPercentB,
  bollingerBandwidth,
  bollingerPercentB,
} from './volatility/bollinger-derived.js';
export {
  ChaikinVolatility,
  type ChaikinVolatilityOptions,
  chaikinVolatility,
} from './volatility/chaikin-volatility.js';
export { Choppiness, choppiness } from './volatility/choppiness.js';
export { Donchian, donchian } from './volatility/donchian.js';
export {
  HistoricalVolatility,
  type HistoricalVolatilityOptions,
  historicalVolatility,
  type OhlcColumns,
  type VolatilityEstimator,
} from './volatility/historical-volatility.js';
export {
  type ChannelSeries,
  type ChannelValue,
  Keltner,
  type KeltnerOptions,
  keltner,
} from './volatility/keltner.js';
export { NATR, type NatrOptions, natr } from './volatility/natr.js';
export { RollingStd, rollingStd } from './volatility/rolling-std.js';
export { UlcerIndex, ulcerIndex } from './volatility/ulcer-index.js';

export {
  AccumulationDistribution,
  accumulationDistribution,
} from './volume/accumulation-distribution.js';
export { ChaikinMoneyFlow, chaikinMoneyFlow } from './volume/chaikin-money-flow.js';
export {
  ChaikinOscillator,
  type ChaikinOscillatorOptions,
  chaikinOscillator,
} from './volume/chaikin-oscillator.js';
export { EaseOfMovement, type EaseOfMovementOptions, easeOfMovement } from './volume/ease-of-movement.js';
export { ForceIndex, forceIndex } from './volume/force-index.js';
export { MFI, mfi } from './volume/mfi.js';
export type { ObvInput } from './volume/obv.js';
export { OBV, obv } from './volume/obv.js';
export type { VolumeBar } from './volume/volume-bar.js';
export {
  NegativeVolumeIndex,
  negativeVolumeIndex,
  PositiveVolumeIndex,
  positiveVolumeIndex,
  type VolumeIndexOptions,
  VolumePriceTrend,
  volumePriceTrend,
} from './volume/volume-trend.js';
export { VWAP, vwap } from './volume/vwap.js';
