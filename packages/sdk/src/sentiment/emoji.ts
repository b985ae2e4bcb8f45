import { InvalidArgumentError } from '../data/errors.js';

/**
 * Replaces each emoji with its description, as vaderSentiment 3.3.2 does before tokenising
 * ("💘" → "heart with arrow"), so that the description's words are scored. Like the reference,
 * it walks the text one code point at a time: multi-code-point keys (flags, skin tones, ZWJ
 * sequences) never match, and a description is separated by a space from a preceding non-space.
 */
export function describeEmojis(text: string, descriptions: ReadonlyMap<string, string>): string {
  if (descriptions.size === 0 || isAscii(text)) return text;
  let out = '';
  let previousIsSpace = true;
  for (const character of text) {
    const description = descriptions.get(character);
    if (description === undefined) {
      out += character;
      previousIsSpace = character === ' ';
    } else {
      if (!previousIsSpace) out += ' ';
      out += description;
      previousIsSpace = false;
    }
  }
  return out;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * Parses an emoji lexicon in vaderSentiment's `emoji_utf8_lexicon.txt` format — one
 * `emoji<TAB>description` per line — into the map {@link describeEmojis} takes. The SDK does not
 * ship that file; pass your copy (it is MIT-licensed, from the vaderSentiment repository).
 *
 * @throws InvalidArgumentError naming the line when a non-empty line has no TAB-separated description.
 */
export function parseEmojiLexicon(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [index, line] of text.split('\n').entries()) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const [emoji, description] = trimmed.split('\t');
    if (emoji === undefined || description === undefined || description.trim() === '') {
      throw new InvalidArgumentError(
        'text',
        `line ${index + 1} is not "emoji<TAB>description": ${JSON.stringify(line)}`,
      );
    }
    map.set(emoji, description);
  }
  return map;
}
