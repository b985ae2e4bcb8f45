import { InvalidArgumentError } from '@da-ki/sdk';
import { averageRanks } from '../metrics/correlation.js';
import { type IcSummary, icSeries, summariseIc } from '../metrics/information-coefficient.js';
import { assertInRange, assertInteger } from '../model/validate.js';
import type { PricePanel, ScorePanel } from './panels.js';

/** Options of {@link backtestScores}. */
export interface BacktestOptions {
  /** Bars over which the forward return of a score is measured (quantiles, IC). Default 30. */
  horizon?: number;
  /** Number of score buckets. Default 5 (quintiles). */
  quantiles?: number;
  /** Holdings of the top-k portfolio. Default 10. */
  topK?: number;
  /** Bars between rebalances. Default: the horizon. */
  rebalanceEvery?: number;
  /** Transaction costs as fractions of the traded value. Default 5 bp to buy, 15 bp to sell. */
  costs?: { buy?: number; sell?: number };
  /** Fewest scored symbols for a date's IC. Default 5. */
  minCount?: number;
  /** Trading days per year, for annualising. Default 252. */
  periodsPerYear?: number;
}

/** Mean forward return of one score bucket. */
export interface QuantileReturn {
  /** 1 = lowest scores … `quantiles` = highest. */
  quantile: number;
  /** Mean over dates of the bucket's mean forward simple return. */
  meanReturn: number;
  /** Symbol-dates in the bucket. */
  count: number;
}

/** Performance of a rebalanced portfolio. */
export interface PortfolioStats {
  totalReturn: number;
  annualisedReturn: number;
  annualisedVolatility: number;
  /** Annualised mean over sd of daily returns (no risk-free rate). `null` when sd is 0. */
  sharpe: number | null;
  /** Largest peak-to-trough fall of the end-of-day equity curve, as a positive fraction. */
  maxDrawdown: number;
  /** Mean one-way turnover per rebalance (fraction of the portfolio bought). */
  turnover: number;
  /** Fraction of wealth paid in costs, compounded over the run. */
  costs: number;
  rebalances: number;
  /** Trading days simulated. */
  days: number;
}

/** What {@link backtestScores} measured. */
export interface BacktestResult {
  horizon: number;
  quantiles: QuantileReturn[];
  /** Top minus bottom bucket mean return. */
  spread: number;
  /** Rank IC of score against forward return, per score date. */
  rankIc: IcSummary | null;
  /** Pearson IC of score against forward return, per score date. */
  ic: IcSummary | null;
  /** The top-k portfolio. */
  portfolio: PortfolioStats;
  /** The equal-weight universe on the same schedule and costs. */
  benchmark: PortfolioStats;
  /** End-of-day equity (1 invested before the first trade's costs) on the simulated trading dates. */
  equity: { dates: Float64Array; portfolio: Float64Array; benchmark: Float64Array };
  topK: number;
  rebalanceEvery: number;
  costs: { buy: number; sell: number };
}

/**
 * Does the score work? Given a score per symbol per date (any score: the ensemble's forecasts,
 * the five-factor growth score) and prices: forward returns by score quantile, the IC of score
 * against forward return, and a top-k portfolio rebalanced every `rebalanceEvery` bars with
 * transaction costs, beside the equal-weight universe.
 */
export function backtestScores(
  scores: ScorePanel,
  prices: PricePanel,
  options: BacktestOptions = {},
): BacktestResult {
  const horizon = options.horizon ?? 30;
  const quantiles = options.quantiles ?? 5;
  const topK = options.topK ?? 10;
  const rebalanceEvery = options.rebalanceEvery ?? horizon;
  const costs = { buy: options.costs?.buy ?? 0.0005, sell: options.costs?.sell ?? 0.0015 };
  const minCount = options.minCount ?? 5;
  const periodsPerYear = options.periodsPerYear ?? 252;
  assertInteger('horizon', horizon, 1);
  assertInteger('quantiles', quantiles, 2);
  assertInteger('topK', topK, 1);
  assertInteger('rebalanceEvery', rebalanceEvery, 1);
  assertInRange('costs.buy', costs.buy, 0, 1);
  assertInRange('costs.sell', costs.sell, 0, 1);
  const column = alignSymbols(scores, prices);
  const priceIndex = new Map<number, number>();
  prices.dates.forEach((t, i) => {
    priceIndex.set(t, i);
  });

  // forward returns of every scored symbol-date
  const icDates: number[] = [];
  const icScores: number[] = [];
  const icReturns: number[] = [];
  const bucketSums = new Float64Array(quantiles);
  const bucketDates = new Float64Array(quantiles);
  const bucketCounts = new Float64Array(quantiles);
  scores.dates.forEach((date, d) => {
    const t = priceIndex.get(date);
    if (t === undefined)
      throw new InvalidArgumentError(
        'scores.dates',
        `date ${new Date(date).toISOString()} is not a price date`,
        d,
      );
    if (t + horizon >= prices.dates.length) return;
    const row = scores.scores[d] as Float64Array;
    const s: number[] = [];
    const r: number[] = [];
    row.forEach((score, k) => {
      const p = prices.close[column[k] as number] as Float64Array;
      const now = p[t] as number;
      const later = p[t + horizon] as number;
      if (Number.isFinite(score) && now > 0 && later > 0) {
        s.push(score);
        r.push(later / now - 1);
      }
    });
    for (let i = 0; i < s.length; i++) {
      icDates.push(date);
      icScores.push(s[i] as number);
      icReturns.push(r[i] as number);
    }
    if (s.length < quantiles) return;
    const ranks = averageRanks(s);
    const sums = new Float64Array(quantiles);
    const counts = new Float64Array(quantiles);
    ranks.forEach((rank, i) => {
      const bucket = Math.min(quantiles - 1, Math.floor(((rank - 1) * quantiles) / s.length));
      sums[bucket] = (sums[bucket] as number) + (r[i] as number);
      counts[bucket] = (counts[bucket] as number) + 1;
    });
    for (let b = 0; b < quantiles; b++) {
      if (counts[b] === 0) continue;
      bucketSums[b] = (bucketSums[b] as number) + (sums[b] as number) / (counts[b] as number);
      bucketDates[b] = (bucketDates[b] as number) + 1;
      bucketCounts[b] = (bucketCounts[b] as number) + (counts[b] as number);
    }
  });
  const quantileReturns: QuantileReturn[] = Array.from({ length: quantiles }, (_, b) => ({
    quantile: b + 1,
    meanReturn: bucketDates[b] ? (bucketSums[b] as number) / (bucketDates[b] as number) : 0,
    count: bucketCounts[b] as number,
  }));

  const simulation = simulate(scores, prices, column, priceIndex, {
    topK,
    rebalanceEvery,
    costs,
    periodsPerYear,
  });
  return {
    horizon,
    quantiles: quantileReturns,
    spread:
      (quantileReturns[quantiles - 1] as QuantileReturn).meanReturn -
      (quantileReturns[0] as QuantileReturn).meanReturn,
    rankIc: summariseIc(icSeries(icDates, icScores, icReturns, { method: 'spearman', minCount })),
    ic: summariseIc(icSeries(icDates, icScores, icReturns, { method: 'pearson', minCount })),
    ...simulation,
    topK,
    rebalanceEvery,
    costs,
  };
}

/** Column of `prices` for each symbol of `scores`. */
function alignSymbols(scores: ScorePanel, prices: PricePanel): Int32Array {
  const index = new Map(prices.symbols.map((s, i) => [s, i]));
  return Int32Array.from(scores.symbols, (symbol) => {
    const k = index.get(symbol);
    if (k === undefined)
      throw new InvalidArgumentError('prices', `has no series for scored symbol ${symbol}`);
    return k;
  });
}

function simulate(
  scores: ScorePanel,
  prices: PricePanel,
  column: Int32Array,
  priceIndex: Map<number, number>,
  o: { topK: number; rebalanceEvery: number; costs: { buy: number; sell: number }; periodsPerYear: number },
): Pick<BacktestResult, 'portfolio' | 'benchmark' | 'equity'> {
  const first = priceIndex.get(scores.dates[0] as number) as number;
  const lastScore = priceIndex.get(scores.dates[scores.dates.length - 1] as number) as number;
  // hold the last selection for one more rebalance period, as far as prices go
  const end = Math.min(prices.dates.length - 1, lastScore + o.rebalanceEvery);
  const symbols = scores.symbols.length;
  const price = (k: number, t: number) => (prices.close[column[k] as number] as Float64Array)[t] as number;
  let scoreRow = -1;
  // holdings in wealth units per symbol, plus cash (all of it before the first rebalance)
  const books = [new Float64Array(symbols), new Float64Array(symbols)];
  const cash = [1, 1];
  const wealth = [1, 1];
  const costPaid = [0, 0];
  const turnover = [0, 0];
  let rebalances = 0;
  const dates: number[] = [];
  const curves: number[][] = [[], []];
  for (let t = first; t <= end; t++) {
    if (t > first) {
      // drift: holdings (in wealth units) move with each symbol's return; missing prices hold
      for (const b of [0, 1]) {
        const book = books[b] as Float64Array;
        let total = cash[b] as number;
        for (let k = 0; k < symbols; k++) {
          const before = price(k, t - 1);
          const now = price(k, t);
          if (book[k] !== 0 && before > 0 && now > 0) book[k] = (book[k] as number) * (now / before);
          total += book[k] as number;
        }
        wealth[b] = total;
      }
    }
    if ((t - first) % o.rebalanceEvery === 0 && t <= lastScore) {
      while (
        scoreRow + 1 < scores.dates.length &&
        (priceIndex.get(scores.dates[scoreRow + 1] as number) as number) <= t
      )
        scoreRow++;
      const row = scores.scores[scoreRow] as Float64Array;
      const tradable = Array.from({ length: symbols }, (_, k) => k).filter((k) => price(k, t) > 0);
      const ranked = tradable
        .filter((k) => Number.isFinite(row[k] as number))
        .sort((a, b) => (row[b] as number) - (row[a] as number));
      const targets = [ranked.slice(0, o.topK), tradable];
      for (const b of [0, 1]) {
        // nothing scored and tradable: stay in cash
        const chosen = targets[b] as number[];
        const book = books[b] as Float64Array;
        const w = wealth[b] as number;
        const target = new Float64Array(symbols);
        for (const k of chosen) target[k] = w / chosen.length;
        let bought = 0;
        let sold = 0;
        for (let k = 0; k < symbols; k++) {
          const delta = (target[k] as number) - (book[k] as number);
          if (delta > 0) bought += delta;
          else sold -= delta;
        }
        const cost = bought * o.costs.buy + sold * o.costs.sell;
        const after = w - cost;
        for (let k = 0; k < symbols; k++) book[k] = ((target[k] as number) * after) / w;
        cash[b] = chosen.length === 0 ? after : 0;
        wealth[b] = after;
        costPaid[b] = 1 - (1 - (costPaid[b] as number)) * (after / w);
        turnover[b] = (turnover[b] as number) + bought / w;
      }
      rebalances++;
    }
    dates.push(prices.dates[t] as number);
    (curves[0] as number[]).push(wealth[0] as number);
    (curves[1] as number[]).push(wealth[1] as number);
  }
  const stats = (b: number): PortfolioStats => {
    const curve = curves[b] as number[];
    const returns = curve.slice(1).map((v, i) => v / (curve[i] as number) - 1);
    const mean = returns.reduce((s, r) => s + r, 0) / Math.max(1, returns.length);
    const sd = Math.sqrt(returns.reduce((s, r) => s + (r - mean) ** 2, 0) / Math.max(1, returns.length - 1));
    let peak = curve[0] as number;
    let drawdown = 0;
    for (const v of curve) {
      peak = Math.max(peak, v);
      drawdown = Math.max(drawdown, 1 - v / peak);
    }
    const total = (curve[curve.length - 1] as number) - 1;
    const years = Math.max(returns.length, 1) / o.periodsPerYear;
    return {
      totalReturn: total,
      annualisedReturn: (1 + total) ** (1 / years) - 1,
      annualisedVolatility: sd * Math.sqrt(o.periodsPerYear),
      sharpe: sd > 0 ? (mean / sd) * Math.sqrt(o.periodsPerYear) : null,
      maxDrawdown: drawdown,
      turnover: rebalances ? (turnover[b] as number) / rebalances : 0,
      costs: costPaid[b] as number,
      rebalances,
      days: returns.length,
    };
  };
  return {
    portfolio: stats(0),
    benchmark: stats(1),
    equity: {
      dates: Float64Array.from(dates),
      portfolio: Float64Array.from(curves[0] as number[]),
      benchmark: Float64Array.from(curves[1] as number[]),
    },
  };
}
