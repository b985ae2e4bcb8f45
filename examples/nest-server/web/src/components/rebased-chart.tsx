import { ColorType, createChart, LineSeries } from 'lightweight-charts';
import { useEffect, useRef } from 'preact/hooks';
import type { RebasedSeries } from '../rebase.js';

/** Colours of the compared stocks, in the order chosen (shared with the table's swatches). */
export const COMPARE_COLORS = ['#2563eb', '#d97706', '#16a34a', '#db2777'] as const;

/** Prices rebased to 100 on a common start, one line per stock (loaded on demand with the chart library). */
export function RebasedChart({ series }: { series: readonly RebasedSeries[] }) {
  const container = useRef<HTMLDivElement>(null);
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
      rightPriceScale: { borderColor: '#e2e8f0' },
      timeScale: { borderColor: '#e2e8f0' },
    });
    series.forEach((s, i) => {
      chart
        .addSeries(LineSeries, {
          color: COMPARE_COLORS[i % COMPARE_COLORS.length],
          lineWidth: 2,
          priceLineVisible: false,
          title: s.symbol,
        })
        .setData(s.points);
    });
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [series]);
  return <div class="chart-canvas compare-chart" ref={container} />;
}
