import {
  type BarSeries,
  DataValidationError,
  FeatureEngineer,
  type FeatureInput,
  InvalidArgumentError,
  isValidatedBars,
} from '@da-ki/sdk';
import { assertInteger } from '../model/validate.js';
import { type FeatureTable, tableInputs, tableRows } from './feature-table.js';
import { type ModelFeatureName, modelFeatureColumns, PRICE_MODEL_FEATURES } from './model-features.js';

/** One symbol's inputs: its bars and, optionally, fundamentals and sentiment (see `FeatureEngineer`). */
export type UniverseInput = FeatureInput;

/** Options of {@link buildUniverseDataset}. */
export interface UniverseDatasetOptions {
  /** Forecast horizon in bars: the target is the log return from close t to close t + horizon. Default 30. */
  horizon?: number;
  /** Model features, in column order. Default {@link PRICE_MODEL_FEATURES}. */
  features?: readonly ModelFeatureName[];
  /** Feature engineer (its windows). Default `new FeatureEngineer()`. */
  featureEngineer?: FeatureEngineer;
}

/** One symbol's price series within a dataset. */
export interface SymbolSeries {
  symbol: string;
  /** Bar timestamps (epoch ms). */
  timestamps: Float64Array;
  close: Float64Array;
  logClose: Float64Array;
  /** Calendar index (into {@link UniverseDataset.dates}) of every bar. */
  dateIndex: Int32Array;
  /** First dataset row of this symbol; its rows are contiguous and in bar order. */
  firstRow: number;
  /** Number of dataset rows (bars with complete features). */
  rowCount: number;
}

/**
 * Feature rows of a whole universe pooled into one table, as quant platforms train one model
 * across symbols: one row per (symbol, bar) with complete features, its forward log return as
 * target (`NaN` for the last `horizon` bars, whose outcome is not known yet), and the calendar
 * date of the row and of its target, for walk-forward splitting by date.
 */
export class UniverseDataset {
  constructor(
    /** Forecast horizon in bars. */
    readonly horizon: number,
    /** Model feature names, in column order. */
    readonly featureNames: readonly ModelFeatureName[],
    /** The calendar: every bar timestamp of the universe, sorted, unique. */
    readonly dates: Float64Array,
    /** Per-symbol series, in input order. */
    readonly series: readonly SymbolSeries[],
    /** Feature rows in one flat buffer (see {@link FeatureTable}). */
    readonly table: FeatureTable,
    /** Forward log returns; `NaN` where not yet known. */
    readonly y: Float64Array,
    /** Index into {@link UniverseDataset.series} of each row. */
    readonly symbolIndex: Int32Array,
    /** Bar index (within its symbol) of each row. */
    readonly barIndex: Int32Array,
    /** Calendar index of each row. */
    readonly dateIndex: Int32Array,
    /** Calendar index of the bar at which each row's target is realised; −1 when unknown. */
    readonly targetDateIndex: Int32Array,
  ) {}

  /** Number of rows. */
  get size(): number {
    return this.y.length;
  }

  /** Latest calendar index at which some row's target is known; −1 when none is. */
  get lastLabelledDate(): number {
    let last = -1;
    for (let i = 0; i < this.size; i++)
      if (this.targetDateIndex[i] !== -1) last = Math.max(last, this.dateIndex[i] as number);
    return last;
  }

  /**
   * Labelled rows dated in `[start, end)` whose target is realised before `before` (the purge:
   * a training row may not look into the test window through its target).
   */
  trainingRows(start: number, end: number, before: number): number[] {
    const rows: number[] = [];
    for (let i = 0; i < this.size; i++) {
      const d = this.dateIndex[i] as number;
      const target = this.targetDateIndex[i] as number;
      if (d >= start && d < end && target !== -1 && target < before) rows.push(i);
    }
    return rows;
  }

  /** Labelled rows dated in `[start, end)`. */
  labelledRows(start: number, end: number): number[] {
    const rows: number[] = [];
    for (let i = 0; i < this.size; i++) {
      const d = this.dateIndex[i] as number;
      if (d >= start && d < end && this.targetDateIndex[i] !== -1) rows.push(i);
    }
    return rows;
  }

  /** The last row of every symbol that has rows: the rows a live forecast starts from. */
  latestRows(): number[] {
    return this.series.filter((s) => s.rowCount > 0).map((s) => s.firstRow + s.rowCount - 1);
  }

  /** Feature rows of `rows` (views into the table). */
  rows(rows: readonly number[]): Float64Array[] {
    return tableRows(this.table, rows);
  }

  /** Targets of `rows`. */
  targets(rows: readonly number[]): Float64Array {
    return Float64Array.from(rows, (i) => this.y[i] as number);
  }

  /**
   * Model inputs for `rows`: feature rows, or with `timesteps > 0` windows of that many rows of
   * the same symbol (see {@link tableWindows}).
   */
  inputs(rows: readonly number[], timesteps = 0): Float64Array[] {
    return tableInputs(this.table, rows, timesteps);
  }
}

/**
 * Builds the pooled dataset of a universe: features per symbol with `FeatureEngineer`, turned
 * into scale-free model features, rows with complete features kept, targets the forward log
 * returns over `horizon` bars.
 */
export function buildUniverseDataset(
  inputs: readonly UniverseInput[],
  options: UniverseDatasetOptions = {},
): UniverseDataset {
  const horizon = options.horizon ?? 30;
  assertInteger('horizon', horizon, 1);
  const featureNames = [...(options.features ?? PRICE_MODEL_FEATURES)];
  if (featureNames.length === 0) throw new InvalidArgumentError('features', 'must name at least one feature');
  const engineer = options.featureEngineer ?? new FeatureEngineer();
  const seen = new Set<string>();
  for (const input of inputs) {
    const symbol = input.bars.symbol;
    if (seen.has(symbol)) throw new InvalidArgumentError('inputs', `symbol ${symbol} appears twice`);
    seen.add(symbol);
    assertUsableBars(input.bars);
  }
  const dates = calendar(inputs.map((input) => input.bars.timestamps));
  const dateOf = new Map<number, number>();
  dates.forEach((t, i) => {
    dateOf.set(t, i);
  });

  const series: SymbolSeries[] = [];
  const X: Float64Array[] = [];
  const firstRowOf: number[] = [];
  const y: number[] = [];
  const symbolIndex: number[] = [];
  const barIndex: number[] = [];
  const dateIndex: number[] = [];
  const targetDateIndex: number[] = [];
  inputs.forEach((input, s) => {
    const { bars } = input;
    const close = bars.close;
    const n = close.length;
    const frame = engineer.compute(input);
    const columns = modelFeatureColumns(frame, close, featureNames);
    const barDates = Int32Array.from(bars.timestamps, (t) => dateOf.get(t) as number);
    const logClose = Float64Array.from(close, Math.log);
    const firstRow = X.length;
    for (let t = 0; t < n; t++) {
      if (!frame.complete[t]) continue;
      const row = new Float64Array(featureNames.length);
      let finite = true;
      for (let k = 0; k < columns.length; k++) {
        const v = (columns[k] as Float64Array)[t] as number;
        row[k] = v;
        if (!Number.isFinite(v)) finite = false;
      }
      // optional features may be missing for a symbol: such rows cannot feed the models
      if (!finite) continue;
      X.push(row);
      firstRowOf.push(firstRow);
      const known = t + horizon < n;
      y.push(known ? (logClose[t + horizon] as number) - (logClose[t] as number) : Number.NaN);
      symbolIndex.push(s);
      barIndex.push(t);
      dateIndex.push(barDates[t] as number);
      targetDateIndex.push(known ? (barDates[t + horizon] as number) : -1);
    }
    series.push({
      symbol: bars.symbol,
      timestamps: bars.timestamps,
      close,
      logClose,
      dateIndex: barDates,
      firstRow,
      rowCount: X.length - firstRow,
    });
  });
  const width = featureNames.length;
  const flat = new Float64Array(X.length * width);
  X.forEach((row, i) => {
    flat.set(row, i * width);
  });
  return new UniverseDataset(
    horizon,
    featureNames,
    dates,
    series,
    { flat, width, firstRowOf: Int32Array.from(firstRowOf) },
    Float64Array.from(y),
    Int32Array.from(symbolIndex),
    Int32Array.from(barIndex),
    Int32Array.from(dateIndex),
    Int32Array.from(targetDateIndex),
  );
}

/** Checks what the dataset relies on; a series `validateBars` produced is taken as it is. */
function assertUsableBars(bars: BarSeries): void {
  if (isValidatedBars(bars)) return;
  const { symbol, timestamps, close } = bars;
  if (timestamps.length !== close.length) {
    throw new DataValidationError(`has ${close.length} closes for ${timestamps.length} timestamps`, {
      symbol,
      field: 'close',
    });
  }
  for (let i = 0; i < close.length; i++) {
    const c = close[i] as number;
    if (!(Number.isFinite(c) && c > 0))
      throw new DataValidationError('must be a finite positive price', {
        symbol,
        field: 'close',
        index: i,
        value: c,
      });
    if (i > 0 && !((timestamps[i] as number) > (timestamps[i - 1] as number))) {
      throw new DataValidationError('must be strictly increasing', {
        symbol,
        field: 'timestamps',
        index: i,
        value: timestamps[i],
      });
    }
  }
}

function calendar(timestampSets: readonly Float64Array[]): Float64Array {
  const all = new Set<number>();
  for (const set of timestampSets) for (const t of set) all.add(t);
  return Float64Array.from([...all].sort((a, b) => a - b));
}
