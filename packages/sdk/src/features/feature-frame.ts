import { InvalidArgumentError } from '../data/errors.js';
import type { FeatureName } from './feature-names.js';

/**
 * A columnar table of features for one symbol: one `Float64Array` per feature, aligned with
 * `timestamps`. `complete[i]` is 1 when row `i` has every required feature defined.
 */
export class FeatureFrame {
  constructor(
    /** Symbol the rows belong to. */
    readonly symbol: string,
    /** Bar timestamps (epoch ms), one per row. */
    readonly timestamps: Float64Array,
    /** Feature columns by name, each of `timestamps.length`. */
    readonly columns: Readonly<Record<FeatureName, Float64Array>>,
    /** Column order used by {@link FeatureFrame.toRows}. */
    readonly names: readonly FeatureName[],
    /** 1 where the row's required features are all defined, else 0. */
    readonly complete: Uint8Array,
  ) {}

  /** Number of rows. */
  get length(): number {
    return this.timestamps.length;
  }

  /** Number of complete rows. */
  get completeCount(): number {
    let count = 0;
    for (let i = 0; i < this.complete.length; i++) count += this.complete[i] as number;
    return count;
  }

  /** One column by name. */
  column(name: FeatureName): Float64Array {
    const values = this.columns[name];
    if (!values) throw new InvalidArgumentError('name', `unknown feature "${name}"`);
    return values;
  }

  /** A frame with only the complete rows, as pandas' `dropna` would give. */
  dropIncomplete(): FeatureFrame {
    const keep: number[] = [];
    for (let i = 0; i < this.complete.length; i++) if (this.complete[i]) keep.push(i);
    const pick = (values: Float64Array) => Float64Array.from(keep, (row) => values[row] as number);
    const columns = {} as Record<FeatureName, Float64Array>;
    for (const name of Object.keys(this.columns) as FeatureName[]) columns[name] = pick(this.columns[name]);
    return new FeatureFrame(
      this.symbol,
      pick(this.timestamps),
      columns,
      this.names,
      new Uint8Array(keep.length).fill(1),
    );
  }

  /** Rows as `Float64Array`s in `names` order (or the given subset), for row-based models. */
  toRows(names: readonly FeatureName[] = this.names): Float64Array[] {
    const columns = names.map((name) => this.column(name));
    const rows: Float64Array[] = [];
    for (let i = 0; i < this.length; i++) {
      const row = new Float64Array(columns.length);
      for (let k = 0; k < columns.length; k++) row[k] = (columns[k] as Float64Array)[i] as number;
      rows.push(row);
    }
    return rows;
  }

  /** The last row as a plain object (handy for displays and explanations). */
  latest(): Record<FeatureName, number> {
    const last = this.length - 1;
    const row = {} as Record<FeatureName, number>;
    for (const name of this.names) row[name] = last >= 0 ? (this.columns[name][last] as number) : Number.NaN;
    return row;
  }
}
