import type { ScoredRun } from '../scoring/score-run.js';
import { type MarketFacts, scoreInputs, UNKNOWN_MARKET_FACTS } from './stock-metrics.js';

type Scored = ScoredRun['results'][number];

/**
 * The compact form used in lists and the top 10, without the data from outside the run (market
 * cap, 1-day change, forecast: null): what a process without them (a worker's broadcast) can say.
 */
export function stockSummary(r: Scored) {
  return completeStockSummary(r, UNKNOWN_MARKET_FACTS, null);
}

/**
 * The compact form used in lists and the top 10. `facts` come from the stock's fundamentals and
 * bars, `forecastReturnPercent` from its forecast (null while there is none).
 */
export function completeStockSummary(r: Scored, facts: MarketFacts, forecastReturnPercent: number | null) {
  const inputs = scoreInputs(r);
  return {
    rank: r.rank,
    symbol: r.symbol,
    name: r.name,
    sector: r.sector,
    sector_rank: r.sectorRank,
    score: round(r.score),
    grade: r.grades?.overall,
    factors: {
      performance: round(r.factors.performance),
      fundamental: round(r.factors.fundamental),
      sentiment: round(r.factors.sentiment),
      sector: round(r.factors.sector),
      momentum: round(r.factors.momentum),
    },
    risk_level: r.riskLevel,
    confidence_level: r.confidenceLevel,
    current_price: r.currentPrice,
    explanations: r.explanations,
    market_cap: facts.marketCap,
    change_1d_percent: roundOrNull(facts.change1dPercent, 4),
    pe: roundOrNull(inputs.pe, 4),
    pb: roundOrNull(inputs.pb, 4),
    rsi_14: roundOrNull(inputs.rsi14, 2),
    return_12m_percent: roundOrNull(inputs.return12mPercent, 2),
    forecast_return_percent: roundOrNull(forecastReturnPercent, 4),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function roundOrNull(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A forecast's expected return in percent as the API shows it (4 decimals); null without one. */
export function forecastReturnPercent(prediction: { expectedReturn: number } | undefined): number | null {
  return prediction === undefined ? null : roundOrNull(prediction.expectedReturn * 100, 4);
}
