import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingExtreme, windowExtremes } from './rolling-extreme.js';

const values = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 80 });

describe('RollingExtreme', () => {
  it('gives the max and min of the last `period` values, ties included (property)', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 12 }), (xs, period) => {
        const max = new RollingExtreme(period, 'max');
        const min = new RollingExtreme(period, 'min');
        xs.forEach((x, i) => {
          const window = xs.slice(Math.max(0, i - period + 1), i + 1);
          expect(max.push(x), `max at ${i}`).toBe(Math.max(...window));
          expect(min.push(x), `min at ${i}`).toBe(Math.min(...window));
        });
      }),
    );
  });

  it('undoes the last push exactly and survives JSON (property)', () => {
    fc.assert(
      fc.property(
        values,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -9, max: 9 }),
        (xs, period, draft) => {
          const plain = new RollingExtreme(period, 'max');
          let revised = new RollingExtreme(period, 'max');
          xs.forEach((x, i) => {
            plain.push(x);
            revised.push(draft);
            revised.undoPush();
            revised.push(x);
            if (i % 7 === 3) revised = RollingExtreme.fromJSON(JSON.parse(JSON.stringify(revised.toJSON())));
            expect(revised.value, `at ${i}`).toBe(plain.value);
          });
        },
      ),
    );
  });

  it('is NaN before the first value', () => {
    expect(new RollingExtreme(3, 'min').value).toBeNaN();
  });

  it('windowExtremes gives the values and indices of RollingExtreme pushes, ties included (property)', () => {
    fc.assert(
      fc.property(
        values,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 5 }),
        (xs, period, start) => {
          for (const kind of ['max', 'min'] as const) {
            const indices = new Int32Array(xs.length);
            const batch = { values: windowExtremes(xs, period, kind, start, indices), indices };
            const extreme = new RollingExtreme(period, kind);
            xs.forEach((x, i) => {
              if (i < start) {
                expect(batch.values[i]).toBeNaN();
                expect(batch.indices[i]).toBe(-1);
                return;
              }
              expect(batch.values[i], `${kind} at ${i}`).toBe(extreme.push(x));
              expect(batch.indices[i], `${kind} index at ${i}`).toBe(extreme.extremeIndex + start);
            });
          }
        },
      ),
    );
  });
});
