import { InvalidArgumentError } from '../data/errors.js';
import { describeEmojis } from './emoji.js';
import { emojiMap, parseVaderOptions, type VaderSentimentOptions } from './options.js';
import { wordsAndEmoticons } from './python-text.js';
import type { SentimentAnalyzer, SentimentScore } from './types.js';
import { scoreVaderTokens, type VaderModel } from './vader-engine.js';
import { vaderLexicon } from './vader-lexicon.js';
import { VADER_BOOSTERS } from './vader-rules.js';

/**
 * VADER (Hutto & Gilbert, ICWSM-14) exactly as published in vaderSentiment 3.3.2, the Python
 * reference: its lexicon, boosters and dampeners, negation over three words (× -0.74), "never
 * so/this", "without doubt", "no", "least", ALL-CAPS emphasis (+0.733, only when the text mixes
 * case), "but", "kind of", special idioms, `!` and `?` emphasis, and normalisation with alpha 15.
 *
 * Differences from the reference, both deliberate: scores are not rounded (Python rounds compound
 * to 4 and the proportions to 3 decimals), and emojis are only described when an `emojiLexicon`
 * is given (3.3.2 ships one; this SDK does not).
 *
 * @example
 * new VaderSentimentAnalyzer().score('VADER is smart, handsome, and funny!').compound; // 0.8439…
 */
export class VaderSentimentAnalyzer implements SentimentAnalyzer {
  private readonly emojis: ReadonlyMap<string, string>;
  private readonly model: VaderModel;

  /** @throws InvalidArgumentError when an option is malformed. */
  constructor(options: VaderSentimentOptions = {}) {
    this.emojis = emojiMap(parseVaderOptions(options).emojiLexicon);
    this.model = { lexicon: vaderLexicon(), boosters: VADER_BOOSTERS };
  }

  /**
   * Scores `text`; an empty or blank text scores all zeros.
   * @throws InvalidArgumentError when `text` is not a string.
   */
  score(text: string): SentimentScore {
    assertText(text);
    const described = describeEmojis(text, this.emojis);
    const surface = wordsAndEmoticons(described);
    const keys = surface.map((token) => token.toLowerCase());
    return scoreVaderTokens({ surface, keys }, described, this.model);
  }
}

/** Rejects anything but a string: a missing title must not silently score as neutral. */
export function assertText(text: unknown): asserts text is string {
  if (typeof text !== 'string') {
    throw new InvalidArgumentError('text', `expected a string, got ${text === null ? 'null' : typeof text}`);
  }
}
