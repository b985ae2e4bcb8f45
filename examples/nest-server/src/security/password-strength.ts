import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/**
 * The lowest zxcvbn score a new password may have: 3 ("safely unguessable: moderate protection from
 * offline slow-hash scenario", about 10^8 guesses and more).
 */
export const MIN_PASSWORD_SCORE = 3;

// zxcvbn-ts reports its findings as translation keys; these are the English sentences for the keys
// a refused password can get (the language packs' texts would add a dependency for a few lines).
const WARNINGS: Record<string, string> = {
  straightRow: 'a straight row of keys is easy to guess',
  keyPattern: 'a short keyboard pattern is easy to guess',
  simpleRepeat: 'repeated characters like "aaa" are easy to guess',
  extendedRepeat: 'repeated patterns like "abcabcabc" are easy to guess',
  sequences: 'sequences like "abc" or "123" are easy to guess',
  recentYears: 'recent years are easy to guess',
  dates: 'dates are easy to guess',
  topTen: 'it is one of the ten most used passwords',
  topHundred: 'it is one of the hundred most used passwords',
  common: 'it is a commonly used password',
  similarToCommon: 'it is too similar to a commonly used password',
  wordByItself: 'a single word is easy to guess',
  namesByThemselves: 'names on their own are easy to guess',
  commonNames: 'common names are easy to guess',
  userInputs: 'it contains the e-mail address or a part of it',
  pwned: 'it appeared in a data breach',
};

let estimator: ZxcvbnFactory | undefined;

/** The estimator, built on first use (its dictionaries take a moment to load). */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return estimator;
}

/**
 * Why `password` is too weak for a new account, or `undefined` when it is strong enough: the
 * zxcvbn-ts estimate (dictionaries of common passwords, names and words; repeats, sequences,
 * keyboard patterns, dates, l33t) must reach {@link MIN_PASSWORD_SCORE}. `userInputs` (e.g. the
 * e-mail and its parts) count as known words, so a password made of them is weak.
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | undefined {
  const result: ZxcvbnResult = zxcvbn().check(password, userInputs);
  if (result.score >= MIN_PASSWORD_SCORE) return undefined;
  const why = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  return `is too easy to guess (strength ${result.score} of 4, at least ${MIN_PASSWORD_SCORE} needed${why ? `: ${why}` : ''}); use a longer passphrase of several unrelated words`;
}
