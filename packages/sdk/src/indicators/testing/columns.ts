// Test kit: bars as columns, and a reference streaming indicator run over a series.

/** OHLCV bars (as `barSeries()` or `loadReferenceBars()` give them) split into columns. */
export function toColumns(bars: readonly { high: number; low: number; close: number; volume: number }[]): {
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
} {
  return {
    high: bars.map((b) => b.high),
    low: bars.map((b) => b.low),
    close: bars.map((b) => b.close),
    volume: bars.map((b) => b.volume),
  };
}

/** Feeds a reference indicator (e.g. from trading-signals) one input at a time; null → NaN. */
export function runReference<TInput, TResult>(
  reference: { add(input: TInput): TResult | null },
  inputs: readonly TInput[],
  pick: (result: TResult) => number = (result) => Number(result),
): number[] {
  return inputs.map((input) => {
    const result = reference.add(input);
    return result === null || result === undefined ? Number.NaN : pick(result);
  });
}
