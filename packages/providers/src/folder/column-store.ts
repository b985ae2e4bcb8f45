/**
 * Rows per chunk. Fixed and small, so that the thousands of series of a long file each leave at
 * most 255 rows allocated unused (doubling chunks would waste up to half of every series).
 */
const CHUNK = 256;

/** The finished columns of one series, with the file line of every row. */
export interface StoredColumns {
  timestamps: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  lines: Uint32Array;
}

const FIELDS = ['timestamps', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Bars of one series as they stream in, in fixed-size `Float64Array` chunks: no per-bar objects,
 * no `number[]`, and no large array copied on growth, so a long file is held as its numbers
 * (about 52 bytes a bar), not its text.
 */
export class ColumnStore {
  #chunks: Float64Array[][] = FIELDS.map(() => []);
  #lineChunks: Uint32Array[] = [];
  #current: Float64Array[] = [];
  #currentLines: Uint32Array = new Uint32Array(0);
  #offset = 0;
  #length = 0;

  get length(): number {
    return this.#length;
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
    if (this.#offset === this.#currentLines.length) this.#grow();
    const k = this.#offset++;
    const c = this.#current;
    (c[0] as Float64Array)[k] = timestamp;
    (c[1] as Float64Array)[k] = open;
    (c[2] as Float64Array)[k] = high;
    (c[3] as Float64Array)[k] = low;
    (c[4] as Float64Array)[k] = close;
    (c[5] as Float64Array)[k] = volume;
    this.#currentLines[k] = line;
    this.#length++;
  }

  #grow(): void {
    this.#current = FIELDS.map(() => new Float64Array(CHUNK));
    this.#currentLines = new Uint32Array(CHUNK);
    for (const [f, chunk] of this.#current.entries()) this.#chunks[f]?.push(chunk);
    this.#lineChunks.push(this.#currentLines);
    this.#offset = 0;
  }

  /** Concatenates the chunks into one array per field, releasing each field's chunks as it goes. */
  finish(): StoredColumns {
    const n = this.#length;
    const join = <T extends Float64Array | Uint32Array>(chunks: T[], out: T): T => {
      let at = 0;
      for (let k = 0; k < chunks.length; k++) {
        const chunk = chunks[k] as T;
        const take = Math.min(chunk.length, n - at);
        out.set(take === chunk.length ? chunk : (chunk.subarray(0, take) as T), at);
        at += take;
        chunks[k] = undefined as unknown as T; // let the chunk go before the next is copied
      }
      return out;
    };
    const result = {} as StoredColumns;
    FIELDS.forEach((field, f) => {
      result[field] = join(this.#chunks[f] as Float64Array[], new Float64Array(n));
    });
    result.lines = join(this.#lineChunks, new Uint32Array(n));
    this.#chunks = FIELDS.map(() => []);
    this.#lineChunks = [];
    this.#current = [];
    this.#currentLines = new Uint32Array(0);
    this.#offset = 0;
    return result;
  }
}
