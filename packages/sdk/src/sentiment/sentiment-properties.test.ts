import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FinanceSentimentAnalyzer } from './finance.js';
import type { SentimentAnalyzer, SentimentScore } from './types.js';
import { VaderSentimentAnalyzer } from './vader.js';

const analyzers: [string, SentimentAnalyzer][] = [
  ['VaderSentimentAnalyzer', new VaderSentimentAnalyzer()],
  ['FinanceSentimentAnalyzer', new FinanceSentimentAnalyzer()],
  [
    'VaderSentimentAnalyzer with emojis',
    new VaderSentimentAnalyzer({ emojiLexicon: { '😀': 'grinning face', '💔': 'broken heart' } }),
  ],
];

function expectWellFormed(score: SentimentScore): void {
  const { compound, positive, negative, neutral } = score;
  for (const value of [compound, positive, negative, neutral]) expect(Number.isFinite(value)).toBe(true);
  expect(compound).toBeGreaterThanOrEqual(-1);
  expect(compound).toBeLessThanOrEqual(1);
  for (const share of [positive, negative, neutral]) {
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
  }
  const total = positive + negative + neutral;
  if (total === 0) expect(compound).toBe(0);
  else expect(total).toBeCloseTo(1, 12);
}

// Text that exercises the rules: sentiment words, finance phrases, negations, boosters, idioms,
// "but", capitals, emoticons, emojis, punctuation runs and odd whitespace.
const word = fc.constantFrom(
  'good',
  'bad',
  'great',
  'horrible',
  'not',
  "isn't",
  'never',
  'no',
  'without',
  'doubt',
  'very',
  'kind',
  'of',
  'sort',
  'least',
  'at',
  'but',
  'BUT',
  'so',
  'this',
  'the',
  'shit',
  'bomb',
  'kiss',
  'death',
  'yeah',
  'right',
  'beats',
  'estimates',
  'cuts',
  'guidance',
  'bankruptcy',
  'chapter',
  '11',
  'shares',
  'Wall',
  'Street',
  'Q3',
  ':)',
  ':(',
  ':D',
  '<3',
  '😀',
  '💔',
  '🚀',
  '!!!',
  '???',
  'GREAT',
  'LOL',
  'ok,',
  'a',
  'I',
  '...',
  '-',
);
const separator = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u3000', ', ', '. ', '! ', '? ');
const sentence = fc
  .array(fc.tuple(word, separator), { maxLength: 30 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));
const anyText = fc.oneof(
  sentence,
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  // Lone surrogates and controls: malformed UTF-16 must not break anything.
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    maxLength: 100,
  }),
);

describe.each(analyzers)('%s', (_, analyzer) => {
  it('gives compound in [-1, 1] and proportions summing to 1 (or all 0), never NaN, for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => expectWellFormed(analyzer.score(text))),
      { numRuns: 600 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(sentence, (text) => {
        expect(analyzer.score(text)).toEqual(analyzer.score(text));
      }),
      { numRuns: 200 },
    );
  });

  it('handles empty, blank, emoji-only and very long input', () => {
    expectWellFormed(analyzer.score(''));
    expectWellFormed(analyzer.score(' \n\t '));
    expectWellFormed(analyzer.score('🚀🚀🚀 💔'));
    const long = 'Acme beats estimates but the outlook is NOT great, kind of bad!!! '.repeat(10_000);
    const score = analyzer.score(long);
    expectWellFormed(score);
    expect(score.compound).toBeLessThan(0); // the tail after the first "but" dominates
  });
});
