import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingSum, windowSums } from './rolling-sum.js';

describe('RollingSum', () => {
  it('sums the last `capacity` values, to rounding (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 100 }),
        fc.integer({ min: 1, max: 10 }),
        (xs, capacity) => {
          const sum = new RollingSum(capacity);
          xs.forEach((x, i) => {
            sum.push(x);
            const window = xs.slice(Math.max(0, i - capacity + 1), i + 1);
            const expected = window.reduce((a, b) => a + b, 0);
            expect(Math.abs(sum.sum - expected), `at ${i}`).toBeLessThanOrEqual(1e-6 * Math.max(1, expected));
          });
        },
      ),
    );
  });

  it('is exactly 0 once only zeros are left, where a running sum keeps a residue', () => {
    const sum = new RollingSum(2);
    // A plain running sum (add the new value, subtract the evicted one) ends at 1.1e-16, not 0.
    for (const x of [0.1, 0.2, 0.3, 0, 0]) sum.push(x);
    expect(sum.sum).toBe(0);
  });

  it('forgets the rounding of values that have left the window', () => {
    const sum = new RollingSum(3);
    // In a plain running sum 1e17 swallows the small values (1e17 + 0.1 === 1e17), so after the
    // big values leave it is off by whole units; re-summing the window restores the exact sum.
    for (const x of [1e17, 3e17, 2e17, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) sum.push(x);
    expect(sum.sum).toBe(0.4 + 0.5 + 0.6);
  });

  it('undoes the last push exactly and survives JSON', () => {
    const plain = new RollingSum(3);
    let revised = new RollingSum(3);
    [1.5, 2.25, 0, 7, 0.125, 3].forEach((x, i) => {
      plain.push(x);
      revised.push(99);
      revised.undoPush();
      revised.push(x);
      if (i === 2) revised = RollingSum.fromJSON(JSON.parse(JSON.stringify(revised.toJSON())));
      expect(revised.sum).toBe(plain.sum);
      expect(revised.length).toBe(plain.length);
    });
  });

  it('windowSums gives the bits of RollingSum pushes, zeros and cancellation included (property)', () => {
    // Mixed magnitudes and runs of zeros exercise the compensation, the re-summation and the exact 0.
    const value = fc.oneof(fc.constant(0), fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer());
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 0, maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 5 }),
        (xs, period, start) => {
          const batch = windowSums(xs, period, start);
          const sum = new RollingSum(period);
          for (let i = 0; i < xs.length; i++) {
            if (i < start) {
              expect(batch[i], `at ${i}`).toBeNaN();
              continue;
            }
            sum.push(xs[i] as number);
            if (sum.length < period) expect(batch[i], `at ${i}`).toBeNaN();
            else expect(Object.is(batch[i], sum.sum), `at ${i}: ${batch[i]} vs ${sum.sum}`).toBe(true);
          }
        },
      ),
    );
  });
});
