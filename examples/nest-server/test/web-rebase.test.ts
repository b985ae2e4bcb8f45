import { describe, expect, it } from 'vitest';
import { rebaseTo100 } from '../web/src/rebase.js';

const points = (closes: Record<string, number>) =>
  Object.entries(closes).map(([date, close]) => ({ date, close }));

describe('rebaseTo100', () => {
  it('starts every series at 100 on the first date all of them have, dropping earlier dates', () => {
    const { start, series } = rebaseTo100([
      { symbol: 'A', points: points({ '2024-01-01': 10, '2024-01-02': 20, '2024-01-03': 30 }) },
      { symbol: 'B', points: points({ '2024-01-02': 200, '2024-01-03': 100 }) },
    ]);
    expect(start).toBe('2024-01-02');
    expect(series).toEqual([
      {
        symbol: 'A',
        points: [
          { time: '2024-01-02', value: 100 },
          { time: '2024-01-03', value: 150 },
        ],
      },
      {
        symbol: 'B',
        points: [
          { time: '2024-01-02', value: 100 },
          { time: '2024-01-03', value: 50 },
        ],
      },
    ]);
  });

  it('skips a start date where one close is not positive, and says when no date is shared', () => {
    const skipped = rebaseTo100([
      { symbol: 'A', points: points({ '2024-01-01': 0, '2024-01-02': 5 }) },
      { symbol: 'B', points: points({ '2024-01-01': 1, '2024-01-02': 2 }) },
    ]);
    expect(skipped.start).toBe('2024-01-02');
    expect(skipped.series[1]?.points[0]).toEqual({ time: '2024-01-02', value: 100 });
    const apart = rebaseTo100([
      { symbol: 'A', points: points({ '2024-01-01': 1 }) },
      { symbol: 'B', points: points({ '2024-02-01': 1 }) },
    ]);
    expect(apart).toEqual({
      start: null,
      series: [
        { symbol: 'A', points: [] },
        { symbol: 'B', points: [] },
      ],
    });
    expect(rebaseTo100([])).toEqual({ start: null, series: [] });
  });
});
