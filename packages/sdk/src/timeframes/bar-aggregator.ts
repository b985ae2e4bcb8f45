import { InvalidArgumentError } from '../data/errors.js';
import type { Bar } from '../data/schemas.js';
import { decodeNumber, encodeNumber } from '../indicators/state.js';
import { checkFiniteInput } from '../indicators/streaming.js';
import { assertTimeframe, bucketOf, type Timeframe } from './timeframe.js';

/** What one finer bar did to the longer bars. */
export interface AggregatedBar {
  /** The longer bar holding the new finer bar, as it stands now (still forming). */
  bar: Bar;
  /**
   * True when the finer bar opened a new longer bar: feed `bar` to an indicator with `update`.
   * False when it extended the forming one: feed it with `replace` (the forming bar changed).
   */
  isNew: boolean;
  /** The longer bar that the finer bar closed (only when `isNew`, and not on the first bar). */
  completed?: Bar;
}

/**
 * Streaming {@link resampleBars}: finer bars in (daily, minute…), the longer bar they build out,
 * with the same numbers as the batch function. `replace` revises the latest finer bar (the one
 * still forming) and leaves exactly the state an add-only stream ending in the new bar would have.
 *
 * To run any indicator on weekly bars from daily ones: `isNew ? ind.update(bar.close) :
 * ind.replace(bar.close)` after `update`, and `ind.replace(bar.close)` after `replace`.
 */
export class BarAggregator {
  private formingBar: Bar | undefined;
  private bucketEnd = Number.NEGATIVE_INFINITY;
  private lastTimestamp = Number.NEGATIVE_INFINITY;
  private updates = 0;
  // Undo of the latest update: the state before it.
  private previous: { bar: Bar | undefined; end: number; lastTimestamp: number } | undefined;

  constructor(readonly timeframe: Timeframe) {
    assertTimeframe(timeframe);
  }

  /** Number of finer bars consumed. */
  get count(): number {
    return this.updates;
  }

  /** The longer bar being built (undefined before the first bar). */
  get forming(): Bar | undefined {
    return this.formingBar === undefined ? undefined : { ...this.formingBar };
  }

  /** Adds the next finer bar; its timestamp must be later than the previous one's. */
  update(bar: Bar): AggregatedBar {
    checkBar(bar);
    if (!(bar.timestamp > this.lastTimestamp)) {
      throw new InvalidArgumentError(
        'bar.timestamp',
        `must be later than the previous bar's (${this.lastTimestamp}), got ${bar.timestamp}`,
      );
    }
    this.previous = {
      bar: this.formingBar === undefined ? undefined : { ...this.formingBar },
      end: this.bucketEnd,
      lastTimestamp: this.lastTimestamp,
    };
    this.updates++;
    this.lastTimestamp = bar.timestamp;
    if (this.formingBar === undefined || bar.timestamp >= this.bucketEnd) {
      const completed = this.formingBar;
      const bucket = bucketOf(this.timeframe, bar.timestamp);
      this.bucketEnd = bucket.end;
      this.formingBar = { ...bar, timestamp: bucket.start };
      return completed === undefined
        ? { bar: { ...this.formingBar }, isNew: true }
        : { bar: { ...this.formingBar }, isNew: true, completed };
    }
    // Same operations as resampleBars, so the numbers are identical.
    const forming = this.formingBar;
    if (bar.high > forming.high) forming.high = bar.high;
    if (bar.low < forming.low) forming.low = bar.low;
    forming.close = bar.close;
    forming.volume = forming.volume + bar.volume;
    return { bar: { ...forming }, isNew: false };
  }

  /**
   * Replaces the latest finer bar (the one still forming). Its timestamp may change, but must stay
   * after the bar before it. Returns what the new bar did, as `update` would have.
   */
  replace(bar: Bar): AggregatedBar {
    const previous = this.previous;
    if (this.updates === 0 || previous === undefined) {
      throw new InvalidArgumentError('replace', 'there is no bar to replace yet');
    }
    checkBar(bar);
    if (!(bar.timestamp > previous.lastTimestamp)) {
      throw new InvalidArgumentError(
        'bar.timestamp',
        `must be later than the bar before the replaced one (${previous.lastTimestamp}), got ${bar.timestamp}`,
      );
    }
    this.formingBar = previous.bar;
    this.bucketEnd = previous.end;
    this.lastTimestamp = previous.lastTimestamp;
    this.updates--;
    return this.update(bar);
  }

  /** Serialisable state; restore with {@link BarAggregator.fromJSON}. */
  toJSON(): BarAggregatorState {
    const previous = this.previous;
    return {
      type: 'BarAggregator',
      version: 1,
      timeframe: this.timeframe,
      data: {
        updates: this.updates,
        forming: this.formingBar ?? null,
        bucketEnd: encodeNumber(this.bucketEnd),
        lastTimestamp: encodeNumber(this.lastTimestamp),
        previous:
          previous === undefined
            ? null
            : {
                bar: previous.bar ?? null,
                end: encodeNumber(previous.end),
                lastTimestamp: encodeNumber(previous.lastTimestamp),
              },
      },
    };
  }

  /** Resumes an aggregator from {@link BarAggregator.toJSON}. */
  static fromJSON(state: BarAggregatorState): BarAggregator {
    if (state?.type !== 'BarAggregator' || state.version !== 1) {
      throw new InvalidArgumentError('state', `is not a version 1 BarAggregator state`);
    }
    const aggregator = new BarAggregator(state.timeframe);
    const { data } = state;
    aggregator.updates = data.updates;
    aggregator.formingBar = data.forming === null ? undefined : { ...data.forming };
    aggregator.bucketEnd = decodeNumber(data.bucketEnd);
    aggregator.lastTimestamp = decodeNumber(data.lastTimestamp);
    aggregator.previous =
      data.previous === null
        ? undefined
        : {
            bar: data.previous.bar === null ? undefined : { ...data.previous.bar },
            end: decodeNumber(data.previous.end),
            lastTimestamp: decodeNumber(data.previous.lastTimestamp),
          };
    return aggregator;
  }
}

/** Serialised {@link BarAggregator}: plain JSON, including the undo information `replace` needs. */
export interface BarAggregatorState {
  type: 'BarAggregator';
  version: 1;
  timeframe: Timeframe;
  data: {
    updates: number;
    forming: Bar | null;
    bucketEnd: number | string | null;
    lastTimestamp: number | string | null;
    previous: { bar: Bar | null; end: number | string | null; lastTimestamp: number | string | null } | null;
  };
}

function checkBar(bar: Bar): void {
  if (bar == null || typeof bar !== 'object') throw new InvalidArgumentError('bar', 'must be an object');
  for (const field of ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const) {
    checkFiniteInput(`bar.${field}`, bar[field]);
  }
  if (bar.high < bar.low)
    throw new InvalidArgumentError('bar.high', `is below bar.low (${bar.high} < ${bar.low})`);
}
