import { describeEmojis } from './emoji.js';
import { FINANCE_BOOSTERS, FINANCE_LEXICON, FINANCE_PHRASE_FILLERS } from './finance-lexicon.js';
import { emojiMap, type FinanceSentimentOptions, normalizeKey, parseFinanceOptions } from './options.js';
import { buildPhraseIndex, mergePhrases, type PhraseIndex } from './phrases.js';
import { splitPythonWhitespace } from './python-text.js';
import type { SentimentAnalyzer, SentimentScore } from './types.js';
import { assertText } from './vader.js';
import { scoreVaderTokens, type VaderModel } from './vader-engine.js';
import { vaderLexicon } from './vader-lexicon.js';
import { VADER_BOOSTERS } from './vader-rules.js';

interface FinanceModel {
  readonly vader: VaderModel;
  readonly phrases: PhraseIndex;
}

let defaultModel: FinanceModel | undefined;

/**
 * VADER with the finance overlay {@link FINANCE_LEXICON}: market vocabulary ("beats estimates",
 * "cuts guidance", "downgrade", "bankruptcy", ...) scored, and general-English words that mislead
 * in finance ("shares", "interest", "gross", "crude", ...) made neutral. Phrases become single
 * tokens before VADER's rules run, so negation, boosters and capitals apply to them as to words:
 * "did not beat estimates" is negative. Everything else is {@link VaderSentimentAnalyzer}'s
 * behaviour. The default analyser of the SDK's scoring.
 *
 * @example
 * const analyzer = new FinanceSentimentAnalyzer();
 * analyzer.score('Acme beats Wall Street estimates, raises full-year guidance').compound; // ≈ 0.735
 * // Extend or override the overlay: word or phrase → valence on VADER's -4..+4 scale, 0 = neutral.
 * const custom = new FinanceSentimentAnalyzer({ lexicon: { 'guidance beat': 2.2, cloud: 0 } });
 */
export class FinanceSentimentAnalyzer implements SentimentAnalyzer {
  private readonly emojis: ReadonlyMap<string, string>;
  private readonly model: FinanceModel;

  /**
   * @throws InvalidArgumentError naming the option (`options.lexicon["beats estimates"]`) when one
   * is malformed.
   */
  constructor(options: FinanceSentimentOptions = {}) {
    const parsed = parseFinanceOptions(options);
    this.emojis = emojiMap(parsed.emojiLexicon);
    const customised =
      parsed.lexicon !== undefined || parsed.boosters !== undefined || parsed.phraseFillers !== undefined;
    this.model = customised ? buildFinanceModel(parsed) : (defaultModel ??= buildFinanceModel({}));
  }

  /**
   * Scores `text`; an empty or blank text scores all zeros.
   * @throws InvalidArgumentError when `text` is not a string.
   */
  score(text: string): SentimentScore {
    assertText(text);
    const described = describeEmojis(text, this.emojis);
    const tokens = mergePhrases(splitPythonWhitespace(described), this.model.phrases);
    return scoreVaderTokens(tokens, described, this.model.vader);
  }
}

function buildFinanceModel(options: FinanceSentimentOptions): FinanceModel {
  const overlay = new Map<string, number>(Object.entries(FINANCE_LEXICON));
  for (const [key, valence] of Object.entries(options.lexicon ?? {})) {
    overlay.set(normalizeKey(key, 'options.lexicon'), valence);
  }
  const lexicon = new Map(vaderLexicon());
  // 0 removes the word, so that it behaves like any unknown word (a zero-valued lexicon entry would
  // still block VADER's look-back and take the ALL-CAPS increment).
  for (const [key, valence] of overlay) {
    if (valence === 0) lexicon.delete(key);
    else lexicon.set(key, valence);
  }

  const boosters = new Map(VADER_BOOSTERS);
  const extraBoosters = [
    ...Object.entries(FINANCE_BOOSTERS),
    ...Object.entries(options.boosters ?? {}).map(
      ([key, value]) => [normalizeKey(key, 'options.boosters'), value] as const,
    ),
  ];
  for (const [key, value] of extraBoosters) {
    boosters.set(key, value);
    // A preceding lexicon word is never read as a modifier, so a booster must not stay a lexicon word.
    lexicon.delete(key);
  }

  // Neutral phrases are merged too: "free cash flow" must hide the "free" inside it.
  const phraseKeys = [...overlay.keys()].filter((key) => key.includes(' '));
  const fillers = [
    ...FINANCE_PHRASE_FILLERS,
    ...(options.phraseFillers ?? []).map((word) => word.toLowerCase()),
  ];
  return { vader: { lexicon, boosters }, phrases: buildPhraseIndex(phraseKeys, fillers) };
}
