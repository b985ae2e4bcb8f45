import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../data/errors.js';
import { DEFAULT_WEIGHTS, validateWeights } from './weights.js';

describe('validateWeights', () => {
  it('accepts the defaults of the concept', () => {
    expect(validateWeights({ ...DEFAULT_WEIGHTS })).toEqual({
      performance: 0.3,
      fundamental: 0.25,
      sentiment: 0.2,
      sector: 0.15,
      momentum: 0.1,
    });
  });

  it('accepts a sum within 1e-9 of 1 and zero weights', () => {
    expect(() =>
      validateWeights({ performance: 1 - 5e-10, fundamental: 0, sentiment: 0, sector: 0, momentum: 0 }),
    ).not.toThrow();
  });

  it('rejects a negative weight, naming the key', () => {
    expect(() => validateWeights({ ...DEFAULT_WEIGHTS, momentum: -0.1, performance: 0.5 })).toThrow(
      /weights\.momentum/,
    );
  });

  it('rejects non-finite and non-numeric weights, naming the key', () => {
    expect(() => validateWeights({ ...DEFAULT_WEIGHTS, sector: Number.NaN })).toThrow(/weights\.sector/);
    expect(() => validateWeights({ ...DEFAULT_WEIGHTS, sector: '0.15' })).toThrow(/weights\.sector.*"0\.15"/);
  });

  it('rejects a sum away from 1, naming the sum', () => {
    const error = (() => {
      try {
        validateWeights({ ...DEFAULT_WEIGHTS, momentum: 0.2 });
      } catch (e) {
        return e as InvalidArgumentError;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error?.argument).toBe('weights');
    expect(error?.message).toMatch(/sum to 1.*1\.1/);
    expect(() => validateWeights({ ...DEFAULT_WEIGHTS, performance: 0.3 + 2e-9 })).toThrow(/sum/);
  });

  it('rejects unknown keys, naming them', () => {
    expect(() => validateWeights({ ...DEFAULT_WEIGHTS, value: 0 })).toThrow(/weights\.value.*"value"/);
  });

  it('rejects a missing factor, naming it', () => {
    const { sector: _, ...withoutSector } = DEFAULT_WEIGHTS;
    expect(() => validateWeights(withoutSector)).toThrow(/weights\.sector/);
  });

  it('rejects a non-object', () => {
    expect(() => validateWeights([0.3, 0.25, 0.2, 0.15, 0.1])).toThrow(InvalidArgumentError);
    expect(() => validateWeights(null)).toThrow(InvalidArgumentError);
  });
});
