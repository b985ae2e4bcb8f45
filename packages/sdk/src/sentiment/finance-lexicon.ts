// The finance overlay on VADER: words and phrases that carry sentiment in market news but not (or
// the wrong way) in the social-media English VADER was rated on, and general-English words that
// mislead in finance. Valences use VADER's -4..+4 scale and are set beside comparable VADER
// ratings ("good" 1.9, "great" 3.1, "bad" -2.5, "fraud" -2.8, "disaster" -3.1). The choice of
// words follows the finance-specific word lists of Loughran & McDonald ("When Is a Liability Not a
// Liability?", Journal of Finance 66(1), 2011), who showed that most general-purpose negative
// words are not negative in financial text. See docs/sentiment.md for the table and the reasons.

type Entries = Record<string, number>;

/** Every `verb object` pair, e.g. "raises guidance", "cut outlook". */
function pairs(verbs: readonly string[], objects: readonly string[], valence: number): Entries {
  const entries: Entries = {};
  for (const verb of verbs) for (const object of objects) entries[`${verb} ${object}`] = valence;
  return entries;
}

/** The same valence for every form of a word. */
function forms(words: readonly string[], valence: number): Entries {
  return Object.fromEntries(words.map((word) => [word, valence]));
}

// biome-ignore format: word list
const BEAT = [
  'beat', 'beats', 'beating', 'top', 'tops', 'topped', 'topping', 'exceed', 'exceeds', 'exceeded',
  'exceeding', 'surpass', 'surpasses', 'surpassed', 'surpassing',
];
// biome-ignore format: word list
const MISS = [
  'miss', 'misses', 'missed', 'missing', 'lag', 'lags', 'lagged', 'lagging', 'trail', 'trails',
  'trailed', 'trailing',
];
const MEET = ['meet', 'meets', 'met', 'match', 'matches', 'matched'];
const FAIL_TO = ['fail to', 'fails to', 'failed to', 'failing to'];
// biome-ignore format: word list
const FORECASTS = [
  'estimate', 'estimates', 'expectation', 'expectations', 'forecast', 'forecasts', 'view', 'views',
  'consensus', 'projections',
];

// biome-ignore format: word list
const RAISE = [
  'raise', 'raises', 'raised', 'raising', 'lift', 'lifts', 'lifted', 'lifting', 'boost', 'boosts',
  'boosted', 'boosting', 'hike', 'hikes', 'hiked', 'hiking', 'ups', 'upped', 'increase',
  'increases', 'increased', 'increasing',
];
// biome-ignore format: word list
const CUT = [
  'cut', 'cuts', 'cutting', 'lower', 'lowers', 'lowered', 'lowering', 'reduce', 'reduces',
  'reduced', 'reducing', 'trim', 'trims', 'trimmed', 'trimming',
];
const SLASH = ['slash', 'slashes', 'slashed', 'slashing'];
// biome-ignore format: word list
const WITHDRAW = [
  'withdraw', 'withdraws', 'withdrew', 'withdrawn', 'pull', 'pulls', 'pulled', 'suspend',
  'suspends', 'suspended', 'scrap', 'scraps', 'scrapped',
];
// biome-ignore format: word list
const REAFFIRM = [
  'reaffirm', 'reaffirms', 'reaffirmed', 'reiterate', 'reiterates', 'reiterated', 'maintain',
  'maintains', 'maintained', 'confirm', 'confirms', 'confirmed',
];
const GUIDANCE = ['guidance', 'outlook', 'forecast', 'forecasts', 'projections'];
const PRICE_TARGET = ['price target', 'price targets'];
const DIVIDEND = ['dividend', 'dividends', 'payout'];
// biome-ignore format: word list
const ELIMINATE = [
  'suspend', 'suspends', 'suspended', 'eliminate', 'eliminates', 'eliminated', 'scrap', 'scraps',
  'scrapped', 'omit', 'omits', 'omitted',
];

/**
 * The finance overlay: lower-case word or phrase → valence on VADER's -4..+4 scale. Applied on top
 * of the VADER lexicon by {@link FinanceSentimentAnalyzer}; inspect it, or extend and override it
 * through the analyser's `lexicon` option. A valence of 0 removes the entry's sentiment: the word
 * is then scored like any word VADER does not know.
 *
 * Phrases (two or more words) are matched on the text's tokens and then scored as ONE token, so
 * VADER's rules apply to them as to any word: "did not beat estimates" is negated, "REALLY beats
 * estimates" is boosted. Between a phrase's words up to three filler tokens may appear
 * ({@link FINANCE_PHRASE_FILLERS}: "beats *Wall Street* estimates", "raises *2025* guidance").
 */
export const FINANCE_LEXICON: Readonly<Record<string, number>> = Object.freeze({
  // Earnings against expectations.
  ...pairs(BEAT, FORECASTS, 2.0),
  ...pairs(MISS, FORECASTS, -2.0),
  ...pairs(MEET, FORECASTS, 0.5),
  ...pairs(FAIL_TO, ['beat', 'top', 'meet', 'match', 'exceed'], -2.0),
  ...forms(['fall short', 'falls short', 'fell short', 'falling short'], -1.8),
  ...forms(['better than expected', 'better-than-expected'], 1.9),
  ...forms(['stronger than expected', 'stronger-than-expected'], 1.8),
  ...forms(['worse than expected', 'worse-than-expected'], -2.1),
  ...forms(['weaker than expected', 'weaker-than-expected'], -1.9),
  ...pairs(['above', 'ahead of'], ['expectations', 'estimates', 'forecasts'], 1.8),
  ...pairs(['below'], ['expectations', 'estimates', 'forecasts'], -1.8),
  ...forms(['beat', 'beats', 'beating'], 1.5), // "earnings beat"; VADER rates "beating" -2.0 (violence)
  ...forms(['miss', 'misses', 'missed'], -1.5), // VADER: -0.6, -0.9, -1.2 ("I miss you")
  ...forms(['topped'], 1.5),

  // Guidance and outlook.
  ...pairs(RAISE, GUIDANCE, 2.2),
  ...pairs(CUT, GUIDANCE, -2.2),
  ...pairs(SLASH, GUIDANCE, -2.6),
  ...pairs(WITHDRAW, GUIDANCE, -2.0),
  ...pairs(REAFFIRM, GUIDANCE, 0.6),
  ...forms(['guidance cut', 'guidance cuts', 'outlook cut'], -2.2),
  ...forms(['guidance raise', 'guidance hike'], 2.2),
  ...forms(
    ['profit warning', 'profit warnings', 'earnings warning', 'revenue warning', 'sales warning'],
    -2.5,
  ),
  ...forms(['warn', 'warns', 'warned'], -1.5), // VADER: -0.4, -0.4, -1.1
  ...forms(['headwind', 'headwinds'], -1.2),
  ...forms(['tailwind', 'tailwinds'], 1.2),
  ...forms(['upbeat'], 1.8),
  ...forms(['stellar'], 2.5),
  ...forms(['lackluster', 'lacklustre'], -1.5),
  ...forms(['tepid'], -1.0),
  ...forms(['slowdown'], -1.5),
  ...forms(['concern', 'concerns', 'concerned'], -1.0),

  // Analyst ratings.
  ...forms(['upgrade', 'upgrades', 'upgraded', 'upgrading'], 1.8),
  ...forms(['downgrade', 'downgrades', 'downgraded', 'downgrading'], -1.8),
  ...forms(['outperform', 'outperforms', 'outperformed', 'outperforming'], 1.8),
  ...forms(['underperform', 'underperforms', 'underperformed', 'underperforming'], -1.8),
  overweight: 1.5, // an analyst rating; VADER rates the body weight, -1.5
  underweight: -1.5,
  ...forms(['buy rating'], 1.2),
  ...forms(['sell rating'], -1.2),
  'strong buy': 2.3,
  'strong sell': -2.3, // VADER alone would score "strong" +2.3
  bullish: 2.0,
  bearish: -2.0,
  ...pairs(RAISE, PRICE_TARGET, 1.5),
  ...pairs(CUT, PRICE_TARGET, -1.5),
  ...pairs(SLASH, PRICE_TARGET, -2.0),

  // Price moves.
  ...forms(['rally', 'rallies', 'rallied', 'rallying'], 1.8),
  ...forms(['surge', 'surges', 'surged', 'surging'], 2.0),
  ...forms(['soar', 'soars', 'soared', 'soaring'], 2.3),
  ...forms(['jump', 'jumps', 'jumped', 'jumping'], 1.5),
  ...forms(['climb', 'climbs', 'climbed', 'climbing'], 1.2),
  ...forms(['rebound', 'rebounds', 'rebounded', 'rebounding'], 1.4),
  ...forms(['rise', 'rises', 'rose', 'risen'], 1.0),
  ...forms(['plunge', 'plunges', 'plunged', 'plunging'], -2.3),
  ...forms(['plummet', 'plummets', 'plummeted', 'plummeting'], -2.6),
  ...forms(['slump', 'slumps', 'slumped', 'slumping'], -2.0),
  ...forms(['tumble', 'tumbles', 'tumbled', 'tumbling'], -2.0),
  ...forms(['tank', 'tanks', 'tanked', 'tanking'], -2.2),
  ...forms(['sink', 'sinks', 'sank', 'sinking'], -1.8),
  ...forms(['slide', 'slides', 'slid', 'sliding'], -1.3),
  ...forms(['slip', 'slips', 'slipped', 'slipping'], -1.0),
  ...forms(['fall', 'falls', 'fell', 'falling'], -1.2),
  ...forms(['decline', 'declines', 'declined', 'declining'], -1.2),
  ...forms(['drops', 'dropped', 'dropping'], -1.1), // as VADER's "drop"
  ...forms(['selloff', 'sell-off', 'selloffs', 'sell-offs'], -2.0),
  rout: -2.3,
  ...forms(['crash', 'crashes', 'crashed'], -2.5), // VADER: "crash" -1.7
  ...forms(['record high', 'all-time high', 'all time high'], 2.3),
  'record low': -2.3,
  ...forms(['52-week high'], 1.5),
  ...forms(['52-week low'], -1.5),
  'bull market': 1.5,
  'bear market': -2.0,
  ...forms(['short seller', 'short sellers', 'short-seller', 'short-sellers'], -1.3),

  // Results.
  ...pairs(
    ['record'],
    ['revenue', 'revenues', 'sales', 'profit', 'profits', 'earnings', 'results', 'quarter'],
    2.3,
  ),
  'record loss': -2.5,
  ...pairs(['narrow', 'narrows', 'narrowed', 'narrowing', 'narrower'], ['loss', 'losses'], 1.2),
  ...pairs(['widen', 'widens', 'widened', 'widening', 'wider'], ['loss', 'losses'], -1.8),
  'margin expansion': 1.5,
  'margin compression': -1.5,
  'going concern': -2.5,

  // Capital returned to shareholders.
  ...pairs(RAISE, DIVIDEND, 2.0),
  ...forms(['dividend increase', 'dividend increases', 'dividend hike', 'dividend raise'], 2.0),
  ...pairs(['initiate', 'initiates', 'initiated', 'reinstate', 'reinstates', 'reinstated'], DIVIDEND, 1.5),
  'special dividend': 1.5,
  ...pairs(CUT, DIVIDEND, -2.2),
  ...pairs(SLASH, DIVIDEND, -2.6),
  ...pairs(ELIMINATE, DIVIDEND, -2.5),
  ...forms(['dividend cut', 'dividend cuts', 'dividend suspension'], -2.3),
  ...forms(
    ['buyback', 'buybacks', 'share buyback', 'share buybacks', 'stock buyback', 'stock buybacks'],
    1.5,
  ),
  ...forms(['share repurchase', 'share repurchases', 'stock repurchase', 'stock repurchases'], 1.5),
  ...forms(['repurchase', 'repurchases'], 1.0),

  // Deals: mildly positive, as the average announcement return of a target is.
  ...forms(
    ['acquisition', 'acquisitions', 'acquire', 'acquires', 'acquired', 'merger', 'mergers', 'takeover'],
    0.5,
  ),

  // Distress.
  ...forms(['bankruptcy', 'bankruptcies'], -3.3),
  bankrupt: -3.0, // VADER: -2.6
  'chapter 11': -3.3,
  'chapter 7': -3.5,
  ...forms(['insolvency', 'insolvent'], -3.0),
  liquidation: -2.3,
  ...forms(['delisted', 'delisting'], -2.5),
  ...forms(['default', 'defaults', 'defaulted', 'defaulting'], -2.5),
  ...forms(
    [
      'layoff',
      'layoffs',
      'lay off',
      'lays off',
      'laid off',
      'job cuts',
      'cuts jobs',
      'cut jobs',
      'cutting jobs',
    ],
    -2.0,
  ),
  'workforce reduction': -1.8,
  ...forms(['recall', 'recalls', 'recalled'], -1.5),
  ...forms(['impairment', 'impairments', 'writedown', 'writedowns', 'write-down', 'write-downs'], -1.5),
  ...forms(['data breach', 'cyberattack', 'cyber attack'], -2.3),
  ...forms(['outage', 'outages'], -1.5),
  ousted: -2.0,

  // Legal and regulatory.
  ...forms(['lawsuit', 'lawsuits'], -1.8), // VADER: -0.9, -0.6
  ...forms(['sue', 'sues', 'sued', 'suing'], -1.8),
  ...forms(['class action', 'class-action'], -2.0),
  ...forms(['probe', 'probes', 'probed', 'investigation', 'investigations'], -1.5),
  ...pairs(
    ['sec', 'doj', 'ftc', 'antitrust', 'federal', 'criminal'],
    ['investigation', 'probe', 'inquiry', 'lawsuit'],
    -2.3,
  ),
  ...forms(['subpoena', 'subpoenas', 'subpoenaed'], -1.8),
  ...forms(['indicted', 'indictment'], -2.5),
  'accounting irregularities': -2.8,
  ...forms(['restatement', 'restate', 'restates', 'restated'], -2.0),
  fined: -2.0,
  fines: -1.5,

  // General-English words that mislead in finance: neutral here (Loughran & McDonald).
  share: 0, // "shares fell": VADER +1.2
  shares: 0,
  interest: 0, // "interest rates", "net interest income": VADER +2.0
  liability: 0, // a balance-sheet item: VADER -0.8
  liabilities: 0,
  gross: 0, // "gross margin": VADER -2.1 (disgusting)
  crude: 0, // "crude oil": VADER -2.7
  trust: 0, // "investment trust", "Northern Trust": VADER +2.3
  credit: 0, // "credit facility", "credit card": VADER +1.6
  security: 0, // "securities", "homeland security": VADER +1.4
  securities: 0,
  energy: 0, // the sector: VADER +1.1
  fine: 0, // a penalty as often as "OK": VADER +0.8
  cancer: 0, // "cancer drug" approvals are good news for a drug maker: VADER -3.4
  united: 0, // United Airlines, UnitedHealth, United Rentals: VADER +1.8
  amazon: 0, // the company: VADER +0.7
  wells: 0, // Wells Fargo, oil wells: VADER +1.0
  dynamics: 0, // General Dynamics: VADER +1.1
  solutions: 0, // "... Solutions Inc.": VADER +0.7
  'free cash flow': 0, // VADER "free" +2.3
  'health care': 0, // VADER "care" +2.2
  'managed care': 0,
  'top line': 0,
  // Company names that contain a sentiment word.
  'best buy': 0,
  'ulta beauty': 0,
  'fair isaac': 0,
  'super micro': 0,
});

/**
 * Degree adverbs of market news, added to VADER's boosters: they strengthen (`B_INCR`, 0.293) or
 * weaken (`B_DECR`, -0.293) the sentiment word or phrase after them ("sharply lowers guidance").
 */
export const FINANCE_BOOSTERS: Readonly<Record<string, number>> = Object.freeze({
  sharply: 0.293,
  significantly: 0.293,
  dramatically: 0.293,
  massively: 0.293,
  handily: 0.293,
  steeply: 0.293,
  strongly: 0.293, // VADER rates "strongly" +1.1 as a word; here it is a booster only
  modestly: -0.293,
  mildly: -0.293,
});

// biome-ignore format: word list
/**
 * Tokens that may stand between the words of a finance phrase (up to three of them), so that
 * "beats analysts' estimates", "raises full-year revenue guidance" and "cuts its quarterly
 * dividend" match. Fiscal periods (`Q3`, `H1`, `FY25`, `2025`) are fillers too.
 */
export const FINANCE_PHRASE_FILLERS: readonly string[] = Object.freeze([
  'analyst', 'analysts', 'wall', 'street', "street's", 'consensus', 'its', 'their', 'the', 'his', 'her',
  'earnings', 'revenue', 'revenues', 'sales', 'profit', 'eps', 'margin', 'margins', 'growth', 'cash',
  'quarterly', 'annual', 'full-year', 'fiscal', 'quarter', 'year', 'current', 'current-year', 'year-end',
  'first-quarter', 'second-quarter', 'third-quarter', 'fourth-quarter', 'first-half', 'second-half',
]);
