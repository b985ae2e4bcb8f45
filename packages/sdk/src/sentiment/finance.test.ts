import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../data/errors.js';
import { FinanceSentimentAnalyzer } from './finance.js';
import { FINANCE_BOOSTERS, FINANCE_LEXICON, FINANCE_PHRASE_FILLERS } from './finance-lexicon.js';
import { VaderSentimentAnalyzer } from './vader.js';
import { vaderLexicon } from './vader-lexicon.js';

const finance = new FinanceSentimentAnalyzer();
const vader = new VaderSentimentAnalyzer();
const normalize = (x: number) => x / Math.sqrt(x * x + 15);
const compound = (analyzer: { score(text: string): { compound: number } }, text: string) =>
  analyzer.score(text).compound;

describe('FinanceSentimentAnalyzer: market vocabulary that plain VADER misreads', () => {
  it('reads "beats estimates" as positive where VADER sees nothing', () => {
    expect(compound(vader, 'Company beats estimates')).toBe(0);
    expect(compound(finance, 'Company beats estimates')).toBeCloseTo(normalize(2.0), 12);
  });

  it('reads "misses estimates" as clearly negative (VADER: mildly, from "misses" -0.9)', () => {
    expect(compound(vader, 'Company misses estimates')).toBeCloseTo(normalize(-0.9), 12);
    expect(compound(finance, 'Company misses estimates')).toBeCloseTo(normalize(-2.0), 12);
  });

  it('negates a phrase like a word: "did not beat estimates" is negative', () => {
    expect(compound(vader, 'Company did not beat estimates')).toBe(0);
    expect(compound(finance, 'Company did not beat estimates')).toBeCloseTo(normalize(2.0 * -0.74), 12);
    expect(compound(finance, "Company didn't top expectations")).toBeCloseTo(normalize(2.0 * -0.74), 12);
    expect(compound(finance, 'Company fails to beat estimates')).toBeCloseTo(normalize(-2.0), 12);
  });

  it('applies boosters and capitals to phrases', () => {
    expect(compound(finance, 'Company really beats estimates')).toBeCloseTo(normalize(2.0 + 0.293), 12);
    expect(compound(finance, 'Company BEATS ESTIMATES')).toBeCloseTo(normalize(2.0 + 0.733), 12);
    expect(compound(finance, 'Company sharply lowers guidance')).toBeCloseTo(normalize(-2.2 - 0.293), 12);
    expect(compound(finance, 'Company modestly raises guidance')).toBeCloseTo(normalize(2.2 - 0.293), 12);
  });

  it('reads analyst actions: "Analyst upgrades stock to outperform" is positive', () => {
    expect(compound(vader, 'Analyst upgrades stock to outperform')).toBe(0);
    expect(compound(finance, 'Analyst upgrades stock to outperform')).toBeCloseTo(normalize(1.8 + 1.8), 12);
    expect(compound(finance, 'Analyst downgrades stock to underweight')).toBeCloseTo(
      normalize(-1.8 - 1.5),
      12,
    );
    // VADER reads "overweight" as body weight.
    expect(compound(vader, 'Broker rates the stock overweight')).toBeLessThan(0);
    expect(compound(finance, 'Broker rates the stock overweight')).toBeGreaterThan(0);
  });

  it('reads "files for bankruptcy" as strongly negative', () => {
    expect(compound(vader, 'Company files for bankruptcy')).toBe(0);
    expect(compound(finance, 'Company files for bankruptcy')).toBeLessThan(-0.6);
    expect(compound(finance, 'Retailer files for Chapter 11 bankruptcy protection.')).toBeLessThan(-0.8);
  });

  it('reads "cuts guidance" as more negative than VADER\'s "cuts"', () => {
    expect(compound(vader, 'Company cuts guidance')).toBeCloseTo(normalize(-1.2), 12);
    expect(compound(finance, 'Company cuts guidance')).toBeCloseTo(normalize(-2.2), 12);
    expect(compound(finance, 'Guidance cut weighs on the stock')).toBeLessThan(-0.4);
  });

  it("skips fillers between a phrase's words, up to three, and not across a sentence end", () => {
    const base = compound(finance, 'Acme beats estimates');
    expect(compound(finance, "Acme beats Wall Street's estimates")).toBeCloseTo(base, 12);
    expect(compound(finance, "Acme beats analysts' Q3 earnings estimates")).toBeCloseTo(base, 12);
    expect(compound(finance, 'Acme raises its full-year FY2025 guidance')).toBeCloseTo(normalize(2.2), 12);
    // Four fillers: no phrase, only the single word "beats" (1.5).
    expect(compound(finance, "Acme beats the analysts' quarterly earnings estimates")).toBeCloseTo(
      normalize(1.5),
      12,
    );
    // "estimates" belongs to the next sentence.
    expect(compound(finance, 'Acme beats. Estimates were revised')).toBeCloseTo(normalize(1.5), 12);
  });

  it('makes general-English words that mislead in finance neutral', () => {
    for (const text of [
      'Acme shares',
      'Interest rates',
      'Gross margin',
      'Crude oil',
      'Northern Trust',
      'Best Buy',
    ]) {
      expect(compound(vader, text), text).not.toBe(0);
      expect(compound(finance, text), text).toBe(0);
    }
    // Only inside the phrase: "free" keeps its valence elsewhere.
    expect(compound(finance, 'strong free cash flow')).toBeCloseTo(normalize(2.3), 12);
    expect(compound(finance, 'free')).toBeCloseTo(normalize(2.3), 12);
  });

  it('keeps the "but" rule: guidance after "but" dominates', () => {
    expect(compound(finance, 'Acme beats estimates but cuts guidance')).toBeCloseTo(
      normalize(2.0 * 0.5 - 2.2 * 1.5),
      12,
    );
  });

  it('scores text without finance vocabulary exactly like VADER', () => {
    for (const text of [
      'VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!',
      'The plot was good, but the characters are uncompelling and the dialog is not great.',
      "Today only kinda sux! But I'll get by, lol",
    ]) {
      expect(finance.score(text)).toEqual(vader.score(text));
    }
  });
});

describe('FINANCE_LEXICON as data', () => {
  const entries = Object.entries(FINANCE_LEXICON);

  it("is frozen, lower case, single-spaced, with valences on VADER's -4..+4 scale", () => {
    expect(Object.isFrozen(FINANCE_LEXICON)).toBe(true);
    expect(entries.length).toBeGreaterThan(300);
    for (const [key, valence] of entries) {
      expect(key, key).toBe(key.toLowerCase().trim().split(/\s+/).join(' '));
      expect(Number.isFinite(valence) && Math.abs(valence) <= 4, key).toBe(true);
    }
    for (const [word, value] of Object.entries(FINANCE_BOOSTERS)) expect(Math.abs(value), word).toBe(0.293);
    expect(FINANCE_PHRASE_FILLERS).toContain('analysts');
  });

  it('neutralises only words that VADER actually rates', () => {
    for (const [key, valence] of entries) {
      if (valence === 0 && !key.includes(' ')) expect(vaderLexicon().has(key), key).toBe(true);
    }
  });

  it('scores every entry, alone after a neutral word, at exactly its valence', () => {
    for (const [key, valence] of entries) {
      expect(compound(finance, `Acme ${key}`), key).toBeCloseTo(normalize(valence), 12);
    }
  });
});

describe('FinanceSentimentAnalyzer options', () => {
  it('adds and overrides entries, words and phrases alike, case-insensitively', () => {
    const custom = new FinanceSentimentAnalyzer({
      lexicon: { 'Cloud  Growth': 1.5, 'beats estimates': 3.0, bankruptcy: 0 },
    });
    expect(compound(custom, 'Acme reports cloud growth')).toBeCloseTo(normalize(1.5), 12);
    expect(compound(custom, 'Acme beats estimates')).toBeCloseTo(normalize(3.0), 12);
    expect(compound(custom, 'Acme files for bankruptcy')).toBe(0);
    // The defaults are untouched.
    expect(compound(finance, 'Acme beats estimates')).toBeCloseTo(normalize(2.0), 12);
  });

  it('accepts extra boosters and phrase fillers', () => {
    const custom = new FinanceSentimentAnalyzer({
      boosters: { handsomely: 0.293 },
      phraseFillers: ['Cloud'],
    });
    expect(compound(custom, 'Acme handsomely beats estimates')).toBeCloseTo(normalize(2.0 + 0.293), 12);
    expect(compound(custom, 'Acme beats cloud estimates')).toBeCloseTo(normalize(2.0), 12);
  });

  it('rejects malformed options with an error naming the field', () => {
    const bad: [unknown, RegExp][] = [
      [{ lexicon: { 'beats estimates': 5 } }, /options\.lexicon\["beats estimates"\].*at most 4/],
      [{ lexicon: { rally: Number.NaN } }, /options\.lexicon\.rally/],
      [{ lexicon: { '   ': 1 } }, /options\.lexicon\[" {3}"\].*blank/],
      [{ boosters: { sharply: 0 } }, /options\.boosters\.sharply.*not be 0/],
      [{ phraseFillers: [''] }, /options\.phraseFillers\[0\]/],
      [{ lexcon: {} }, /options\.lexcon.*unknown option/],
    ];
    for (const [options, message] of bad) {
      expect(() => new FinanceSentimentAnalyzer(options as never)).toThrow(InvalidArgumentError);
      expect(() => new FinanceSentimentAnalyzer(options as never)).toThrow(message);
    }
  });
});
