import { InvalidArgumentError } from '../data/errors.js';
import type { Kernel } from './kernel.js';
import { assertStateType, type IndicatorState } from './state.js';
import { StreamingIndicator } from './streaming.js';

/** A bar field a streaming indicator reads. */
export type BarField = 'open' | 'high' | 'low' | 'close' | 'volume';

/** What a {@link KernelIndicator} reads and returns. */
export interface KernelSpec {
  /** `'value'` for a single number per update, or the bar fields passed to the kernel in order. */
  inputs: 'value' | readonly BarField[];
  /** `'value'` for a single number, or the names of the fields of the output object in order. */
  outputs: 'value' | readonly string[];
}

/** A bar with any of the OHLCV fields (each indicator names the ones it needs). */
export type AnyBar = Partial<Record<BarField, number>>;

/**
 * Streaming form of a {@link Kernel}: validates each input, feeds it to the kernel, and gets
 * `replace`, `toJSON`/`fromJSON` and bit-identity with the batch function from the kernel's parts.
 * `isStable` turns true at input index `firstIndex`, from where every output is defined.
 */
export abstract class KernelIndicator<TInput, TOutput> extends StreamingIndicator<TInput, TOutput> {
  private readonly fields: readonly BarField[] | null;
  private readonly names: readonly string[] | null;

  protected constructor(
    private readonly kernel: Kernel,
    spec: KernelSpec,
    private readonly params: Record<string, number>,
    private readonly firstIndex: number,
  ) {
    super();
    this.fields = spec.inputs === 'value' ? null : spec.inputs;
    this.names = spec.outputs === 'value' ? null : spec.outputs;
  }

  get isStable(): boolean {
    return this.updates > this.firstIndex;
  }

  get value(): TOutput {
    const out = this.kernel.out;
    if (this.names === null) return out[0] as TOutput;
    const value: Record<string, number> = {};
    this.names.forEach((name, k) => {
      value[name] = out[k] as number;
    });
    return value as TOutput;
  }

  protected checkInput(input: TInput): void {
    if (this.fields === null) {
      if (typeof input !== 'number' || !Number.isFinite(input))
        throw new InvalidArgumentError('value', `must be a finite number, got ${input}`);
      return;
    }
    checkBar(input as AnyBar, this.fields);
  }

  protected saveUndo(): void {
    this.kernel.mark();
  }

  protected undo(): void {
    this.kernel.undo();
  }

  protected step(input: TInput): TOutput {
    const kernel = this.kernel;
    try {
      const fields = this.fields;
      if (fields === null) {
        kernel.step(input as number, 0, 0, 0, 0);
      } else {
        const bar = input as AnyBar;
        const [f0, f1, f2, f3] = fields;
        kernel.step(
          bar[f0 as BarField] as number,
          f1 === undefined ? 0 : (bar[f1] as number),
          f2 === undefined ? 0 : (bar[f2] as number),
          f3 === undefined ? 0 : (bar[f3] as number),
          0,
        );
      }
    } catch (error) {
      // A kernel that refuses an input (an overflow) leaves the state as it was before it.
      kernel.undo();
      this.updates--;
      throw error;
    }
    return this.value;
  }

  toJSON(): IndicatorState {
    return {
      type: this.type,
      version: 1,
      params: { ...this.params },
      data: { updates: this.updates, kernel: this.kernel.toJSON() },
    };
  }

  /** Loads a state written by `toJSON` into this (freshly constructed) instance. */
  protected resume(state: IndicatorState): this {
    assertStateType(state, this.type);
    this.updates = Number(state.data.updates);
    this.kernel.load(state.data.kernel);
    return this;
  }
}

/** Validates the fields of one streaming bar: finite, high ≥ low, volume ≥ 0. */
export function checkBar(bar: AnyBar, fields: readonly BarField[]): void {
  if (bar == null || typeof bar !== 'object') throw new InvalidArgumentError('bar', 'must be an object');
  for (const field of fields) {
    const v = bar[field];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new InvalidArgumentError(`bar.${field}`, `must be a finite number, got ${v}`);
  }
  const { high, low, volume } = bar;
  if (fields.includes('high') && fields.includes('low') && (high as number) < (low as number))
    throw new InvalidArgumentError('bar.high', `is below bar.low (${high} < ${low})`);
  if (fields.includes('volume') && (volume as number) < 0)
    throw new InvalidArgumentError('bar.volume', `must not be negative, got ${volume}`);
}
