import {
  addNote,
  combineMetrics,
  type FactorColumns,
  type MetricSpec,
  type UniverseContext,
  universeMetric,
} from './factor.js';

/** RSI above this is overbought, below {@link RSI_OVERSOLD} oversold (Wilder's levels). */
export const RSI_OVERBOUGHT = 70;
/** RSI below this is oversold. */
export const RSI_OVERSOLD = 30;

/**
 * Metrics of the momentum factor, ranked against the universe: RSI(14) 25 %, MACD(12, 26, 9)
 * histogram as a fraction of price 25 %, and the price against its 20-, 50- and 200-day simple
 * averages 15 / 15 / 20 % (the long trend weighs most).
 */
export const MOMENTUM_METRICS = Object.freeze({
  rsi: {
    id: 'rsi14',
    label: 'RSI (14)',
    unit: 'number',
    weight: 0.25,
    higherIsBetter: true,
    comparedWith: 'universe',
  },
  macd: {
    id: 'macdHistogram',
    label: 'MACD histogram (12, 26, 9) / price',
    unit: 'percent',
    weight: 0.25,
    higherIsBetter: true,
    comparedWith: 'universe',
  },
  sma20: smaSpec(20, 0.15),
  sma50: smaSpec(50, 0.15),
  sma200: smaSpec(200, 0.2),
} satisfies Record<string, MetricSpec>);

/**
 * The RSI reading that is ranked. Up to 70 more is stronger; above 70 the stock is overbought and
 * its reading falls back twice as fast as it rose (RSI 80 ranks like RSI 50, RSI 90 like 30),
 * because stretched moves tend to stall or reverse: an overbought stock is not rewarded as the
 * strongest. Oversold readings stay weak: this factor measures momentum, not reversal.
 */
export function rankedRsi(rsi: number): number {
  return rsi > RSI_OVERBOUGHT ? RSI_OVERBOUGHT - 2 * (rsi - RSI_OVERBOUGHT) : rsi;
}

/** Momentum: RSI, MACD histogram normalised by price, and price against its moving averages. */
export function scoreMomentum(ctx: UniverseContext): FactorColumns {
  const { prices } = ctx;
  const n = ctx.snapshots.length;
  const rsiKey = new Float64Array(n);
  const macdShare = new Float64Array(n);
  const vs20 = new Float64Array(n);
  const vs50 = new Float64Array(n);
  const vs200 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const close = prices.lastClose[i] as number;
    rsiKey[i] = rankedRsi(prices.rsi[i] as number);
    // In fractions of price, so a $500 stock's histogram compares with a $5 stock's.
    macdShare[i] = (prices.macdHistogram[i] as number) / close;
    vs20[i] = close / (prices.sma20[i] as number) - 1;
    vs50[i] = close / (prices.sma50[i] as number) - 1;
    vs200[i] = close / (prices.sma200[i] as number) - 1;
  }
  const m = MOMENTUM_METRICS;
  const rsi = universeMetric(ctx, m.rsi, prices.rsi, rsiKey);
  for (let i = 0; i < n; i++) {
    const value = prices.rsi[i] as number;
    if (value > RSI_OVERBOUGHT) addNote(rsi, i, `overbought: ranked as RSI ${rankedRsi(value).toFixed(1)}`);
    else if (value < RSI_OVERSOLD) addNote(rsi, i, 'oversold');
  }
  return combineMetrics(
    [
      rsi,
      universeMetric(ctx, m.macd, macdShare),
      universeMetric(ctx, m.sma20, vs20),
      universeMetric(ctx, m.sma50, vs50),
      universeMetric(ctx, m.sma200, vs200),
    ],
    n,
  );
}

function smaSpec(period: number, weight: number): MetricSpec {
  return {
    id: `priceVsSma${period}`,
    label: `Price vs ${period}-day average`,
    unit: 'percent',
    weight,
    higherIsBetter: true,
    comparedWith: 'universe',
  };
}
