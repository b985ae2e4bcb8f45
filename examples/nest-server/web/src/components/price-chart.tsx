import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  type IChartApi,
  LineSeries,
  LineStyle,
  type MouseEventParams,
  type Time,
} from 'lightweight-charts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HistoryBar } from '../api/types.js';
import type { ChartSeries } from '../chart-series.js';
import { type FanPoint, forecastFan } from '../forecast-fan.js';
import { formatCompact, formatMoney } from '../format.js';
import type { Forecast } from '../prediction.js';
import { BandSeries } from './band-series.js';

/** Colours of the chart, shared with the legend. */
export const CHART_COLORS = {
  up: '#16a34a',
  down: '#dc2626',
  sma20: '#2563eb',
  sma50: '#d97706',
  bollinger: '#7c3aed',
  rsi: '#0891b2',
  macd: '#2563eb',
  signal: '#d97706',
  forecast: '#db2777',
} as const;

interface PriceChartProps {
  symbol: string;
  history: readonly HistoryBar[];
  series: ChartSeries;
  forecast: Forecast | null;
}

/**
 * Candles with volume, SMA 20/50 and Bollinger bands, then RSI and MACD panes under one time axis
 * (TradingView Lightweight Charts, bundled). A forecast, when there is one, is drawn as a fan after
 * the last bar: the time axis runs on by the horizon in trading days, the median as a dashed line
 * and the prediction interval as a band around it.
 */
export function PriceChart({ symbol, history, series, forecast }: PriceChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<HistoryBar | FanPoint | null>(null);
  const fan = useMemo(() => {
    const last = history[history.length - 1];
    return forecast && last ? forecastFan(last.date, last.close, forecast) : null;
  }, [history, forecast]);

  useEffect(() => {
    if (!container.current) return;
    const chart = createChart(container.current, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: '#ffffff' },
        textColor: '#334155',
        fontSize: 11,
        panes: { separatorColor: '#e2e8f0', enableResize: false },
        // The page footer links to TradingView, as the library's licence asks.
        attributionLogo: false,
      },
      grid: { vertLines: { color: '#f1f5f9' }, horzLines: { color: '#f1f5f9' } },
      rightPriceScale: { borderColor: '#e2e8f0' },
      timeScale: { borderColor: '#e2e8f0', rightOffset: forecast ? 2 : 4 },
    });
    drawPricePane(chart, history, series);
    if (fan) drawForecast(chart, fan);
    drawIndicatorPanes(chart, series);
    chart.timeScale().fitContent();
    const byDate = new Map<string, HistoryBar | FanPoint>(fan?.slice(1).map((p) => [p.time, p]));
    for (const bar of history) byDate.set(bar.date, bar);
    const onMove = (param: MouseEventParams<Time>) => {
      setHovered(typeof param.time === 'string' ? (byDate.get(param.time) ?? null) : null);
    };
    chart.subscribeCrosshairMove(onMove);
    return () => {
      chart.unsubscribeCrosshairMove(onMove);
      chart.remove();
    };
  }, [history, series, fan]);

  const shown = hovered ?? history[history.length - 1];
  const fanEnd = fan?.[fan.length - 1];
  return (
    <figure
      class="price-chart"
      data-last-bar={history[history.length - 1]?.date}
      data-forecast-from={fan?.[1]?.time}
      data-forecast-to={fanEnd?.time}
    >
      <figcaption class="chart-readout">
        {shown && 'date' in shown && (
          <span>
            <strong>{symbol}</strong> {shown.date} O {formatMoney(shown.open)} H {formatMoney(shown.high)} L{' '}
            {formatMoney(shown.low)} C {formatMoney(shown.close)} Vol {formatCompact(shown.volume)}
          </span>
        )}
        {shown && 'median' in shown && (
          <span>
            <strong>{symbol}</strong> {shown.time} forecast {formatMoney(shown.median)}, interval{' '}
            {formatMoney(shown.lower)} – {formatMoney(shown.upper)}
          </span>
        )}
        {forecast && fanEnd && (
          <span class="visually-hidden">
            Forecast for {fanEnd.time}: {formatMoney(forecast.predictedPrice)},{' '}
            {Math.round(forecast.level * 100)} % interval {formatMoney(forecast.lower)} to{' '}
            {formatMoney(forecast.upper)}.
          </span>
        )}
        <span class="chart-legend">
          <i style={{ background: CHART_COLORS.sma20 }} /> SMA 20{' '}
          <i style={{ background: CHART_COLORS.sma50 }} /> SMA 50{' '}
          <i style={{ background: CHART_COLORS.bollinger }} /> Bollinger 20, 2σ
          {forecast && (
            <>
              {' '}
              <i style={{ background: CHART_COLORS.forecast }} /> Forecast
            </>
          )}
        </span>
      </figcaption>
      <div class="chart-canvas" ref={container} />
    </figure>
  );
}

function drawPricePane(chart: IChartApi, history: readonly HistoryBar[], series: ChartSeries): void {
  const candles = chart.addSeries(CandlestickSeries, {
    upColor: CHART_COLORS.up,
    downColor: CHART_COLORS.down,
    wickUpColor: CHART_COLORS.up,
    wickDownColor: CHART_COLORS.down,
    borderVisible: false,
  });
  candles.setData(
    history.map(({ date, open, high, low, close }) => ({ time: date, open, high, low, close })),
  );

  // Volume on its own overlay scale, squeezed into the bottom fifth of the price pane.
  const volume = chart.addSeries(HistogramSeries, {
    priceFormat: { type: 'volume' },
    priceScaleId: '',
    lastValueVisible: false,
  });
  volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  volume.setData(
    history.map((bar) => ({
      time: bar.date,
      value: bar.volume,
      color: bar.close >= bar.open ? 'rgba(22, 163, 74, 0.35)' : 'rgba(220, 38, 38, 0.35)',
    })),
  );

  const line = {
    lineWidth: 1,
    priceLineVisible: false,
    lastValueVisible: false,
    crosshairMarkerVisible: false,
  } as const;
  chart.addSeries(LineSeries, { ...line, color: CHART_COLORS.sma20 }).setData(series.sma20);
  chart.addSeries(LineSeries, { ...line, color: CHART_COLORS.sma50, lineWidth: 2 }).setData(series.sma50);
  const band = { ...line, color: CHART_COLORS.bollinger, lineStyle: LineStyle.Dashed };
  chart.addSeries(LineSeries, band).setData(series.bollinger.upper);
  chart.addSeries(LineSeries, band).setData(series.bollinger.lower);
}

function drawForecast(chart: IChartApi, fan: readonly FanPoint[]): void {
  chart
    .addCustomSeries(new BandSeries(), {
      fill: 'rgba(219, 39, 119, 0.14)',
      priceLineVisible: false,
      lastValueVisible: false,
    })
    .setData(fan.map(({ time, lower, upper }) => ({ time, lower, upper })));
  chart
    .addSeries(LineSeries, {
      lineWidth: 2,
      color: CHART_COLORS.forecast,
      lineStyle: LineStyle.Dashed,
      priceLineVisible: false,
    })
    .setData(fan.map(({ time, median }) => ({ time, value: median })));
}

function drawIndicatorPanes(chart: IChartApi, series: ChartSeries): void {
  const rsi = chart.addSeries(
    LineSeries,
    {
      color: CHART_COLORS.rsi,
      lineWidth: 1,
      priceLineVisible: false,
      title: 'RSI 14',
      // RSI lives on 0–100: a fixed scale keeps the 30 / 70 bands in view and comparable across stocks.
      autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 100 } }),
    },
    1,
  );
  rsi.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.08 } });
  rsi.setData(series.rsi14);
  // The usual overbought / oversold bands.
  for (const level of [70, 30]) {
    rsi.createPriceLine({
      price: level,
      color: '#94a3b8',
      lineWidth: 1,
      lineStyle: LineStyle.Dotted,
      axisLabelVisible: false,
      title: '',
    });
  }

  const histogram = chart.addSeries(HistogramSeries, { priceLineVisible: false, lastValueVisible: false }, 2);
  histogram.setData(
    series.macd.histogram.map((p) => ({
      ...p,
      color: p.value >= 0 ? 'rgba(22, 163, 74, 0.5)' : 'rgba(220, 38, 38, 0.5)',
    })),
  );
  const line = { lineWidth: 1, priceLineVisible: false } as const;
  chart
    .addSeries(LineSeries, { ...line, color: CHART_COLORS.macd, title: 'MACD' }, 2)
    .setData(series.macd.macd);
  chart
    .addSeries(LineSeries, { ...line, color: CHART_COLORS.signal, title: 'Signal' }, 2)
    .setData(series.macd.signal);

  const panes = chart.panes();
  panes[0]?.setStretchFactor(2.2);
  panes[1]?.setStretchFactor(1);
  panes[2]?.setStretchFactor(1);
}
