import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearScale, niceTicks, paddedDomain } from '../web/src/plot-scales.js';
import {
  barsLayout,
  coverageLayout,
  PLOT_FRAME,
  type ReturnBar,
  scatterLayout,
} from '../web/src/track-record-plots.js';

const finite = (min = -1e6, max = 1e6) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const eps = 1e-6;

describe('linearScale', () => {
  it('takes the domain ends onto the range ends, keeps order, and inverts', () => {
    fc.assert(
      fc.property(
        finite(),
        finite(),
        finite(),
        finite(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b, c, d, t) => {
          fc.pre(Math.abs(b - a) > 1e-3 && Math.abs(d - c) > 1e-3);
          const scale = linearScale([a, b], [c, d]);
          expect(scale(a)).toBeCloseTo(c, 3);
          expect(scale(b)).toBeCloseTo(d, 3);
          const v = a + t * (b - a);
          // Between the ends, and the inverse gives the value back.
          expect(Math.min(c, d) - 1e-3).toBeLessThanOrEqual(scale(v));
          expect(scale(v)).toBeLessThanOrEqual(Math.max(c, d) + 1e-3);
          expect(scale.invert(scale(v))).toBeCloseTo(v, 2);
        },
      ),
    );
  });

  it('maps a zero-width domain to the middle of the range', () => {
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });
});

describe('niceTicks', () => {
  it('gives evenly spaced round ticks inside [min, max], about as many as asked', () => {
    fc.assert(
      fc.property(
        finite(-1e4, 1e4),
        finite(1e-3, 1e4),
        fc.integer({ min: 2, max: 10 }),
        (min, span, count) => {
          const max = min + span;
          const ticks = niceTicks(min, max, count);
          expect(ticks.length).toBeGreaterThanOrEqual(1);
          expect(ticks.length).toBeLessThanOrEqual(2 * count + 2);
          for (const t of ticks) {
            expect(t).toBeGreaterThanOrEqual(min - span * 1e-6);
            expect(t).toBeLessThanOrEqual(max + span * 1e-6);
          }
          const steps = ticks.slice(1).map((t, i) => t - (ticks[i] as number));
          for (const s of steps) expect(s).toBeCloseTo(steps[0] as number, 6);
          // The step is 1, 2 or 5 times a power of ten.
          if (steps[0] !== undefined) {
            const step = steps[0];
            const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
            expect([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
          }
        },
      ),
    );
  });

  it('reads as people write: 0, 0.1, 0.2 … 0.5 with no floating point tails', () => {
    expect(niceTicks(0, 0.5, 5)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(niceTicks(-0.07, 0.13, 4)).toEqual([-0.05, 0, 0.05, 0.1]);
  });
});

describe('paddedDomain', () => {
  it('covers every value and every included value', () => {
    fc.assert(
      fc.property(fc.array(finite(), { minLength: 1, maxLength: 50 }), finite(), (values, extra) => {
        const domain = paddedDomain(values, [extra]);
        expect(domain).not.toBeNull();
        const [lo, hi] = domain as [number, number];
        for (const v of [...values, extra]) {
          expect(v).toBeGreaterThanOrEqual(lo - eps);
          expect(v).toBeLessThanOrEqual(hi + eps);
        }
        expect(hi).toBeGreaterThan(lo);
      }),
    );
  });

  it('is null with no finite values', () => {
    expect(paddedDomain([Number.NaN, Number.POSITIVE_INFINITY])).toBeNull();
  });
});

const inFrame = (x: number, y: number) =>
  x >= PLOT_FRAME.left - eps &&
  x <= PLOT_FRAME.width - PLOT_FRAME.right + eps &&
  y >= PLOT_FRAME.top - eps &&
  y <= PLOT_FRAME.height - PLOT_FRAME.bottom + eps;

describe('scatterLayout', () => {
  const pair = fc.record({
    predicted: finite(-2, 2),
    realised: finite(-2, 2),
    inside: fc.constantFrom(true, false, null),
  });

  it('puts every forecast inside the frame, perfect forecasts on the diagonal', () => {
    fc.assert(
      fc.property(fc.array(pair, { minLength: 1, maxLength: 200 }), (points) => {
        const layout = scatterLayout(points);
        expect(layout).not.toBeNull();
        const { dots, diagonal, x, y } = layout as NonNullable<typeof layout>;
        expect(dots).toHaveLength(points.length);
        for (const d of dots) expect(inFrame(d.cx, d.cy)).toBe(true);
        // Same domain on both axes: a point with predicted = realised lies on the diagonal.
        expect(x.scale.domain).toEqual(y.scale.domain);
        const v = (points[0] as { predicted: number }).predicted;
        const t = (x.scale(v) - diagonal.x1) / (diagonal.x2 - diagonal.x1);
        expect(y.scale(v)).toBeCloseTo(diagonal.y1 + t * (diagonal.y2 - diagonal.y1), 6);
      }),
    );
  });

  it('leaves out non-finite pairs and is null when none remain', () => {
    expect(scatterLayout([{ predicted: Number.NaN, realised: 0.1, inside: null }])).toBeNull();
    expect(
      scatterLayout([
        { predicted: 0.1, realised: Number.POSITIVE_INFINITY, inside: true },
        { predicted: 0.02, realised: -0.01, inside: false },
      ])?.dots,
    ).toHaveLength(1);
  });
});

describe('coverageLayout', () => {
  it('orders the periods by date, keeps coverage on a 0–100 % axis and draws the nominal level', () => {
    const layout = coverageLayout(
      [
        { period: '2026-03-01', coverage: 0.5, count: 10 },
        { period: '2026-01-01', coverage: 1, count: 4 },
        { period: '2026-02-01', coverage: 0, count: 8 },
      ],
      0.95,
    );
    expect(layout?.first).toBe('2026-01-01');
    expect(layout?.last).toBe('2026-03-01');
    const [jan, feb, mar] = layout?.dots ?? [];
    expect(jan?.cy).toBe(PLOT_FRAME.top);
    expect(feb?.cy).toBe(PLOT_FRAME.height - PLOT_FRAME.bottom);
    expect(mar?.cy).toBe((PLOT_FRAME.top + PLOT_FRAME.height - PLOT_FRAME.bottom) / 2);
    expect((jan?.cx ?? 0) < (feb?.cx ?? 0) && (feb?.cx ?? 0) < (mar?.cx ?? 0)).toBe(true);
    const y = layout?.y.scale;
    expect(layout?.nominalY).toBeCloseTo(y ? y(0.95) : Number.NaN, 9);
    expect(layout?.line.split(' ')).toHaveLength(3);
  });

  it('is null with no periods, and has no rule without a nominal level', () => {
    expect(coverageLayout([], 0.95)).toBeNull();
    expect(coverageLayout([{ period: '2026-01-01', coverage: 0.9, count: 1 }], null)?.nominalY).toBeNull();
  });
});

describe('barsLayout', () => {
  const bar = (value: number, i: number): ReturnBar => ({
    label: String(i + 1),
    name: `Decile ${i + 1}`,
    value,
    count: 10,
    kind: 'decile',
  });

  it('draws bars from the zero line, heights proportional to the values, left to right in order', () => {
    fc.assert(
      fc.property(fc.array(finite(-1, 1), { minLength: 1, maxLength: 12 }), (values) => {
        const layout = barsLayout(values.map(bar));
        expect(layout).not.toBeNull();
        const { bars, zeroY, y } = layout as NonNullable<typeof layout>;
        expect(bars).toHaveLength(values.length);
        bars.forEach((b, i) => {
          const v = values[i] as number;
          expect(b.height).toBeCloseTo(Math.abs(y.scale(v) - y.scale(0)), 6);
          // Positive bars end at the zero line, negative ones start there.
          expect(v >= 0 ? b.y + b.height : b.y).toBeCloseTo(zeroY, 6);
          expect(inFrame(b.x, b.y) && inFrame(b.x + b.width, b.y + b.height)).toBe(true);
          if (i > 0) expect(b.x).toBeGreaterThan((bars[i - 1] as { x: number }).x);
        });
      }),
    );
  });

  it('is null when no value is finite', () => {
    expect(barsLayout([bar(Number.NaN, 0)])).toBeNull();
  });
});
