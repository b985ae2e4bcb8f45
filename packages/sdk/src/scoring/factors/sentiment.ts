import type { NewsItem } from '../../data/schemas.js';
import { groupMedians, percentileRanks } from '../normalisation.js';
import {
  clamp,
  combineMetrics,
  type FactorColumns,
  type MetricColumn,
  type MetricSpec,
  type UniverseContext,
} from './factor.js';

const DAY_MS = 86_400_000;

/**
 * Weight of the neutral prior, in fresh headlines: the recency-weighted sentiment is
 * `Σ wᵢ sᵢ / (Σ wᵢ + 1)`, so one glowing headline counts for half of a steady stream of them
 * (shrinkage toward neutral, as in a Bayesian mean with one neutral pseudo-observation).
 */
export const SENTIMENT_PRIOR_WEIGHT = 1;

/**
 * Effective number of fresh headlines at which the sentiment factor's confidence is one half:
 * confidence = W / (W + 2), W the sum of the recency weights.
 */
export const SENTIMENT_CONFIDENCE_HALF_WEIGHT = 2;

/** The sentiment factor's single ranked metric, and the headline count shown beside it. */
export const SENTIMENT_METRICS = Object.freeze({
  sentiment: {
    id: 'newsSentiment',
    label: 'News sentiment (recency-weighted, −1 to 1)',
    unit: 'number',
    weight: 1,
    higherIsBetter: true,
    comparedWith: 'universe',
  },
  headlines: {
    id: 'headlineCount',
    label: 'Headlines scored',
    unit: 'count',
    weight: 0,
    higherIsBetter: true,
    comparedWith: 'universe',
  },
} satisfies Record<string, MetricSpec>);

/** How the sentiment factor reads headlines. */
export interface SentimentSettings {
  /** Compound score in [−1, 1] of a headline. */
  scoreHeadline: (text: string) => number;
  /** Age, in days, at which a headline weighs half as much as a fresh one. */
  halfLifeDays: number;
  /** Reference time of every stock; default each stock's last bar. */
  asOf: number | undefined;
  /** `prefer`: use a provider's `item.sentiment` when present; `ignore`: always score the title. */
  providerSentiment: 'prefer' | 'ignore';
}

/**
 * Sentiment: each headline's compound score, weighted by `0.5^(age / halfLife)` with the age
 * measured from the stock's last bar (or `asOf`; headlines after it count as fresh, never more),
 * averaged with a neutral prior (see {@link SENTIMENT_PRIOR_WEIGHT}), and ranked against the
 * universe. Stocks without news join the ranking as a neutral 0, so one good headline in a quiet
 * universe ranks above the silent stocks; their own score is the neutral 50, confidence 0.
 */
export function scoreSentiment(ctx: UniverseContext, settings: SentimentSettings): FactorColumns {
  const { snapshots, prices } = ctx;
  const n = snapshots.length;
  const sentiment = new Float64Array(n).fill(Number.NaN);
  const rankKey = new Float64Array(n);
  const headlineCount = new Float64Array(n);
  const confidence = new Float64Array(n);
  const latestBar = latestFinite(prices.lastTimestamp);

  for (let i = 0; i < n; i++) {
    const news = snapshots[i]?.news;
    if (!Array.isArray(news) || news.length === 0) continue;
    const asOf = settings.asOf ?? finiteOr(prices.lastTimestamp[i] as number, latestBar ?? latestNews(news));
    let weightSum = 0;
    let weighted = 0;
    let count = 0;
    for (const item of news) {
      const score = headlineScore(item, settings);
      if (Number.isNaN(score) || !Number.isFinite(item.publishedAt)) continue;
      const ageDays = Math.max(0, (asOf - item.publishedAt) / DAY_MS);
      const weight = 0.5 ** (ageDays / settings.halfLifeDays);
      weightSum += weight;
      weighted += weight * score;
      count++;
    }
    headlineCount[i] = count;
    if (count === 0) continue;
    sentiment[i] = weighted / (weightSum + SENTIMENT_PRIOR_WEIGHT);
    rankKey[i] = sentiment[i] as number;
    confidence[i] = weightSum / (weightSum + SENTIMENT_CONFIDENCE_HALF_WEIGHT);
  }

  const all = percentileRanks(rankKey, ctx.scratch);
  const percentiles = new Float64Array(n);
  for (let i = 0; i < n; i++)
    percentiles[i] = Number.isNaN(sentiment[i] as number) ? Number.NaN : (all[i] as number);
  const metrics: MetricColumn[] = [
    {
      spec: SENTIMENT_METRICS.sentiment,
      values: sentiment,
      percentiles,
      sectorMedians: groupMedians(sentiment, ctx.sectors, ctx.scratch),
      notes: new Map(),
    },
    {
      spec: SENTIMENT_METRICS.headlines,
      values: headlineCount,
      percentiles: new Float64Array(n).fill(Number.NaN),
      sectorMedians: groupMedians(headlineCount, ctx.sectors, ctx.scratch),
      notes: new Map(),
    },
  ];
  const combined = combineMetrics(metrics, n);
  // Confidence grows with the amount of fresh news, not only with its presence.
  return { ...combined, confidence };
}

function headlineScore(item: NewsItem | undefined, settings: SentimentSettings): number {
  if (!item) return Number.NaN;
  if (
    settings.providerSentiment === 'prefer' &&
    typeof item.sentiment === 'number' &&
    Number.isFinite(item.sentiment)
  ) {
    return clamp(item.sentiment, -1, 1);
  }
  if (typeof item.title !== 'string') return Number.NaN;
  const score = settings.scoreHeadline(item.title);
  return Number.isFinite(score) ? clamp(score, -1, 1) : Number.NaN;
}

function latestFinite(values: Float64Array): number | undefined {
  let latest = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > latest) latest = v;
  return latest === Number.NEGATIVE_INFINITY ? undefined : latest;
}

function latestNews(news: readonly NewsItem[]): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const item of news) if (item && item.publishedAt > latest) latest = item.publishedAt;
  return latest;
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}
