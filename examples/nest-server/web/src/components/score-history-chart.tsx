import {
  ColorType,
  createChart,
  createSeriesMarkers,
  LineSeries,
  LineStyle,
  type MouseEventParams,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatMoney, formatScore } from '../format.js';
import { type GradeMark, SCORE_LINE_COLORS, type ScoreHistorySeries } from '../score-history.js';

/** Colour of the price line (the right-hand axis). */
export const HISTORY_PRICE_COLOR = '#0f766e';

/** A grade's marker colour, by its letter (the badges' palette, darker to read on white). */
const GRADE_COLORS: Record<string, string> = {
  A: '#16a34a',
  B: '#2563eb',
  C: '#ca8a04',
  D: '#dc2626',
  F: '#dc2626',
};

/** The run under the pointer (or the latest), as the readout above the chart prints it. */
interface Readout {
  time: number;
  score: number | undefined;
  price: number | undefined;
}

function gradeMarker(mark: GradeMark): SeriesMarker<Time> {
  return {
    time: mark.time as UTCTimestamp,
    position: 'aboveBar',
    // Replayed runs get squares, live runs circles (the line itself is grey where replayed).
    shape: mark.replayed ? 'square' : 'circle',
    color: GRADE_COLORS[mark.grade[0] ?? ''] ?? '#334155',
    text: mark.grade,
    size: 0.6,
  };
}

/**
 * A stock's score per run (left axis, 0–100) with a mark where its grade changed, and the price the
 * run scored (right axis), under one time axis (Lightweight Charts, loaded on demand). The line is
 * grey and the grade marks square where runs were replayed, blue with round marks where live.
 */
export function ScoreHistoryChart({ series }: { series: ScoreHistorySeries }) {
  const container = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<Readout | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const chart = createChart(container.current, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: '#ffffff' },
        textColor: '#334155',
        fontSize: 11,
        // The page footer links to TradingView, as the library's licence asks.
        attributionLogo: false,
      },
      grid: { vertLines: { color: '#f1f5f9' }, horzLines: { color: '#f1f5f9' } },
      // Small margins: the fixed 0–100 range below then shows as about 0–110, room for the grade marks.
      leftPriceScale: { visible: true, borderColor: '#e2e8f0', scaleMargins: { top: 0.1, bottom: 0.04 } },
      rightPriceScale: { visible: true, borderColor: '#e2e8f0' },
      timeScale: { borderColor: '#e2e8f0' },
    });
    const score = chart.addSeries(LineSeries, {
      priceScaleId: 'left',
      color: SCORE_LINE_COLORS.live,
      lineWidth: 2,
      priceLineVisible: false,
      title: 'Score',
      // Scores live on 0–100: a fixed scale keeps a move from 61 to 62 from looking like a leap.
      autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 100 } }),
    });
    score.setData(series.score.map((p) => ({ ...p, time: p.time as UTCTimestamp })));
    createSeriesMarkers(score, series.grades.map(gradeMarker));
    const price = chart.addSeries(LineSeries, {
      priceScaleId: 'right',
      color: HISTORY_PRICE_COLOR,
      lineWidth: 1,
      lineStyle: LineStyle.Dashed,
      priceLineVisible: false,
      title: 'Price',
    });
    price.setData(series.price.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
    chart.timeScale().fitContent();

    const scoreAt = new Map(series.score.map((p) => [p.time, p.value]));
    const priceAt = new Map(series.price.map((p) => [p.time, p.value]));
    const onMove = (param: MouseEventParams<Time>) => {
      const time = typeof param.time === 'number' ? param.time : null;
      setHovered(time === null ? null : { time, score: scoreAt.get(time), price: priceAt.get(time) });
    };
    chart.subscribeCrosshairMove(onMove);
    return () => {
      chart.unsubscribeCrosshairMove(onMove);
      chart.remove();
    };
  }, [series]);

  const last = series.score[series.score.length - 1];
  const shown: Readout | undefined =
    hovered ?? (last && { time: last.time, score: last.value, price: series.price.at(-1)?.value });
  return (
    <figure class="history-chart" data-runs={series.runs} data-replayed={series.replayed}>
      <figcaption class="chart-readout">
        {shown && (
          <span>
            {new Date(shown.time * 1000).toISOString().slice(0, 10)} score{' '}
            {shown.score === undefined ? '–' : formatScore(shown.score)} · price {formatMoney(shown.price)}
          </span>
        )}
        <span class="chart-legend">
          <i style={{ background: SCORE_LINE_COLORS.live }} /> Score{' '}
          {series.replayed > 0 && (
            <>
              <i style={{ background: SCORE_LINE_COLORS.replayed }} /> Score, replayed{' '}
            </>
          )}
          <i style={{ background: HISTORY_PRICE_COLOR }} /> Price (right axis)
        </span>
      </figcaption>
      <div class="history-canvas" ref={container} aria-hidden="true" />
    </figure>
  );
}
