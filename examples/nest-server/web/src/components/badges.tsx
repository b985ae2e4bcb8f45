import type { Level } from '../api/types.js';

/** Risk level: high risk is the warning colour. */
export function RiskBadge({ level }: { level: Level }) {
  return <span class={`badge risk-${level}`}>risk {level}</span>;
}

/** Confidence level: low confidence is the warning colour. */
export function ConfidenceBadge({ level }: { level: Level }) {
  return <span class={`badge confidence-${level}`}>confidence {level}</span>;
}

/** Letter grade of a score. */
export function GradeBadge({ grade }: { grade: string | undefined }) {
  if (!grade) return null;
  return <span class={`grade grade-${grade[0]?.toLowerCase()}`}>{grade}</span>;
}
