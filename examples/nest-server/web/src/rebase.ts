/** A price series to compare: dates ascending, `YYYY-MM-DD`. */
export interface DatedCloses {
  symbol: string;
  points: readonly { date: string; close: number }[];
}

/** A compared series: each close as a percentage of its close on the common start date. */
export interface RebasedSeries {
  symbol: string;
  points: { time: string; value: number }[];
}

/**
 * Rebases each series to 100 on the first date they all have, so that stocks at different prices
 * can be read on one axis as "what 100 invested then became". Dates before that start are left
 * out (one series starting later would otherwise make the others start from different days).
 * Series without the start date in common yield `start: null` and nothing to draw.
 */
export function rebaseTo100(series: readonly DatedCloses[]): {
  start: string | null;
  series: RebasedSeries[];
} {
  if (series.length === 0) return { start: null, series: [] };
  const sets = series.map((s) => new Set(s.points.filter((p) => p.close > 0).map((p) => p.date)));
  const first = series[0] as DatedCloses;
  const start = first.points.find((p) => p.close > 0 && sets.every((set) => set.has(p.date)))?.date ?? null;
  if (start === null) return { start: null, series: series.map((s) => ({ symbol: s.symbol, points: [] })) };
  return {
    start,
    series: series.map((s) => {
      const base = s.points.find((p) => p.date === start)?.close as number;
      return {
        symbol: s.symbol,
        points: s.points
          .filter((p) => p.date >= start)
          .map((p) => ({ time: p.date, value: (100 * p.close) / base })),
      };
    }),
  };
}
