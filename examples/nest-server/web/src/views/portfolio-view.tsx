import { useEffect, useRef, useState } from 'preact/hooks';
import type { Position } from '../api/types.js';
import { SignInForm } from '../components/sign-in-form.js';
import { changeClass, formatMoney, formatSignedMoney, formatSignedPercent, formatTime } from '../format.js';
import { useLiveSubscription } from '../live.js';
import {
  alerts,
  type OneClickSettings,
  oneClickSettings,
  portfolio,
  refreshPortfolio,
  removePosition,
  saveOneClickSettings,
} from '../portfolio-state.js';
import { routeHref } from '../router.js';
import { session } from '../session.js';
import { useStore } from '../store.js';

/** The signed-in user's positions, valued live; the sign-in form otherwise. */
export function PortfolioView() {
  const user = useStore(session);
  if (!user) return <SignInForm />;
  return <Portfolio />;
}

function Portfolio() {
  const summary = useStore(portfolio);
  useEffect(() => {
    refreshPortfolio().catch(() => undefined);
  }, []);
  useLiveSubscription({ portfolio: true });

  if (!summary) return <p class="panel muted">Loading the portfolio…</p>;
  return (
    <>
      <section class="panel">
        <header class="panel-header">
          <div>
            <h1>Portfolio</h1>
            <p class="muted">
              {summary.total_positions} active {summary.total_positions === 1 ? 'position' : 'positions'} ·
              values update live with every price
            </p>
          </div>
        </header>
        <div class="summary-cards" data-testid="summary">
          <Figure label="Value" value={formatMoney(summary.total_value)} testId="total-value" />
          <Figure label="Invested" value={formatMoney(summary.total_invested)} />
          <Figure
            label="Profit / loss"
            value={formatSignedMoney(summary.profit_loss)}
            detail={formatSignedPercent(summary.profit_loss_percent)}
            tone={changeClass(summary.profit_loss)}
            testId="total-pl"
          />
        </div>
        {summary.positions.length === 0 ? (
          <p class="muted">
            No positions yet. Add one from the <a href={routeHref({ view: 'top10' })}>top 10</a> with one
            click.
          </p>
        ) : (
          <PositionsTable positions={summary.positions} />
        )}
      </section>
      <div class="two-columns">
        <AlertsPanel />
        <OneClickPanel />
      </div>
    </>
  );
}

function Figure(props: { label: string; value: string; detail?: string; tone?: string; testId?: string }) {
  return (
    <div class={`figure ${props.tone ?? ''}`}>
      <span class="figure-label">{props.label}</span>
      <span class="figure-value" data-testid={props.testId}>
        {props.value}
      </span>
      {props.detail && <span class="figure-detail">{props.detail}</span>}
    </div>
  );
}

/** Remembers each row's last price so that a change flashes the row. */
function usePriceFlash(positions: Position[]): Record<string, 'up' | 'down'> {
  const last = useRef(new Map<string, number>());
  const [flash, setFlash] = useState<Record<string, 'up' | 'down'>>({});
  useEffect(() => {
    const next: Record<string, 'up' | 'down'> = {};
    for (const p of positions) {
      const before = last.current.get(p.position_id);
      if (before !== undefined && before !== p.current_price)
        next[p.position_id] = p.current_price > before ? 'up' : 'down';
      last.current.set(p.position_id, p.current_price);
    }
    setFlash(next);
    if (Object.keys(next).length === 0) return;
    const timer = setTimeout(() => setFlash({}), 900);
    return () => clearTimeout(timer);
  }, [positions]);
  return flash;
}

function PositionsTable({ positions }: { positions: Position[] }) {
  const flash = usePriceFlash(positions);
  return (
    <div class="table-scroll">
      <table class="positions" data-testid="positions">
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col" class="num wide-only">
              Shares
            </th>
            <th scope="col" class="num wide-only">
              Entry
            </th>
            <th scope="col" class="num">
              Price
            </th>
            <th scope="col" class="num">
              Value
            </th>
            <th scope="col" class="num">
              P/L
            </th>
            <th scope="col" class="num wide-only">
              Stop-loss
            </th>
            <th scope="col" class="num wide-only">
              Take-profit
            </th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {positions.map((p) => (
            <tr
              key={p.position_id}
              data-symbol={p.symbol}
              class={`${flash[p.position_id] ? `flash-${flash[p.position_id]}` : ''} ${p.alert_triggered ? 'alerted' : ''}`}
            >
              <td>
                <a href={routeHref({ view: 'stock', symbol: p.symbol })} class="symbol">
                  {p.symbol}
                </a>
                {p.alert_triggered && (
                  <span class="badge alert-badge" title="A limit has been reached">
                    limit hit
                  </span>
                )}
              </td>
              <td class="num wide-only">{p.shares}</td>
              <td class="num wide-only">{formatMoney(p.entry_price)}</td>
              <td class="num" data-testid="position-price">
                {formatMoney(p.current_price)}
              </td>
              <td class="num">{formatMoney(p.current_value)}</td>
              <td class={`num ${changeClass(p.profit_loss)}`} data-testid="position-pl">
                <span>{formatSignedMoney(p.profit_loss)}</span>
                <small> {formatSignedPercent(p.profit_loss_percent)}</small>
              </td>
              <td class="num wide-only">{formatMoney(p.stop_loss)}</td>
              <td class="num wide-only">{formatMoney(p.take_profit)}</td>
              <td>
                <button
                  type="button"
                  class="icon-button"
                  onClick={() => removePosition(p.position_id, p.symbol)}
                  aria-label={`Remove ${p.symbol}`}
                  title="Remove"
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AlertsPanel() {
  const list = useStore(alerts);
  return (
    <section class="panel" data-testid="alerts">
      <h2>Alerts</h2>
      {list.length === 0 ? (
        <p class="muted">Stop-loss and take-profit alerts appear here the moment they fire.</p>
      ) : (
        <ul class="alerts">
          {list.map((a) => (
            <li key={`${a.position_id}:${a.ts}`} class={`alert-${a.kind}`}>
              <strong>{a.symbol}</strong> {a.kind === 'stop_loss' ? 'stop-loss' : 'take-profit'}{' '}
              {formatMoney(a.limit)} reached at {formatMoney(a.price)}{' '}
              <span class="muted">{formatTime(a.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OneClickPanel() {
  const settings = useStore(oneClickSettings);
  const update = (key: keyof OneClickSettings) => (event: Event) => {
    const value = Number((event.target as HTMLInputElement).value);
    if (Number.isFinite(value) && (key === 'shares' ? value > 0 : value >= 0))
      saveOneClickSettings({ ...settings, [key]: value });
  };
  return (
    <section class="panel">
      <h2>One-click add</h2>
      <p class="muted">What “+ Add” in the top 10 buys, at the price shown.</p>
      <div class="settings">
        <label>
          Shares
          <input type="number" min="0.0001" step="any" value={settings.shares} onChange={update('shares')} />
        </label>
        <label>
          Stop-loss % below
          <input
            type="number"
            min="0"
            max="99"
            step="any"
            value={settings.stopLossPercent}
            onChange={update('stopLossPercent')}
          />
        </label>
        <label>
          Take-profit % above
          <input
            type="number"
            min="0"
            step="any"
            value={settings.takeProfitPercent}
            onChange={update('takeProfitPercent')}
          />
        </label>
      </div>
    </section>
  );
}
