import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { StockPage } from '../api/types.js';
import { ColumnChooser } from '../components/column-chooser.js';
import { ScreenerFilters } from '../components/screener-filters.js';
import { type ScreenerRow, ScreenerTable } from '../components/screener-table.js';
import { navigate, parseRoute, routeHref } from '../router.js';
import { PAGE_SIZES } from '../screener-fields.js';
import {
  parseScreener,
  type ScreenerState,
  screenerApiPath,
  screenerCsvPath,
  screenerQuery,
} from '../screener-state.js';
import '../components/screener.css';

type Result = { path: string; page: StockPage & { items: ScreenerRow[] } };

/** Filters start open on wide screens and folded on phones, where they would push the table a screen down. */
const filtersOpen = typeof matchMedia === 'function' ? matchMedia('(min-width: 761px)').matches : true;

/**
 * `#/screener?…`: the universe filtered, sorted and paged by the API (`GET /api/stocks`), never in
 * the browser. The screen is the URL: every change navigates to the new screen's link, so reload,
 * back and a shared link all show the same result.
 */
export function ScreenerView({ query }: { query: string }) {
  const state = useMemo(() => parseScreener(query), [query]);
  const path = screenerApiPath(state);
  const [result, setResult] = useState<Result | null>(null);
  const [failure, setFailure] = useState<{ path: string; message: string } | null>(null);
  const [sectors, setSectors] = useState<readonly string[]>([]);
  // Rows ticked for the compare view: a passing choice, not part of the screen's link.
  const [picked, setPicked] = useState<string[]>([]);

  useEffect(() => {
    let current = true;
    api.screen(path).then(
      (page) => {
        if (!current) return;
        setResult({ path, page });
        if (page.sectors.length > 0) setSectors(page.sectors);
        setFailure(null);
      },
      (e: Error) => {
        if (!current) return;
        // The rows of the previous screen would read as this one's answer: drop them.
        setResult(null);
        setFailure({ path, message: e.message });
      },
    );
    return () => {
      current = false;
    };
  }, [path]);

  // Built on the screen in the address bar, not on this render's: a bound typed and a box ticked
  // before the hash change has re-rendered the view would otherwise lose the bound.
  const change = (update: (current: ScreenerState) => ScreenerState) => {
    const route = parseRoute(location.hash);
    const current = route.view === 'screener' ? parseScreener(route.query) : state;
    navigate({ view: 'screener', query: screenerQuery(update(current)) });
  };
  const page = result?.page;
  const pages = page ? Math.max(1, Math.ceil(page.total / page.page_size)) : 1;
  // An error belongs to the screen it was asked for; the next screen starts without it.
  const error = failure?.path === path ? failure.message : null;
  const loading = error === null && result?.path !== path;

  return (
    <section class="panel screener" aria-labelledby="screener-title" aria-busy={loading}>
      <header class="panel-header">
        <div>
          <h1 id="screener-title">Screener</h1>
          <p class="muted" role="status" data-testid="screener-count" data-total={page?.total}>
            {page
              ? `${page.total} stock${page.total === 1 ? '' : 's'} match`
              : error
                ? 'No result: the server refused this screen.'
                : 'Loading…'}
          </p>
        </div>
        <div class="screener-actions">
          {picked.length > 0 && (
            <a
              class="button-link"
              href={routeHref({ view: 'compare', symbols: picked })}
              data-testid="screener-compare"
            >
              Compare {picked.length}
            </a>
          )}
          <ColumnChooser
            columns={state.columns}
            onChange={(columns) => change((current) => ({ ...current, columns }))}
          />
          <a
            class="button-link"
            href={screenerCsvPath(state)}
            download="screener.csv"
            data-testid="screener-csv"
          >
            Export CSV
          </a>
        </div>
      </header>
      <details class="screener-filter-panel" open={filtersOpen}>
        <summary>Filters</summary>
        <ScreenerFilters state={state} sectors={sectors} onChange={change} />
      </details>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {page && (
        <ScreenerTable
          rows={page.items}
          columns={state.columns}
          sort={state.sort}
          onSort={(sort) => change((current) => ({ ...current, sort, page: 1 }))}
          picked={picked}
          onPick={(symbol, on) =>
            setPicked((list) => (on ? [...list, symbol] : list.filter((s) => s !== symbol)))
          }
        />
      )}
      {page && page.total === 0 && <p class="muted">No stock passes these filters.</p>}
      <nav class="pager" aria-label="Pages">
        <button
          type="button"
          onClick={() => change((current) => ({ ...current, page: current.page - 1 }))}
          disabled={state.page <= 1}
        >
          ← Previous
        </button>
        <span>
          Page {state.page} of {pages}
        </span>
        <button
          type="button"
          onClick={() => change((current) => ({ ...current, page: current.page + 1 }))}
          disabled={state.page >= pages}
        >
          Next →
        </button>
        <label>
          Rows{' '}
          <select
            value={state.pageSize}
            onChange={(event) => {
              const pageSize = Number((event.target as HTMLSelectElement).value);
              change((current) => ({ ...current, pageSize, page: 1 }));
            }}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </nav>
    </section>
  );
}
