import { decodeNumber, decodeNumbers, encodeNumber, encodeNumbers } from './state.js';

/**
 * Fixed-capacity window of the latest values, O(1) per push, with a one-step undo of the last push
 * so that streaming indicators can `replace` the still-forming bar exactly.
 */
export class RingBuffer {
  private readonly values: Float64Array;
  private head = 0; // slot the next push writes
  private size = 0;
  private evicted = Number.NaN; // value the last push overwrote (NaN if none)
  private lastWasFull = false;

  constructor(readonly capacity: number) {
    this.values = new Float64Array(capacity);
  }

  /** Number of values held (≤ capacity). */
  get length(): number {
    return this.size;
  }

  /** True once `capacity` values are held. */
  get isFull(): boolean {
    return this.size === this.capacity;
  }

  /** Adds a value; returns the value it evicted, or NaN while not yet full. */
  push(value: number): number {
    this.lastWasFull = this.size === this.capacity;
    this.evicted = this.lastWasFull ? (this.values[this.head] as number) : Number.NaN;
    this.values[this.head] = value;
    // A compare, not `%`: an integer division per push was a fifth of a VWMA update.
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (!this.lastWasFull) this.size++;
    return this.evicted;
  }

  /** Reverts the last push (one level only). */
  undoPush(): void {
    this.head = this.head === 0 ? this.capacity - 1 : this.head - 1;
    if (this.lastWasFull) this.values[this.head] = this.evicted;
    else this.size--;
  }

  /** The value `ago` pushes back (0 = newest). */
  get(ago: number): number {
    const slot = this.head - 1 - ago; // ago < capacity: one wrap at most
    return this.values[slot < 0 ? slot + this.capacity : slot] as number;
  }

  /** Oldest value held. */
  oldest(): number {
    return this.get(this.size - 1);
  }

  /** Values oldest first (O(n); for serialisation and rare scans). */
  toArray(): Float64Array {
    const out = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.get(this.size - 1 - i);
    return out;
  }

  /** JSON form, including the undo information. */
  toJSON(): Record<string, unknown> {
    return {
      capacity: this.capacity,
      values: encodeNumbers(this.toArray()),
      evicted: encodeNumber(this.evicted),
      lastWasFull: this.lastWasFull,
    };
  }

  /** Restores a buffer written by {@link RingBuffer.toJSON}. */
  static fromJSON(json: Record<string, unknown>): RingBuffer {
    const buffer = new RingBuffer(Number(json.capacity));
    for (const value of decodeNumbers(json.values)) buffer.push(value);
    buffer.evicted = decodeNumber(json.evicted);
    buffer.lastWasFull = Boolean(json.lastWasFull);
    return buffer;
  }
}
