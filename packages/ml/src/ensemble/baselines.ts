/** Names of the naive baselines every report sets the models beside. */
export const BASELINE_NAMES = ['baseline:zero', 'baseline:drift', 'baseline:mean'] as const;

/** Name of one naive baseline. */
export type BaselineName = (typeof BASELINE_NAMES)[number];

/**
 * Drift forecast of the log return over `horizon` bars: the average one-bar log return over bars
 * `[start, end)` times the horizon — a random walk with drift (Hyndman & Athanasopoulos, *FPP3*
 * §5.2). 0 when the window has fewer than two bars.
 */
export function driftForecast(logClose: Float64Array, start: number, end: number, horizon: number): number {
  if (end - start < 2) return 0;
  return (((logClose[end - 1] as number) - (logClose[start] as number)) / (end - 1 - start)) * horizon;
}

/** Mean of `values` (0 for none): the historical-mean baseline over the training targets. */
export function meanOf(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}
