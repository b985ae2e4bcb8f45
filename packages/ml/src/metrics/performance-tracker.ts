import { InvalidArgumentError } from '@da-ki/sdk';

/** One forecast set against its outcome, in price units. */
export interface PerformanceRecord {
  symbol: string;
  /** Model that made the forecast. Default `ensemble`. */
  model?: string;
  /** Predicted price at the horizon. */
  predicted: number;
  /** Realised price at the horizon. */
  actual: number;
  /** Price when the forecast was made, to judge its direction. */
  reference?: number;
  /** Prediction interval, when there was one. */
  lower?: number;
  upper?: number;
  /** When the forecast was made (epoch ms). */
  timestamp?: number;
}

/** Summary of recorded forecasts. */
export interface PerformanceSummary {
  count: number;
  /** Mean of the concept's accuracy, 1 − |predicted − actual| / actual (negative when off by more than 100 %). */
  meanAccuracy: number;
  /** Median of the same accuracy, robust to a few wild misses. */
  medianAccuracy: number;
  rmse: number;
  mae: number;
  /** Mean |predicted − actual| / actual, a fraction. */
  mape: number;
  /** Share with the right direction among records with a reference price and a move; `null` if none. */
  directionalAccuracy: number | null;
  /** Share of actual prices inside their interval among records with one; `null` if none. */
  coverage: number | null;
}

/**
 * Records predicted against realised prices as they become known and summarises them — the
 * concept's accuracy (1 − |predicted − actual| / actual), RMSE, MAE, MAPE, hit rate and interval
 * coverage — overall, per model or per symbol.
 */
export class ModelPerformanceTracker {
  private readonly list: (PerformanceRecord & { model: string })[] = [];

  /** Adds one forecast with its outcome. Prices must be finite and positive. */
  record(entry: PerformanceRecord): void {
    if (typeof entry.symbol !== 'string' || entry.symbol === '')
      throw new InvalidArgumentError('symbol', 'must be a non-empty string');
    for (const field of ['predicted', 'actual', 'reference', 'lower', 'upper'] as const) {
      const value = entry[field];
      if (value === undefined && field !== 'predicted' && field !== 'actual') continue;
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new InvalidArgumentError(
          field,
          `must be a finite positive price for ${entry.symbol}, got ${value}`,
        );
      }
    }
    if ((entry.lower === undefined) !== (entry.upper === undefined)) {
      throw new InvalidArgumentError('lower', `lower and upper come together (${entry.symbol})`);
    }
    if (entry.lower !== undefined && entry.upper !== undefined && entry.lower > entry.upper) {
      throw new InvalidArgumentError('lower', `is above upper for ${entry.symbol}`);
    }
    this.list.push({ ...entry, model: entry.model ?? 'ensemble' });
  }

  /** Number of records. */
  get size(): number {
    return this.list.length;
  }

  /** Summary of all records, or of those matching `filter`; `null` when none match. */
  summarise(filter: { model?: string; symbol?: string } = {}): PerformanceSummary | null {
    const rows = this.list.filter(
      (r) =>
        (filter.model === undefined || r.model === filter.model) &&
        (filter.symbol === undefined || r.symbol === filter.symbol),
    );
    if (rows.length === 0) return null;
    const accuracies = rows.map((r) => 1 - Math.abs(r.predicted - r.actual) / r.actual).sort((a, b) => a - b);
    const mid = accuracies.length >> 1;
    const median =
      accuracies.length % 2
        ? (accuracies[mid] as number)
        : ((accuracies[mid - 1] as number) + (accuracies[mid] as number)) / 2;
    let ss = 0;
    let abs = 0;
    let pct = 0;
    let called = 0;
    let right = 0;
    let withInterval = 0;
    let inside = 0;
    for (const r of rows) {
      const error = r.predicted - r.actual;
      ss += error * error;
      abs += Math.abs(error);
      pct += Math.abs(error) / r.actual;
      if (r.reference !== undefined) {
        const predictedMove = Math.sign(r.predicted - r.reference);
        const actualMove = Math.sign(r.actual - r.reference);
        if (predictedMove !== 0 && actualMove !== 0) {
          called++;
          if (predictedMove === actualMove) right++;
        }
      }
      if (r.lower !== undefined && r.upper !== undefined) {
        withInterval++;
        if (r.actual >= r.lower && r.actual <= r.upper) inside++;
      }
    }
    const n = rows.length;
    return {
      count: n,
      meanAccuracy: accuracies.reduce((s, a) => s + a, 0) / n,
      medianAccuracy: median,
      rmse: Math.sqrt(ss / n),
      mae: abs / n,
      mape: pct / n,
      directionalAccuracy: called === 0 ? null : right / called,
      coverage: withInterval === 0 ? null : inside / withInterval,
    };
  }

  /** {@link ModelPerformanceTracker.summarise} for each model recorded. */
  summariseByModel(): Record<string, PerformanceSummary> {
    const out: Record<string, PerformanceSummary> = {};
    for (const model of new Set(this.list.map((r) => r.model)))
      out[model] = this.summarise({ model }) as PerformanceSummary;
    return out;
  }

  /** All records, oldest first, as plain objects (for storage). */
  toJSON(): PerformanceRecord[] {
    return this.list.map((r) => ({ ...r }));
  }

  /** A tracker holding `records` (validated like {@link ModelPerformanceTracker.record}). */
  static fromJSON(records: readonly PerformanceRecord[]): ModelPerformanceTracker {
    const tracker = new ModelPerformanceTracker();
    for (const r of records) tracker.record(r);
    return tracker;
  }
}
