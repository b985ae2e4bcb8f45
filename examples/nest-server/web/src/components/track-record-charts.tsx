import type { ComponentChildren } from 'preact';
import { formatSignedPercent } from '../format.js';
import {
  type Axis,
  type BarsLayout,
  type CoverageLayout,
  PLOT_FRAME,
  type ScatterLayout,
} from '../track-record-plots.js';

// The plots are SVG with presentation attributes and classes only (the page's CSP forbids inline style
// attributes); colours come from track-record.css. Each is one image (role img: its parts are not read
// out one by one) with a title and a description for screen readers; the numbers are in tables beside.

/** A fraction as a percentage tick label: `-5 %`, `0 %`, `12.5 %`. */
function percentTick(value: number): string {
  const percent = Math.round(value * 1000) / 10;
  return `${percent === 0 ? 0 : percent} %`;
}

function Plot({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: string;
  children: ComponentChildren;
}) {
  return (
    <svg
      class="plot"
      viewBox={`0 0 ${PLOT_FRAME.width} ${PLOT_FRAME.height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-testid={id}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

function YAxis({ axis, label }: { axis: Axis; label: string }) {
  const left = PLOT_FRAME.left;
  const right = PLOT_FRAME.width - PLOT_FRAME.right;
  return (
    <g class="plot-axis">
      {axis.ticks.map((t) => (
        <g key={t}>
          <line class="plot-grid" x1={left} x2={right} y1={axis.scale(t)} y2={axis.scale(t)} />
          <text x={left - 6} y={axis.scale(t)} text-anchor="end" dominant-baseline="middle">
            {percentTick(t)}
          </text>
        </g>
      ))}
      <text
        class="plot-label"
        transform={`translate(12 ${(PLOT_FRAME.top + PLOT_FRAME.height - PLOT_FRAME.bottom) / 2}) rotate(-90)`}
        text-anchor="middle"
      >
        {label}
      </text>
    </g>
  );
}

function XAxis({ axis, label }: { axis: Axis; label: string }) {
  const bottom = PLOT_FRAME.height - PLOT_FRAME.bottom;
  return (
    <g class="plot-axis">
      {axis.ticks.map((t) => (
        <g key={t}>
          <line class="plot-grid" x1={axis.scale(t)} x2={axis.scale(t)} y1={PLOT_FRAME.top} y2={bottom} />
          <text x={axis.scale(t)} y={bottom + 14} text-anchor="middle">
            {percentTick(t)}
          </text>
        </g>
      ))}
      <text
        class="plot-label"
        x={(PLOT_FRAME.left + PLOT_FRAME.width - PLOT_FRAME.right) / 2}
        y={PLOT_FRAME.height - 4}
        text-anchor="middle"
      >
        {label}
      </text>
    </g>
  );
}

/** Predicted against realised return, one dot per forecast; the diagonal is a perfect forecast. */
export function PredictedRealisedPlot({
  layout,
  description,
}: {
  layout: ScatterLayout;
  description: string;
}) {
  const { diagonal } = layout;
  return (
    <Plot id="plot-scatter" title="Predicted against realised return" description={description}>
      <XAxis axis={layout.x} label="Predicted return" />
      <YAxis axis={layout.y} label="Realised return" />
      <line class="plot-diagonal" x1={diagonal.x1} y1={diagonal.y1} x2={diagonal.x2} y2={diagonal.y2} />
      <g>
        {layout.dots.map((d, i) => (
          <circle
            // Dots have no identity beyond their place in the sample, which is redrawn whole.
            key={i}
            class={d.inside === false ? 'dot dot-outside' : 'dot'}
            cx={d.cx}
            cy={d.cy}
            r={2.5}
          />
        ))}
      </g>
    </Plot>
  );
}

/** Interval coverage per month against the nominal level. */
export function CoveragePlot({ layout, description }: { layout: CoverageLayout; description: string }) {
  const bottom = PLOT_FRAME.height - PLOT_FRAME.bottom;
  return (
    <Plot id="plot-coverage" title="Interval coverage over time" description={description}>
      <YAxis axis={layout.y} label="Inside the interval" />
      {layout.nominalY !== null && (
        <line
          class="plot-nominal"
          x1={PLOT_FRAME.left}
          x2={PLOT_FRAME.width - PLOT_FRAME.right}
          y1={layout.nominalY}
          y2={layout.nominalY}
        />
      )}
      <polyline class="plot-line" points={layout.line} />
      <g>
        {layout.dots.map((d) => (
          <circle key={d.period.period} class="dot" cx={d.cx} cy={d.cy} r={3} />
        ))}
      </g>
      <g class="plot-axis">
        <text x={PLOT_FRAME.left} y={bottom + 14} text-anchor="start">
          {layout.first}
        </text>
        <text x={PLOT_FRAME.width - PLOT_FRAME.right} y={bottom + 14} text-anchor="end">
          {layout.last}
        </text>
      </g>
    </Plot>
  );
}

/** Mean forward return of each score decile, the top 10 and the universe, from a zero line. */
export function ReturnBarsPlot({ layout, description }: { layout: BarsLayout; description: string }) {
  const bottom = PLOT_FRAME.height - PLOT_FRAME.bottom;
  return (
    <Plot id="plot-deciles" title="Forward return by score decile" description={description}>
      <YAxis axis={layout.y} label="Mean forward return" />
      {layout.bars.map((b) => (
        <g key={b.label}>
          <rect class={`bar bar-${b.kind}`} x={b.x} y={b.y} width={b.width} height={Math.max(b.height, 0.5)}>
            <title>
              {b.name}: {formatSignedPercent(b.value * 100)} ({b.count})
            </title>
          </rect>
          <text class="plot-axis" x={b.x + b.width / 2} y={bottom + 14} text-anchor="middle">
            {b.label}
          </text>
        </g>
      ))}
      <line
        class="plot-zero"
        x1={PLOT_FRAME.left}
        x2={PLOT_FRAME.width - PLOT_FRAME.right}
        y1={layout.zeroY}
        y2={layout.zeroY}
      />
    </Plot>
  );
}
