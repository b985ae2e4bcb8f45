import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { FACTOR_NAMES, type StockSummary } from '../api/types.js';
import { COLOR_BY_LABELS, type ColorBy, HeatMap, type HeatMapStock } from '../components/heat-map.js';
import { navigate } from '../router.js';

/** Most rows the API gives in one page. */
const PAGE_SIZE = 200;

function toMapStock(s: StockSummary): HeatMapStock {
  return {
    symbol: s.symbol,
    name: s.name,
    sector: s.sector,
    marketCap: s.market_cap,
    score: s.score,
    factors: s.factors,
    change1d: s.change_1d_percent,
  };
}

/** The whole scored universe, all pages in parallel after the first (which says how many there are). */
async function loadUniverse(): Promise<HeatMapStock[]> {
  const first = await api.stocks({ page: 1, pageSize: PAGE_SIZE, sort: 'rank' });
  const pages = Math.ceil(first.total / PAGE_SIZE);
  const rest = await Promise.all(
    Array.from({ length: pages - 1 }, (_, i) =>
      api.stocks({ page: i + 2, pageSize: PAGE_SIZE, sort: 'rank' }),
    ),
  );
  return [first, ...rest].flatMap((page) => page.items.map(toMapStock));
}

const COLOR_CHOICES: ColorBy[] = ['score', ...FACTOR_NAMES, 'change'];

/** `#/map`: the market at a glance, sectors and stocks as a treemap. */
export function MapView() {
  const [stocks, setStocks] = useState<HeatMapStock[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [colorBy, setColorBy] = useState<ColorBy>('score');

  useEffect(() => {
    let current = true;
    loadUniverse().then(
      (list) => current && setStocks(list),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, []);

  return (
    <section class="panel" aria-labelledby="map-title">
      <header class="panel-header">
        <div>
          <h1 id="map-title">Market map</h1>
          <p class="muted">
            {stocks
              ? `${stocks.length} stocks by sector; area by market cap`
              : error
                ? ''
                : 'Loading the universe…'}
          </p>
        </div>
        <label>
          Colour by{' '}
          <select
            value={colorBy}
            onChange={(event) => setColorBy((event.target as HTMLSelectElement).value as ColorBy)}
          >
            {COLOR_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {COLOR_BY_LABELS[choice]}
              </option>
            ))}
          </select>
        </label>
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {stocks && (
        <HeatMap stocks={stocks} colorBy={colorBy} onOpen={(symbol) => navigate({ view: 'stock', symbol })} />
      )}
    </section>
  );
}
