import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { FACTOR_NAMES, type StockPage } from '../api/types.js';
import { ConfidenceBadge, RiskBadge } from '../components/badges.js';
import { FACTOR_LABELS } from '../components/factor-bar.js';
import { formatMoney, formatScore } from '../format.js';
import { routeHref } from '../router.js';

const PAGE_SIZE = 25;

/** Columns the API sorts by (`sort` of `GET /api/stocks`); ranks and names read best ascending, scores descending. */
const SORTABLE = {
  rank: { label: '#', firstDescending: false },
  symbol: { label: 'Symbol', firstDescending: false },
  score: { label: 'Score', firstDescending: true },
  ...Object.fromEntries(
    FACTOR_NAMES.map((name) => [name, { label: FACTOR_LABELS[name], firstDescending: true }]),
  ),
} as Record<string, { label: string; firstDescending: boolean }>;

/** The whole scored universe: sorted and paged by the server, filtered by the sector of the top-10 view. */
export function UniverseTable({ sector }: { sector: string }) {
  const [sort, setSort] = useState('rank');
  // The page belongs to the sector it was chosen in: a new filter starts again at page 1.
  const [paging, setPaging] = useState({ sector, page: 1 });
  const page = paging.sector === sector ? paging.page : 1;
  const setPage = (next: number) => setPaging({ sector, page: next });
  const [data, setData] = useState<StockPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api.stocks({ page, pageSize: PAGE_SIZE, sort, sector: sector || undefined }).then(
      (next) => {
        if (!current) return;
        setData(next);
        setError(null);
      },
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [page, sort, sector]);

  const field = sort.replace(/^-/, '');
  const descending = sort.startsWith('-');
  const sortBy = (next: string) => {
    const spec = SORTABLE[next];
    if (!spec) return;
    setSort(next === field ? (descending ? next : `-${next}`) : spec.firstDescending ? `-${next}` : next);
    setPage(1);
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  const header = (key: string, className = '') => (
    <th
      scope="col"
      class={`sortable ${className}`}
      aria-sort={field === key ? (descending ? 'descending' : 'ascending') : 'none'}
    >
      <button type="button" onClick={() => sortBy(key)}>
        {SORTABLE[key]?.label}
        <span class="sort-mark" aria-hidden="true">
          {field === key ? (descending ? '▼' : '▲') : ''}
        </span>
      </button>
    </th>
  );

  return (
    <section class="panel">
      <header class="panel-header">
        <div>
          <h2>All stocks</h2>
          <p class="muted">
            {data
              ? `${data.total} stocks${sector ? ` in ${sector}` : ''} · click a column to sort`
              : 'Loading…'}
          </p>
        </div>
      </header>
      {error && <p class="error">Could not load the stocks: {error}</p>}
      <div class="table-scroll">
        <table class="universe" data-testid="universe">
          <thead>
            <tr>
              {header('rank', 'num')}
              {header('symbol')}
              <th scope="col" class="wide-only">
                Name
              </th>
              <th scope="col" class="wide-only">
                Sector
              </th>
              {header('score', 'num')}
              {FACTOR_NAMES.map((name) => header(name, 'num wide-only'))}
              <th scope="col" class="wide-only">
                Risk
              </th>
              <th scope="col" class="wide-only">
                Confidence
              </th>
              <th scope="col" class="num">
                Price
              </th>
            </tr>
          </thead>
          <tbody>
            {data?.items.map((stock) => (
              <tr key={stock.symbol}>
                <td class="num">{stock.rank}</td>
                <td>
                  <a href={routeHref({ view: 'stock', symbol: stock.symbol })} class="symbol">
                    {stock.symbol}
                  </a>
                </td>
                <td class="wide-only">{stock.name}</td>
                <td class="wide-only">{stock.sector}</td>
                <td class="num strong">{formatScore(stock.score)}</td>
                {FACTOR_NAMES.map((name) => (
                  <td key={name} class="num wide-only">
                    {formatScore(stock.factors[name])}
                  </td>
                ))}
                <td class="wide-only">
                  <RiskBadge level={stock.risk_level} />
                </td>
                <td class="wide-only">
                  <ConfidenceBadge level={stock.confidence_level} />
                </td>
                <td class="num">{formatMoney(stock.current_price)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label="Pages">
        <button type="button" onClick={() => setPage(page - 1)} disabled={page <= 1}>
          ← Previous
        </button>
        <span>
          Page {page} of {pages}
        </span>
        <button type="button" onClick={() => setPage(page + 1)} disabled={page >= pages}>
          Next →
        </button>
      </nav>
    </section>
  );
}
