import { BAR_FIELDS, type BarField } from '@da-ki/sdk';

const DAY_MS = 86_400_000;
/** Prices are kept as whole multiples of 1/10 000 when that is exact (most files quote 2–4 decimals). */
const PRICE_SCALE = 10_000;
const UINT32_MAX = 0xffff_ffff;

/**
 * Rows per chunk (a power of two, so a row's chunk is a shift away). Fixed and small, so that the
 * thousands of series of a long file each leave at most 255 rows allocated unused (doubling
 * chunks would waste up to half of every series).
 */
const CHUNK_BITS = 8;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

/** The columns of one series decoded into plain arrays, with the file line of every row. */
export interface StoredColumns {
  timestamps: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  lines: Uint32Array;
}

type Chunk = Int32Array | Uint32Array | Float64Array;

/**
 * How one field is stored in 32 bits when that loses nothing: `encode` returns the integer, or
 * `undefined` when the value has no exact 32-bit form (the chunk then falls back to Float64),
 * and `decode(encode(v)) === v` bit for bit whenever `encode` accepts `v`.
 */
interface Codec {
  make(length: number): Int32Array | Uint32Array;
  encode(value: number): number | undefined;
  decode(stored: number): number;
}

/** Daily bars are stamped at 00:00 UTC: whole days since 1970 (intraday stamps fall back). */
const dayCodec: Codec = {
  make: (length) => new Int32Array(length),
  encode: (value) => {
    const days = value / DAY_MS;
    return Number.isInteger(days) && days >= -2_147_483_648 && days <= 2_147_483_647 ? days : undefined;
  },
  decode: (days) => days * DAY_MS,
};

/** Positive prices with at most four decimals below 429 497 (e.g. 123.4567 as 1 234 567). */
const priceCodec: Codec = {
  make: (length) => new Uint32Array(length),
  encode: (value) => {
    const units = Math.round(value * PRICE_SCALE);
    // Checked by decoding: the same division as `decode`, so an accepted value comes back exactly.
    return units >= 0 && units <= UINT32_MAX && units / PRICE_SCALE === value ? units : undefined;
  },
  decode: (units) => units / PRICE_SCALE,
};

/** Whole share counts below 4 294 967 296. */
const countCodec: Codec = {
  make: (length) => new Uint32Array(length),
  encode: (value) => (Number.isInteger(value) && value >= 0 && value <= UINT32_MAX ? value : undefined),
  decode: (count) => count,
};

const CODECS: readonly Codec[] = BAR_FIELDS.map((field) =>
  field === 'timestamps' ? dayCodec : field === 'volume' ? countCodec : priceCodec,
);
const FIELD_INDEX = new Map<BarField, number>(BAR_FIELDS.map((field, f) => [field, f]));

/**
 * The bars of one series, kept compact while a file streams in and afterwards: fixed-size chunks
 * per field, each a 32-bit integer array where every value of the chunk has an exact 32-bit
 * form (daily timestamps as days, prices in 1/10 000, whole volumes) and a `Float64Array`
 * otherwise — about 24 bytes a daily bar instead of 48, and lossless: every value decodes to the
 * number that was pushed. No per-bar objects, no array copied on growth, and no contiguous copy
 * made at the end: readers decode the rows they need ({@link ColumnStore.decode}). The file line
 * of each row is kept (4 bytes a row) until {@link ColumnStore.dropLines}, for issue messages.
 */
export class ColumnStore {
  readonly #chunks: Chunk[][] = BAR_FIELDS.map(() => []);
  #lineChunks: Uint32Array[] = [];
  #current: Chunk[] = [];
  #currentLines: Uint32Array = new Uint32Array(0);
  #offset = CHUNK;
  #length = 0;
  #finished = false;

  /** Rows stored. */
  get length(): number {
    return this.#length;
  }

  /** A store holding decoded columns (e.g. a series put in time order), lines included. */
  static of(columns: StoredColumns): ColumnStore {
    const store = new ColumnStore();
    const { timestamps, open, high, low, close, volume, lines } = columns;
    for (let i = 0; i < timestamps.length; i++) {
      store.push(
        timestamps[i] as number,
        open[i] as number,
        high[i] as number,
        low[i] as number,
        close[i] as number,
        volume[i] as number,
        lines[i] as number,
      );
    }
    store.finish();
    return store;
  }

  push(
    timestamp: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    line: number,
  ): void {
    if (this.#offset === CHUNK) this.#grow();
    const k = this.#offset++;
    this.#put(0, k, timestamp);
    this.#put(1, k, open);
    this.#put(2, k, high);
    this.#put(3, k, low);
    this.#put(4, k, close);
    this.#put(5, k, volume);
    this.#currentLines[k] = line;
    this.#length++;
  }

  #put(field: number, k: number, value: number): void {
    const chunk = this.#current[field] as Chunk;
    if (chunk instanceof Float64Array) {
      chunk[k] = value;
      return;
    }
    const codec = CODECS[field] as Codec;
    const stored = codec.encode(value);
    if (stored !== undefined) {
      chunk[k] = stored;
      return;
    }
    // A value without an exact 32-bit form: this chunk of this field is kept as Float64 instead.
    const wide = new Float64Array(chunk.length);
    for (let i = 0; i < k; i++) wide[i] = codec.decode(chunk[i] as number);
    wide[k] = value;
    this.#current[field] = wide;
    const chunks = this.#chunks[field] as Chunk[];
    chunks[chunks.length - 1] = wide;
  }

  #grow(): void {
    if (this.#finished) throw new Error('ColumnStore: push after finish');
    this.#current = CODECS.map((codec) => codec.make(CHUNK));
    this.#currentLines = new Uint32Array(CHUNK);
    for (const [f, chunk] of this.#current.entries()) this.#chunks[f]?.push(chunk);
    this.#lineChunks.push(this.#currentLines);
    this.#offset = 0;
  }

  /** Ends the series: the last chunk is cut to the rows it holds, so no slack stays allocated. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    const used = this.#length & CHUNK_MASK;
    if (used === 0) return;
    for (const chunks of this.#chunks) {
      const last = chunks.length - 1;
      chunks[last] = (chunks[last] as Chunk).slice(0, used);
    }
    const last = this.#lineChunks.length - 1;
    if (last >= 0) this.#lineChunks[last] = (this.#lineChunks[last] as Uint32Array).slice(0, used);
    this.#current = [];
    this.#currentLines = new Uint32Array(0);
  }

  /** Releases the file lines once no message needs them any more. */
  dropLines(): void {
    this.#lineChunks = [];
  }

  /** The timestamp of row `i` (0 ≤ i < length). */
  timestampAt(i: number): number {
    return this.#valueAt(0, i);
  }

  #valueAt(field: number, i: number): number {
    const chunk = (this.#chunks[field] as Chunk[])[i >> CHUNK_BITS] as Chunk;
    const stored = chunk[i & CHUNK_MASK] as number;
    return chunk instanceof Float64Array ? stored : (CODECS[field] as Codec).decode(stored);
  }

  /** Rows `[start, end)` of one field as numbers, written to `out` (default: a new array). */
  decode(
    field: BarField,
    start: number,
    end: number,
    out: Float64Array = new Float64Array(end - start),
  ): Float64Array {
    const f = FIELD_INDEX.get(field) as number;
    const codec = CODECS[f] as Codec;
    const chunks = this.#chunks[f] as Chunk[];
    let at = 0;
    for (let i = start; i < end; ) {
      const chunk = chunks[i >> CHUNK_BITS] as Chunk;
      const from = i & CHUNK_MASK;
      const take = Math.min(chunk.length - from, end - i);
      if (chunk instanceof Float64Array) out.set(chunk.subarray(from, from + take), at);
      else for (let k = 0; k < take; k++) out[at + k] = codec.decode(chunk[from + k] as number);
      at += take;
      i += take;
    }
    return out;
  }

  /**
   * Every row decoded into `scratch`'s reusable buffers (views, valid until the next call on the
   * same scratch). Lines must not have been dropped.
   */
  decodeAll(scratch: DecodeScratch): StoredColumns {
    const n = this.#length;
    const columns = scratch.columns(n);
    for (const field of BAR_FIELDS) this.decode(field, 0, n, columns[field]);
    let at = 0;
    for (const chunk of this.#lineChunks) {
      const take = Math.min(chunk.length, n - at);
      columns.lines.set(take === chunk.length ? chunk : chunk.subarray(0, take), at);
      at += take;
    }
    if (at !== n) throw new Error('ColumnStore: lines were dropped');
    return columns;
  }
}

/**
 * Buffers to decode one series at a time into, grown to the longest series and reused, so that
 * checking thousands of series allocates nothing per series.
 */
export class DecodeScratch {
  #fields: Float64Array[] = BAR_FIELDS.map(() => new Float64Array(0));
  #lines = new Uint32Array(0);

  /** Views of `n` rows of each buffer. */
  columns(n: number): StoredColumns {
    if (this.#lines.length < n) {
      const size = Math.max(n, this.#lines.length * 2);
      this.#fields = BAR_FIELDS.map(() => new Float64Array(size));
      this.#lines = new Uint32Array(size);
    }
    const view = (f: number) => (this.#fields[f] as Float64Array).subarray(0, n);
    return {
      timestamps: view(0),
      open: view(1),
      high: view(2),
      low: view(3),
      close: view(4),
      volume: view(5),
      lines: this.#lines.subarray(0, n),
    };
  }
}
