/** A linear map from data values to pixels, with the inverse for reading a pointer position back. */
export interface LinearScale {
  (value: number): number;
  invert(pixel: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

/**
 * The linear scale taking `domain` onto `range` (either may run backwards: SVG's y grows downwards).
 * A domain of zero width maps everything to the middle of the range rather than dividing by zero.
 */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const width = d1 - d0;
  const scale = ((value: number) =>
    width === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / width) * (r1 - r0)) as LinearScale;
  scale.invert = (pixel: number) => (r1 === r0 ? d0 : d0 + ((pixel - r0) / (r1 - r0)) * width);
  Object.defineProperty(scale, 'domain', { value: [d0, d1] });
  Object.defineProperty(scale, 'range', { value: [r0, r1] });
  return scale;
}

/** Spans narrower than this (relative to the values) are drawn as one value: no step could divide them. */
const NARROWEST = 1e-9;

function tooNarrow(min: number, max: number): boolean {
  return max - min <= NARROWEST * Math.max(1, Math.abs(min), Math.abs(max));
}

/** The step of "nice" ticks (1, 2 or 5 times a power of ten) giving about `count` ticks over `span`. */
function tickStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  // The thresholds are the geometric means of neighbouring steps (√50, √10, √2), as in d3's ticks.
  return (fraction >= 7.07 ? 10 : fraction >= 3.16 ? 5 : fraction >= 1.41 ? 2 : 1) * power;
}

/**
 * Round tick values inside `[min, max]`, evenly spaced by 1, 2 or 5 times a power of ten, about `count`
 * of them. Values are rounded to the step's decimals, so `0.30000000000000004` reads as `0.3`.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min > max) [min, max] = [max, min];
  if (tooNarrow(min, max)) return [min];
  const step = tickStep(max - min, count);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: number[] = [];
  for (let i = Math.ceil(min / step); i * step <= max + step * 1e-9; i++) {
    ticks.push(Number((i * step).toFixed(decimals)));
  }
  return ticks;
}

/**
 * The domain to draw `values` on: their range widened to nice steps on both sides and to include every
 * value in `include` (a zero line, a nominal level). half the value (at least 0.01) either side of a single value, `null` for no values.
 */
export function paddedDomain(
  values: readonly number[],
  include: readonly number[] = [],
  count = 5,
): [number, number] | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of [...values, ...include]) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Number.POSITIVE_INFINITY) return null;
  if (tooNarrow(min, max)) {
    const pad = Math.max(Math.abs(min) * 0.5, 0.01);
    return [min - pad, max + pad];
  }
  const step = tickStep(max - min, count);
  return [Math.floor(min / step) * step, Math.ceil(max / step) * step];
}
