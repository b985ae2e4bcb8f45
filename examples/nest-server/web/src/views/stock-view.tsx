import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { StockDetail } from '../api/types.js';
import { computeChartSeries } from '../chart-series.js';
import { ConfidenceBadge, GradeBadge, RiskBadge } from '../components/badges.js';
import { FactorBar } from '../components/factor-bar.js';
import { FactorBreakdown } from '../components/factor-breakdown.js';
import { ScoreHistoryPanel } from '../components/score-history-panel.js';
import { TrainingStatus } from '../components/training-status.js';
import {
  changeClass,
  formatMetric,
  formatMoney,
  formatScore,
  formatSignedPercent,
  formatTime,
} from '../format.js';
import { useLiveEvent, useLiveSubscription } from '../live.js';
import { addToPortfolio } from '../portfolio-state.js';
import { type Forecast, readPrediction } from '../prediction.js';

type PriceChartComponent = typeof import('../components/price-chart.js').PriceChart;
let chartModule: Promise<PriceChartComponent> | undefined;

/** The chart component, loaded on first use: the charting library is most of the page's script. */
function usePriceChart(): PriceChartComponent | null {
  const [component, setComponent] = useState<PriceChartComponent | null>(null);
  useEffect(() => {
    let mounted = true;
    chartModule ??= import('../components/price-chart.js').then((m) => m.PriceChart);
    chartModule.then((loaded) => mounted && setComponent(() => loaded));
    return () => {
      mounted = false;
    };
  }, []);
  return component;
}

/** One stock: chart with indicators, forecast, and the score's factors against the sector. */
export function StockView({ symbol }: { symbol: string }) {
  const [stock, setStock] = useState<StockDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [livePrice, setLivePrice] = useState<{ price: number; changePercent: number } | null>(null);
  const PriceChart = usePriceChart();

  useEffect(() => {
    let current = true;
    setStock(null);
    setLivePrice(null);
    setError(null);
    api.stock(symbol).then(
      (detail) => current && setStock(detail),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [symbol]);

  useLiveSubscription({ symbols: [symbol] });
  useLiveEvent('price:update', (update) => {
    if (update.symbol === symbol) setLivePrice({ price: update.price, changePercent: update.change_percent });
  });
  useLiveEvent('score:update', (update) => {
    if (update.symbol !== symbol) return;
    setStock(
      (s) =>
        s && {
          ...s,
          score: update.score,
          rank: update.rank,
          grade: update.grade ?? s.grade,
          factors: update.factors,
        },
    );
  });

  const series = useMemo(() => (stock ? computeChartSeries(stock.history) : null), [stock?.history]);
  const forecast = useMemo(
    () => (stock ? readPrediction(stock.prediction, stock.current_price) : null),
    [stock?.prediction],
  );

  if (error)
    return (
      <p class="error panel">
        Could not load {symbol}: {error}
      </p>
    );
  if (!stock || !series) return <p class="panel muted">Loading {symbol}…</p>;

  return (
    <>
      <section class="panel stock-head">
        <div>
          <h1>
            {stock.symbol} <span class="company">{stock.name}</span>
          </h1>
          <p class="muted">
            {stock.sector} · rank {stock.rank} overall, {stock.sector_rank} in sector · scored{' '}
            {formatTime(stock.generated_at)}
          </p>
        </div>
        <div class="stock-price">
          <span class="price big" data-testid="stock-price">
            {formatMoney(livePrice?.price ?? stock.current_price)}
          </span>
          {livePrice && (
            <span class={changeClass(livePrice.changePercent)}>
              {formatSignedPercent(livePrice.changePercent)}
            </span>
          )}
        </div>
        <div class="stock-score">
          <span class="score big">{formatScore(stock.score)}</span> <GradeBadge grade={stock.grade} />
          <FactorBar score={stock.score} factors={stock.factors} />
          <div class="badges">
            <RiskBadge level={stock.risk_level} /> <ConfidenceBadge level={stock.confidence_level} />
          </div>
        </div>
        <button
          type="button"
          class="add-button"
          onClick={() =>
            addToPortfolio({ symbol: stock.symbol, current_price: livePrice?.price ?? stock.current_price })
          }
        >
          + Add to portfolio
        </button>
      </section>

      <section class="panel">
        {PriceChart ? (
          <PriceChart symbol={stock.symbol} history={stock.history} series={series} forecast={forecast} />
        ) : (
          <div class="chart-canvas muted">Loading the chart…</div>
        )}
        <IndicatorStrip indicators={stock.indicators} />
      </section>

      <ScoreHistoryPanel symbol={stock.symbol} />

      <div class="two-columns">
        <ForecastPanel
          forecast={forecast}
          currentPrice={stock.current_price}
          status={(stock.prediction as { status?: string } | null)?.status}
          reason={(stock.prediction as { reason?: string } | null)?.reason}
        >
          <TrainingStatus
            prediction={stock.prediction}
            load={() => api.stock(symbol).then((detail) => detail.prediction)}
            onDone={() => api.stock(symbol).then(setStock, () => undefined)}
          />
        </ForecastPanel>
        <RiskPanel stock={stock} />
      </div>

      <section class="panel">
        <h2>Factors against the {stock.sector} sector</h2>
        <FactorBreakdown stock={stock} />
      </section>

      <section class="panel">
        <h2>Why this score</h2>
        <ul class="explanations">
          {stock.explanations.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      </section>
    </>
  );
}

const INDICATOR_LABELS: [key: string, label: string][] = [
  ['rsi_14', 'RSI 14'],
  ['macd', 'MACD'],
  ['macd_signal', 'Signal'],
  ['macd_histogram', 'Histogram'],
  ['bollinger_upper', 'BB upper'],
  ['bollinger_lower', 'BB lower'],
  ['sma_20', 'SMA 20'],
  ['sma_50', 'SMA 50'],
  ['sma_200', 'SMA 200'],
];

/** The server's latest indicator values (over the full history, so SMA 200 too). */
function IndicatorStrip({ indicators }: { indicators: Record<string, number | null> }) {
  return (
    <dl class="indicator-strip">
      {INDICATOR_LABELS.map(([key, label]) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd>{formatMetric(indicators[key] ?? null, 'number')}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Why there is no forecast, from the API's `prediction.status`. */
const NO_FORECAST: Record<string, string> = {
  training: 'No forecast yet: the forecasting models are training on the server.',
  off: 'No forecast: forecasting is turned off on this server.',
  failed: 'No forecast: the server could not forecast this stock.',
};

function ForecastPanel({
  forecast,
  currentPrice,
  status,
  reason,
  children,
}: {
  forecast: Forecast | null;
  currentPrice: number;
  status: string | undefined;
  /** The server's reason when the forecast failed (too little history, a failed training). */
  reason?: string | undefined;
  /** Shown under the reason: the training progress while the models train. */
  children?: ComponentChildren;
}) {
  return (
    <section class="panel forecast" data-testid="forecast">
      <h2>Forecast</h2>
      {forecast ? (
        <>
          <p>
            <span class="price big">{formatMoney(forecast.predictedPrice)}</span>{' '}
            <span class={changeClass(forecast.expectedReturn)}>
              {formatSignedPercent(forecast.expectedReturn * 100)}
            </span>{' '}
            in {forecast.horizon} trading {forecast.horizon === 1 ? 'day' : 'days'}
          </p>
          <p class="muted">
            {Math.round(forecast.level * 100)} % prediction interval {formatMoney(forecast.lower)} –{' '}
            {formatMoney(forecast.upper)} (from {formatMoney(currentPrice)})
            {forecast.confidence !== null &&
              ` · direction right with probability ${Math.round(forecast.confidence * 100)} %`}
          </p>
          {forecast.modelVersion && <p class="muted small">Model {forecast.modelVersion}</p>}
        </>
      ) : (
        <>
          <p class="muted">{NO_FORECAST[status ?? ''] ?? 'No forecast yet for this stock.'}</p>
          {reason && (
            <p class="muted small" data-testid="forecast-reason">
              {reason}
            </p>
          )}
          {children}
        </>
      )}
    </section>
  );
}

function RiskPanel({ stock }: { stock: StockDetail }) {
  const { risk } = stock;
  return (
    <section class="panel">
      <h2>Risk and confidence</h2>
      <dl class="facts">
        <dt>Risk</dt>
        <dd>
          <RiskBadge level={risk.level} />
        </dd>
        <dt>Volatility (1 year)</dt>
        <dd>{formatMetric(risk.annualizedVolatility, 'percent')}</dd>
        <dt>Max drawdown (1 year)</dt>
        <dd>{formatMetric(risk.maxDrawdown === null ? null : -risk.maxDrawdown, 'percent')}</dd>
        <dt>Beta</dt>
        <dd>{formatMetric(risk.beta, 'ratio')}</dd>
        <dt>Confidence</dt>
        <dd>
          <ConfidenceBadge level={stock.confidence_level} /> {Math.round(stock.confidence * 100)} %
        </dd>
      </dl>
    </section>
  );
}
