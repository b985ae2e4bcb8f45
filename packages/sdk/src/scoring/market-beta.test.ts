import { describe, expect, it } from 'vitest';
import { createRng } from '../util/random.js';
import { computeBetas } from './market-beta.js';
import { randomWalk, seriesFromCloses, weekdayTimestamps } from './testing/universe.js';
import type { StockSnapshot } from './types.js';

function snapshot(symbol: string, closes: ArrayLike<number>, timestamps?: Float64Array): StockSnapshot {
  return { symbol, sector: 'X', bars: seriesFromCloses(symbol, closes, timestamps) };
}

/** Reference: market = mean return per timestamp over the last 252 days of the calendar; OLS beta. */
function referenceBetas(snapshots: StockSnapshot[]): number[] {
  const byDay = new Map<number, number[]>();
  const returnsOf = snapshots.map((s) => {
    const map = new Map<number, number>();
    const { close, timestamps } = s.bars;
    for (let k = 1; k < close.length; k++)
      map.set(timestamps[k] as number, (close[k] as number) / (close[k - 1] as number) - 1);
    return map;
  });
  const calendarOwner = [...snapshots].sort(
    (a, b) =>
      (b.bars.timestamps.at(-1) as number) - (a.bars.timestamps.at(-1) as number) ||
      b.bars.close.length - a.bars.close.length,
  )[0] as StockSnapshot;
  const calendar = Array.from(calendarOwner.bars.timestamps).slice(1).slice(-252);
  for (const day of calendar)
    byDay.set(
      day,
      returnsOf.flatMap((m) => (m.has(day) ? [m.get(day) as number] : [])),
    );
  const market = new Map(
    calendar.map((day) => {
      const values = byDay.get(day) as number[];
      return [day, values.reduce((a, b) => a + b, 0) / values.length] as const;
    }),
  );
  return returnsOf.map((returns) => {
    const days = calendar.filter((day) => returns.has(day));
    const xs = days.map((d) => market.get(d) as number);
    const ys = days.map((d) => returns.get(d) as number);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const cov = xs.reduce((a, x, k) => a + (x - mx) * ((ys[k] as number) - my), 0);
    const varX = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    return days.length >= 20 ? cov / varX : Number.NaN;
  });
}

function check(snapshots: StockSnapshot[]): Float64Array {
  const betas = computeBetas(snapshots, Int32Array.from(snapshots.keys()));
  referenceBetas(snapshots).forEach((expected, i) => {
    if (Number.isNaN(expected)) expect(betas[i]).toBeNaN();
    else expect(betas[i]).toBeCloseTo(expected, 10);
  });
  return betas;
}

describe('computeBetas', () => {
  it('matches OLS against the equal-weight universe on a shared calendar', () => {
    const rng = createRng(7);
    const snapshots = Array.from({ length: 12 }, (_, k) =>
      snapshot(`S${k}`, randomWalk(rng, 300, 0, 0.005 + 0.003 * k)),
    );
    check(snapshots);
  });

  it('gives a stock that moves twice as much as the others a higher beta', () => {
    const rng = createRng(3);
    const base = randomWalk(rng, 260, 0, 0.01);
    const amplified = Array.from(base, (c, i) => (i === 0 ? c : 100 * (c / 100) ** 2));
    const noisy = (seed: number) => {
      const r = createRng(seed);
      return Array.from(base, (c) => c * (1 + 0.001 * r.normal()));
    };
    const betas = check([snapshot('A', noisy(1)), snapshot('B', noisy(2)), snapshot('C', amplified)]);
    expect(betas[2]).toBeGreaterThan(1.3);
    expect(betas[0]).toBeLessThan(1);
  });

  it('aligns series by timestamp when some miss days or start later', () => {
    const rng = createRng(11);
    const timestamps = weekdayTimestamps(300);
    const full = snapshot('FULL', randomWalk(rng, 300, 0, 0.01), timestamps);
    const keep = Array.from(timestamps.keys()).filter((i) => i % 7 !== 3);
    const gappy = randomWalk(rng, 300, 0, 0.02);
    const withGaps = snapshot(
      'GAPS',
      keep.map((i) => gappy[i] as number),
      Float64Array.from(keep, (i) => timestamps[i] as number),
    );
    const late = snapshot('LATE', randomWalk(rng, 80, 0, 0.015), timestamps.slice(220));
    const short = snapshot('SHORT', randomWalk(rng, 10, 0, 0.015), timestamps.slice(290));
    const betas = check([full, withGaps, late, short]);
    expect(betas[3]).toBeNaN();
  });

  it('gives a lone stock a beta of 1 and a motionless universe none', () => {
    const rng = createRng(5);
    expect(computeBetas([snapshot('A', randomWalk(rng, 100, 0, 0.01))], Int32Array.of(0))[0]).toBeCloseTo(
      1,
      12,
    );
    const flat = computeBetas(
      [snapshot('A', new Array(50).fill(10)), snapshot('B', new Array(50).fill(20))],
      Int32Array.of(0, 1),
    );
    expect(Array.from(flat).every(Number.isNaN)).toBe(true);
  });

  it('does not depend on the order of the input', () => {
    const rng = createRng(9);
    const snapshots = Array.from({ length: 8 }, (_, k) =>
      snapshot(`S${k}`, randomWalk(rng, 270, 0, 0.01 + 0.002 * k)),
    );
    const forward = computeBetas(snapshots, Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7));
    const reversed = [...snapshots].reverse();
    const backward = computeBetas(reversed, Int32Array.of(7, 6, 5, 4, 3, 2, 1, 0));
    expect(Array.from(backward).reverse()).toEqual(Array.from(forward));
  });
});
