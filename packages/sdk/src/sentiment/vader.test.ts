import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../data/errors.js';
import { parseEmojiLexicon } from './emoji.js';
import { expectRoundsTo, type PublishedScore } from './testing/published.js';
import { VaderSentimentAnalyzer } from './vader.js';

const vader = new VaderSentimentAnalyzer();

/** VADER's `x / sqrt(x² + 15)`, for expectations derived by hand from the published constants. */
const normalize = (x: number) => x / Math.sqrt(x * x + 15);

// The example block of the vaderSentiment README (3.3.x), with the output printed under it.
const README_EXAMPLES: [string, PublishedScore][] = [
  ['VADER is smart, handsome, and funny.', { neg: 0.0, neu: 0.254, pos: 0.746, compound: 0.8316 }],
  ['VADER is smart, handsome, and funny!', { neg: 0.0, neu: 0.248, pos: 0.752, compound: 0.8439 }],
  ['VADER is very smart, handsome, and funny.', { neg: 0.0, neu: 0.299, pos: 0.701, compound: 0.8545 }],
  ['VADER is VERY SMART, handsome, and FUNNY.', { neg: 0.0, neu: 0.246, pos: 0.754, compound: 0.9227 }],
  ['VADER is VERY SMART, handsome, and FUNNY!!!', { neg: 0.0, neu: 0.233, pos: 0.767, compound: 0.9342 }],
  [
    'VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!',
    { neg: 0.0, neu: 0.294, pos: 0.706, compound: 0.9469 },
  ],
  ['VADER is not smart, handsome, nor funny.', { neg: 0.646, neu: 0.354, pos: 0.0, compound: -0.7424 }],
  ['The book was good.', { neg: 0.0, neu: 0.508, pos: 0.492, compound: 0.4404 }],
  ["At least it isn't a horrible book.", { neg: 0.0, neu: 0.678, pos: 0.322, compound: 0.431 }],
  ['The book was only kind of good.', { neg: 0.0, neu: 0.697, pos: 0.303, compound: 0.3832 }],
  [
    'The plot was good, but the characters are uncompelling and the dialog is not great.',
    { neg: 0.327, neu: 0.579, pos: 0.094, compound: -0.7042 },
  ],
  ['Today SUX!', { neg: 0.779, neu: 0.221, pos: 0.0, compound: -0.5461 }],
  ["Today only kinda sux! But I'll get by, lol", { neg: 0.127, neu: 0.556, pos: 0.317, compound: 0.5249 }],
  ['Make sure you :) or :D today!', { neg: 0.0, neu: 0.294, pos: 0.706, compound: 0.8633 }],
  ['Not bad at all', { neg: 0.0, neu: 0.513, pos: 0.487, compound: 0.431 }],
];

// The "tricky sentences" of the demo in vaderSentiment.py's __main__, compound as the demo prints it.
const DEMO_TRICKY: [string, number][] = [
  ['Sentiment analysis has never been good.', -0.3412],
  ['Sentiment analysis has never been this good!', 0.5672],
  ['Most automated sentiment analysis tools are shit.', -0.5574],
  ['With VADER, sentiment analysis is the shit!', 0.6476],
  ['Other sentiment analysis tools can be quite bad.', -0.5849],
  ['On the other hand, VADER is quite bad ass!', 0.8172],
  ['Roger Dodger is one of the most compelling variations on this theme.', 0.2944],
  ['Roger Dodger is one of the least compelling variations on this theme.', -0.1695],
  ['Roger Dodger is at least compelling as a variation on the theme.', 0.2263],
];

describe('VaderSentimentAnalyzer: published outputs of vaderSentiment 3.3.x', () => {
  it.each(README_EXAMPLES)('%s', (text, published) => {
    expectRoundsTo(vader.score(text), published, text);
  });

  it.each(DEMO_TRICKY)('%s (demo)', (text, compound) => {
    expectRoundsTo(vader.score(text), { compound }, text);
  });

  it('describes emojis when given the emoji lexicon, as the README example "Catch utf-8 emoji"', () => {
    // Three lines of vaderSentiment's emoji_utf8_lexicon.txt.
    const emojiLexicon = parseEmojiLexicon(
      '💘\theart with arrow\n💋\tkiss mark\n😁\tbeaming face with smiling eyes\n',
    );
    const text = 'Catch utf-8 emoji such as such as 💘 and 💋 and 😁';
    expectRoundsTo(new VaderSentimentAnalyzer({ emojiLexicon }).score(text), {
      neg: 0.0,
      neu: 0.615,
      pos: 0.385,
      compound: 0.875,
    });
    // Without an emoji lexicon the emojis are unknown tokens: nothing in the sentence carries sentiment.
    expect(vader.score(text)).toEqual({ compound: 0, positive: 0, negative: 0, neutral: 1 });
  });
});

describe('VaderSentimentAnalyzer: the rules, derived by hand from the published constants', () => {
  it('scores a lone lexicon word by its valence (good = 1.9)', () => {
    expect(vader.score('good').compound).toBeCloseTo(normalize(1.9), 12);
    expect(vader.score('good').positive).toBe(1);
  });

  it('negates with N_SCALAR = -0.74 up to three words back, including "n\'t"', () => {
    expect(vader.score('not good').compound).toBeCloseTo(normalize(1.9 * -0.74), 12);
    expect(vader.score("isn't good").compound).toBeCloseTo(normalize(1.9 * -0.74), 12);
    expect(vader.score('not really that good').compound).toBeCloseTo(
      normalize((1.9 + 0.293 * 0.95) * -0.74),
      12,
    );
    // Four words back is out of reach.
    expect(vader.score('not the company, its good').compound).toBeCloseTo(normalize(1.9), 12);
  });

  it('intensifies "never so good" and "never this good" instead of negating (× 1.25)', () => {
    // "so" boosts (+0.293); "never so" two back multiplies by 1.25; three back, the rule
    // "the word before is so/this" multiplies by 1.25 once more.
    expect(vader.score('it was never so good').compound).toBeCloseTo(
      normalize((1.9 + 0.293) * 1.25 * 1.25),
      12,
    );
    expect(vader.score('never this good').compound).toBeCloseTo(normalize(1.9 * 1.25), 12);
    expect(vader.score('never been good').compound).toBeCloseTo(normalize(1.9 * -0.74), 12);
  });

  it('leaves "without doubt" alone but negates with "without"', () => {
    expect(vader.score('without doubt good').compound).toBeCloseTo(normalize(-1.5 * -0.74 + 1.9), 12);
    expect(vader.score('without good').compound).toBeCloseTo(normalize(1.9 * -0.74), 12);
  });

  it('treats "no" before a lexicon word as a negation of that word', () => {
    // "no" takes 0 and "good" is negated from its lexicon value.
    expect(vader.score('no good').compound).toBeCloseTo(normalize(1.9 * -0.74), 12);
    // On its own, "no" is a lexicon word (-1.2).
    expect(vader.score('no').compound).toBeCloseTo(normalize(-1.2), 12);
  });

  it('boosts (+0.293) and dampens (-0.293), less with distance (95 %, 90 %)', () => {
    expect(vader.score('very good').compound).toBeCloseTo(normalize(1.9 + 0.293), 12);
    expect(vader.score('very very good').compound).toBeCloseTo(normalize(1.9 + 0.293 + 0.293 * 0.95), 12);
    expect(vader.score('barely good').compound).toBeCloseTo(normalize(1.9 - 0.293), 12);
    expect(vader.score('very bad').compound).toBeCloseTo(normalize(-2.5 - 0.293), 12);
  });

  it('adds C_INCR = 0.733 to ALL-CAPS words only when the text mixes case', () => {
    expect(vader.score('The book was GOOD').compound).toBeCloseTo(normalize(1.9 + 0.733), 12);
    expect(vader.score('THE BOOK WAS GOOD').compound).toBeCloseTo(normalize(1.9), 12);
    expect(vader.score('it is VERY good').compound).toBeCloseTo(normalize(1.9 + 0.293 + 0.733), 12);
  });

  it('adds 0.292 per "!" up to four, and 0.18 per "?" for two or three, 0.96 beyond', () => {
    expect(vader.score('good!!').compound).toBeCloseTo(normalize(1.9 + 2 * 0.292), 12);
    expect(vader.score('good!!!!!!').compound).toBeCloseTo(normalize(1.9 + 4 * 0.292), 12);
    expect(vader.score('good?').compound).toBeCloseTo(normalize(1.9), 12);
    expect(vader.score('good???').compound).toBeCloseTo(normalize(1.9 + 3 * 0.18), 12);
    expect(vader.score('good?????').compound).toBeCloseTo(normalize(1.9 + 0.96), 12);
    expect(vader.score('bad!').compound).toBeCloseTo(normalize(-2.5 - 0.292), 12);
  });

  it('halves what comes before "but" and weighs what follows by 1.5', () => {
    expect(vader.score('good but bad').compound).toBeCloseTo(normalize(1.9 * 0.5 - 2.5 * 1.5), 12);
    expect(vader.score('Good, BUT bad').compound).toBeCloseTo(normalize(1.9 * 0.5 - 2.5 * 1.5), 12);
  });

  it('negates after "least" except in "at least" and "very least"', () => {
    expect(vader.score('the least good').compound).toBeCloseTo(normalize(1.9 * -0.74), 12);
    expect(vader.score('at least good').compound).toBeCloseTo(normalize(1.9), 12);
  });

  it('reads "kind of" as one dampener', () => {
    // "kind" (2.4 in the lexicon) scores 0 before "of"; the bigram dampens a word three back.
    expect(vader.score('it was kind of good').compound).toBeCloseTo(normalize(1.9 - 0.293), 12);
  });

  it('replaces the valence of special idioms', () => {
    expect(vader.score('this movie is the shit').compound).toBeCloseTo(normalize(3), 12);
    expect(vader.score('his new album is the bomb').compound).toBeCloseTo(normalize(3), 12);
    expect(vader.score('and then he said yeah right').compound).toBeCloseTo(normalize(-2), 12);
    // Every lexicon word inside the idiom takes the idiom's valence: "bad" and "ass", "kiss" and "death".
    expect(vader.score('that guy is a bad ass').compound).toBeCloseTo(normalize(2 * 1.5), 12);
    expect(vader.score('that was the kiss of death').compound).toBeCloseTo(normalize(2 * -1.5), 12);
    // The check runs three words into the look-back, and only if that third word is not a lexicon
    // word: at the start of a text, or after "party" (1.7), the idiom is not seen.
    expect(vader.score('the shit').compound).toBeCloseTo(normalize(-2.6), 12);
    expect(vader.score('this party was the bomb').compound).toBeCloseTo(normalize(1.7 - 2.2), 12);
  });

  it('keeps short punctuated tokens whole, as emoticons', () => {
    expect(vader.score(':)').compound).toBeCloseTo(normalize(2.0), 12);
    // "ok," strips to "ok", two characters, so the token stays "ok," and is not the lexicon word.
    expect(vader.score('ok,').compound).toBe(0);
  });

  it('takes the last valence of a token listed twice in the lexicon, as a Python dict does', () => {
    expect(vader.score('ok').compound).toBeCloseTo(normalize(1.2), 12); // lines "ok 1.6" and "ok 1.2"
    expect(vader.score('lol').compound).toBeCloseTo(normalize(1.8), 12); // lines "lol 2.9" and "lol 1.8"
  });

  it('scores an empty or blank text as all zeros', () => {
    for (const text of ['', '   ', '\t\n\u3000']) {
      expect(vader.score(text)).toEqual({ compound: 0, positive: 0, negative: 0, neutral: 0 });
    }
  });

  it('rejects a non-string text with an error naming the argument', () => {
    expect(() => vader.score(undefined as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => vader.score(42 as unknown as string)).toThrow(/`text`.*got number/);
  });

  it('rejects unknown and malformed options', () => {
    expect(() => new VaderSentimentAnalyzer({ lexicon: {} } as never)).toThrow(/options\.lexicon/);
    expect(() => new VaderSentimentAnalyzer({ emojiLexicon: { '😀': 3 } } as never)).toThrow(
      /options\.emojiLexicon/,
    );
  });
});
