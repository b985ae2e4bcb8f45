import { FACTOR_NAMES, type StockDetail } from '../api/types.js';
import { formatMetric, formatScore } from '../format.js';
import { GradeBadge } from './badges.js';
import { FACTOR_LABELS, FACTOR_WEIGHTS } from './factor-bar.js';

const COMPARED_WITH = { universe: 'vs universe', sector: 'vs sector', sectors: 'across sectors' } as const;

/**
 * Each factor's score and its inputs next to the sector median, with the percentile the stock earned
 * (the SDK's explainable drill-down, `details` of `GET /api/stocks/:symbol`).
 */
export function FactorBreakdown({ stock }: { stock: StockDetail }) {
  return (
    <div class="factor-breakdown">
      {FACTOR_NAMES.map((name) => {
        const detail = stock.details[name];
        if (!detail) return null;
        return (
          <section key={name} class={`factor-card factor-border-${name}`}>
            <header>
              <h3>
                <span class={`factor-swatch factor-${name}`} /> {FACTOR_LABELS[name]}
              </h3>
              <span class="factor-score">
                {formatScore(detail.score)} <GradeBadge grade={detail.grade} />
              </span>
            </header>
            <p class="muted">
              weight {Math.round(FACTOR_WEIGHTS[name] * 100)} % · data confidence{' '}
              {Math.round(detail.confidence * 100)} %{detail.missingInputs && ' · some inputs missing'}
            </p>
            <table class="metrics">
              <thead>
                <tr>
                  <th scope="col">Input</th>
                  <th scope="col" class="num">
                    {stock.symbol}
                  </th>
                  <th scope="col" class="num">
                    Sector median
                  </th>
                  <th scope="col">Percentile</th>
                </tr>
              </thead>
              <tbody>
                {detail.metrics.map((metric) => (
                  <tr key={metric.id} class={metric.missing ? 'missing' : undefined}>
                    <th scope="row">
                      {metric.label}
                      <small class="muted">
                        {' '}
                        {COMPARED_WITH[metric.comparedWith]}
                        {metric.higherIsBetter ? '' : ', lower is better'}
                        {metric.note ? ` · ${metric.note}` : ''}
                      </small>
                    </th>
                    <td class="num">{formatMetric(metric.value, metric.unit)}</td>
                    <td class="num">{formatMetric(metric.sectorMedian, metric.unit)}</td>
                    <td>
                      <Percentile value={metric.percentile} missing={metric.missing} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}

function Percentile({ value, missing }: { value: number | null; missing: boolean }) {
  if (missing) return <span class="muted">missing (50 used)</span>;
  if (value === null) return <span class="muted">–</span>;
  return (
    <span class="percentile">
      <span class="percentile-track">
        <span class="percentile-fill" style={{ width: `${value}%` }} />
      </span>
      {Math.round(value)}
    </span>
  );
}
