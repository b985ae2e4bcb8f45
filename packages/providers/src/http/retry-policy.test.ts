import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, resolveRetryPolicy } from './retry-policy.js';

describe('parseRetryAfter', () => {
  const now = Date.UTC(2024, 4, 17, 12, 0, 0);

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  it('reads an HTTP date (RFC 9110 IMF-fixdate) relative to now, a past date giving 0', () => {
    expect(parseRetryAfter('Fri, 17 May 2024 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 17 May 2024 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('draws from [0, min(maxDelay, base * 2^(retry-1))) — full jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, base, max, draw) => {
          const policy = resolveRetryPolicy({ baseDelayMs: base, maxDelayMs: max, random: () => draw });
          const delay = backoffDelay(retry, policy);
          const cap = Math.min(max, base * 2 ** (retry - 1));
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(cap);
          expect(delay).toBe(Math.floor(draw * cap));
        },
      ),
    );
  });
});

describe('resolveRetryPolicy', () => {
  it('fills defaults, maps false to a single attempt, and rejects nonsense', () => {
    expect(resolveRetryPolicy(undefined)).toMatchObject({
      maxAttempts: 3,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
    });
    expect(resolveRetryPolicy(false).maxAttempts).toBe(1);
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(/retry.maxAttempts/);
    expect(() => resolveRetryPolicy({ baseDelayMs: -1 })).toThrow(/retry.baseDelayMs/);
  });
});
