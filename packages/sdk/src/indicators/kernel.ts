import { InvalidArgumentError } from '../data/errors.js';
import { decodeNumber, encodeNumber } from './state.js';

// JSON writes −0 as 0; a restored indicator must continue with the very same bits, so −0 is kept
// as the string '-0'.
function encodeNumbers(values: ArrayLike<number>): (number | null | string)[] {
  return Array.from(values, (v) => (Object.is(v, -0) ? '-0' : encodeNumber(v)));
}

function decodeNumbers(values: unknown): Float64Array {
  if (!Array.isArray(values)) throw new InvalidArgumentError('state', 'expected an array of numbers');
  return Float64Array.from(values, (v) => (v === '-0' ? -0 : decodeNumber(v)));
}

/**
 * A piece of an indicator's state with a one-step undo: `mark` before every step remembers what
 * `undo` needs to restore, in O(1), so that a streaming `replace` of the live bar is exact.
 */
export interface StatePart {
  /** Remembers the state before the coming step. */
  mark(): void;
  /** Restores the state remembered by the latest `mark`. */
  undo(): void;
  /** JSON form, including the undo information. */
  toJSON(): unknown;
  /** Loads a state written by `toJSON`. */
  load(json: unknown): void;
}

/** A fixed number of numeric slots, undone by copying them back. */
export class Slots implements StatePart {
  readonly v: Float64Array;
  private readonly saved: Float64Array;

  constructor(size: number, initial = 0) {
    this.v = new Float64Array(size).fill(initial);
    this.saved = new Float64Array(size).fill(initial);
  }

  mark(): void {
    this.saved.set(this.v);
  }

  undo(): void {
    this.v.set(this.saved);
  }

  toJSON(): unknown {
    return [encodeNumbers(this.v), encodeNumbers(this.saved)];
  }

  load(json: unknown): void {
    const [values, saved] = Array.isArray(json) ? json : [];
    const v = decodeNumbers(values);
    const s = decodeNumbers(saved);
    if (v.length !== this.v.length || s.length !== this.v.length)
      throw new InvalidArgumentError('state', 'malformed indicator slots');
    this.v.set(v);
    this.saved.set(s);
  }
}

/**
 * The latest `capacity` values (a ring). At most one push per step; `undo` restores the slot that
 * push overwrote, the head and the size — O(1).
 */
export class Window implements StatePart {
  private readonly values: Float64Array;
  private head = 0; // slot the next push writes
  private size = 0;
  private markedHead = 0;
  private markedSize = 0;
  private markedValue = 0;

  constructor(readonly capacity: number) {
    this.values = new Float64Array(capacity);
  }

  /** Number of values held. */
  get length(): number {
    return this.size;
  }

  /** True once `capacity` values are held. */
  get isFull(): boolean {
    return this.size === this.capacity;
  }

  /** Adds a value; returns the value it evicted, or NaN while the window is filling. */
  push(value: number): number {
    const head = this.head;
    const evicted = this.size === this.capacity ? (this.values[head] as number) : Number.NaN;
    this.values[head] = value;
    this.head = head + 1 === this.capacity ? 0 : head + 1;
    if (this.size < this.capacity) this.size++;
    return evicted;
  }

  /** The value `ago` pushes back (0 = newest); `ago` < length. */
  ago(ago: number): number {
    let slot = this.head - 1 - ago;
    if (slot < 0) slot += this.capacity;
    return this.values[slot] as number;
  }

  mark(): void {
    this.markedHead = this.head;
    this.markedSize = this.size;
    this.markedValue = this.values[this.head] as number;
  }

  undo(): void {
    this.head = this.markedHead;
    this.size = this.markedSize;
    this.values[this.head] = this.markedValue;
  }

  toJSON(): unknown {
    return {
      values: encodeNumbers(this.values),
      cursor: [this.head, this.size, this.markedHead, this.markedSize],
      markedValue: encodeNumbers([this.markedValue]),
    };
  }

  load(json: unknown): void {
    const data = (json ?? {}) as { values?: unknown; cursor?: unknown; markedValue?: unknown };
    const values = decodeNumbers(data.values);
    const cursor = decodeNumbers(data.cursor);
    if (values.length !== this.capacity || cursor.length !== 4)
      throw new InvalidArgumentError('state', 'malformed indicator window');
    this.values.set(values);
    [this.head, this.size, this.markedHead, this.markedSize] = cursor as unknown as [
      number,
      number,
      number,
      number,
    ];
    this.markedValue = decodeNumbers(data.markedValue)[0] as number;
  }
}

/**
 * The state machine of one indicator: `step` consumes one input (up to five numbers: the columns
 * the indicator reads, in its documented order) and writes the outputs into `out`. Batch
 * functions run it over whole columns, streaming classes one input at a time, so both give the
 * very same numbers. All state lives in registered {@link StatePart}s, which gives every kernel
 * an O(1) undo and a JSON form for free.
 */
export abstract class Kernel {
  private readonly parts: StatePart[] = [];
  /** Outputs after the latest step (NaN while not yet defined). */
  readonly out: Float64Array;
  /** Number of inputs consumed, in slot 0. */
  private readonly clock: Slots;

  protected constructor(outputs: number) {
    this.out = this.own(new Slots(outputs, Number.NaN)).v;
    this.clock = this.own(new Slots(1));
  }

  /** Registers a state part (sub-states register their parts through this). */
  own<T extends StatePart>(part: T): T {
    this.parts.push(part);
    return part;
  }

  /** Index of the input being consumed; call once at the start of `step`. */
  protected tick(): number {
    const clock = this.clock.v;
    const index = clock[0] as number;
    clock[0] = index + 1;
    return index;
  }

  /** Consumes one input. */
  abstract step(a: number, b: number, c: number, d: number, e: number): void;

  /** Remembers the whole state before a step. */
  mark(): void {
    for (const part of this.parts) part.mark();
  }

  /** Reverts the latest step. */
  undo(): void {
    for (const part of this.parts) part.undo();
  }

  /** JSON form of every part. */
  toJSON(): unknown[] {
    return this.parts.map((part) => part.toJSON());
  }

  /** Loads a state written by `toJSON` (into a kernel built with the same parameters). */
  load(json: unknown): void {
    if (!Array.isArray(json) || json.length !== this.parts.length)
      throw new InvalidArgumentError('state', 'does not match the indicator parameters');
    this.parts.forEach((part, i) => {
      part.load(json[i]);
    });
  }
}

/**
 * Runs a kernel over whole columns (already validated, of equal `length`) and returns one
 * `Float64Array` per output.
 */
export function runKernel(
  kernel: Kernel,
  columns: readonly ArrayLike<number>[],
  length: number,
): Float64Array[] {
  const outputs = kernel.out.length;
  const result: Float64Array[] = [];
  for (let k = 0; k < outputs; k++) result.push(new Float64Array(length));
  const none = new Float64Array(length);
  const a = columns[0] ?? none;
  const b = columns[1] ?? none;
  const c = columns[2] ?? none;
  const d = columns[3] ?? none;
  const e = columns[4] ?? none;
  const out = kernel.out;
  if (outputs === 1) {
    const only = result[0] as Float64Array;
    for (let i = 0; i < length; i++) {
      kernel.step(a[i] as number, b[i] as number, c[i] as number, d[i] as number, e[i] as number);
      only[i] = out[0] as number;
    }
    return result;
  }
  for (let i = 0; i < length; i++) {
    kernel.step(a[i] as number, b[i] as number, c[i] as number, d[i] as number, e[i] as number);
    for (let k = 0; k < outputs; k++) (result[k] as Float64Array)[i] = out[k] as number;
  }
  return result;
}
