import type { Queryable } from '../db/database.js';
import { insertColumns } from '../db/insert-rows.js';
import type { TimeseriesTable } from './timeseries-rows.js';

/** Runs `run` every `ms` until the returned function is called; replaceable so tests drive time. */
export type FlushTimer = (ms: number, run: () => void) => () => void;

/** The wall-clock timer: unref'd, so a pending flush never keeps the process alive. */
export const intervalTimer: FlushTimer = (ms, run) => {
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/** Why points were dropped: the buffer was full, or their insert failed (database down). */
export type DropReason = 'full' | 'failed';

/** Limits and observers of a {@link BatchedWriter}. */
export interface BatchedWriterOptions {
  /** A flush starts this often (default 1 000 ms). */
  flushIntervalMs?: number;
  /** A flush starts as soon as this many points wait, and inserts at most this many per statement (default 1 000). */
  batchSize?: number;
  /** Points buffered at most; further points are dropped until a flush makes room (default 50 000). */
  capacity?: number;
  timer?: FlushTimer;
  onWritten?: (count: number) => void;
  onDropped?: (count: number, reason: DropReason) => void;
  /** A failed insert (its points are counted in `onDropped` as well). */
  onError?: (error: Error) => void;
}

export const DEFAULT_WRITER_LIMITS = { flushIntervalMs: 1_000, batchSize: 1_000, capacity: 50_000 };

/**
 * Buffers points of one time-series table and writes them in multi-row INSERTs. `record` never
 * waits for the database and never throws: a request that records a point is never slowed or failed
 * by the store. The price of that is loss under pressure, and it is counted: points that find the
 * buffer full, and the points of an insert that failed, are reported to `onDropped` (the server
 * counts them in `timeseries_points_dropped_total`). A failed insert is not retried: a database that
 * is down would otherwise have the buffer hold ever older points while new ones are dropped.
 */
export class BatchedWriter<Row extends object> {
  private buffer: Row[] = [];
  private readonly sources: (() => Row[])[] = [];
  private draining: Promise<void> | undefined;
  private cancelTimer: (() => void) | undefined;
  private stopped = false;
  private started = false;
  private readonly limits: typeof DEFAULT_WRITER_LIMITS;

  constructor(
    private readonly db: Queryable,
    readonly table: TimeseriesTable<Row>,
    private readonly options: BatchedWriterOptions = {},
  ) {
    this.limits = {
      flushIntervalMs: options.flushIntervalMs ?? DEFAULT_WRITER_LIMITS.flushIntervalMs,
      batchSize: options.batchSize ?? DEFAULT_WRITER_LIMITS.batchSize,
      capacity: options.capacity ?? DEFAULT_WRITER_LIMITS.capacity,
    };
    for (const [name, value] of Object.entries(this.limits)) {
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`${name}: must be a whole number ≥ 1, got ${value}`);
    }
  }

  /**
   * Starts writing: the periodic flush, and a flush whenever a batch is full. Until then points are
   * only buffered (the server starts its writers once the month's partitions exist).
   */
  start(): void {
    if (this.stopped) return;
    this.started = true;
    this.cancelTimer ??= (this.options.timer ?? intervalTimer)(this.limits.flushIntervalMs, () => {
      void this.flush();
    });
  }

  /**
   * Adds a source of points built up between flushes (aggregates such as user_activity's per-second
   * groups): every flush takes its points first, within the buffer's capacity.
   */
  addSource(pull: () => Row[]): void {
    this.sources.push(pull);
  }

  /** Points waiting for the next flush. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Buffers a point (or drops and counts it when the buffer is full or the writer stopped). */
  record(row: Row): void {
    if (this.stopped || this.buffer.length >= this.limits.capacity) {
      this.options.onDropped?.(1, 'full');
      return;
    }
    this.buffer.push(row);
    if (this.started && this.buffer.length >= this.limits.batchSize && !this.draining) void this.flush();
  }

  /**
   * Writes every buffered point, including those recorded while it runs; one flush at a time (a
   * second call joins the running one). Never rejects: failures are dropped and counted.
   */
  flush(): Promise<void> {
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  /**
   * Removes buffered points that match `predicate` (an erased user's activity) and waits for the
   * insert in progress, so that no matching point is written after this resolves.
   */
  async discard(predicate: (row: Row) => boolean): Promise<void> {
    this.buffer = this.buffer.filter((row) => !predicate(row));
    await this.draining;
    this.buffer = this.buffer.filter((row) => !predicate(row));
  }

  /** Stops the timer and writes what is buffered (shutdown); later points are dropped and counted. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    await this.flush();
    // Left after a failed insert: the database is down and there is no next turn.
    if (this.buffer.length > 0) this.options.onDropped?.(this.buffer.splice(0).length, 'failed');
  }

  private async drain(): Promise<void> {
    for (const pull of this.sources) {
      for (const row of pull()) {
        if (this.buffer.length < this.limits.capacity) this.buffer.push(row);
        else this.options.onDropped?.(1, 'full');
      }
    }
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.limits.batchSize);
      try {
        await this.insert(batch);
        this.options.onWritten?.(batch.length);
      } catch (error) {
        this.options.onDropped?.(batch.length, 'failed');
        this.options.onError?.(error as Error);
        // The rest waits for the next turn: a database that is down is asked once per interval.
        return;
      }
    }
  }

  private async insert(batch: Row[]): Promise<void> {
    try {
      await insertColumns(this.db, this.table.name, this.table.columns, this.table.types, batch);
    } catch (error) {
      // An insert routed to DEFAULT that waited while the partition keeper attached the month's
      // partition fails the DEFAULT's new constraint (SQLSTATE 23514); once more, it is routed anew.
      if ((error as { code?: unknown }).code !== '23514') throw error;
      await insertColumns(this.db, this.table.name, this.table.columns, this.table.types, batch);
    }
  }
}
