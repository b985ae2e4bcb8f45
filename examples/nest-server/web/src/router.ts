import { createStore } from './store.js';
import { trackRecordQueryText, trackRecordSelection } from './track-record-route.js';

/** The dashboard's views, addressed by the URL hash so that a link or a reload keeps the view. */
export type Route =
  | { view: 'top10' }
  | { view: 'stock'; symbol: string }
  | { view: 'portfolio' }
  | { view: 'data' }
  | { view: 'compare'; symbols: string[] }
  | { view: 'map' }
  /** `query`: the screen's filters as the hash's query text (read by screener-state.ts). */
  | { view: 'screener'; query: string }
  /** `model` / `horizon`: the track record's selection, `null` for the server's default. */
  | { view: 'track-record'; model: string | null; horizon: number | null };

/** Most stocks the compare view shows side by side. */
export const MAX_COMPARED = 4;

/** A ticker as the dashboard accepts it in a link (the stock page's and the compare view's). */
const SYMBOL_PATTERN = '[A-Za-z0-9.\\-^=]{1,20}';
const SYMBOL = new RegExp(`^${SYMBOL_PATTERN}$`);
const STOCK_ROUTE = new RegExp(`^#/stock/(${SYMBOL_PATTERN})$`);

/** The symbols of a compare link: upper-cased, valid, each once, at most {@link MAX_COMPARED}. */
export function compareSymbols(list: string): string[] {
  const symbols = list
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => SYMBOL.test(s));
  return [...new Set(symbols)].slice(0, MAX_COMPARED);
}

/** The route of a location hash: `#/stock/ABC`, `#/portfolio`, `#/data`, anything else the top 10. */
export function parseRoute(hash: string): Route {
  const stock = STOCK_ROUTE.exec(hash);
  if (stock) return { view: 'stock', symbol: decodeURIComponent(stock[1] as string).toUpperCase() };
  if (hash === '#/portfolio') return { view: 'portfolio' };
  if (hash === '#/data') return { view: 'data' };
  if (hash === '#/map') return { view: 'map' };
  const screener = /^#\/screener(?:\?(.*))?$/.exec(hash);
  if (screener) return { view: 'screener', query: screener[1] ?? '' };
  const trackRecord = /^#\/track-record(?:\?(.*))?$/.exec(hash);
  if (trackRecord) return { view: 'track-record', ...trackRecordSelection(trackRecord[1] ?? '') };
  const compare = /^#\/compare(?:\?(.*))?$/.exec(hash);
  if (compare) {
    const list = new URLSearchParams(compare[1] ?? '').get('symbols') ?? '';
    return { view: 'compare', symbols: compareSymbols(list) };
  }
  return { view: 'top10' };
}

/** The hash of a route (for links). */
export function routeHref(route: Route): string {
  switch (route.view) {
    case 'stock':
      return `#/stock/${encodeURIComponent(route.symbol)}`;
    case 'portfolio':
      return '#/portfolio';
    case 'data':
      return '#/data';
    case 'map':
      return '#/map';
    case 'screener':
      return route.query ? `#/screener?${route.query}` : '#/screener';
    case 'track-record': {
      const text = trackRecordQueryText(route);
      return text ? `#/track-record?${text}` : '#/track-record';
    }
    case 'compare':
      // Commas stay readable in the link (URLSearchParams would write %2C).
      return route.symbols.length > 0
        ? `#/compare?symbols=${route.symbols.map(encodeURIComponent).join(',')}`
        : '#/compare';
    default:
      return '#/';
  }
}

/** The current route, following the location hash. */
export const currentRoute = createStore<Route>(parseRoute(location.hash));
window.addEventListener('hashchange', () => {
  const next = parseRoute(location.hash);
  // A new view starts at the top; a change within one (a screener filter) keeps the reader's place.
  if (next.view !== currentRoute.get().view) window.scrollTo(0, 0);
  currentRoute.set(next);
});

/** Goes to a route (adds a history entry). */
export function navigate(route: Route): void {
  location.hash = routeHref(route);
}
