import {
  type BarSeries,
  FACTOR_NAMES,
  type FactorName,
  type Fundamentals,
  InvalidArgumentError,
  type NewsItem,
  ScoringEngine,
  type StockSnapshot,
  sliceBarsByTime,
} from '@da-ki/sdk';
import {
  type DatedFundamentals,
  type FundamentalsAsOf,
  fundamentalsDate,
  pointInTimeFundamentals,
} from './fundamentals-as-of.js';
import { type ScorePanel, scorePanelFromRows } from './panels.js';

/** One stock of the universe to score: its bars and, optionally, its news. */
export interface FiveFactorMember {
  symbol: string;
  sector: string;
  bars: BarSeries;
  /** Headlines; on each date only those published by then are used. */
  news?: readonly NewsItem[];
}

/**
 * Fundamentals for a five-factor backtest:
 * - a function `(symbol, asOf) => Fundamentals | undefined` (point in time by contract), or
 * - dated rows (`asOf` or `date` on every row): on each date the latest row on or before it, or
 * - undated rows (no row has a date): today's snapshot, used on every past date — a look-ahead
 *   the result reports in `fundamentalsTiming` and `warnings`.
 */
export type FundamentalsSource = FundamentalsAsOf | readonly DatedFundamentals[];

/** Options of {@link scoreFiveFactorPanel}. */
export interface FiveFactorPanelOptions {
  /** Score dates (epoch ms), e.g. the rebalancing dates of the backtest. */
  dates: ArrayLike<number>;
  /** Fundamentals; none: the fundamental factor is missing on every date. */
  fundamentals?: FundamentalsSource;
  /** The engine (weights, sentiment analyser). Default `new ScoringEngine()`. */
  engine?: ScoringEngine;
}

/** How the fundamentals of a five-factor panel were timed. */
export type FundamentalsTiming = 'point-in-time' | 'undated-look-ahead' | 'none';

/** The five-factor score of a universe on each date, from what was known on that date. */
export interface FiveFactorPanel {
  /** The overall 0–100 score per symbol and date. */
  scores: ScorePanel;
  /**
   * Each factor's 0–100 score per symbol and date. The fundamental factor is `NaN` where a symbol
   * had no fundamentals known on that date (the overall score then carries the engine's neutral
   * 50 for it, listed in `missingFundamentals`).
   */
  factors: Record<FactorName, ScorePanel>;
  fundamentalsTiming: FundamentalsTiming;
  /** Per date, the symbols without fundamentals known on or before it (dates with none left out). */
  missingFundamentals: { date: number; symbols: string[] }[];
  /** What the reader must know about these scores, e.g. the look-ahead of undated fundamentals. */
  warnings: string[];
}

/**
 * Scores a universe with the five-factor `ScoringEngine` on each date, from bars up to that date,
 * news published by then and, with dated fundamentals, the latest fundamentals row on or before
 * it: a backtest of the score sees only what was known on each rebalancing date. Feed `scores`
 * (or one of `factors`) to `backtestScores`.
 */
export function scoreFiveFactorPanel(
  universe: readonly FiveFactorMember[],
  options: FiveFactorPanelOptions,
): FiveFactorPanel {
  const engine = options.engine ?? new ScoringEngine();
  const { lookup, timing } = resolveFundamentals(options.fundamentals);
  const warnings: string[] = [];
  if (timing === 'undated-look-ahead') {
    warnings.push(
      'fundamentals are undated: the same (latest) snapshot is used on every past date, a look-ahead; give dated rows or a point-in-time function to avoid it',
    );
  }
  if (timing === 'none') warnings.push('no fundamentals: the fundamental factor is missing on every date');
  const overall = { symbols: [] as string[], dates: [] as number[], scores: [] as number[] };
  const perFactor = Object.fromEntries(FACTOR_NAMES.map((name) => [name, [] as number[]])) as Record<
    FactorName,
    number[]
  >;
  const missingFundamentals: FiveFactorPanel['missingFundamentals'] = [];
  for (let d = 0; d < options.dates.length; d++) {
    const date = options.dates[d] as number;
    if (!Number.isFinite(date))
      throw new InvalidArgumentError('dates', `must be epoch milliseconds, got ${date}`, d);
    const known = new Map<string, Fundamentals | undefined>();
    const snapshots: StockSnapshot[] = [];
    for (const member of universe) {
      const bars = sliceBarsByTime(member.bars, undefined, date);
      // a stock not yet listed on this date is not part of that date's universe
      if (bars.close.length === 0) continue;
      const fundamentals = lookup(member.symbol, date);
      known.set(member.symbol, fundamentals);
      snapshots.push({
        symbol: member.symbol,
        sector: member.sector,
        bars,
        ...(fundamentals ? { fundamentals } : {}),
        news: (member.news ?? []).filter((item) => item.publishedAt <= date),
      });
    }
    const missing: string[] = [];
    for (const result of engine.scoreUniverse(snapshots)) {
      const hasFundamentals = known.get(result.symbol) !== undefined;
      if (!hasFundamentals) missing.push(result.symbol);
      overall.symbols.push(result.symbol);
      overall.dates.push(date);
      overall.scores.push(result.score);
      for (const name of FACTOR_NAMES) {
        perFactor[name].push(name === 'fundamental' && !hasFundamentals ? Number.NaN : result.factors[name]);
      }
    }
    if (missing.length > 0) missingFundamentals.push({ date, symbols: missing.sort() });
  }
  const factors = Object.fromEntries(
    FACTOR_NAMES.map((name) => [
      name,
      scorePanelFromRows({ symbols: overall.symbols, dates: overall.dates, scores: perFactor[name] }),
    ]),
  ) as Record<FactorName, ScorePanel>;
  return {
    scores: scorePanelFromRows(overall),
    factors,
    fundamentalsTiming: timing,
    missingFundamentals,
    warnings,
  };
}

/** The lookup for a fundamentals source, and whether it is point in time. */
function resolveFundamentals(source: FundamentalsSource | undefined): {
  lookup: FundamentalsAsOf;
  timing: FundamentalsTiming;
} {
  if (source === undefined) return { lookup: () => undefined, timing: 'none' };
  if (typeof source === 'function') return { lookup: source, timing: 'point-in-time' };
  const dated = source.map((row, i) => fundamentalsDate(row, i) !== undefined);
  if (dated.every(Boolean)) return { lookup: pointInTimeFundamentals(source), timing: 'point-in-time' };
  if (dated.some(Boolean)) {
    const index = dated.indexOf(false);
    throw new InvalidArgumentError(
      'fundamentals',
      `row of ${source[index]?.symbol} has no date while others do: date every row (asOf or date), or none`,
      index,
    );
  }
  const latest = new Map<string, Fundamentals>();
  source.forEach((row, index) => {
    if (latest.has(row.symbol)) {
      throw new InvalidArgumentError(
        'fundamentals',
        `undated rows must be one per symbol; ${row.symbol} appears twice (date them to use several)`,
        index,
      );
    }
    latest.set(row.symbol, row);
  });
  return { lookup: (symbol) => latest.get(symbol), timing: 'undated-look-ahead' };
}
