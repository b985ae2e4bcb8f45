import { VADER_LEXICON_TSV } from './vader-lexicon.generated.js';

let lexicon: ReadonlyMap<string, number> | undefined;

/**
 * The VADER lexicon of vaderSentiment 3.3.2: token → mean valence on the -4..+4 scale (7 506
 * tokens: words, slang, acronyms, emoticons). Parsed on first use and shared afterwards.
 *
 * Keys are as published; lookups lower-case the token first, so the 14 keys with capitals
 * (`:D`, `(-:O`, ...) can never match, exactly as in the reference implementation.
 */
export function vaderLexicon(): ReadonlyMap<string, number> {
  lexicon ??= parseLexiconTsv(VADER_LEXICON_TSV);
  return lexicon;
}

function parseLexiconTsv(tsv: string): Map<string, number> {
  const map = new Map<string, number>();
  let lineStart = 0;
  while (lineStart < tsv.length) {
    let lineEnd = tsv.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = tsv.length;
    const tab = tsv.indexOf('\t', lineStart);
    map.set(tsv.slice(lineStart, tab), Number(tsv.slice(tab + 1, lineEnd)));
    lineStart = lineEnd + 1;
  }
  return map;
}
