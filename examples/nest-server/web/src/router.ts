import { createStore } from './store.js';

/** The dashboard's views, addressed by the URL hash so that a link or a reload keeps the view. */
export type Route =
  | { view: 'top10' }
  | { view: 'stock'; symbol: string }
  | { view: 'portfolio' }
  | { view: 'data' };

/** The route of a location hash: `#/stock/ABC`, `#/portfolio`, `#/data`, anything else the top 10. */
export function parseRoute(hash: string): Route {
  const stock = /^#\/stock\/([A-Za-z0-9.\-^=]{1,20})$/.exec(hash);
  if (stock) return { view: 'stock', symbol: decodeURIComponent(stock[1] as string).toUpperCase() };
  if (hash === '#/portfolio') return { view: 'portfolio' };
  if (hash === '#/data') return { view: 'data' };
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
    default:
      return '#/';
  }
}

/** The current route, following the location hash. */
export const currentRoute = createStore<Route>(parseRoute(location.hash));
window.addEventListener('hashchange', () => {
  currentRoute.set(parseRoute(location.hash));
  window.scrollTo(0, 0);
});

/** Goes to a route (adds a history entry). */
export function navigate(route: Route): void {
  location.hash = routeHref(route);
}
