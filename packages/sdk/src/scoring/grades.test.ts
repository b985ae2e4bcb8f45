import { describe, expect, it } from 'vitest';
import { GRADE_BANDS, gradeFor } from './grades.js';

describe('gradeFor', () => {
  it('maps the documented band edges', () => {
    const cases: [number, string][] = [
      [100, 'A+'],
      [95, 'A+'],
      [94.99, 'A'],
      [90, 'A'],
      [83, 'A-'],
      [76, 'B+'],
      [69, 'B'],
      [62, 'B-'],
      [55, 'C+'],
      [54.99, 'C'],
      [50, 'C'],
      [45, 'C'],
      [44.99, 'C-'],
      [38, 'C-'],
      [31, 'D+'],
      [24, 'D'],
      [17, 'D-'],
      [16.99, 'F'],
      [0, 'F'],
    ];
    for (const [score, grade] of cases) expect(gradeFor(score), `score ${score}`).toBe(grade);
  });

  it('never improves when the score falls', () => {
    const order = GRADE_BANDS.map((band) => band.grade);
    let previous = 0;
    for (let score = 100; score >= 0; score -= 0.25) {
      const position = order.indexOf(gradeFor(score));
      expect(position).toBeGreaterThanOrEqual(previous);
      previous = position;
    }
  });

  it('has bands symmetric about the neutral 50', () => {
    const edges = GRADE_BANDS.map((band) => band.min).filter(Number.isFinite);
    const above = edges.filter((e) => e > 50 && e < 83).sort((a, b) => a - b);
    const below = edges
      .filter((e) => e <= 45 && e > 17)
      .map((e) => 100 - e)
      .sort((a, b) => a - b);
    expect(above).toEqual(below);
  });

  it('grades a non-finite score as neutral', () => {
    expect(gradeFor(Number.NaN)).toBe('C');
  });
});
