import { DataSourceBadge } from './components/data-source-badge.js';
import { lazyView } from './components/lazy-view.js';
import { type LiveState, liveState } from './live.js';
import { currentRoute, routeHref } from './router.js';
import { session, signOut } from './session.js';
import { useStore } from './store.js';
import { dismiss, toasts } from './toasts.js';
import { DataReportView } from './views/data-view.js';
import { PortfolioView } from './views/portfolio-view.js';
import { StockView } from './views/stock-view.js';
import { Top10View } from './views/top10-view.js';

// Views most visits never open, each in a chunk of its own loaded on first use (bundle size: web/README.md).
const CompareView = lazyView(() => import('./views/compare-view.js').then((m) => m.CompareView));
const MapView = lazyView(() => import('./views/map-view.js').then((m) => m.MapView));
const ScreenerView = lazyView(() => import('./views/screener-view.js').then((m) => m.ScreenerView));
const TrackRecordView = lazyView(() => import('./views/track-record-view.js').then((m) => m.TrackRecordView));

const LIVE_TEXT: Record<LiveState, string> = { live: 'Live', connecting: 'Connecting…', offline: 'Offline' };

/** The page: header with navigation and the live indicator, the current view, and notices. */
export function App() {
  const route = useStore(currentRoute);
  const user = useStore(session);
  const state = useStore(liveState);
  return (
    <>
      <header class="topbar">
        <a class="brand" href={routeHref({ view: 'top10' })}>
          DA-KI <span class="brand-sub">growth dashboard</span>
        </a>
        <nav>
          <a href={routeHref({ view: 'top10' })} aria-current={route.view === 'top10' ? 'page' : undefined}>
            Top 10
          </a>
          <a
            href={routeHref({ view: 'portfolio' })}
            aria-current={route.view === 'portfolio' ? 'page' : undefined}
          >
            Portfolio
          </a>
          <a
            href={routeHref({ view: 'screener', query: route.view === 'screener' ? route.query : '' })}
            aria-current={route.view === 'screener' ? 'page' : undefined}
          >
            Screener
          </a>
          <a href={routeHref({ view: 'map' })} aria-current={route.view === 'map' ? 'page' : undefined}>
            Map
          </a>
          <a
            href={routeHref({ view: 'compare', symbols: route.view === 'compare' ? route.symbols : [] })}
            aria-current={route.view === 'compare' ? 'page' : undefined}
          >
            Compare
          </a>
          <a
            href={routeHref(
              route.view === 'track-record' ? route : { view: 'track-record', model: null, horizon: null },
            )}
            aria-current={route.view === 'track-record' ? 'page' : undefined}
          >
            Track record
          </a>
          <a href={routeHref({ view: 'data' })} aria-current={route.view === 'data' ? 'page' : undefined}>
            Data
          </a>
        </nav>
        <DataSourceBadge />
        <span class={`live-indicator live-${state}`} data-testid="live-state" title="WebSocket connection">
          {LIVE_TEXT[state]}
        </span>
        {user && (
          <span class="user">
            <span class="wide-only">{user.email}</span>{' '}
            <button type="button" class="link" onClick={signOut}>
              Sign out
            </button>
          </span>
        )}
      </header>
      <main>
        {route.view === 'stock' ? (
          <StockView symbol={route.symbol} />
        ) : route.view === 'portfolio' ? (
          <PortfolioView />
        ) : route.view === 'data' ? (
          <DataReportView />
        ) : route.view === 'screener' ? (
          <ScreenerView query={route.query} />
        ) : route.view === 'map' ? (
          <MapView />
        ) : route.view === 'compare' ? (
          <CompareView symbols={route.symbols} />
        ) : route.view === 'track-record' ? (
          <TrackRecordView model={route.model} horizon={route.horizon} />
        ) : (
          <Top10View />
        )}
      </main>
      <Toasts />
      <footer class="footer muted">
        DA-KI reference server · scores are explainable, not advice · charts by{' '}
        <a href="https://www.tradingview.com/" rel="noopener noreferrer">
          TradingView Lightweight Charts™
        </a>
      </footer>
    </>
  );
}

function Toasts() {
  const list = useStore(toasts);
  return (
    <div class="toasts" aria-live="polite">
      {list.map((toast) => (
        <div
          key={toast.id}
          class={`toast toast-${toast.kind}`}
          role={toast.kind === 'alert' ? 'alert' : 'status'}
        >
          <span>{toast.message}</span>
          <button type="button" class="icon-button" onClick={() => dismiss(toast.id)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
