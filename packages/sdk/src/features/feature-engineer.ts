import { InvalidArgumentError } from '../data/errors.js';
import type { BarSeries, Fundamentals } from '../data/schemas.js';
import { assertFiniteSeries, assertPeriod, nanArray } from '../indicators/args.js';
import { roc } from '../indicators/momentum/roc.js';
import { rsi } from '../indicators/momentum/rsi.js';
import { macd } from '../indicators/trend/macd.js';
import { sma } from '../indicators/trend/sma.js';
import { bollingerBands } from '../indicators/volatility/bollinger-bands.js';
import { rollingStd } from '../indicators/volatility/rolling-std.js';
import { FeatureFrame } from './feature-frame.js';
import { FEATURE_NAMES, type FeatureName, PRICE_FEATURES } from './feature-names.js';
import { mixedCurrencyReason } from './valuation-ratios.js';

/** Windows of the feature set; every default is the concept's. */
export interface FeatureEngineerOptions {
  /** RSI period. Default 14. */
  rsiPeriod?: number;
  /** MACD periods. Default 12 / 26 / 9. */
  macd?: { fast?: number; slow?: number; signal?: number };
  /** Bollinger period and width. Default 20 bars, 2 sd. */
  bollinger?: { period?: number; stdDev?: number };
  /** Horizon of the short price change. Default 1 bar. */
  shortChange?: number;
  /** Horizon of the long price change. Default 7 bars. */
  longChange?: number;
  /** Window of the volatility of daily returns. Default 20 bars. */
  volatilityWindow?: number;
  /** Window of the mean volume in the volume ratio. Default 20 bars. */
  volumeWindow?: number;
}

/** A sentiment input: one score for every row, or one per row (aligned with the bars). */
export type SentimentInput = number | ArrayLike<number>;

/** What {@link FeatureEngineer.compute} takes for one symbol. */
export interface FeatureInput {
  bars: BarSeries;
  fundamentals?: Fundamentals;
  /** News sentiment in [−1, 1] (e.g. a recency-weighted VADER compound). */
  newsSentiment?: SentimentInput;
  /** Social-media sentiment in [−1, 1]. */
  socialSentiment?: SentimentInput;
}

/**
 * Builds the concept's feature set, columnar: RSI, MACD (line, signal, histogram), Bollinger upper
 * and lower, 1-day and 7-day fractional price change, 20-day volatility (sample sd of daily
 * returns), volume ratio (volume / 20-day mean volume), price-volume trend ((close − previous
 * close) × volume), P/E, P/B, news and social sentiment.
 *
 * Documented values where a denominator is zero or negative — never Infinity:
 * - P/E when earnings ≤ 0 and P/B when book value ≤ 0 are `NaN` ("not meaningful", as quote sites
 *   show n/a); so are they when the fundamentals are missing.
 * - When market cap and the statements are in different currencies (`financialCurrency` ≠
 *   `currency`), P/E and P/B are the provider's own ratios if it gives them, else `NaN`: never a
 *   mixed-currency quotient.
 * - Volume ratio when the mean volume of the window is 0: 1 (no volume against no volume).
 *
 * A row is complete when every price-derived feature is defined (after the longest warm-up, by
 * default MACD's 33 bars); P/E, P/B and sentiment are optional and may be `NaN` in complete rows.
 */
export class FeatureEngineer {
  private readonly options: Required<Omit<FeatureEngineerOptions, 'macd' | 'bollinger'>> & {
    macd: { fast: number; slow: number; signal: number };
    bollinger: { period: number; stdDev: number };
  };

  constructor(options: FeatureEngineerOptions = {}) {
    this.options = {
      rsiPeriod: options.rsiPeriod ?? 14,
      macd: {
        fast: options.macd?.fast ?? 12,
        slow: options.macd?.slow ?? 26,
        signal: options.macd?.signal ?? 9,
      },
      bollinger: { period: options.bollinger?.period ?? 20, stdDev: options.bollinger?.stdDev ?? 2 },
      shortChange: options.shortChange ?? 1,
      longChange: options.longChange ?? 7,
      volatilityWindow: options.volatilityWindow ?? 20,
      volumeWindow: options.volumeWindow ?? 20,
    };
    assertPeriod('rsiPeriod', this.options.rsiPeriod);
    assertPeriod('shortChange', this.options.shortChange);
    assertPeriod('longChange', this.options.longChange);
    assertPeriod('volatilityWindow', this.options.volatilityWindow, 2);
    assertPeriod('volumeWindow', this.options.volumeWindow);
  }

  /** Feature names in column order. */
  get names(): readonly FeatureName[] {
    return FEATURE_NAMES;
  }

  /** Computes every feature for one symbol's bars. */
  compute(input: FeatureInput): FeatureFrame {
    const { bars } = input;
    const { close, volume } = bars;
    const n = close.length;
    const o = this.options;

    const macdResult = macd(close, o.macd);
    const bands = bollingerBands(close, o.bollinger);
    const columns: Record<FeatureName, Float64Array> = {
      rsi: rsi(close, o.rsiPeriod),
      macd: macdResult.macd,
      macd_signal: macdResult.signal,
      macd_histogram: macdResult.histogram,
      bb_upper: bands.upper,
      bb_lower: bands.lower,
      change_1d: roc(close, o.shortChange),
      change_7d: roc(close, o.longChange),
      volatility_20d: returnVolatility(close, o.volatilityWindow),
      volume_ratio: volumeRatio(volume, o.volumeWindow),
      price_volume_trend: priceVolumeTrend(close, volume),
      pe_ratio: constant(n, ratio(input.fundamentals, 'earnings', 'peRatio')),
      pb_ratio: constant(n, ratio(input.fundamentals, 'bookValue', 'pbRatio')),
      news_sentiment: sentimentColumn('newsSentiment', input.newsSentiment, n),
      social_sentiment: sentimentColumn('socialSentiment', input.socialSentiment, n),
    };
    const complete = new Uint8Array(n);
    const required = PRICE_FEATURES.map((name) => columns[name]);
    for (let i = 0; i < n; i++) {
      let ok = 1;
      for (const column of required) {
        if (Number.isNaN(column[i] as number)) {
          ok = 0;
          break;
        }
      }
      complete[i] = ok;
    }
    return new FeatureFrame(bars.symbol, bars.timestamps.slice(), columns, FEATURE_NAMES, complete);
  }
}

/** Sample sd of one-bar fractional returns over `window` returns. */
function returnVolatility(close: Float64Array, window: number): Float64Array {
  const n = close.length;
  const out = nanArray(n);
  if (n < 2) return out;
  const returns = roc(close, 1).subarray(1);
  out.set(rollingStd(returns, window), 1);
  return out;
}

function volumeRatio(volume: Float64Array, window: number): Float64Array {
  const mean = sma(volume, window);
  const out = nanArray(volume.length);
  for (let i = 0; i < volume.length; i++) {
    const m = mean[i] as number;
    if (Number.isNaN(m)) continue;
    out[i] = m > 0 ? (volume[i] as number) / m : 1;
  }
  return out;
}

/** The concept's price-volume trend: (close − previous close) × volume, per bar (not cumulative). */
function priceVolumeTrend(close: Float64Array, volume: Float64Array): Float64Array {
  const out = nanArray(close.length);
  for (let i = 1; i < close.length; i++)
    out[i] = ((close[i] as number) - (close[i - 1] as number)) * (volume[i] as number);
  return out;
}

/**
 * Market cap over a denominator (earnings or book value); the provider-given ratio when the parts
 * are missing or in different currencies (see {@link mixedCurrencyReason}); `NaN` when neither.
 */
function ratio(
  fundamentals: Fundamentals | undefined,
  denominatorField: 'earnings' | 'bookValue',
  givenField: 'peRatio' | 'pbRatio',
): number {
  const numerator = fundamentals?.marketCap;
  const denominator = fundamentals?.[denominatorField];
  const given = fundamentals?.[givenField];
  if (numerator !== undefined && denominator !== undefined && !mixedCurrencyReason(fundamentals)) {
    return denominator > 0 && numerator >= 0 ? numerator / denominator : Number.NaN;
  }
  return given !== undefined && Number.isFinite(given) && given > 0 ? given : Number.NaN;
}

function constant(n: number, value: number): Float64Array {
  return new Float64Array(n).fill(value);
}

function sentimentColumn(name: string, input: SentimentInput | undefined, n: number): Float64Array {
  if (input === undefined) return nanArray(n);
  if (typeof input === 'number') {
    if (!Number.isFinite(input))
      throw new InvalidArgumentError(name, `must be a finite number, got ${input}`);
    return constant(n, input);
  }
  if (input.length !== n)
    throw new InvalidArgumentError(name, `has length ${input.length} but the bars have ${n}`);
  assertFiniteSeries(name, input);
  return Float64Array.from(input);
}
