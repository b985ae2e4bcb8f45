import { formatTextTable } from '../metrics/forecast-metrics.js';
import type { BacktestResult, PortfolioStats } from './backtest.js';

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
const num = (v: number | null | undefined, digits = 3) =>
  v === null || v === undefined ? '—' : v.toFixed(digits);

/**
 * The backtest as plain text: forward return by score quantile, IC and rank IC of the score, and
 * the top-k portfolio beside the equal-weight universe.
 */
export function formatBacktestTable(result: BacktestResult, title = 'score'): string {
  const quantileTable = formatTextTable(
    ['quantile', `mean ${result.horizon}d return`, 'symbol-dates'],
    result.quantiles.map((q) => [
      q.quantile === 1
        ? `Q1 (lowest ${title})`
        : q.quantile === result.quantiles.length
          ? `Q${q.quantile} (highest)`
          : `Q${q.quantile}`,
      pct(q.meanReturn),
      String(q.count),
    ]),
  );
  const icTable = formatTextTable(
    ['IC of score vs forward return', 'mean', 'sd', 'ICIR', 'dates'],
    [
      [
        'rank IC (Spearman)',
        num(result.rankIc?.mean, 4),
        num(result.rankIc?.sd, 4),
        num(result.rankIc?.icir),
        String(result.rankIc?.dates ?? 0),
      ],
      [
        'IC (Pearson)',
        num(result.ic?.mean, 4),
        num(result.ic?.sd, 4),
        num(result.ic?.icir),
        String(result.ic?.dates ?? 0),
      ],
    ],
  );
  const row = (name: string, s: PortfolioStats) => [
    name,
    pct(s.totalReturn),
    pct(s.annualisedReturn),
    pct(s.annualisedVolatility),
    num(s.sharpe, 2),
    pct(s.maxDrawdown),
    pct(s.turnover),
    pct(s.costs),
  ];
  const portfolioTable = formatTextTable(
    ['portfolio', 'total', 'annualised', 'volatility', 'Sharpe', 'max drawdown', 'turnover', 'costs'],
    [row(`top ${result.topK} by ${title}`, result.portfolio), row('equal-weight universe', result.benchmark)],
  );
  const header =
    `Backtest of ${title}: ${result.portfolio.days} trading days, rebalanced every ${result.rebalanceEvery} bars ` +
    `(${result.portfolio.rebalances} times), costs ${result.costs.buy * 1e4} bp buy / ${result.costs.sell * 1e4} bp sell; ` +
    `Q${result.quantiles.length} − Q1 spread ${pct(result.spread)}`;
  return [header, '', quantileTable, '', icTable, '', portfolioTable].join('\n');
}
