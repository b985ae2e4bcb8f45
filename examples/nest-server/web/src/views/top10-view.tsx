import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { StockSummary } from '../api/types.js';
import { ConfidenceBadge, GradeBadge, RiskBadge } from '../components/badges.js';
import { FactorBar, FactorLegend } from '../components/factor-bar.js';
import { TrainingStatus } from '../components/training-status.js';
import { changeClass, formatMoney, formatScore, formatSignedPercent, formatTime } from '../format.js';
import { useLiveEvent, useLiveSubscription } from '../live.js';
import { addToPortfolio, portfolio } from '../portfolio-state.js';
import { routeHref } from '../router.js';
import { useStore } from '../store.js';
import { UniverseTable } from './universe-table.js';

interface Ranking {
  stocks: StockSummary[];
  generatedAt: string | null;
  universeSize: number;
  sectors: string[];
  /** The forecast state of the best stock: the models train for the whole universe at once. */
  prediction: unknown;
}

/** The best stock's prediction, which says whether (and how far) the forecast models are training. */
const loadPrediction = () => api.top10().then((top) => top.top_10_wachstums_aktien[0]?.prediction ?? null);

async function loadRanking(sector: string): Promise<Ranking> {
  if (!sector) {
    const [top, page] = await Promise.all([api.top10(), api.stocks({ page: 1, pageSize: 1, sort: 'rank' })]);
    return {
      stocks: top.top_10_wachstums_aktien,
      generatedAt: top.generated_at,
      universeSize: top.universe_size,
      sectors: page.sectors,
      prediction: top.top_10_wachstums_aktien[0]?.prediction ?? null,
    };
  }
  // The top 10 of one sector: the universe filtered by sector, in rank order.
  const page = await api.stocks({ page: 1, pageSize: 10, sort: 'rank', sector });
  return {
    stocks: page.items,
    generatedAt: null,
    universeSize: page.total,
    sectors: page.sectors,
    prediction: null,
  };
}

/** Live prices by symbol, with the change against the last close. */
type LivePrices = Record<string, { price: number; changePercent: number }>;

/** The home view: the ten best growth scores (optionally of one sector), then the whole universe. */
export function Top10View() {
  const [sector, setSector] = useState('');
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [prices, setPrices] = useState<LivePrices>({});

  const reload = useCallback(() => {
    loadRanking(sector).then(
      (next) => {
        setRanking(next);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [sector]);
  useEffect(reload, [reload]);

  useLiveSubscription({ top10: true, symbols: ranking?.stocks.map((s) => s.symbol) ?? [] });
  // A new scoring run can reorder the whole list: reload it rather than patch it.
  useLiveEvent('top10:update', reload);
  useLiveEvent('price:update', (update) => {
    setPrices((current) => ({
      ...current,
      [update.symbol]: { price: update.price, changePercent: update.change_percent },
    }));
  });

  return (
    <>
      <section class="panel">
        <header class="panel-header">
          <div>
            <h1>Top 10 growth stocks</h1>
            <p class="muted">
              {ranking
                ? sector
                  ? `Best of ${ranking.universeSize} ${sector} stocks`
                  : `Out of ${ranking.universeSize} scored stocks · scored ${ranking.generatedAt ? formatTime(ranking.generatedAt) : ''}`
                : 'Loading the ranking…'}
              {ranking && (
                <>
                  {' · '}
                  <a
                    href={routeHref({
                      view: 'screener',
                      query: sector ? new URLSearchParams({ sector }).toString() : '',
                    })}
                    data-testid="to-screener"
                  >
                    filter them in the screener
                  </a>
                </>
              )}
            </p>
            {ranking && (
              <TrainingStatus prediction={ranking.prediction} load={loadPrediction} onDone={reload} />
            )}
          </div>
          <label class="sector-filter">
            Sector{' '}
            <select
              value={sector}
              onChange={(e) => setSector((e.target as HTMLSelectElement).value)}
              aria-label="Filter by sector"
            >
              <option value="">All sectors</option>
              {ranking?.sectors.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        </header>
        <FactorLegend />
        {error && <p class="error">Could not load the ranking: {error}</p>}
        {ranking && <Top10List stocks={ranking.stocks} prices={prices} />}
      </section>
      <UniverseTable sector={sector} />
    </>
  );
}

function Top10List({ stocks, prices }: { stocks: StockSummary[]; prices: LivePrices }) {
  const held = new Set(useStore(portfolio)?.positions.map((p) => p.symbol));
  const [busy, setBusy] = useState<string | null>(null);
  const add = async (stock: StockSummary) => {
    setBusy(stock.symbol);
    await addToPortfolio({
      symbol: stock.symbol,
      current_price: prices[stock.symbol]?.price ?? stock.current_price,
    });
    setBusy(null);
  };
  return (
    <ol class="top10" data-testid="top10">
      {stocks.map((stock) => {
        const live = prices[stock.symbol];
        return (
          <li key={stock.symbol} class="pick" data-symbol={stock.symbol}>
            <div class="pick-rank">{stock.rank}</div>
            <div class="pick-name">
              <a href={routeHref({ view: 'stock', symbol: stock.symbol })} class="symbol">
                {stock.symbol}
              </a>
              <span class="company">{stock.name}</span>
              <span class="muted sector">{stock.sector}</span>
            </div>
            <div class="pick-score">
              <span class="score" data-testid="score">
                {formatScore(stock.score)}
              </span>
              <GradeBadge grade={stock.grade} />
              <FactorBar score={stock.score} factors={stock.factors} />
            </div>
            <div class="pick-meta">
              <span class="price">
                {formatMoney(live?.price ?? stock.current_price)}
                {live && (
                  <small class={changeClass(live.changePercent)}>
                    {' '}
                    {formatSignedPercent(live.changePercent)}
                  </small>
                )}
              </span>
              <RiskBadge level={stock.risk_level} />
              <ConfidenceBadge level={stock.confidence_level} />
            </div>
            <div class="pick-action">
              <button
                type="button"
                class="add-button"
                disabled={busy === stock.symbol}
                onClick={() => add(stock)}
                aria-label={`Add ${stock.symbol} to the portfolio`}
              >
                {held.has(stock.symbol) ? '+ More' : '+ Add'}
              </button>
            </div>
            <details class="pick-why">
              <summary>Why {stock.symbol}?</summary>
              <ul>
                {stock.explanations.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
