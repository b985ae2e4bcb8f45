import { type BarSeries, InvalidArgumentError } from '@da-ki/sdk';

/** Scores of symbols on dates: `scores[d][s]`, `NaN` where a symbol has no score that date. */
export interface ScorePanel {
  /** Score dates (epoch ms), ascending. */
  dates: Float64Array;
  symbols: readonly string[];
  /** One row per date, one column per symbol. */
  scores: readonly Float64Array[];
}

/** Closes of symbols on a shared calendar: `close[s][t]`, `NaN` where a symbol did not trade. */
export interface PricePanel {
  /** Trading dates (epoch ms), ascending. */
  dates: Float64Array;
  symbols: readonly string[];
  /** One column per symbol, aligned with `dates`. */
  close: readonly Float64Array[];
}

/** A price panel from bar series, on the union of their timestamps. */
export function pricePanelFromBars(series: readonly BarSeries[]): PricePanel {
  const all = new Set<number>();
  for (const s of series) for (const t of s.timestamps) all.add(t);
  const dates = Float64Array.from([...all].sort((a, b) => a - b));
  const index = new Map<number, number>();
  dates.forEach((t, i) => {
    index.set(t, i);
  });
  const close = series.map((s) => {
    const column = new Float64Array(dates.length).fill(Number.NaN);
    s.timestamps.forEach((t, i) => {
      column[index.get(t) as number] = s.close[i] as number;
    });
    return column;
  });
  return { dates, symbols: series.map((s) => s.symbol), close };
}

/**
 * A score panel from long-format rows (one per symbol and date), e.g. the ensemble's out-of-fold
 * predictions or the five-factor scores of each rebalance date.
 */
export function scorePanelFromRows(rows: {
  symbols: readonly string[];
  dates: ArrayLike<number>;
  scores: ArrayLike<number>;
}): ScorePanel {
  const n = rows.symbols.length;
  if (rows.dates.length !== n || rows.scores.length !== n) {
    throw new InvalidArgumentError(
      'rows',
      `symbols (${n}), dates (${rows.dates.length}) and scores (${rows.scores.length}) must have one length`,
    );
  }
  const symbols = [...new Set(rows.symbols)].sort();
  const symbolIndex = new Map(symbols.map((s, i) => [s, i]));
  const dates = Float64Array.from(new Set(Array.from(rows.dates))).sort();
  const dateIndex = new Map<number, number>();
  dates.forEach((t, i) => {
    dateIndex.set(t, i);
  });
  const scores = Array.from(dates, () => new Float64Array(symbols.length).fill(Number.NaN));
  for (let i = 0; i < n; i++) {
    const row = scores[dateIndex.get(rows.dates[i] as number) as number] as Float64Array;
    row[symbolIndex.get(rows.symbols[i] as string) as number] = rows.scores[i] as number;
  }
  return { dates, symbols, scores };
}
