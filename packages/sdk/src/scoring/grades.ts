import type { Grade } from './types.js';

/**
 * Lower bound (inclusive) of each letter grade on the 0–100 scale, best first. The bands are
 * symmetric about the neutral 50: C covers 45–55 (an average stock), each step of 7 points moves
 * one notch, and the top and bottom 17 points are A−/A/A+ and F. Scores are percentile averages,
 * so a grade reads as "how consistently above the universe": an A+ needs ≥ 95, i.e. top-5 %
 * on (nearly) every input.
 */
export const GRADE_BANDS: readonly { grade: Grade; min: number }[] = Object.freeze([
  { grade: 'A+', min: 95 },
  { grade: 'A', min: 90 },
  { grade: 'A-', min: 83 },
  { grade: 'B+', min: 76 },
  { grade: 'B', min: 69 },
  { grade: 'B-', min: 62 },
  { grade: 'C+', min: 55 },
  { grade: 'C', min: 45 },
  { grade: 'C-', min: 38 },
  { grade: 'D+', min: 31 },
  { grade: 'D', min: 24 },
  { grade: 'D-', min: 17 },
  { grade: 'F', min: Number.NEGATIVE_INFINITY },
]);

/** Letter grade of a 0–100 score (see {@link GRADE_BANDS}); a non-finite score is graded as neutral C. */
export function gradeFor(score: number): Grade {
  if (!Number.isFinite(score)) return 'C';
  for (const band of GRADE_BANDS) if (score >= band.min) return band.grade;
  return 'F';
}
