import type { PositionAlert } from '../../src/realtime/realtime.events.js';
import { ApiError, api } from './api/client.js';
import type { PortfolioSummary } from './api/types.js';
import { formatMoney } from './format.js';
import { live } from './live.js';
import { session, signOut } from './session.js';
import { createStore } from './store.js';
import { notify } from './toasts.js';

/** The signed-in user's portfolio at the latest prices, or `null` (signed out, or not loaded yet). */
export const portfolio = createStore<PortfolioSummary | null>(null);

/** Stop-loss / take-profit alerts received since the page loaded, newest first. */
export const alerts = createStore<PositionAlert[]>([]);

/** What one click on "Add" buys: a number of shares at the shown price, with limits around it. */
export interface OneClickSettings {
  shares: number;
  /** Stop-loss this many percent below the entry price (0 = none). */
  stopLossPercent: number;
  /** Take-profit this many percent above the entry price (0 = none). */
  takeProfitPercent: number;
}

const SETTINGS_KEY = 'daki.oneClick';
const DEFAULT_SETTINGS: OneClickSettings = { shares: 10, stopLossPercent: 10, takeProfitPercent: 20 };

function readSettings(): OneClickSettings {
  try {
    const stored = JSON.parse(
      localStorage.getItem(SETTINGS_KEY) ?? 'null',
    ) as Partial<OneClickSettings> | null;
    return { ...DEFAULT_SETTINGS, ...stored };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** The one-click settings, kept in localStorage. */
export const oneClickSettings = createStore<OneClickSettings>(readSettings());

/** Changes the one-click settings. */
export function saveOneClickSettings(settings: OneClickSettings): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  oneClickSettings.set(settings);
}

/** Signs out on 401 (expired or revoked token), so the page asks to sign in again. */
function handleAuthError(error: unknown): never {
  if (error instanceof ApiError && error.status === 401) signOut();
  throw error;
}

/** Reloads the portfolio from `GET /api/monitoring/summary`. */
export async function refreshPortfolio(): Promise<void> {
  const current = session.get();
  if (!current) {
    portfolio.set(null);
    return;
  }
  const summary = await api.summary(current.token).catch(handleAuthError);
  if (session.get() === current) portfolio.set(summary);
}

/**
 * Adds `shares` (from the one-click settings) of a stock at `price`, with the configured
 * stop-loss and take-profit around that price. Money is rounded to cents as the API stores it.
 */
export async function addToPortfolio(stock: { symbol: string; current_price: number }): Promise<boolean> {
  const current = session.get();
  if (!current) {
    notify('Sign in to build a portfolio.', 'info');
    location.hash = '#/portfolio';
    return false;
  }
  const { shares, stopLossPercent, takeProfitPercent } = oneClickSettings.get();
  const price = stock.current_price;
  const cents = (value: number) => Math.round(value * 100) / 100;
  try {
    await api
      .addPosition(current.token, {
        symbol: stock.symbol,
        shares,
        investment: cents(shares * price),
        ...(stopLossPercent > 0 ? { stop_loss: cents(price * (1 - stopLossPercent / 100)) } : {}),
        ...(takeProfitPercent > 0 ? { take_profit: cents(price * (1 + takeProfitPercent / 100)) } : {}),
      })
      .catch(handleAuthError);
    notify(`Added ${shares} × ${stock.symbol} at ${formatMoney(price)}.`, 'success');
    await refreshPortfolio();
    return true;
  } catch (error) {
    notify(`Could not add ${stock.symbol}: ${(error as Error).message}`, 'error');
    return false;
  }
}

/** Deletes a position. */
export async function removePosition(positionId: string, symbol: string): Promise<void> {
  const current = session.get();
  if (!current) return;
  try {
    await api.removePosition(current.token, positionId).catch(handleAuthError);
    notify(`Removed ${symbol}.`, 'info');
    await refreshPortfolio();
  } catch (error) {
    notify(`Could not remove ${symbol}: ${(error as Error).message}`, 'error');
  }
}

const ALERT_TEXT = { stop_loss: 'stop-loss', take_profit: 'take-profit' } as const;

/** Wires the portfolio to the session (load on sign-in, clear on sign-out) and to live events. */
export function startPortfolioSync(): void {
  session.subscribe(() => {
    alerts.set([]);
    refreshPortfolio().catch(() => undefined);
  });
  refreshPortfolio().catch(() => undefined);
  live.on('portfolio:update', ({ at: _at, ts: _ts, ...summary }) => {
    if (session.get()) portfolio.set(summary);
  });
  live.on('alert', (alert) => {
    alerts.set([alert, ...alerts.get()].slice(0, 50));
    notify(
      `${alert.symbol}: ${ALERT_TEXT[alert.kind]} at ${formatMoney(alert.limit)} reached (price ${formatMoney(alert.price)}).`,
      'alert',
    );
  });
}
