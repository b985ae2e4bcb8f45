import type { ScoredRun } from '../scoring/score-run.js';

type Scored = ScoredRun['results'][number];

/** The compact form used in lists and the top 10. */
export function stockSummary(r: Scored) {
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
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
