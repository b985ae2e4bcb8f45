import { FUNDAMENTAL_METRICS, MOMENTUM_METRICS, PERFORMANCE_METRICS } from '@da-ki/sdk';
import type { ScoredStock } from '../scoring/score-run.js';

/**
 * The raw inputs of a stock's score that the screener filters on, read from the run's own
 * drill-down (so a run loaded from the database has them too): no second computation.
 */
export interface ScoreInputs {
  pe: number | null;
  pb: number | null;
  rsi14: number | null;
  /** Percent: 12.5 = +12.5 %. */
  return12mPercent: number | null;
}

/** {@link ScoreInputs} of one scored stock. */
export function scoreInputs(r: ScoredStock): ScoreInputs {
  const return12m = metricValue(r, 'performance', PERFORMANCE_METRICS.return12m.id);
  return {
    pe: metricValue(r, 'fundamental', FUNDAMENTAL_METRICS.pe.id),
    pb: metricValue(r, 'fundamental', FUNDAMENTAL_METRICS.pb.id),
    rsi14: metricValue(r, 'momentum', MOMENTUM_METRICS.rsi.id),
    return12mPercent: return12m === null ? null : return12m * 100,
  };
}

/** Data about a stock from outside its score (fundamentals, the last two bars). */
export interface MarketFacts {
  /** In the stock's currency. */
  marketCap: number | null;
  /** Percent: last close against the previous close. */
  change1dPercent: number | null;
}

/** What a summary shows when the market facts are not at hand (a broadcast from a worker). */
export const UNKNOWN_MARKET_FACTS: MarketFacts = Object.freeze({ marketCap: null, change1dPercent: null });

function metricValue(r: ScoredStock, factor: keyof ScoredStock['details'], id: string): number | null {
  // A run stored before a metric existed has no detail for it: unknown, not an error.
  const value = r.details?.[factor]?.metrics.find((m) => m.id === id)?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
