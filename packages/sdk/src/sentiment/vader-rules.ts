// The rule tables and empirically derived constants of vaderSentiment 3.3.2 (Hutto & Gilbert,
// "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM-14),
// transcribed from the published algorithm. Valences are on VADER's -4..+4 scale.

/** Mean rating increase from a booster word ("very good" vs "good"). */
export const B_INCR = 0.293;
/** Mean rating decrease from a dampener word ("kind of good" vs "good"). */
export const B_DECR = -0.293;
/** Mean rating increase for a sentiment word in ALL CAPS when the rest of the text is not. */
export const C_INCR = 0.733;
/** Factor applied to a negated valence: a negation flips and dampens ("not good" ≈ -0.74 × good). */
export const N_SCALAR = -0.74;
/** Normalisation constant of `x / sqrt(x² + alpha)`, approximating the maximum expected sum. */
export const NORMALIZE_ALPHA = 15;

// biome-ignore format: the published list, in its published order
/** Words that negate the sentiment word up to three tokens after them (plus any word with "n't"). */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt',
  "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
  'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt', 'neither',
  "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
  'neednt', "needn't", 'never', 'none', 'nope', 'nor', 'not', 'nothing', 'nowhere',
  'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt', 'werent',
  "oughtn't", "shan't", "shouldn't", 'uh-uh', "wasn't", "weren't",
  'without', 'wont', 'wouldnt', "won't", "wouldn't", 'rarely', 'seldom', 'despite',
]);

// biome-ignore format: the published list, in its published order
const INCREASING = [
  'absolutely', 'amazingly', 'awfully', 'completely', 'considerable', 'considerably', 'decidedly',
  'deeply', 'effing', 'enormous', 'enormously', 'entirely', 'especially', 'exceptional',
  'exceptionally', 'extreme', 'extremely', 'fabulously', 'flipping', 'flippin', 'frackin',
  'fracking', 'fricking', 'frickin', 'frigging', 'friggin', 'fully', 'fuckin', 'fucking', 'fuggin',
  'fugging', 'greatly', 'hella', 'highly', 'hugely', 'incredible', 'incredibly', 'intensely',
  'major', 'majorly', 'more', 'most', 'particularly', 'purely', 'quite', 'really', 'remarkably',
  'so', 'substantially', 'thoroughly', 'total', 'totally', 'tremendous', 'tremendously', 'uber',
  'unbelievably', 'unusually', 'utter', 'utterly', 'very',
];
// biome-ignore format: the published list, in its published order
const DECREASING = [
  'almost', 'barely', 'hardly', 'just enough', 'kind of', 'kinda', 'kindof', 'kind-of', 'less',
  'little', 'marginal', 'marginally', 'occasional', 'occasionally', 'partly', 'scarce', 'scarcely',
  'slight', 'slightly', 'somewhat', 'sort of', 'sorta', 'sortof', 'sort-of',
];

/**
 * Booster ("very") and dampener ("barely") words — English degree adverbs — with the valence
 * they add to the sentiment word after them. The two-word entries only act through the idiom check.
 */
export const VADER_BOOSTERS: ReadonlyMap<string, number> = new Map([
  ...INCREASING.map((word) => [word, B_INCR] as const),
  ...DECREASING.map((word) => [word, B_DECR] as const),
]);

/**
 * Idioms and phrases that contain a lexicon word and replace its valence ("the shit" is good,
 * "kiss of death" is bad). Single-token keys ("badass") are in 3.3.2's table but never match a
 * two- or three-word sequence; they are kept for fidelity.
 */
export const VADER_SPECIAL_CASES: ReadonlyMap<string, number> = new Map([
  ['the shit', 3],
  ['the bomb', 3],
  ['bad ass', 1.5],
  ['badass', 1.5],
  ['bus stop', 0],
  ['yeah right', -2],
  ['kiss of death', -1.5],
  ['to die for', 3],
  ['beating heart', 3.1],
  ['broken heart', -2.9],
]);
