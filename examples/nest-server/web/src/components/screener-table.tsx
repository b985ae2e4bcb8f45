import type { ComponentChildren } from 'preact';
import type { StockSummary } from '../api/types.js';
import { changeClass, formatCompact, formatMoney, formatScore, formatSignedPercent } from '../format.js';
import { MAX_COMPARED, routeHref } from '../router.js';
import { COLUMNS, type ColumnId } from '../screener-fields.js';
import { ConfidenceBadge, GradeBadge, RiskBadge } from './badges.js';

/** One row of the screener: a stock summary with its valuation and technical fields. */
export type ScreenerRow = StockSummary;

const missing = <span class="muted">–</span>;
const ratio = (value: number | null | undefined) =>
  value == null ? missing : value.toFixed(value < 10 ? 2 : 1);
const percent = (value: number | null | undefined, digits = 1) =>
  value == null ? missing : <span class={changeClass(value)}>{formatSignedPercent(value, digits)}</span>;

/** The content of a column's cell. */
const CELLS: Record<ColumnId, (row: ScreenerRow) => ComponentChildren> = {
  name: (r) => r.name,
  sector: (r) => r.sector,
  score: (r) => <strong>{formatScore(r.score)}</strong>,
  grade: (r) => <GradeBadge grade={r.grade} />,
  performance: (r) => formatScore(r.factors.performance),
  fundamental: (r) => formatScore(r.factors.fundamental),
  sentiment: (r) => formatScore(r.factors.sentiment),
  sector_score: (r) => formatScore(r.factors.sector),
  momentum: (r) => formatScore(r.factors.momentum),
  risk: (r) => <RiskBadge level={r.risk_level} />,
  confidence: (r) => <ConfidenceBadge level={r.confidence_level} />,
  price: (r) => formatMoney(r.current_price),
  change_1d: (r) => percent(r.change_1d_percent, 2),
  market_cap: (r) => (r.market_cap == null ? missing : formatCompact(r.market_cap)),
  pe: (r) => ratio(r.pe),
  pb: (r) => ratio(r.pb),
  rsi: (r) => (r.rsi_14 == null ? missing : r.rsi_14.toFixed(1)),
  return_12m: (r) => percent(r.return_12m_percent),
  forecast_return: (r) => percent(r.forecast_return_percent),
};

const TEXT_COLUMNS = new Set<ColumnId>(['name', 'sector', 'grade', 'risk', 'confidence']);

/**
 * The screener's result page: rank and symbol always, then the chosen columns in table order. A
 * sortable column's header is a button (the API sorts); `aria-sort` tells screen readers the order.
 */
export function ScreenerTable({
  rows,
  columns,
  sort,
  onSort,
  picked,
  onPick,
}: {
  rows: readonly ScreenerRow[];
  columns: readonly ColumnId[];
  sort: string;
  onSort: (next: string) => void;
  /** Symbols ticked for the compare view, and how a tick changes them (none once it is full). */
  picked: readonly string[];
  onPick: (symbol: string, on: boolean) => void;
}) {
  const field = sort.replace(/^-/, '');
  const descending = sort.startsWith('-');
  const shown = COLUMNS.filter((c) => columns.includes(c.id));

  const sortable = (key: string, label: string, firstDescending: boolean, className: string) => (
    <th
      key={key}
      scope="col"
      class={`sortable ${className}`}
      aria-sort={field === key ? (descending ? 'descending' : 'ascending') : 'none'}
      data-sort={key}
    >
      <button
        type="button"
        onClick={() =>
          onSort(field === key ? (descending ? key : `-${key}`) : firstDescending ? `-${key}` : key)
        }
      >
        {label}
        <span class="sort-mark" aria-hidden="true">
          {field === key ? (descending ? '▼' : '▲') : ''}
        </span>
      </button>
    </th>
  );

  return (
    <div class="table-scroll">
      <table class="universe screener-table" data-testid="screener-table">
        <caption class="visually-hidden">Stocks that pass the filters</caption>
        <thead>
          <tr>
            <th scope="col" class="pick-column">
              <span class="visually-hidden">Compare</span>
            </th>
            {sortable('rank', '#', false, 'num')}
            {sortable('symbol', 'Symbol', false, '')}
            {shown.map((c) => {
              const className = TEXT_COLUMNS.has(c.id) ? '' : 'num';
              return c.sort ? (
                sortable(c.sort, c.label, c.firstDescending, className)
              ) : (
                <th key={c.id} scope="col" class={className}>
                  {c.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.symbol} data-symbol={row.symbol}>
              <td class="pick-column">
                <input
                  type="checkbox"
                  aria-label={`Compare ${row.symbol}`}
                  checked={picked.includes(row.symbol)}
                  disabled={!picked.includes(row.symbol) && picked.length >= MAX_COMPARED}
                  onChange={(event) => onPick(row.symbol, (event.target as HTMLInputElement).checked)}
                />
              </td>
              <td class="num">{row.rank}</td>
              <th scope="row">
                <a href={routeHref({ view: 'stock', symbol: row.symbol })} class="symbol">
                  {row.symbol}
                </a>
              </th>
              {shown.map((c) => (
                <td key={c.id} class={TEXT_COLUMNS.has(c.id) ? undefined : 'num'} data-column={c.id}>
                  {CELLS[c.id](row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
