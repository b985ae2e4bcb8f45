// The few Python `str` behaviours VADER's reference implementation relies on, reproduced so that
// tokens, capitals and lengths come out as they do in vaderSentiment 3.3.2.

/**
 * Python's `str.split()` separators: characters of category Zs or bidi class WS/B/S. Unlike
 * JavaScript's `\s` this includes U+001C–U+001F and U+0085 and excludes U+FEFF.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+001C..U+001F are whitespace to Python
const PYTHON_WHITESPACE_RUN = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Python's `text.split()`: split on whitespace runs, dropping empty pieces. */
export function splitPythonWhitespace(text: string): string[] {
  const pieces = text.split(PYTHON_WHITESPACE_RUN);
  // A leading or trailing separator leaves one empty piece at either end, never inside.
  if (pieces.length > 0 && pieces[0] === '') pieces.shift();
  if (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces;
}

/** `string.punctuation`: the 32 ASCII punctuation characters. */
function isAsciiPunctuation(code: number): boolean {
  return (
    (code >= 33 && code <= 47) ||
    (code >= 58 && code <= 64) ||
    (code >= 91 && code <= 96) ||
    (code >= 123 && code <= 126)
  );
}

/** Python's `token.strip(string.punctuation)`. */
export function stripPunctuation(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && isAsciiPunctuation(token.charCodeAt(start))) start++;
  while (end > start && isAsciiPunctuation(token.charCodeAt(end - 1))) end--;
  return start === 0 && end === token.length ? token : token.slice(start, end);
}

/** Python's `len(s) <= 2`: counts code points, not UTF-16 units. */
function atMostTwoCodePoints(s: string): boolean {
  if (s.length <= 2) return true;
  if (s.length > 4) return false;
  let codePoints = 0;
  for (const _ of s) codePoints++;
  return codePoints <= 2;
}

/**
 * vaderSentiment's `_strip_punc_if_word`: strips leading and trailing punctuation, unless that
 * leaves two characters or fewer, which marks an emoticon (`:)`, `:D`) or a short token kept whole.
 */
export function stripPunctuationIfWord(token: string): string {
  const stripped = stripPunctuation(token);
  return atMostTwoCodePoints(stripped) ? token : stripped;
}

/** vaderSentiment's `SentiText._words_and_emoticons`: whitespace split, then punctuation strip. */
export function wordsAndEmoticons(text: string): string[] {
  const tokens = splitPythonWhitespace(text);
  for (let i = 0; i < tokens.length; i++) tokens[i] = stripPunctuationIfWord(tokens[i] as string);
  return tokens;
}

const HAS_UPPERCASE = /\p{Uppercase}/u;
const HAS_LOWERCASE_OR_TITLECASE = /[\p{Lowercase}\p{Lt}]/u;

/**
 * Python's `str.isupper()`: at least one cased character and none lowercase or titlecase. ASCII
 * words take a fast path; others use the Unicode `Uppercase`/`Lowercase` properties, the ones
 * CPython's tables are built from.
 */
export function isPythonUpper(word: string): boolean {
  let cased = false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 128) return HAS_UPPERCASE.test(word) && !HAS_LOWERCASE_OR_TITLECASE.test(word);
    if (code >= 97 && code <= 122) return false;
    if (code >= 65 && code <= 90) cased = true;
  }
  return cased;
}
