import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildVaderLexiconModule,
  GENERATED_MODULE_PATH,
  npmLexiconPath,
  patchToPython332,
} from '../../scripts/generate-vader-lexicon.js';
import { vaderLexicon } from './vader-lexicon.js';

describe('vader-lexicon.generated.ts', () => {
  it('is what the generator makes from the installed vader_lexicon.txt', () => {
    const regenerated = buildVaderLexiconModule(readFileSync(npmLexiconPath(), 'utf8'));
    // If this fails: npx tsx packages/sdk/scripts/generate-vader-lexicon.ts
    expect(readFileSync(GENERATED_MODULE_PATH, 'utf8')).toBe(regenerated);
  });

  it('keeps the MIT notice of the VADER lexicon', () => {
    const source = readFileSync(GENERATED_MODULE_PATH, 'utf8');
    expect(source).toContain('Copyright (c) 2016 C.J. Hutto');
    expect(source).toContain('The above copyright notice and this permission notice shall be included');
  });

  it('holds the 3.3.2 lexicon: every npm token, duplicates resolved to the last line, four patches', () => {
    const lexicon = vaderLexicon();
    const lines = readFileSync(npmLexiconPath(), 'utf8').trim().split('\n');
    const npmTokens = new Set(lines.map((line) => line.split('\t')[0]));
    expect(lexicon.size).toBe(npmTokens.size + 3); // heart, hearts, flawed
    expect(lexicon.get('good')).toBe(1.9);
    expect(lexicon.get('horrible')).toBe(-2.5);
    expect(lexicon.get(':)')).toBe(2.0);
    expect(lexicon.get('lol')).toBe(1.8);
    expect(lexicon.get('badass')).toBe(1.4);
    expect(lexicon.get('heart')).toBe(3.2);
    expect(lexicon.get('flawed')).toBe(-2.1);
  });

  it('refuses to patch a lexicon that no longer holds the expected npm values', () => {
    expect(() => patchToPython332(new Map([['badass', '1.4']]))).toThrow(/badass = -0.6/);
  });
});
