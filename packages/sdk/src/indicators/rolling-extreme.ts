import { RingBuffer } from './ring-buffer.js';

/** Which extreme a {@link RollingExtreme} tracks. */
export type ExtremeKind = 'max' | 'min';

/**
 * Highest or lowest of the last `period` values in amortised O(1) per push: a monotonic deque
 * keeps only the values that can still become the extreme (each value enters and leaves it once),
 * the front is the answer. `undoPush` rebuilds the deque from the window in O(period), which keeps
 * `replace` of the live bar exact; only the window needs serialising.
 */
export class RollingExtreme {
  private window: RingBuffer;
  // Circular deque of candidates: absolute push index and value, front = current extreme.
  private readonly dequeIndex: Float64Array;
  private readonly dequeValue: Float64Array;
  private front = 0;
  private size = 0;
  private pushes = 0;
  private readonly isMax: boolean;

  constructor(
    readonly period: number,
    readonly kind: ExtremeKind,
  ) {
    this.isMax = kind === 'max';
    this.window = new RingBuffer(period);
    this.dequeIndex = new Float64Array(period);
    this.dequeValue = new Float64Array(period);
  }

  /** The extreme of the values held (NaN before the first push). */
  get value(): number {
    return this.size === 0 ? Number.NaN : (this.dequeValue[this.front] as number);
  }

  /** Pushes since the start, counting from 1 (the newest value has push index `pushCount − 1`). */
  get pushCount(): number {
    return this.pushes;
  }

  /** Push index (0-based) of the extreme; on ties the newest value (NaN before the first push). */
  get extremeIndex(): number {
    return this.size === 0 ? Number.NaN : (this.dequeIndex[this.front] as number);
  }

  /** Adds a value, evicting the oldest once `period` are held; returns the new extreme. */
  push(value: number): number {
    this.window.push(value);
    this.enqueue(this.pushes++, value);
    return this.value;
  }

  /** Reverts the last push (one level only), in O(period). */
  undoPush(): void {
    this.window.undoPush();
    this.pushes--;
    this.rebuild();
  }

  private enqueue(index: number, value: number): void {
    const capacity = this.period;
    const values = this.dequeValue;
    let front = this.front;
    let size = this.size;
    // Drop the front once it has left the window, then every candidate the new value dominates
    // (ties: the newer value stays longer, so the older one is no longer needed).
    if (size > 0 && (this.dequeIndex[front] as number) <= index - capacity) {
      front = front + 1 === capacity ? 0 : front + 1;
      size--;
    }
    while (size > 0) {
      let back = front + size - 1;
      if (back >= capacity) back -= capacity;
      const candidate = values[back] as number;
      if (this.isMax ? candidate > value : candidate < value) break;
      size--;
    }
    let slot = front + size;
    if (slot >= capacity) slot -= capacity;
    this.dequeIndex[slot] = index;
    values[slot] = value;
    this.front = front;
    this.size = size + 1;
  }

  private rebuild(): void {
    this.front = 0;
    this.size = 0;
    const held = this.window.length;
    for (let ago = held - 1; ago >= 0; ago--) this.enqueue(this.pushes - 1 - ago, this.window.get(ago));
  }

  /** JSON form (the window with its undo information; the deque is rebuilt from it). */
  toJSON(): Record<string, unknown> {
    return { kind: this.kind, pushes: this.pushes, window: this.window.toJSON() };
  }

  /** Restores an extreme written by {@link RollingExtreme.toJSON}. */
  static fromJSON(json: Record<string, unknown>): RollingExtreme {
    const window = RingBuffer.fromJSON(json.window as Record<string, unknown>);
    const extreme = new RollingExtreme(window.capacity, json.kind === 'min' ? 'min' : 'max');
    extreme.window = window;
    extreme.pushes = Number(json.pushes);
    extreme.rebuild();
    return extreme;
  }
}

/**
 * Batch form of {@link RollingExtreme} over `inputs[start..]`: `out[i]` is the highest (or lowest)
 * of `inputs[max(start, i − period + 1) .. i]` — of fewer values at first, as `push` returns — by
 * the same monotonic deque, over the array itself (no ring, no undo); NaN before `start`. When
 * `indices` is given, `indices[i]` receives the index in `inputs` of that extreme (ties: the
 * newest), −1 before `start`. Every slot of `values` (and `indices`) is written, so either may be
 * a recycled column. A property test holds it to `RollingExtreme`.
 */
export function windowExtremes(
  inputs: ArrayLike<number>,
  period: number,
  kind: ExtremeKind,
  start = 0,
  indices?: Int32Array,
  values: Float64Array = new Float64Array(inputs.length),
): Float64Array {
  const n = inputs.length;
  const first = Math.min(Math.max(start, 0), n);
  values.fill(Number.NaN, 0, first);
  indices?.fill(-1, 0, first);
  // Candidates' indices, front to back; the deque never holds more than `period`.
  const deque = new Int32Array(period);
  let front = 0;
  let size = 0;
  const isMax = kind === 'max';
  for (let i = start; i < n; i++) {
    const value = inputs[i] as number;
    if (size > 0 && (deque[front] as number) <= i - period) {
      front = front + 1 === period ? 0 : front + 1;
      size--;
    }
    while (size > 0) {
      let back = front + size - 1;
      if (back >= period) back -= period;
      const candidate = inputs[deque[back] as number] as number;
      if (isMax ? candidate > value : candidate < value) break;
      size--;
    }
    let slot = front + size;
    if (slot >= period) slot -= period;
    deque[slot] = i;
    size++;
    const best = deque[front] as number;
    if (indices !== undefined) indices[i] = best;
    values[i] = inputs[best] as number;
  }
  return values;
}
