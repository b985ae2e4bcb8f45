import { FinanceSentimentAnalyzer, type SentimentAnalyzer } from '../sentiment/index.js';
import { confidenceLevelOf, overallConfidence } from './confidence.js';
import { explainScore } from './explanations.js';
import {
  createUniverseContext,
  type FactorColumns,
  type MetricColumn,
  type UniverseContext,
} from './factors/factor.js';
import { scoreFundamental } from './factors/fundamental.js';
import { scoreMomentum } from './factors/momentum.js';
import { scorePerformance } from './factors/performance.js';
import { scoreSector } from './factors/sector.js';
import { scoreSentiment } from './factors/sentiment.js';
import { gradeFor } from './grades.js';
import { computeBetas } from './market-beta.js';
import { groupSize } from './normalisation.js';
import { type ResolvedScoringOptions, resolveScoringOptions, type ScoringEngineOptions } from './options.js';
import { classifyRisk } from './risk.js';
import {
  FACTOR_NAMES,
  type FactorDetail,
  type FactorName,
  type FactorWeights,
  type MetricDetail,
  type RiskDetail,
  type ScoreResult,
  type StockSnapshot,
} from './types.js';
import { compareStrings } from './validate-snapshots.js';

/** Headline scores remembered per engine; the memo is dropped whole when it reaches this size. */
const HEADLINE_MEMO_SIZE = 100_000;

/**
 * The five-factor growth score. {@link ScoringEngine.scoreUniverse} scores a universe of stocks
 * against each other: every metric becomes a cross-sectional percentile (over the universe, or
 * within the stock's sector where the factor calls for it), metrics combine into five 0–100
 * factors, factors into the overall score with the configured weights. Pure and synchronous:
 * the same snapshots give the same results, in any input order, on any clock.
 *
 * @example
 * ```ts
 * const engine = new ScoringEngine({ weights: { ...DEFAULT_WEIGHTS, sentiment: 0.1, momentum: 0.2 } });
 * const [best] = engine.scoreUniverse(snapshots);
 * console.log(best.symbol, best.score, best.grades.overall, best.explanations);
 * ```
 */
export class ScoringEngine {
  /** The validated factor weights in use. */
  readonly weights: Readonly<FactorWeights>;
  private readonly options: ResolvedScoringOptions;
  private analyzer: SentimentAnalyzer | undefined;
  private readonly headlineScores = new Map<string, number>();

  /** Validates the options; throws an `InvalidArgumentError` naming a bad weight or option. */
  constructor(options?: ScoringEngineOptions) {
    this.options = resolveScoringOptions(options);
    this.weights = this.options.weights;
    this.analyzer = this.options.sentimentAnalyzer;
  }

  /**
   * Scores every snapshot against the others and returns the results best first (`rank` 1).
   * Ties in score are broken by symbol. Throws an `InvalidArgumentError` for a malformed or
   * duplicate snapshot and a `DataValidationError` for a non-positive price or unordered
   * timestamps, naming the symbol and index. Missing fundamentals, news or history never throw:
   * they make the factor neutral and lower its confidence.
   */
  scoreUniverse(snapshots: readonly StockSnapshot[]): ScoreResult[] {
    const ctx = createUniverseContext(snapshots, this.options.minSectorSize);
    const { order } = ctx;
    const n = snapshots.length;
    if (n === 0) return [];
    const factors: Record<FactorName, FactorColumns> = {
      performance: scorePerformance(ctx),
      fundamental: scoreFundamental(ctx),
      sentiment: scoreSentiment(ctx, {
        scoreHeadline: this.scoreHeadline,
        halfLifeDays: this.options.sentimentHalfLifeDays,
        asOf: this.options.asOf,
        providerSentiment: this.options.providerSentiment,
      }),
      sector: scoreSector(ctx),
      momentum: scoreMomentum(ctx),
    };
    const betas = computeBetas(snapshots, order);

    const columns = FACTOR_NAMES.map((f) => factors[f]);
    const weights = FACTOR_NAMES.map((f) => this.weights[f]);
    const scores = new Float64Array(n);
    const confidence = new Float64Array(n);
    const factorScores = new Float64Array(columns.length);
    const factorConfidence = new Float64Array(columns.length);
    for (let i = 0; i < n; i++) {
      let total = 0;
      for (let k = 0; k < columns.length; k++) {
        const column = columns[k] as FactorColumns;
        factorScores[k] = column.scores[i] as number;
        factorConfidence[k] = column.confidence[i] as number;
        total += (weights[k] as number) * (factorScores[k] as number);
      }
      scores[i] = Math.min(100, Math.max(0, total));
      confidence[i] = overallConfidence(factorScores, factorConfidence, weights);
    }

    const ranked = Array.from(order).sort(
      (a, b) =>
        (scores[b] as number) - (scores[a] as number) ||
        compareStrings((snapshots[a] as StockSnapshot).symbol, (snapshots[b] as StockSnapshot).symbol),
    );
    const nextSectorRank = new Int32Array(ctx.sectors.names.length).fill(1);
    return ranked.map((i, position) => {
      const snapshot = snapshots[i] as StockSnapshot;
      const g = ctx.sectors.groupOf[i] as number;
      const details = {} as Record<FactorName, FactorDetail>;
      const factorValues = {} as Record<FactorName, number>;
      for (const f of FACTOR_NAMES) {
        details[f] = factorDetail(factors[f], i, g);
        factorValues[f] = details[f].score;
      }
      const risk = riskDetail(ctx, betas, i);
      const score = scores[i] as number;
      return {
        symbol: snapshot.symbol,
        name: snapshot.name || snapshot.symbol,
        sector: snapshot.sector,
        lastClose: finiteOrNull(ctx.prices.lastClose[i] as number),
        lastTimestamp: finiteOrNull(ctx.prices.lastTimestamp[i] as number),
        score,
        factors: factorValues,
        grades: {
          overall: gradeFor(score),
          performance: details.performance.grade,
          fundamental: details.fundamental.grade,
          sentiment: details.sentiment.grade,
          sector: details.sector.grade,
          momentum: details.momentum.grade,
        },
        rank: position + 1,
        sectorRank: nextSectorRank[g]++,
        sectorSize: groupSize(ctx.sectors, g),
        riskLevel: risk.level,
        risk,
        confidenceLevel: confidenceLevelOf(confidence[i] as number),
        confidence: confidence[i] as number,
        explanations: explainScore({
          sector: snapshot.sector,
          details,
          risk,
          barCount: ctx.prices.barCount[i] as number,
          halfLifeDays: this.options.sentimentHalfLifeDays,
        }),
        details,
      };
    });
  }

  /** Compound score of a headline, memoised: headlines repeat across symbols and runs. */
  private readonly scoreHeadline = (text: string): number => {
    let score = this.headlineScores.get(text);
    if (score === undefined) {
      this.analyzer ??= new FinanceSentimentAnalyzer();
      const compound = this.analyzer.score(text)?.compound;
      score = typeof compound === 'number' ? compound : Number.NaN;
      if (this.headlineScores.size >= HEADLINE_MEMO_SIZE) this.headlineScores.clear();
      this.headlineScores.set(text, score);
    }
    return score;
  };
}

function factorDetail(columns: FactorColumns, i: number, g: number): FactorDetail {
  const metrics = columns.metrics.map((column) => metricDetail(column, i, g));
  const score = columns.scores[i] as number;
  return {
    score,
    grade: gradeFor(score),
    confidence: columns.confidence[i] as number,
    missingInputs: metrics.some((m) => m.missing),
    metrics,
  };
}

function metricDetail(column: MetricColumn, i: number, g: number): MetricDetail {
  const { spec } = column;
  const percentile = finiteOrNull(column.percentiles[i] as number);
  const detail: MetricDetail = {
    id: spec.id,
    label: spec.label,
    value: finiteOrNull(column.values[i] as number),
    sectorMedian: finiteOrNull(column.sectorMedians[g] as number),
    percentile,
    weight: spec.weight,
    unit: spec.unit,
    higherIsBetter: spec.higherIsBetter,
    comparedWith: spec.comparedWith,
    missing: spec.weight > 0 && percentile === null,
  };
  const note = column.notes.get(i);
  if (note !== undefined) detail.note = note;
  return detail;
}

function riskDetail(ctx: UniverseContext, betas: Float64Array, i: number): RiskDetail {
  const volatility = ctx.prices.volatility[i] as number;
  const maxDrawdown = ctx.prices.maxDrawdown[i] as number;
  const beta = betas[i] as number;
  return {
    level: classifyRisk({ volatility, maxDrawdown, beta }),
    annualizedVolatility: finiteOrNull(volatility),
    maxDrawdown: finiteOrNull(maxDrawdown),
    beta: finiteOrNull(beta),
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
