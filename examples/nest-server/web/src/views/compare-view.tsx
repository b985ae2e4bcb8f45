import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { FACTOR_NAMES, type StockDetail } from '../api/types.js';
import { GradeBadge, RiskBadge } from '../components/badges.js';
import { FACTOR_LABELS, FactorBar } from '../components/factor-bar.js';
import { formatMoney, formatScore, formatSignedPercent } from '../format.js';
import { readPrediction } from '../prediction.js';
import { rebaseTo100 } from '../rebase.js';
import { compareSymbols, MAX_COMPARED, navigate } from '../router.js';

type RebasedChartComponent = typeof import('../components/rebased-chart.js').RebasedChart;
type ChartModule = typeof import('../components/rebased-chart.js');
let chartModule: Promise<ChartModule> | undefined;

/** The chart module, loaded on first use (the charting library is most of the page's script). */
function useRebasedChart(): { Chart: RebasedChartComponent; colors: readonly string[] } | null {
  const [loaded, setLoaded] = useState<ChartModule | null>(null);
  useEffect(() => {
    let mounted = true;
    chartModule ??= import('../components/rebased-chart.js');
    chartModule.then((m) => mounted && setLoaded(m));
    return () => {
      mounted = false;
    };
  }, []);
  return loaded && { Chart: loaded.RebasedChart, colors: loaded.COMPARE_COLORS };
}

type Loaded = { symbol: string; detail: StockDetail | null; error: string | null };

/** Up to four stocks side by side: prices rebased to 100, the five factors, risk and forecast. */
export function CompareView({ symbols }: { symbols: string[] }) {
  const [stocks, setStocks] = useState<Loaded[]>([]);
  const chart = useRebasedChart();

  useEffect(() => {
    let current = true;
    setStocks(symbols.map((symbol) => ({ symbol, detail: null, error: null })));
    symbols.forEach((symbol, i) => {
      api.stock(symbol).then(
        (detail) =>
          current && setStocks((list) => list.map((s, k) => (k === i ? { symbol, detail, error: null } : s))),
        (e: Error) =>
          current &&
          setStocks((list) => list.map((s, k) => (k === i ? { symbol, detail: null, error: e.message } : s))),
      );
    });
    return () => {
      current = false;
    };
  }, [symbols.join(',')]);

  const ready = stocks.filter((s): s is Loaded & { detail: StockDetail } => s.detail !== null);
  const rebased = useMemo(
    () => rebaseTo100(ready.map((s) => ({ symbol: s.symbol, points: s.detail.history }))),
    [ready.map((s) => s.symbol).join(',')],
  );
  const setSymbols = (next: string[]) => navigate({ view: 'compare', symbols: next });

  return (
    <section class="compare" aria-labelledby="compare-title">
      <h1 id="compare-title">Compare</h1>
      <AddSymbolForm symbols={symbols} onChange={setSymbols} />
      {symbols.length === 0 && (
        <p class="muted">Add up to {MAX_COMPARED} symbols to compare them side by side.</p>
      )}
      {stocks
        .filter((s) => s.error)
        .map((s) => (
          <p key={s.symbol} class="error" role="alert">
            {s.symbol}: {s.error}
          </p>
        ))}
      {ready.length > 0 && chart && rebased.start && (
        <figure class="card" data-testid="compare-chart" data-start={rebased.start}>
          <figcaption>
            Price, rebased to 100 on {rebased.start}
            <span class="visually-hidden">
              {rebased.series
                .map((s) => `${s.symbol}: ${formatScore(s.points.at(-1)?.value ?? 100)}`)
                .join(', ')}
            </span>
          </figcaption>
          <chart.Chart series={rebased.series} />
        </figure>
      )}
      {ready.length > 0 && (
        <div class="table-scroll">
          <table class="compare-table" data-testid="compare-table">
            <caption class="visually-hidden">
              Scores, factors, risk and forecast of the compared stocks
            </caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                {ready.map((s, i) => (
                  <th key={s.symbol} scope="col" data-symbol={s.symbol}>
                    <span class="swatch" style={{ background: chart?.colors[i] }} aria-hidden="true" />
                    <a href={`#/stock/${encodeURIComponent(s.symbol)}`}>{s.symbol}</a>
                    <div class="muted small">{s.detail.name}</div>
                    <button
                      type="button"
                      class="link small"
                      aria-label={`Remove ${s.symbol} from the comparison`}
                      onClick={() => setSymbols(symbols.filter((x) => x !== s.symbol))}
                    >
                      remove
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <Row label="Score">
                {ready.map((s) => (
                  <td key={s.symbol}>
                    {formatScore(s.detail.score)} <GradeBadge grade={s.detail.grade} />
                    <FactorBar score={s.detail.score} factors={s.detail.factors} />
                  </td>
                ))}
              </Row>
              {FACTOR_NAMES.map((factor) => (
                <Row key={factor} label={FACTOR_LABELS[factor]}>
                  {ready.map((s) => (
                    <td key={s.symbol} class={best(ready, factor) === s.symbol ? 'best' : undefined}>
                      {formatScore(s.detail.factors[factor])}
                    </td>
                  ))}
                </Row>
              ))}
              <Row label="Sector">
                {ready.map((s) => (
                  <td key={s.symbol}>
                    {s.detail.sector} (#{s.detail.sector_rank})
                  </td>
                ))}
              </Row>
              <Row label="Risk">
                {ready.map((s) => (
                  <td key={s.symbol}>
                    <RiskBadge level={s.detail.risk.level} />{' '}
                    {s.detail.risk.annualizedVolatility !== null &&
                      `vol ${formatSignedPercent(s.detail.risk.annualizedVolatility * 100, 1).replace('+', '')}`}
                  </td>
                ))}
              </Row>
              <Row label="Price">
                {ready.map((s) => (
                  <td key={s.symbol}>{formatMoney(s.detail.current_price)}</td>
                ))}
              </Row>
              <Row label="Forecast">
                {ready.map((s) => {
                  const f = readPrediction(s.detail.prediction, s.detail.current_price);
                  return (
                    <td key={s.symbol}>
                      {f ? (
                        <>
                          {formatSignedPercent(f.expectedReturn * 100, 1)} in {f.horizon} trading days
                          <div class="muted small">
                            {Math.round(f.level * 100)} % interval {formatMoney(f.lower)} –{' '}
                            {formatMoney(f.upper)}
                          </div>
                        </>
                      ) : (
                        <span class="muted">none yet</span>
                      )}
                    </td>
                  );
                })}
              </Row>
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Row({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {children}
    </tr>
  );
}

/** The symbol with the highest score on a factor (highlighted), or null on a tie for first. */
function best(
  stocks: readonly { symbol: string; detail: StockDetail }[],
  factor: (typeof FACTOR_NAMES)[number],
) {
  const sorted = [...stocks].sort((a, b) => b.detail.factors[factor] - a.detail.factors[factor]);
  const [first, second] = sorted;
  return first && (!second || first.detail.factors[factor] > second.detail.factors[factor])
    ? first.symbol
    : null;
}

function AddSymbolForm({ symbols, onChange }: { symbols: string[]; onChange: (next: string[]) => void }) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const full = symbols.length >= MAX_COMPARED;
  return (
    <form
      class="compare-add"
      onSubmit={(event) => {
        event.preventDefault();
        const [symbol] = compareSymbols(text);
        if (!symbol) return setMessage('Enter a ticker symbol, e.g. AAPL.');
        if (symbols.includes(symbol)) return setMessage(`${symbol} is already compared.`);
        setMessage(null);
        setText('');
        onChange([...symbols, symbol]);
      }}
    >
      <label for="compare-symbol">Add a symbol</label>{' '}
      <input
        id="compare-symbol"
        value={text}
        disabled={full}
        autoComplete="off"
        spellcheck={false}
        onInput={(event) => setText((event.target as HTMLInputElement).value)}
        aria-describedby="compare-hint"
      />{' '}
      <button type="submit" disabled={full}>
        Add
      </button>{' '}
      <span id="compare-hint" class="muted small" role="status">
        {message ?? (full ? `At most ${MAX_COMPARED} stocks.` : `${symbols.length} of ${MAX_COMPARED}`)}
      </span>
    </form>
  );
}
