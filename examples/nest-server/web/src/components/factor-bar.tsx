import { FACTOR_NAMES, type FactorName } from '../api/types.js';
import { formatScore } from '../format.js';

/** The SDK's default factor weights (DESIGN.md): the overall score is Σ weight × factor score. */
export const FACTOR_WEIGHTS: Record<FactorName, number> = {
  performance: 0.3,
  fundamental: 0.25,
  sentiment: 0.2,
  sector: 0.15,
  momentum: 0.1,
};

/** Human names of the factors. */
export const FACTOR_LABELS: Record<FactorName, string> = {
  performance: 'Performance',
  fundamental: 'Fundamental',
  sentiment: 'Sentiment',
  sector: 'Sector',
  momentum: 'Momentum',
};

/**
 * The score as a bar of its five weighted contributions: the bar is `score` % long and each factor
 * takes its share weight × factor score (scaled to the score, so a server with other weights still
 * gets a bar of the right length).
 */
export function FactorBar({ score, factors }: { score: number; factors: Record<FactorName, number> }) {
  const contributions = FACTOR_NAMES.map((name) => FACTOR_WEIGHTS[name] * factors[name]);
  const total = contributions.reduce((a, b) => a + b, 0) || 1;
  return (
    <div class="factor-bar" role="img" aria-label={`Score ${formatScore(score)} of 100`}>
      {FACTOR_NAMES.map((name, i) => (
        <span
          key={name}
          class={`factor-segment factor-${name}`}
          style={{ width: `${((contributions[i] as number) / total) * score}%` }}
          title={`${FACTOR_LABELS[name]} ${formatScore(factors[name])} × weight ${FACTOR_WEIGHTS[name]}`}
        />
      ))}
    </div>
  );
}

/** Colour key of the factor bar. */
export function FactorLegend() {
  return (
    <ul class="factor-legend">
      {FACTOR_NAMES.map((name) => (
        <li key={name}>
          <span class={`factor-swatch factor-${name}`} /> {FACTOR_LABELS[name]}{' '}
          {Math.round(FACTOR_WEIGHTS[name] * 100)} %
        </li>
      ))}
    </ul>
  );
}
