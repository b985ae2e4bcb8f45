import {
  combineMetrics,
  type FactorColumns,
  type MetricSpec,
  type UniverseContext,
  universeMetric,
} from './factor.js';

/**
 * Metrics of the performance factor, ranked against the whole universe.
 *
 * Returns over 12, 6, 3 and 1 months carry 60 % between them, tilted to the longer horizons that
 * price momentum research rewards (Jegadeesh and Titman 1993); the 1-month return gets only 5 %
 * because over one month stocks tend to reverse (Jegadeesh 1990). The Sharpe ratio (25 %) asks
 * how smooth the gains were, the maximum drawdown (15 %) how deep the worst fall was.
 */
export const PERFORMANCE_METRICS = Object.freeze({
  return12m: spec('return12m', '12-month return', 0.2),
  return6m: spec('return6m', '6-month return', 0.2),
  return3m: spec('return3m', '3-month return', 0.15),
  return1m: spec('return1m', '1-month return', 0.05),
  sharpe: {
    id: 'sharpeRatio',
    label: 'Return / volatility (Sharpe ratio, 1 year)',
    unit: 'ratio',
    weight: 0.25,
    higherIsBetter: true,
    comparedWith: 'universe',
  },
  maxDrawdown: {
    id: 'maxDrawdown',
    label: 'Maximum drawdown (1 year)',
    unit: 'percent',
    weight: 0.15,
    higherIsBetter: false,
    comparedWith: 'universe',
  },
} satisfies Record<string, MetricSpec>);

/** Performance: multi-horizon returns, volatility-adjusted, penalised for drawdown. */
export function scorePerformance(ctx: UniverseContext): FactorColumns {
  const { prices } = ctx;
  const m = PERFORMANCE_METRICS;
  return combineMetrics(
    [
      universeMetric(ctx, m.return12m, prices.return12m),
      universeMetric(ctx, m.return6m, prices.return6m),
      universeMetric(ctx, m.return3m, prices.return3m),
      universeMetric(ctx, m.return1m, prices.return1m),
      universeMetric(ctx, m.sharpe, prices.sharpe),
      universeMetric(ctx, m.maxDrawdown, prices.maxDrawdown),
    ],
    ctx.snapshots.length,
  );
}

function spec(id: string, label: string, weight: number): MetricSpec {
  return { id, label, unit: 'percent', weight, higherIsBetter: true, comparedWith: 'universe' };
}
