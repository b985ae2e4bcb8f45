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

/**
 * How a price or volume is stored in 32 bits when that loses nothing: `encode` returns the
 * integer, or `undefined` when the value has no exact 32-bit form (the chunk's field then falls
 * back to Float64), and `decode(encode(v)) === v` bit for bit whenever `encode` accepts `v`.
 */
interface Codec {
  encode(value: number): number | undefined;
  decode(stored: number): number;
}

/** Positive prices with at most four decimals below 429 497 (e.g. 123.4567 as 1 234 567). */
const priceCodec: Codec = {
  encode: (value) => {
    const units = Math.round(value * PRICE_SCALE);
    // Checked by decoding: the same division as `decode`, so an accepted value comes back exactly.
    return units >= 0 && units <= UINT32_MAX && units / PRICE_SCALE === value ? units : undefined;
  },
  decode: (units) => units / PRICE_SCALE,
};

/** Whole share counts below 4 294 967 296 (not -0, which an integer slot would turn into 0). */
const countCodec: Codec = {
  encode: (value) =>
    Number.isInteger(value) && value >= 0 && value <= UINT32_MAX && !Object.is(value, -0) ? value : undefined,
  decode: (count) => count,
};

const FIELDS = BAR_FIELDS.length;
/** Codecs of fields 1…5 (open, high, low, close, volume); field 0, the timestamp, is stored as day steps. */
const CODECS: readonly Codec[] = BAR_FIELDS.map((field) => (field === 'volume' ? countCodec : priceCodec));
const FIELD_INDEX = new Map<BarField, number>(BAR_FIELDS.map((field, f) => [field, f]));
/** Line numbers are stored as 16-bit steps from the row before (two to a 32-bit slot). */
const LINE_STEP_MAX = 0xffff;
/** Daily timestamps are stored as signed 8-bit steps in days from the row before (four to a slot). */
const DAY_STEP_MIN = -128;
const DAY_STEP_MAX = 127;

/**
 * Where things are in a chunk of `capacity` rows (32-bit slots): open, high, low, close and
 * volume (field f at `(f - 1) * capacity`), then the day steps, then the line steps.
 */
const dayRegion = (capacity: number) => (FIELDS - 1) * capacity;
const lineRegion = (capacity: number) => dayRegion(capacity) + ((capacity + 3) >> 2);
const chunkSlots = (capacity: number) => lineRegion(capacity) + ((capacity + 1) >> 1);

/**
 * The bars of one series, kept compact while a file streams in and afterwards. Rows go into
 * chunks of 256, each ONE `Uint32Array` holding all six fields (field-major) and the rows' file
 * lines, so a series of n bars is n / 256 objects, not 7 n / 256: thousands of series of a long
 * file would otherwise fill the JS heap with array objects. Values are stored exactly in fewer
 * bits where they allow it: prices in 1/10 000 and whole volumes as 32-bit integers, daily
 * timestamps (00:00 UTC) as 8-bit steps in days from the row before (from the chunk's first
 * day), lines as 16-bit steps. A chunk's field that has a value without such a form keeps that
 * field of that chunk in a `Float64Array` (lines: a `Uint32Array`) instead — so storage is
 * lossless, every value decodes to the number pushed, and a daily bar takes 23 bytes instead of
 * 52 as six Float64 fields and a 32-bit line. Readers decode the rows they need
 * ({@link ColumnStore.decode}); nothing is copied into one contiguous array.
 */
export class ColumnStore {
  readonly #chunks: Uint32Array[] = [];
  /** Float64 fields of chunks, by `chunk * FIELDS + field`. */
  readonly #wide = new Map<number, Float64Array>();
  /** The day (since 1970) of each chunk's first row, when its timestamps are day steps. */
  readonly #dayBase: number[] = [];
  /** The line of each chunk's first row. */
  readonly #lineBase: number[] = [];
  /** Absolute lines of chunks whose rows are more than 65 535 lines apart, by chunk. */
  readonly #wideLines = new Map<number, Uint32Array>();
  #current: Uint32Array = new Uint32Array(0);
  #capacity = CHUNK;
  #offset = CHUNK;
  #lastDay = 0;
  #lastLine = 0;
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
    store.finish(true);
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
    if (this.#offset === CHUNK) this.#grow(line);
    const k = this.#offset++;
    this.#putTimestamp(k, timestamp);
    this.#put(1, k, open);
    this.#put(2, k, high);
    this.#put(3, k, low);
    this.#put(4, k, close);
    this.#put(5, k, volume);
    this.#putLine(k, line);
    this.#length++;
  }

  #putTimestamp(k: number, value: number): void {
    const c = this.#chunks.length - 1;
    const wide = this.#wide.size === 0 ? undefined : this.#wide.get(c * FIELDS);
    if (wide) {
      wide[k] = value;
      return;
    }
    const day = value / DAY_MS;
    if (Number.isInteger(day)) {
      if (k === 0) {
        this.#dayBase[c] = day;
        this.#lastDay = day;
        return; // the first row's step is 0, and the chunk starts zeroed
      }
      const step = day - this.#lastDay;
      if (step >= DAY_STEP_MIN && step <= DAY_STEP_MAX) {
        this.#lastDay = day;
        const slot = dayRegion(CHUNK) + (k >> 2);
        this.#current[slot] = ((this.#current[slot] as number) | ((step & 0xff) << ((k & 3) << 3))) >>> 0;
        return;
      }
    }
    // Intraday, or days far apart: this chunk's timestamps are kept as Float64 instead.
    const values = new Float64Array(CHUNK);
    this.#chunkDays(c, k, values);
    values[k] = value;
    this.#wide.set(c * FIELDS, values);
  }

  #put(field: number, k: number, value: number): void {
    const c = this.#chunks.length - 1;
    const wide = this.#wide.size === 0 ? undefined : this.#wide.get(c * FIELDS + field);
    if (wide) {
      wide[k] = value;
      return;
    }
    const codec = CODECS[field] as Codec;
    const stored = codec.encode(value);
    const at = (field - 1) * CHUNK;
    if (stored !== undefined) {
      this.#current[at + k] = stored;
      return;
    }
    // A value without an exact 32-bit form: this field of this chunk is kept as Float64 instead.
    const values = new Float64Array(CHUNK);
    for (let i = 0; i < k; i++) values[i] = codec.decode(this.#current[at + i] as number);
    values[k] = value;
    this.#wide.set(c * FIELDS + field, values);
  }

  #putLine(k: number, line: number): void {
    const c = this.#chunks.length - 1;
    const absolute = this.#wideLines.size === 0 ? undefined : this.#wideLines.get(c);
    const step = line - this.#lastLine;
    this.#lastLine = line;
    if (absolute) {
      absolute[k] = line;
      return;
    }
    if (step >= 0 && step <= LINE_STEP_MAX) {
      const slot = lineRegion(CHUNK) + (k >> 1);
      this.#current[slot] = ((this.#current[slot] as number) | (step << ((k & 1) << 4))) >>> 0;
      return;
    }
    const lines = new Uint32Array(CHUNK);
    this.#chunkLines(c, k, lines);
    lines[k] = line;
    this.#wideLines.set(c, lines);
  }

  #grow(line: number): void {
    if (this.#finished) throw new Error('ColumnStore: push after finish');
    this.#current = new Uint32Array(chunkSlots(CHUNK));
    this.#chunks.push(this.#current);
    this.#dayBase.push(0);
    this.#lineBase.push(line);
    this.#lastLine = line;
    this.#offset = 0;
  }

  /**
   * Ends the series. With `trim`, the last chunk is cut to the rows it holds (a copy). Worth it
   * when series finish one by one (a file per symbol: each copy's garbage is collected long before
   * the next file ends); not for the thousands of series of a long file, which all finish at its
   * end, where the garbage of every copy would add to the peak (up to 255 rows a series are kept
   * unused instead).
   */
  finish(trim: boolean): void {
    if (this.#finished) return;
    this.#finished = true;
    const used = this.#length & CHUNK_MASK;
    const c = this.#chunks.length - 1;
    if (!trim || used === 0 || c < 0) return;
    const full = this.#current;
    const cut = new Uint32Array(chunkSlots(used));
    for (let f = 1; f < FIELDS; f++) {
      cut.set(full.subarray((f - 1) * CHUNK, (f - 1) * CHUNK + used), (f - 1) * used);
    }
    cut.set(full.subarray(dayRegion(CHUNK), dayRegion(CHUNK) + ((used + 3) >> 2)), dayRegion(used));
    cut.set(full.subarray(lineRegion(CHUNK), lineRegion(CHUNK) + ((used + 1) >> 1)), lineRegion(used));
    this.#chunks[c] = cut;
    for (let f = 0; f < FIELDS; f++) {
      const wide = this.#wide.get(c * FIELDS + f);
      if (wide) this.#wide.set(c * FIELDS + f, wide.slice(0, used));
    }
    const lines = this.#wideLines.get(c);
    if (lines) this.#wideLines.set(c, lines.slice(0, used));
    this.#capacity = used;
    this.#current = new Uint32Array(0);
  }

  /** Rows a chunk has room for: 256, except a trimmed series' last chunk. */
  #capacityOf(c: number): number {
    return c === this.#chunks.length - 1 ? this.#capacity : CHUNK;
  }

  /** The timestamp of row `i` (0 ≤ i < length). */
  timestampAt(i: number): number {
    const c = i >> CHUNK_BITS;
    const k = i & CHUNK_MASK;
    const wide = this.#wide.size === 0 ? undefined : this.#wide.get(c * FIELDS);
    if (wide) return wide[k] as number;
    const chunk = this.#chunks[c] as Uint32Array;
    const region = dayRegion(this.#capacityOf(c));
    let day = this.#dayBase[c] as number;
    for (let j = 1; j <= k; j++) day += ((chunk[region + (j >> 2)] as number) << (24 - ((j & 3) << 3))) >> 24;
    return day * DAY_MS;
  }

  /** The timestamps of the first `rows` rows of chunk `c` (stored as day steps), written to `out`. */
  #chunkDays(c: number, rows: number, out: Float64Array, at = 0): void {
    const chunk = this.#chunks[c] as Uint32Array;
    const region = dayRegion(this.#capacityOf(c));
    let day = this.#dayBase[c] as number;
    for (let k = 0; k < rows; k++) {
      // The k-th signed byte: shifted to the top of a 32-bit integer, then back down with its sign.
      day += ((chunk[region + (k >> 2)] as number) << (24 - ((k & 3) << 3))) >> 24;
      out[at + k] = day * DAY_MS;
    }
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
    let at = 0;
    for (let i = start; i < end; ) {
      const c = i >> CHUNK_BITS;
      const from = i & CHUNK_MASK;
      const capacity = this.#capacityOf(c);
      const take = Math.min(capacity - from, end - i);
      const wide = this.#wide.size === 0 ? undefined : this.#wide.get(c * FIELDS + f);
      if (wide) out.set(wide.subarray(from, from + take), at);
      else if (f === 0) {
        if (from === 0) this.#chunkDays(c, take, out, at);
        else for (let k = 0; k < take; k++) out[at + k] = this.timestampAt(i + k);
      } else {
        const chunk = this.#chunks[c] as Uint32Array;
        const base = (f - 1) * capacity + from;
        // The codecs' decode written out (a call per value through the codec table would not be
        // inlined: decoding every symbol's bars for scoring is millions of values).
        if (codec === countCodec) out.set(chunk.subarray(base, base + take), at);
        else for (let k = 0; k < take; k++) out[at + k] = (chunk[base + k] as number) / PRICE_SCALE;
      }
      at += take;
      i += take;
    }
    return out;
  }

  /** The lines of the first `rows` rows of chunk `c`, written to `out`. */
  #chunkLines(c: number, rows: number, out: Uint32Array, at = 0): void {
    const absolute = this.#wideLines.size === 0 ? undefined : this.#wideLines.get(c);
    if (absolute) {
      out.set(absolute.subarray(0, rows), at);
      return;
    }
    const chunk = this.#chunks[c] as Uint32Array;
    const region = lineRegion(this.#capacityOf(c));
    let line = this.#lineBase[c] as number;
    for (let k = 0; k < rows; k++) {
      line += ((chunk[region + (k >> 1)] as number) >>> ((k & 1) << 4)) & LINE_STEP_MAX;
      out[at + k] = line;
    }
  }

  /**
   * Every row decoded into `scratch`'s reusable buffers (views, valid until the next call on the
   * same scratch), with the file line of each row.
   */
  decodeAll(scratch: DecodeScratch): StoredColumns {
    const n = this.#length;
    const columns = scratch.columns(n);
    for (const field of BAR_FIELDS) this.decode(field, 0, n, columns[field]);
    for (let c = 0, at = 0; at < n; c++) {
      const rows = Math.min(this.#capacityOf(c), n - at);
      this.#chunkLines(c, rows, columns.lines, at);
      at += rows;
    }
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
