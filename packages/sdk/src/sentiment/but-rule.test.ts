import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyButRule } from './but-rule.js';

/**
 * vaderSentiment 3.3.2's `_but_check`, transcribed statement by statement:
 *
 *     for sentiment in sentiments:
 *         si = sentiments.index(sentiment)
 *         if si < bi: sentiments.pop(si); sentiments.insert(si, sentiment * 0.5)
 *         elif si > bi: sentiments.pop(si); sentiments.insert(si, sentiment * 1.5)
 *
 * Python's `for` reads the live list by position, and pop + insert at the same position keeps
 * its length, so this is the loop below.
 */
function pythonButCheck(keys: readonly string[], input: readonly number[]): number[] {
  const sentiments = [...input];
  const bi = keys.indexOf('but');
  if (bi === -1) return sentiments;
  for (let position = 0; position < sentiments.length; position++) {
    const sentiment = sentiments[position] as number;
    const si = sentiments.indexOf(sentiment); // list.index: first equal value
    if (si < bi) sentiments[si] = sentiment * 0.5;
    else if (si > bi) sentiments[si] = sentiment * 1.5;
  }
  return sentiments;
}

// Few distinct values, with 1:2 and 2:3 ratios, so that the first-equal-value quirk fires often.
const valence = fc.constantFrom(0, 0, 0, 1, 2, 3, -1, -2, 0.5, 1.5, 4.5, 0.75);

describe('applyButRule', () => {
  it('reproduces the reference loop, quirk included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(valence, fc.constantFrom('x', 'y', 'but')), { maxLength: 40 }),
        (rows) => {
          const keys = rows.map(([, word]) => word);
          const values = rows.map(([value]) => value);
          const ours = Float64Array.from(values);
          applyButRule(keys, ours);
          expect([...ours]).toEqual(pythonButCheck(keys, values).map((v) => v + 0)); // +0: -0 → 0
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('scales by position when no value repeats: half before the first "but", 1.5 after', () => {
    const sentiments = Float64Array.from([1.9, 0, -2.5, 0, 3.1]);
    applyButRule(['good', 'but', 'bad', 'but', 'great'], sentiments);
    expect([...sentiments]).toEqual([0.95, 0, -3.75, 0, 3.1 * 1.5]);
  });

  it('shows the quirk: a value equal to an already halved one halves the earlier word again', () => {
    // 2.0 is halved to 1.0; the next 1.0 is found at position 0 first, so position 0 becomes 0.5
    // and position 1 keeps 1.0.
    const sentiments = Float64Array.from([2.0, 1.0, 0]);
    applyButRule(['a', 'b', 'but'], sentiments);
    expect([...sentiments]).toEqual([0.5, 1.0, 0]);
  });

  it('stays fast on long texts with many equal values', () => {
    const n = 200_000;
    const keys = Array.from({ length: n }, (_, i) => (i === n / 2 ? 'but' : 'good'));
    const sentiments = new Float64Array(n).fill(1.9);
    sentiments[n / 2] = 0;
    applyButRule(keys, sentiments);
    expect(sentiments[0]).toBeCloseTo(0.95, 12);
    expect(sentiments[n - 1]).toBeCloseTo(2.85, 12);
  });
});
