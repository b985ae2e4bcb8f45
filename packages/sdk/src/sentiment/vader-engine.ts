import { applyButRule } from './but-rule.js';
import { isPythonUpper } from './python-text.js';
import type { SentimentScore } from './types.js';
import { C_INCR, N_SCALAR, NEGATIONS, NORMALIZE_ALPHA, VADER_SPECIAL_CASES } from './vader-rules.js';

/** What a VADER scorer looks words up in. */
export interface VaderModel {
  /**
   * Token (lower case) → valence. Membership matters too: a lexicon word is never read as a
   * booster or negation of the word after it.
   */
  readonly lexicon: ReadonlyMap<string, number>;
  /** Booster/dampener word (lower case) → valence it adds to the next sentiment word. */
  readonly boosters: ReadonlyMap<string, number>;
}

/** A tokenised text: one entry per token, in both spellings the rules need. */
export interface VaderTokens {
  /** Tokens as written; decides ALL-CAPS emphasis. */
  readonly surface: readonly string[];
  /** Tokens in lower case; every lexicon, booster, negation and idiom lookup uses these. */
  readonly keys: readonly string[];
}

const ZERO_SCORE: SentimentScore = Object.freeze({ compound: 0, positive: 0, negative: 0, neutral: 0 });

/**
 * VADER's `polarity_scores` after tokenisation: per-token valences with the booster, capitals,
 * negation, idiom, "least" and "but" rules, then punctuation emphasis and normalisation.
 * `text` is the text the tokens came from; its `!` and `?` add emphasis.
 */
export function scoreVaderTokens(tokens: VaderTokens, text: string, model: VaderModel): SentimentScore {
  if (tokens.keys.length === 0) return ZERO_SCORE;
  const sentiments = tokenValences(tokens, model);
  applyButRule(tokens.keys, sentiments);
  return scoreValence(sentiments, text);
}

/** One valence per token, with every rule applied except "but" (0 for words without sentiment). */
export function tokenValences(tokens: VaderTokens, model: VaderModel): Float64Array {
  const { surface, keys } = tokens;
  const n = keys.length;
  const isCapDiff = hasCapDifferential(surface);
  const sentiments = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const key = keys[i] as string;
    // Boosters and "kind of" modify the next word; they carry no valence of their own.
    if (model.boosters.has(key) || (i < n - 1 && key === 'kind' && keys[i + 1] === 'of')) continue;
    sentiments[i] = valenceAt(i, surface, keys, isCapDiff, model);
  }
  return sentiments;
}

/** Whether some, but not all, tokens are ALL CAPS: only then do capitals signal emphasis. */
function hasCapDifferential(surface: readonly string[]): boolean {
  let allCaps = 0;
  for (const word of surface) if (isPythonUpper(word)) allCaps++;
  const others = surface.length - allCaps;
  return others > 0 && others < surface.length;
}

function valenceAt(
  i: number,
  surface: readonly string[],
  keys: readonly string[],
  isCapDiff: boolean,
  { lexicon, boosters }: VaderModel,
): number {
  const key = keys[i] as string;
  const base = lexicon.get(key);
  if (base === undefined) return 0;
  const n = keys.length;
  let valence = base;
  // "no" before another lexicon word negates that word instead of counting as negative itself.
  if (key === 'no' && i !== n - 1 && lexicon.has(keys[i + 1] as string)) valence = 0;
  if (
    (i > 0 && keys[i - 1] === 'no') ||
    (i > 1 && keys[i - 2] === 'no') ||
    (i > 2 && keys[i - 3] === 'no' && (keys[i - 1] === 'or' || keys[i - 1] === 'nor'))
  ) {
    valence = base * N_SCALAR;
  }
  // The reference adds C_INCR away from zero, with zero counted as negative; kept as published.
  if (isCapDiff && isPythonUpper(surface[i] as string)) {
    valence = valence > 0 ? valence + C_INCR : valence - C_INCR;
  }

  for (let startI = 0; startI < 3; startI++) {
    const j = i - (startI + 1);
    // Look back over up to three words; a preceding lexicon word ends neither the loop nor the
    // window, it is just not a modifier.
    if (i > startI && !lexicon.has(keys[j] as string)) {
      let scalar = boosterScalar(surface[j] as string, keys[j] as string, valence, isCapDiff, boosters);
      // Modifiers further away count less: 95 % two words back, 90 % three words back.
      if (startI === 1 && scalar !== 0) scalar *= 0.95;
      if (startI === 2 && scalar !== 0) scalar *= 0.9;
      valence += scalar;
      valence = negationCheck(valence, keys, startI, i);
      if (startI === 2) valence = specialIdiomsCheck(valence, keys, i, boosters);
    }
  }
  return leastCheck(valence, keys, i, lexicon);
}

/** vaderSentiment's `scalar_inc_dec`: what a preceding booster adds, signed like the valence. */
function boosterScalar(
  word: string,
  key: string,
  valence: number,
  isCapDiff: boolean,
  boosters: ReadonlyMap<string, number>,
): number {
  const booster = boosters.get(key);
  if (booster === undefined) return 0;
  let scalar = valence < 0 ? -booster : booster;
  if (isCapDiff && isPythonUpper(word)) scalar = valence > 0 ? scalar + C_INCR : scalar - C_INCR;
  return scalar;
}

/** A negation word, or any word containing "n't" (vaderSentiment's `negated` on one word). */
function isNegation(key: string): boolean {
  return NEGATIONS.has(key) || key.includes("n't");
}

/**
 * vaderSentiment's `_negation_check` for the word `startI + 1` places back: negations flip and
 * dampen (× N_SCALAR); "never so/this good" instead intensifies (× 1.25); "without doubt" is left alone.
 */
function negationCheck(valence: number, keys: readonly string[], startI: number, i: number): number {
  if (startI === 0) return isNegation(keys[i - 1] as string) ? valence * N_SCALAR : valence;
  const oneBack = keys[i - 1];
  const twoBack = keys[i - 2];
  if (startI === 1) {
    if (twoBack === 'never' && (oneBack === 'so' || oneBack === 'this')) return valence * 1.25;
    if (twoBack === 'without' && oneBack === 'doubt') return valence;
    return isNegation(twoBack as string) ? valence * N_SCALAR : valence;
  }
  const threeBack = keys[i - 3];
  if (
    (threeBack === 'never' && (twoBack === 'so' || twoBack === 'this')) ||
    oneBack === 'so' ||
    oneBack === 'this'
  ) {
    return valence * 1.25;
  }
  if (threeBack === 'without' && (twoBack === 'doubt' || oneBack === 'doubt')) return valence;
  return isNegation(threeBack as string) ? valence * N_SCALAR : valence;
}

/**
 * Every run of consecutive words of the given multi-word keys ("kiss", "kiss of", "of death", ...):
 * a token outside this set cannot be part of a matching sequence, which spares building strings.
 */
function partsOfMultiWordKeys(keys: Iterable<string>): ReadonlySet<string> {
  const parts = new Set<string>();
  for (const key of keys) {
    const words = key.split(' ');
    if (words.length < 2) continue;
    for (let a = 0; a < words.length; a++) {
      for (let b = a + 1; b <= words.length; b++) parts.add(words.slice(a, b).join(' '));
    }
  }
  return parts;
}

const IDIOM_PARTS = partsOfMultiWordKeys(VADER_SPECIAL_CASES.keys());
const boosterPartsCache = new WeakMap<ReadonlyMap<string, number>, ReadonlySet<string>>();

function boosterParts(boosters: ReadonlyMap<string, number>): ReadonlySet<string> {
  let parts = boosterPartsCache.get(boosters);
  if (parts === undefined) boosterPartsCache.set(boosters, (parts = partsOfMultiWordKeys(boosters.keys())));
  return parts;
}

/**
 * vaderSentiment's `_special_idioms_check` (run only three words into the look-back, so `i ≥ 3`):
 * an idiom around the word replaces its valence; a two-word dampener ("kind of") before it applies.
 */
function specialIdiomsCheck(
  valence: number,
  keys: readonly string[],
  i: number,
  boosters: ReadonlyMap<string, number>,
): number {
  const w0 = keys[i] as string;
  const w1 = keys[i - 1] as string;
  const w2 = keys[i - 2] as string;
  const w3 = keys[i - 3] as string;
  // Every sequence below contains w0, w1 or w2.
  if (IDIOM_PARTS.has(w0) || IDIOM_PARTS.has(w1) || IDIOM_PARTS.has(w2)) {
    for (const sequence of [
      `${w1} ${w0}`,
      `${w2} ${w1} ${w0}`,
      `${w2} ${w1}`,
      `${w3} ${w2} ${w1}`,
      `${w3} ${w2}`,
    ]) {
      const idiom = VADER_SPECIAL_CASES.get(sequence);
      if (idiom !== undefined) {
        valence = idiom;
        break;
      }
    }
    const n = keys.length;
    if (n - 1 > i) {
      const idiom = VADER_SPECIAL_CASES.get(`${w0} ${keys[i + 1]}`);
      if (idiom !== undefined) valence = idiom;
    }
    if (n - 1 > i + 1) {
      const idiom = VADER_SPECIAL_CASES.get(`${w0} ${keys[i + 1]} ${keys[i + 2]}`);
      if (idiom !== undefined) valence = idiom;
    }
  }
  const parts = boosterParts(boosters);
  if (parts.has(w1) || parts.has(w2) || parts.has(w3)) {
    for (const nGram of [`${w3} ${w2} ${w1}`, `${w3} ${w2}`, `${w2} ${w1}`]) {
      const booster = boosters.get(nGram);
      if (booster !== undefined) valence += booster;
    }
  }
  return valence;
}

/** "least good" negates; "at least good" and "very least good" do not. */
function leastCheck(
  valence: number,
  keys: readonly string[],
  i: number,
  lexicon: ReadonlyMap<string, number>,
): number {
  if (i > 0 && keys[i - 1] === 'least' && !lexicon.has('least')) {
    if (i === 1) return valence * N_SCALAR;
    const before = keys[i - 2];
    if (before !== 'at' && before !== 'very') return valence * N_SCALAR;
  }
  return valence;
}

function normalize(score: number): number {
  const normalized = score / Math.sqrt(score * score + NORMALIZE_ALPHA);
  return Math.max(-1, Math.min(1, normalized));
}

/** Emphasis from `!` (0.292 each, up to 4) and `?` (0.18 each for 2–3, 0.96 for more). */
function punctuationEmphasis(text: string): number {
  let exclamations = 0;
  let questions = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 33) exclamations++;
    else if (code === 63) questions++;
  }
  const exclamationAmplifier = Math.min(exclamations, 4) * 0.292;
  const questionAmplifier = questions <= 1 ? 0 : questions <= 3 ? questions * 0.18 : 0.96;
  return exclamationAmplifier + questionAmplifier;
}

/** vaderSentiment's `score_valence`: compound from the sum, proportions from the signs (non-empty input). */
export function scoreValence(sentiments: Float64Array, text: string): SentimentScore {
  // Summed left to right, like CPython's `sum` before 3.12 (when the published outputs were made).
  let sum = 0;
  for (const sentiment of sentiments) sum += sentiment;
  const emphasis = punctuationEmphasis(text);
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  const compound = normalize(sum);

  let positiveSum = 0;
  let negativeSum = 0;
  let neutralCount = 0;
  for (const sentiment of sentiments) {
    // ±1 compensates for neutral words counting 1 each.
    if (sentiment > 0) positiveSum += sentiment + 1;
    else if (sentiment < 0) negativeSum += sentiment - 1;
    else neutralCount++;
  }
  if (positiveSum > Math.abs(negativeSum)) positiveSum += emphasis;
  else if (positiveSum < Math.abs(negativeSum)) negativeSum -= emphasis;
  const total = positiveSum + Math.abs(negativeSum) + neutralCount;
  return {
    compound,
    positive: Math.abs(positiveSum / total),
    negative: Math.abs(negativeSum / total),
    neutral: Math.abs(neutralCount / total),
  };
}
