import { type LinearScale, linearScale, niceTicks, paddedDomain } from './plot-scales.js';

/** The drawing area of a plot inside its SVG view box: room for the axes' labels around it. */
export interface PlotFrame {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The frame the track record's plots use (view box units; the SVG scales to its box). */
export const PLOT_FRAME: PlotFrame = { width: 480, height: 300, top: 12, right: 12, bottom: 36, left: 52 };

/** An axis: its scale and the ticks to label. */
export interface Axis {
  scale: LinearScale;
  ticks: number[];
}

function axes(frame: PlotFrame, xDomain: [number, number], yDomain: [number, number]): { x: Axis; y: Axis } {
  const x = linearScale(xDomain, [frame.left, frame.width - frame.right]);
  const y = linearScale(yDomain, [frame.height - frame.bottom, frame.top]);
  return { x: { scale: x, ticks: niceTicks(...xDomain) }, y: { scale: y, ticks: niceTicks(...yDomain) } };
}

/** A forecast against what happened, as fractions (0.05 = +5 %). */
export interface PredictedRealised {
  predicted: number;
  realised: number;
  /** Outcome inside the forecast's prediction interval (`null`: no interval). */
  inside: boolean | null;
}

/** The scatter of forecasts: dots, both axes on one domain so the diagonal is "predicted = realised". */
export interface ScatterLayout {
  x: Axis;
  y: Axis;
  dots: { cx: number; cy: number; inside: boolean | null }[];
  /** The line of perfect forecasts, from one corner of the shared domain to the other. */
  diagonal: { x1: number; y1: number; x2: number; y2: number };
}

/**
 * Dots of predicted (x) against realised (y) returns. Both axes share one domain (the union of the
 * two ranges and 0) so that a perfect forecast lies on the diagonal and over- and under-forecasts are
 * read off at once; non-finite pairs are left out. `null` when there is nothing to draw.
 */
export function scatterLayout(
  points: readonly PredictedRealised[],
  frame: PlotFrame = PLOT_FRAME,
): ScatterLayout | null {
  const finite = points.filter((p) => Number.isFinite(p.predicted) && Number.isFinite(p.realised));
  const domain = paddedDomain(
    finite.flatMap((p) => [p.predicted, p.realised]),
    [0],
  );
  if (!domain || finite.length === 0) return null;
  const { x, y } = axes(frame, domain, domain);
  return {
    x,
    y,
    dots: finite.map((p) => ({ cx: x.scale(p.predicted), cy: y.scale(p.realised), inside: p.inside })),
    diagonal: {
      x1: x.scale(domain[0]),
      y1: y.scale(domain[0]),
      x2: x.scale(domain[1]),
      y2: y.scale(domain[1]),
    },
  };
}

/** The share of outcomes inside their interval over one period. */
export interface CoveragePeriod {
  /** Start of the period, `YYYY-MM-DD`. */
  period: string;
  /** Share of evaluated forecasts inside their interval, 0–1. */
  coverage: number;
  count: number;
}

/** Coverage over time as a line against the nominal level. */
export interface CoverageLayout {
  x: Axis;
  y: Axis;
  /** The SVG polyline's `points`. */
  line: string;
  dots: { cx: number; cy: number; period: CoveragePeriod }[];
  /** The y of the nominal level's rule (`null`: no level known). */
  nominalY: number | null;
  /** Labels of the first and last period under the x axis. */
  first: string;
  last: string;
}

/**
 * Periods in date order, evenly spaced along x (by index: the periods are months or weeks, and a gap
 * in the data should not look like a trend), coverage on a 0–100 % axis with the nominal level drawn
 * as a rule. `null` when there are no periods.
 */
export function coverageLayout(
  periods: readonly CoveragePeriod[],
  nominal: number | null,
  frame: PlotFrame = PLOT_FRAME,
): CoverageLayout | null {
  const ordered = periods
    .filter((p) => Number.isFinite(p.coverage))
    .slice()
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  if (!first || !last) return null;
  const x = linearScale(
    [0, Math.max(1, ordered.length - 1)],
    [frame.left + 8, frame.width - frame.right - 8],
  );
  const y = linearScale([0, 1], [frame.height - frame.bottom, frame.top]);
  const dots = ordered.map((period, i) => ({
    cx: ordered.length === 1 ? (frame.left + frame.width - frame.right) / 2 : x(i),
    cy: y(Math.min(1, Math.max(0, period.coverage))),
    period,
  }));
  return {
    x: { scale: x, ticks: [] },
    y: { scale: y, ticks: [0, 0.25, 0.5, 0.75, 1] },
    line: dots.map((d) => `${round(d.cx)},${round(d.cy)}`).join(' '),
    dots,
    nominalY: nominal !== null && Number.isFinite(nominal) ? y(Math.min(1, Math.max(0, nominal))) : null,
    first: first.period,
    last: last.period,
  };
}

/** A bar of the decile plot: a group's mean forward return (a fraction). */
export interface ReturnBar {
  label: string;
  /** Screen-reader and tooltip name: `Decile 10 (best scores)`. */
  name: string;
  value: number;
  count: number;
  kind: 'decile' | 'top10' | 'universe';
}

/** Bars placed on a value axis that always shows zero, negative bars hanging below it. */
export interface BarsLayout {
  y: Axis;
  zeroY: number;
  bars: (ReturnBar & { x: number; y: number; width: number; height: number })[];
}

/**
 * Bars side by side, left to right in the given order, from the zero line up (positive) or down
 * (negative); their height is proportional to the value. Non-finite values are left out. `null` when
 * nothing remains.
 */
export function barsLayout(items: readonly ReturnBar[], frame: PlotFrame = PLOT_FRAME): BarsLayout | null {
  const finite = items.filter((b) => Number.isFinite(b.value));
  const domain = paddedDomain(
    finite.map((b) => b.value),
    [0],
  );
  if (!domain || finite.length === 0) return null;
  const y = linearScale(domain, [frame.height - frame.bottom, frame.top]);
  const slot = (frame.width - frame.left - frame.right) / finite.length;
  const zeroY = y(0);
  return {
    y: { scale: y, ticks: niceTicks(...domain) },
    zeroY,
    bars: finite.map((bar, i) => {
      const top = Math.min(zeroY, y(bar.value));
      return {
        ...bar,
        x: frame.left + i * slot + slot * 0.15,
        y: top,
        width: slot * 0.7,
        height: Math.abs(y(bar.value) - zeroY),
      };
    }),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
