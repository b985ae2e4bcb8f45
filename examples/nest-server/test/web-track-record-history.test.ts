import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SCORE_LINE_COLORS,
  type ScoreRunPoint,
  scoreHistorySeries,
  toChartTime,
} from '../web/src/score-history.js';

const run = (
  date: string,
  score: number,
  grade: string,
  price: number | null,
  replayed = false,
): ScoreRunPoint => ({
  date,
  score,
  grade,
  price,
  replayed,
});

describe('scoreHistorySeries', () => {
  it('orders runs by time, marks where the grade changes and colours replayed runs apart', () => {
    const series = scoreHistorySeries([
      run('2026-03-03T14:00:00.000Z', 71, 'B', 104),
      run('2026-03-01', 60, 'C+', 100, true),
      run('2026-03-02', 62, 'C+', null, true),
      run('2026-03-04T14:00:00.000Z', 72, 'B', 105),
    ]);
    expect(series.score.map((p) => p.value)).toEqual([60, 62, 71, 72]);
    expect(series.score.map((p) => p.color)).toEqual([
      SCORE_LINE_COLORS.replayed,
      SCORE_LINE_COLORS.replayed,
      SCORE_LINE_COLORS.live,
      SCORE_LINE_COLORS.live,
    ]);
    // A missing price leaves a gap in the price line only.
    expect(series.price.map((p) => p.value)).toEqual([100, 104, 105]);
    expect(series.grades.map((g) => [g.grade, g.replayed])).toEqual([
      ['C+', true],
      ['B', false],
    ]);
    expect(series.score[0]?.time).toBe(Date.UTC(2026, 2, 1) / 1000);
    expect(series).toMatchObject({ runs: 4, replayed: 2 });
  });

  it('keeps the last of runs at the same instant and leaves out unreadable ones', () => {
    const series = scoreHistorySeries([
      run('2026-03-01', 60, 'C', 100),
      run('2026-03-01', 65, 'C+', 101),
      run('not a date', 70, 'B', 100),
      run('2026-03-02', Number.NaN, 'B', 100),
    ]);
    expect(series.score.map((p) => p.value)).toEqual([65]);
    expect(series.runs).toBe(1);
  });

  it('gives strictly increasing times, one grade mark per change, for any runs', () => {
    const day = fc.integer({ min: 0, max: 2000 });
    const point = fc.record({
      day,
      score: fc.double({ min: 0, max: 100, noNaN: true }),
      grade: fc.constantFrom('A', 'B', 'C'),
      price: fc.option(fc.double({ min: 0.01, max: 1e4, noNaN: true })),
      replayed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 80 }), (points) => {
        const series = scoreHistorySeries(
          points.map((p) =>
            run(
              new Date(Date.UTC(2024, 0, 1) + p.day * 86_400_000).toISOString(),
              p.score,
              p.grade,
              p.price,
              p.replayed,
            ),
          ),
        );
        expect(series.runs).toBe(new Set(points.map((p) => p.day)).size);
        for (let i = 1; i < series.score.length; i++)
          expect(series.score[i]?.time).toBeGreaterThan(series.score[i - 1]?.time as number);
        // Marks: the first run's grade, then one at each change, never two equal grades in a row.
        for (let i = 1; i < series.grades.length; i++)
          expect(series.grades[i]?.grade).not.toBe(series.grades[i - 1]?.grade);
        expect(series.price.length).toBeLessThanOrEqual(series.runs);
      }),
    );
  });
});

describe('toChartTime', () => {
  it('reads a date as midnight UTC and an instant as its second', () => {
    expect(toChartTime('2026-01-02')).toBe(Date.UTC(2026, 0, 2) / 1000);
    expect(toChartTime('2026-01-02T10:00:00.900Z')).toBe(Date.UTC(2026, 0, 2, 10) / 1000);
    expect(toChartTime('yesterday')).toBeNaN();
  });
});
