import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { NEGATIVE, NEUTRAL, POSITIVE, STRONG_NEGATIVE, STRONG_POSITIVE } from './news.js';

// Plain VADER (the reference JS port), which knows no finance jargon: if it reads the tone, so
// will any finance-tuned analyser.
const vader = createRequire(import.meta.url)('vader-sentiment') as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};
const tone = (template: string): number =>
  vader.SentimentIntensityAnalyzer.polarity_scores(template.replace('{n}', 'Velantra')).compound;

describe('headline templates', () => {
  it('are positive after gains', () => {
    for (const template of [...STRONG_POSITIVE, ...POSITIVE])
      expect(tone(template), template).toBeGreaterThan(0.2);
  });

  it('are negative after losses', () => {
    for (const template of [...STRONG_NEGATIVE, ...NEGATIVE])
      expect(tone(template), template).toBeLessThan(-0.2);
  });

  it('are neutral as filler, so that tone comes from the moves only', () => {
    for (const template of NEUTRAL) expect(Math.abs(tone(template)), template).toBeLessThan(0.1);
  });
});
