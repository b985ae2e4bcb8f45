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

/**
 * A fixed number of numeric slots of a kernel: a view into the kernel's one slot pool, which the
 * kernel saves and restores as a whole (one short copy per step instead of one per part).
 */
export class Slots {
  readonly v: Float64Array;

  constructor(kernel: Kernel, size: number, initial = 0) {
    this.v = kernel.allocate(size);
    this.v.fill(initial);
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
  get(ago: number): number {
    return this.ago(ago);
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

/** Scalar slots per kernel (the largest kernel uses a few dozen). */
const POOL_SIZE = 64;

/**
 * The state machine of one indicator: `step` consumes one input (up to five numbers: the columns
 * the indicator reads, in its documented order) and writes the outputs into `out`. Batch
 * functions run it over whole columns, streaming classes one input at a time, so both give the
 * very same numbers. All state lives in registered {@link StatePart}s, which gives every kernel
 * an O(1) undo and a JSON form for free.
 */
export abstract class Kernel {
  private readonly parts: StatePart[] = [];
  // All scalar state: slots handed out by `allocate`, saved by `mark` and restored by `undo`.
  private pool = new Float64Array(POOL_SIZE);
  private saved = new Float64Array(POOL_SIZE);
  private used = 0;
  /** Outputs after the latest step (NaN while not yet defined). */
  readonly out: Float64Array;
  /** Number of inputs consumed, in slot 0. */
  private readonly clock: Float64Array;

  protected constructor(outputs: number) {
    this.out = new Slots(this, outputs, Number.NaN).v;
    this.clock = new Slots(this, 1).v;
  }

  /** Hands out `size` slots of the pool (during construction). */
  allocate(size: number): Float64Array {
    if (this.used + size > POOL_SIZE) throw new Error(`indicator kernel needs more than ${POOL_SIZE} slots`);
    const view = this.pool.subarray(this.used, this.used + size);
    this.used += size;
    return view;
  }

  /** Registers a state part (sub-states register their parts through this). */
  own<T extends StatePart>(part: T): T {
    this.parts.push(part);
    return part;
  }

  /** Index of the input being consumed; call once at the start of `step`. */
  protected tick(): number {
    const clock = this.clock;
    const index = clock[0] as number;
    clock[0] = index + 1;
    return index;
  }

  /** Consumes one input. */
  abstract step(a: number, b: number, c: number, d: number, e: number): void;

  /** Remembers the whole state before a step. */
  mark(): void {
    const pool = this.pool;
    const saved = this.saved;
    for (let i = 0; i < this.used; i++) saved[i] = pool[i] as number;
    const parts = this.parts;
    for (let k = 0; k < parts.length; k++) (parts[k] as StatePart).mark();
  }

  /** Reverts the latest step. */
  undo(): void {
    const pool = this.pool;
    const saved = this.saved;
    for (let i = 0; i < this.used; i++) pool[i] = saved[i] as number;
    const parts = this.parts;
    for (let k = 0; k < parts.length; k++) (parts[k] as StatePart).undo();
  }

  /** JSON form: the slot pool with its saved copy, then every part. */
  toJSON(): unknown[] {
    const slots = [
      encodeNumbers(this.pool.subarray(0, this.used)),
      encodeNumbers(this.saved.subarray(0, this.used)),
    ];
    return [slots, ...this.parts.map((part) => part.toJSON())];
  }

  /** Loads a state written by `toJSON` (into a kernel built with the same parameters). */
  load(json: unknown): void {
    if (!Array.isArray(json) || json.length !== this.parts.length + 1)
      throw new InvalidArgumentError('state', 'does not match the indicator parameters');
    const [slots, ...parts] = json as [unknown, ...unknown[]];
    const [values, saved] = Array.isArray(slots) ? slots : [];
    const v = decodeNumbers(values);
    const s = decodeNumbers(saved);
    if (v.length !== this.used || s.length !== this.used)
      throw new InvalidArgumentError('state', 'malformed indicator slots');
    this.pool.set(v);
    this.saved.set(s);
    this.parts.forEach((part, i) => {
      part.load(parts[i]);
    });
  }
}

/**
 * Runs a kernel over whole columns (already validated, of equal `length`) and returns one
 * `Float64Array` per output: the caller's column where `into` has one (checked by
 * {@link checkedOutputs}; every slot is written), a new one otherwise.
 */
export function runKernel(
  kernel: Kernel,
  columns: readonly ArrayLike<number>[],
  length: number,
  into: readonly (Float64Array | undefined)[] = [],
): Float64Array[] {
  const outputs = kernel.out.length;
  const result: Float64Array[] = [];
  for (let k = 0; k < outputs; k++) result.push(into[k] ?? new Float64Array(length));
  const none = new Float64Array(0);
  const [a = none, b = none, c = none, d = none] = columns;
  const out = kernel.out;
  const first = result[0] as Float64Array;
  // One loop per number of columns (no loop reads a column it does not have), each with a
  // single-output fast path.
  switch (columns.length) {
    case 1:
      for (let i = 0; i < length; i++) {
        kernel.step(a[i] as number, 0, 0, 0, 0);
        if (outputs === 1) first[i] = out[0] as number;
        else for (let k = 0; k < outputs; k++) (result[k] as Float64Array)[i] = out[k] as number;
      }
      break;
    case 2:
      for (let i = 0; i < length; i++) {
        kernel.step(a[i] as number, b[i] as number, 0, 0, 0);
        if (outputs === 1) first[i] = out[0] as number;
        else for (let k = 0; k < outputs; k++) (result[k] as Float64Array)[i] = out[k] as number;
      }
      break;
    case 3:
      for (let i = 0; i < length; i++) {
        kernel.step(a[i] as number, b[i] as number, c[i] as number, 0, 0);
        if (outputs === 1) first[i] = out[0] as number;
        else for (let k = 0; k < outputs; k++) (result[k] as Float64Array)[i] = out[k] as number;
      }
      break;
    default:
      for (let i = 0; i < length; i++) {
        kernel.step(a[i] as number, b[i] as number, c[i] as number, d[i] as number, 0);
        if (outputs === 1) first[i] = out[0] as number;
        else for (let k = 0; k < outputs; k++) (result[k] as Float64Array)[i] = out[k] as number;
      }
  }
  return result;
}
