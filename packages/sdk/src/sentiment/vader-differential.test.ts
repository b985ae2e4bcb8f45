// Differential test against the npm port `vader-sentiment` (vaderSentiment-js 1.1.3), an
// independent implementation of the same algorithm. The port follows an older vaderSentiment
// (≈3.2) and has deviations of its own; where it differs from 3.3.2, 3.3.2 is the reference.
// The generator below stays inside what both implement identically, and every remaining
// difference must be one known, explained deviation. The known deviations are then shown one by
// one with the published Python output.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createRng } from '../util/random.js';
import { applyButRule } from './but-rule.js';
import { wordsAndEmoticons } from './python-text.js';
import { expectRoundsTo } from './testing/published.js';
import type { SentimentScore } from './types.js';
import { VaderSentimentAnalyzer } from './vader.js';
import { scoreValence, tokenValences } from './vader-engine.js';
import { vaderLexicon } from './vader-lexicon.js';
import { VADER_BOOSTERS } from './vader-rules.js';

interface PortScore {
  neg: number;
  neu: number;
  pos: number;
  compound: number;
}
const port: { polarity_scores(text: string): PortScore } = createRequire(import.meta.url)(
  'vader-sentiment',
).SentimentIntensityAnalyzer;

const vader = new VaderSentimentAnalyzer();

/** The port rounds with toFixed(4)/toFixed(3); agreement means "rounds to the port's value". */
function agrees(ours: SentimentScore, theirs: PortScore): boolean {
  const eps = 1e-12;
  return (
    Math.abs(ours.compound - theirs.compound) <= 5e-5 + eps &&
    Math.abs(ours.positive - theirs.pos) <= 5e-4 + eps &&
    Math.abs(ours.negative - theirs.neg) <= 5e-4 + eps &&
    Math.abs(ours.neutral - theirs.neu) <= 5e-4 + eps
  );
}

// Words whose treatment differs between the port and 3.3.2 (lexicon entries changed in 3.3,
// boosters and idioms added in 3.3, "no", "without doubt", "never so/this") or that take part in a
// rule the generator places on purpose.
const NOT_GENERATED = new Set(
  (
    'no heart hearts flawed badass doubt die beating broken bus stop cut mustard hand mouth least but ' +
    'kind this never without so very at of or nor the shit bomb bad ass yeah right kiss death'
  ).split(' '),
);
const LEXICON_WORDS = [...vaderLexicon().keys()].filter(
  (w) => /^[a-z]{3,}$/.test(w) && !NOT_GENERATED.has(w),
);
const NEUTRAL = [
  'company',
  'market',
  'today',
  'report',
  'it',
  'we',
  'they',
  'results',
  'was',
  'is',
  'are',
  'book',
  'plot',
  'with',
  'and',
  'the',
  'this',
  'that',
  'has',
  'been',
  'to',
  'of',
];
const NEGATIONS = [
  'not',
  'never',
  "isn't",
  "don't",
  "didn't",
  'without',
  'nothing',
  'cannot',
  "wasn't",
  'nor',
];
const BOOSTERS = [
  'very',
  'really',
  'extremely',
  'so',
  'quite',
  'totally',
  'absolutely',
  'incredibly',
  'kinda',
  'slightly',
  'barely',
  'hardly',
  'somewhat',
  'most',
  'more',
  'less',
];
const DAMPENER_BIGRAMS = ['kind of', 'sort of'];
// The port compares negations and "so"/"this"/"never" case-sensitively; 3.3.2 lower-cases them.
const NEVER_CAPITALISED = new Set(['this', 'so', 'never', 'but', ...NEGATIONS]);
// Attached punctuation the port's tokenizer recognises (it strips only these suffixes).
const ATTACHED = [',', '.', '!', '?', '!!', '!!!', '??', '???'];
const TRAILING = ['!!', '!!!', '!!!!', '!!!!!', '??', '????'];

/** Word classes by cumulative probability: a third lexicon words, then filler, negations, boosters. */
function pickKind(r: number): readonly string[] {
  if (r < 0.35) return LEXICON_WORDS;
  if (r < 0.6) return NEUTRAL;
  if (r < 0.75) return NEGATIONS;
  if (r < 0.88) return BOOSTERS;
  if (r < 0.9) return DAMPENER_BIGRAMS;
  return ['but'];
}

function generateSentence(rng: ReturnType<typeof createRng>): string {
  const words: string[] = [];
  const length = rng.int(2, 12);
  for (let k = 0; k < length; k++) {
    let word = rng.pick(pickKind(rng.next()));
    const single = word.length >= 3 && !word.includes(' ');
    if (single && !NEVER_CAPITALISED.has(word) && rng.next() < 0.15) word = word.toUpperCase();
    // 3.3.2 keeps a token whole when stripping leaves two characters or fewer; the port strips it.
    if (single && rng.next() < 0.15) word += rng.pick(ATTACHED);
    words.push(word);
  }
  if (rng.next() < 0.3) words.push(rng.pick(TRAILING));
  return words.join(' ');
}

/**
 * Whether 3.3.2's "but" quirk explains a difference: its `sentiments.index(value)` scales the first
 * position holding a value, which the port (scaling by position) does not reproduce. True when
 * scaling by position instead gives exactly the port's score.
 */
function explainedByButQuirk(text: string, theirs: PortScore): boolean {
  const surface = wordsAndEmoticons(text);
  const keys = surface.map((token) => token.toLowerCase());
  const butIndex = keys.indexOf('but');
  if (butIndex === -1) return false;
  const model = { lexicon: vaderLexicon(), boosters: VADER_BOOSTERS };
  const quirky = tokenValences({ surface, keys }, model);
  const byPosition = Float64Array.from(quirky, (value, k) =>
    k < butIndex ? value * 0.5 : k > butIndex ? value * 1.5 : value,
  );
  applyButRule(keys, quirky);
  return quirky.some((value, k) => value !== byPosition[k]) && agrees(scoreValence(byPosition, text), theirs);
}

describe('VaderSentimentAnalyzer against the npm port vader-sentiment', () => {
  it('agrees on 3000 generated sentences with negations, boosters, capitals, "!", "?" and "but"', () => {
    const rng = createRng('vader-differential');
    let compared = 0;
    let butQuirk = 0;
    const unexplained: string[] = [];
    for (let s = 0; s < 3000; s++) {
      const text = generateSentence(rng);
      // "never so/this good": the port multiplies by 1.5 two words back, 3.3.2 by 1.25.
      if (/\bnever[,.!?]* (so|this)\b/.test(text)) continue;
      compared++;
      const ours = vader.score(text);
      const theirs = port.polarity_scores(text);
      if (agrees(ours, theirs)) continue;
      if (explainedByButQuirk(text, theirs)) butQuirk++;
      else unexplained.push(`${JSON.stringify(text)}: ours ${ours.compound}, port ${theirs.compound}`);
    }
    expect(unexplained).toEqual([]);
    expect(compared).toBeGreaterThan(2900);
    // The quirk needs "but" plus two valences in a 1 : 2 (or 2 : 3) ratio: rare, but it happens.
    expect(butQuirk).toBeLessThan(compared / 100);
  });
});

describe('where the port deviates from vaderSentiment 3.3.2, the published Python output holds', () => {
  it('capitalised negations still negate ("Not bad at all")', () => {
    // The port looks "Not" up without lower-casing it and misses the negation.
    expect(port.polarity_scores('Not bad at all').compound).toBeLessThan(0);
    expectRoundsTo(vader.score('Not bad at all'), { neg: 0.0, neu: 0.513, pos: 0.487, compound: 0.431 });
  });

  it('one-letter tokens count as neutral words ("a" in "At least it isn\'t a horrible book.")', () => {
    // The port drops tokens of one character (3.2 behaviour): pos 0.363 instead of 0.322.
    expect(port.polarity_scores("At least it isn't a horrible book.").pos).toBe(0.363);
    expectRoundsTo(vader.score("At least it isn't a horrible book."), {
      neu: 0.678,
      pos: 0.322,
      compound: 0.431,
    });
  });

  it('"But" with a capital is a contrastive conjunction', () => {
    // The port only looks for "but" and "BUT".
    const text = "Today only kinda sux! But I'll get by, lol";
    expect(port.polarity_scores(text).compound).not.toBeCloseTo(0.5249, 3);
    expectRoundsTo(vader.score(text), { neg: 0.127, neu: 0.556, pos: 0.317, compound: 0.5249 });
  });

  it('"never so good" intensifies by 1.25, not 1.5', () => {
    // 3.3.2: (1.9 + 0.293) × 1.25 × 1.25; the port uses 1.5 for the first factor.
    const normalize = (x: number) => x / Math.sqrt(x * x + 15);
    expect(vader.score('it was never so good').compound).toBeCloseTo(normalize(2.193 * 1.25 * 1.25), 12);
    expect(port.polarity_scores('it was never so good').compound).toBeCloseTo(
      normalize(2.193 * 1.5 * 1.25),
      4,
    );
  });

  it('3.3 additions: "no" as a negation, the 3.3 lexicon ("badass" 1.4) and boosters ("total")', () => {
    const normalize = (x: number) => x / Math.sqrt(x * x + 15);
    expect(vader.score('no good').compound).toBeCloseTo(normalize(1.9 * -0.74), 12);
    expect(port.polarity_scores('no good').compound).toBeCloseTo(normalize(-1.2 + 1.9), 4);
    expect(vader.score('such a badass').compound).toBeCloseTo(normalize(1.4), 12);
    expect(port.polarity_scores('such a badass').compound).toBeCloseTo(normalize(-0.6), 4);
    expect(vader.score('a total disaster').compound).toBeCloseTo(normalize(-3.1 - 0.293), 12);
    expect(port.polarity_scores('a total disaster').compound).toBeCloseTo(normalize(-3.1), 4);
  });
});
