import { InvalidArgumentError } from '../data/errors.js';
import type { IndicatorState } from './state.js';

/**
 * Contract of every streaming indicator: `update` adds one new input in O(1) and returns the same
 * number the batch function gives at that index (`NaN` — or an object of `NaN`s — during
 * warm-up); `replace` revises the latest input (the live, still-forming bar) and leaves exactly the
 * state an add-only series ending in the new input would have; `toJSON` / `fromJSON` resume it.
 */
export abstract class StreamingIndicator<TInput, TOutput> {
  /** Class name, written into the serialised state. */
  abstract readonly type: string;
  /** Number of inputs consumed (a `replace` does not add one). */
  protected updates = 0;

  /** Number of inputs consumed so far. */
  get count(): number {
    return this.updates;
  }

  /** True once the indicator has seen enough inputs to give defined values. */
  abstract get isStable(): boolean;

  /** The value after the latest input (warm-up value before it is stable). */
  abstract get value(): TOutput;

  /** Adds a new input (a new bar) and returns the new value. */
  update(input: TInput): TOutput {
    this.checkInput(input);
    this.saveUndo();
    this.updates++;
    return this.step(input);
  }

  /** Replaces the latest input (the still-forming bar) and returns the revised value. */
  replace(input: TInput): TOutput {
    if (this.updates === 0) throw new InvalidArgumentError('replace', 'there is no input to replace yet');
    this.checkInput(input);
    this.undo();
    this.updates--;
    return this.update(input);
  }

  /** Feeds many inputs; returns the last value. */
  updateAll(inputs: Iterable<TInput>): TOutput {
    for (const input of inputs) this.update(input);
    return this.value;
  }

  /** Serialisable state; restore with the class's static `fromJSON`. */
  abstract toJSON(): IndicatorState;

  /** Validates one input; throws `InvalidArgumentError` naming the problem. */
  protected abstract checkInput(input: TInput): void;
  /** Remembers what `undo` needs to revert the next `step` (O(1)). */
  protected abstract saveUndo(): void;
  /** Reverts the latest `step` exactly. */
  protected abstract undo(): void;
  /** Consumes one input. */
  protected abstract step(input: TInput): TOutput;
}

/** Throws unless a streaming input value is finite. */
export function checkFiniteInput(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError(name, `must be a finite number, got ${value}`);
  }
}

/** A bar as streaming OHLCV indicators take it (timestamp and open are not needed by all). */
export interface BarInput {
  open?: number;
  high: number;
  low: number;
  close: number;
  volume?: number;
}

/** Throws unless the fields a bar indicator reads are finite and high ≥ low. */
export function checkBarInput(bar: BarInput, fields: readonly (keyof BarInput)[]): void {
  if (bar == null || typeof bar !== 'object') throw new InvalidArgumentError('bar', 'must be an object');
  for (const field of fields) checkFiniteInput(`bar.${field}`, bar[field] as number);
  if (bar.high < bar.low)
    throw new InvalidArgumentError('bar.high', `is below bar.low (${bar.high} < ${bar.low})`);
}
