import { stripPunctuation, stripPunctuationIfWord } from './python-text.js';
import type { VaderTokens } from './vader-engine.js';

/** Multi-word lexicon entries indexed by first word, ready for {@link mergePhrases}. */
export interface PhraseIndex {
  /** First word → phrases starting with it, longest first. */
  readonly byFirstWord: ReadonlyMap<string, readonly Phrase[]>;
  /** Tokens that may stand between a phrase's words. */
  readonly fillers: ReadonlySet<string>;
}

interface Phrase {
  /** The lexicon key, e.g. "beats estimates". */
  readonly key: string;
  readonly words: readonly string[];
}

/** At most this many fillers inside one phrase: "beats Wall Street's Q3 estimates" has three. */
const MAX_FILLERS = 3;
/** Fiscal periods and years are fillers: "Q3", "H1", "FY25", "FY2025", "2025", "'25". */
const FISCAL_PERIOD = /^(?:q[1-4]|h[12]|fy(?:\d{2}|\d{4})?|\d{2}|\d{4})$/;

/** Builds the index of every lexicon key with two or more words. */
export function buildPhraseIndex(keys: Iterable<string>, fillers: Iterable<string>): PhraseIndex {
  const byFirstWord = new Map<string, Phrase[]>();
  for (const key of keys) {
    const words = key.split(' ');
    if (words.length < 2) continue;
    const first = words[0] as string;
    let list = byFirstWord.get(first);
    if (list === undefined) byFirstWord.set(first, (list = []));
    list.push({ key, words });
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { byFirstWord, fillers: new Set(fillers) };
}

/**
 * Tokens with every phrase occurrence merged into one token whose key is the phrase's lexicon key,
 * so that VADER's look-back treats "did not [beat estimates]" like "did not [beat]". Matching
 * ignores case and surrounding punctuation, takes the longest phrase at each position, allows up
 * to three fillers between words, and does not run past a token that ends a sentence (`.`, `!`,
 * `?`, `;`, `:`). `rawTokens` are the whitespace-separated tokens before VADER strips their
 * punctuation. Unmerged tokens are VADER's tokens, with VADER's lower-cased key.
 */
export function mergePhrases(rawTokens: readonly string[], index: PhraseIndex): VaderTokens {
  const n = rawTokens.length;
  const surface: string[] = new Array(n);
  const keys: string[] = new Array(n);
  const matchKeys: string[] = new Array(n);
  for (let t = 0; t < n; t++) {
    const raw = rawTokens[t] as string;
    const word = stripPunctuationIfWord(raw);
    const key = word.toLowerCase();
    surface[t] = word;
    keys[t] = key;
    // A token VADER kept whole ("Q3,", "11.") still matches without its punctuation.
    matchKeys[t] = word === raw ? stripPunctuation(key) : key;
  }
  const outSurface: string[] = [];
  const outKeys: string[] = [];
  let i = 0;
  while (i < n) {
    const candidates = index.byFirstWord.get(matchKeys[i] as string);
    let bestEnd = -1;
    let bestKey = '';
    if (candidates !== undefined) {
      for (const phrase of candidates) {
        const end = matchAt(phrase.words, i, rawTokens, matchKeys, index.fillers);
        if (end > bestEnd) {
          bestEnd = end;
          bestKey = phrase.key;
        }
      }
    }
    if (bestEnd === -1) {
      outSurface.push(surface[i] as string);
      outKeys.push(keys[i] as string);
      i++;
    } else {
      outSurface.push(surface.slice(i, bestEnd).join(' '));
      outKeys.push(bestKey);
      i = bestEnd;
    }
  }
  return { surface: outSurface, keys: outKeys };
}

/** End (exclusive) of a match of `words` starting at `start`, or -1. */
function matchAt(
  words: readonly string[],
  start: number,
  rawTokens: readonly string[],
  matchKeys: readonly string[],
  fillers: ReadonlySet<string>,
): number {
  let position = start + 1;
  let fillersUsed = 0;
  for (let w = 1; w < words.length; w++) {
    for (;;) {
      if (position >= matchKeys.length || endsSentence(rawTokens[position - 1] as string)) return -1;
      const key = matchKeys[position] as string;
      if (key === words[w]) break;
      if (fillersUsed === MAX_FILLERS || !(fillers.has(key) || FISCAL_PERIOD.test(key))) return -1;
      fillersUsed++;
      position++;
    }
    position++;
  }
  return position;
}

function endsSentence(token: string): boolean {
  const last = token.charCodeAt(token.length - 1);
  return last === 46 || last === 33 || last === 63 || last === 59 || last === 58;
}
