/** Rows per chunk: large enough that chunk bookkeeping is noise, small enough to waste little. */
const CHUNK = 4096;

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
 * Bars of one series as they stream in, in fixed-size `Float64Array` chunks (no per-bar objects,
 * no doubling that wastes half the memory): a 200 MB file is held as its numbers, not its text.
 */
export class ColumnStore {
  #chunks: Float64Array[][] = FIELDS.map(() => []);
  #lineChunks: Uint32Array[] = [];
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
    const offset = this.#length % CHUNK;
    if (offset === 0) {
      for (const column of this.#chunks) column.push(new Float64Array(CHUNK));
      this.#lineChunks.push(new Uint32Array(CHUNK));
    }
    const k = this.#chunks[0]!.length - 1;
    this.#chunks[0]![k]![offset] = timestamp;
    this.#chunks[1]![k]![offset] = open;
    this.#chunks[2]![k]![offset] = high;
    this.#chunks[3]![k]![offset] = low;
    this.#chunks[4]![k]![offset] = close;
    this.#chunks[5]![k]![offset] = volume;
    this.#lineChunks[k]![offset] = line;
    this.#length++;
  }

  /** Concatenates the chunks into one array per field, releasing each field's chunks as it goes. */
  finish(): StoredColumns {
    const n = this.#length;
    const join = <T extends Float64Array | Uint32Array>(chunks: T[], out: T): T => {
      for (let k = 0; k < chunks.length; k++) {
        const chunk = chunks[k] as T;
        const take = Math.min(CHUNK, n - k * CHUNK);
        out.set(take === CHUNK ? chunk : (chunk.subarray(0, take) as T), k * CHUNK);
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
    return result;
  }
}
