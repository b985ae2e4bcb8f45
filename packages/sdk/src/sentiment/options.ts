import { z } from 'zod';
import { InvalidArgumentError } from '../data/errors.js';

/** Options of {@link VaderSentimentAnalyzer}. */
export interface VaderSentimentOptions {
  /**
   * Emoji → description, e.g. `{ '💘': 'heart with arrow' }` (see `parseEmojiLexicon`). vaderSentiment
   * 3.3.2 replaces emojis with such descriptions before scoring; the SDK ships no emoji lexicon, so
   * by default emojis are not described (an emoji token scores as an unknown, neutral word).
   */
  emojiLexicon?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
}

/** Options of {@link FinanceSentimentAnalyzer}: additions and overrides to the finance overlay. */
export interface FinanceSentimentOptions extends VaderSentimentOptions {
  /**
   * Words and phrases (space-separated) → valence in [-4, 4], applied after `FINANCE_LEXICON`, so
   * they add entries or replace its values (and VADER's). 0 makes an entry neutral. Keys are
   * matched case-insensitively.
   */
  lexicon?: Readonly<Record<string, number>>;
  /** Extra booster (> 0, VADER uses 0.293) or dampener (< 0) words, applied after `FINANCE_BOOSTERS`. */
  boosters?: Readonly<Record<string, number>>;
  /** Extra tokens allowed between the words of a phrase, beside `FINANCE_PHRASE_FILLERS`. */
  phraseFillers?: readonly string[];
}

const valence = z.number().finite().min(-4, 'must be at least -4').max(4, 'must be at most 4');
const emojiLexicon = z.union([z.map(z.string(), z.string()), z.record(z.string(), z.string())]);

const vaderOptionsSchema = z.strictObject({ emojiLexicon: emojiLexicon.optional() });
const financeOptionsSchema = z.strictObject({
  emojiLexicon: emojiLexicon.optional(),
  lexicon: z.record(z.string(), valence).optional(),
  boosters: z
    .record(
      z.string(),
      valence.refine((value) => value !== 0, 'must not be 0'),
    )
    .optional(),
  phraseFillers: z.array(z.string().min(1, 'must not be empty')).optional(),
});

/** Validates {@link VaderSentimentOptions}; throws an {@link InvalidArgumentError} naming the field. */
export function parseVaderOptions(options: unknown): VaderSentimentOptions {
  return parseOptions(vaderOptionsSchema, options) as VaderSentimentOptions;
}

/** Validates {@link FinanceSentimentOptions}; throws an {@link InvalidArgumentError} naming the field. */
export function parseFinanceOptions(options: unknown): FinanceSentimentOptions {
  return parseOptions(financeOptionsSchema, options) as FinanceSentimentOptions;
}

function parseOptions(schema: z.ZodType, options: unknown): unknown {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    throw new InvalidArgumentError(`options.${issue.keys[0]}`, `unknown option; ${issue.message}`);
  }
  throw new InvalidArgumentError(formatPath(issue?.path ?? []), issue?.message ?? 'invalid value');
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = 'options';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) text += `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/**
 * A lexicon or booster key as it is looked up: lower case, single spaces between words.
 * @throws InvalidArgumentError when nothing is left.
 */
export function normalizeKey(key: string, field: string): string {
  const normalized = key.toLowerCase().trim().split(/\s+/).join(' ');
  if (normalized === '') {
    throw new InvalidArgumentError(`${field}[${JSON.stringify(key)}]`, 'key must not be blank');
  }
  return normalized;
}

/** The emoji lexicon option as a map of its own: later changes to the caller's object do not leak in. */
export function emojiMap(lexicon: VaderSentimentOptions['emojiLexicon']): ReadonlyMap<string, string> {
  if (lexicon === undefined) return new Map();
  return lexicon instanceof Map ? new Map(lexicon) : new Map(Object.entries(lexicon));
}
