import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataValidationError, InvalidArgumentError } from '../data/errors.js';
import type { NewsItem } from '../data/schemas.js';
import { createRng } from '../util/random.js';
import { ScoringEngine } from './engine.js';
import { gradeFor } from './grades.js';
import {
  createUniverse,
  FIRST_BAR,
  fundamentals,
  headline,
  randomWalk,
  seriesFromCloses,
  weekdayTimestamps,
} from './testing/universe.js';
import { FACTOR_NAMES, type ScoreResult, type StockSnapshot } from './types.js';
import { DEFAULT_WEIGHTS } from './weights.js';

const DAY = 86_400_000;

function bySymbol(results: ScoreResult[], symbol: string): ScoreResult {
  const found = results.find((r) => r.symbol === symbol);
  if (!found) throw new Error(`no result for ${symbol}`);
  return found;
}

function metricOf(result: ScoreResult, factor: (typeof FACTOR_NAMES)[number], id: string) {
  const found = result.details[factor].metrics.find((m) => m.id === id);
  if (!found) throw new Error(`no metric ${id}`);
  return found;
}

/** Every number anywhere in `value` (depth-first). */
function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbersIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, out);
  return out;
}

describe('ScoringEngine options', () => {
  it('uses the default weights and validates custom ones', () => {
    expect(new ScoringEngine().weights).toEqual(DEFAULT_WEIGHTS);
    const custom = { performance: 0.2, fundamental: 0.2, sentiment: 0.2, sector: 0.2, momentum: 0.2 };
    expect(new ScoringEngine({ weights: custom }).weights).toEqual(custom);
    expect(
      () => new ScoringEngine({ weights: { ...DEFAULT_WEIGHTS, sector: -0.15, momentum: 0.4 } }),
    ).toThrow(/weights\.sector/);
    expect(() => new ScoringEngine({ weights: { ...DEFAULT_WEIGHTS, momentum: 0.5 } })).toThrow(/sum to 1/);
    expect(() => new ScoringEngine({ weights: { ...DEFAULT_WEIGHTS, growth: 0 } as never })).toThrow(
      /weights\.growth/,
    );
  });

  it('rejects unknown options and bad values, naming them', () => {
    expect(() => new ScoringEngine({ halfLife: 3 } as never)).toThrow(/options\.halfLife/);
    expect(() => new ScoringEngine({ sentimentHalfLifeDays: 0 })).toThrow(/options\.sentimentHalfLifeDays/);
    expect(() => new ScoringEngine({ sentimentAnalyzer: {} as never })).toThrow(/options\.sentimentAnalyzer/);
    expect(() => new ScoringEngine({ providerSentiment: 'maybe' as never })).toThrow(InvalidArgumentError);
  });

  it('scores with the weights it was given', () => {
    const universe = createUniverse({ seed: 'weights', size: 30 });
    const momentumOnly = { performance: 0, fundamental: 0, sentiment: 0, sector: 0, momentum: 1 };
    const results = new ScoringEngine({ weights: momentumOnly }).scoreUniverse(universe);
    for (const r of results) expect(r.score).toBe(r.factors.momentum);
  });
});

describe('ScoringEngine.scoreUniverse', () => {
  const universe = createUniverse({ seed: 42, size: 60, bars: 300 });
  const engine = new ScoringEngine();
  const results = engine.scoreUniverse(universe);

  it('carries the name, last close and last timestamp of each snapshot into its result', () => {
    for (const snapshot of universe) {
      const result = bySymbol(results, snapshot.symbol);
      const last = snapshot.bars.close.length - 1;
      expect(result.name).toBe(snapshot.name ?? snapshot.symbol);
      expect(result.lastClose).toBe(snapshot.bars.close[last]);
      expect(result.lastTimestamp).toBe(snapshot.bars.timestamps[last]);
    }
    const named = engine.scoreUniverse(universe.map((s, k) => ({ ...s, name: `Company ${k}` })));
    expect(bySymbol(named, universe[3]!.symbol).name).toBe('Company 3');
    expect(() => engine.scoreUniverse([{ ...universe[0]!, name: 7 as never }])).toThrow(
      /snapshots\[0\]\.name/,
    );
  });

  it('returns every stock once, best first, with consistent ranks and sector ranks', () => {
    expect(results.map((r) => r.symbol).sort()).toEqual(universe.map((s) => s.symbol).sort());
    results.forEach((r, k) => {
      expect(r.rank).toBe(k + 1);
      if (k > 0) expect(r.score).toBeLessThanOrEqual((results[k - 1] as ScoreResult).score);
    });
    const sectors = new Map<string, ScoreResult[]>();
    for (const r of results) sectors.set(r.sector, [...(sectors.get(r.sector) ?? []), r]);
    for (const members of sectors.values()) {
      expect(members.map((r) => r.sectorRank)).toEqual(members.map((_, k) => k + 1));
      for (const r of members) expect(r.sectorSize).toBe(members.length);
    }
  });

  it('combines the factors with the weights and grades every number', () => {
    for (const r of results) {
      const expected = FACTOR_NAMES.reduce((sum, f) => sum + DEFAULT_WEIGHTS[f] * r.factors[f], 0);
      expect(r.score).toBeCloseTo(expected, 10);
      expect(r.grades.overall).toBe(gradeFor(r.score));
      for (const f of FACTOR_NAMES) {
        expect(r.factors[f]).toBe(r.details[f].score);
        expect(r.grades[f]).toBe(gradeFor(r.factors[f]));
        const detail = r.details[f];
        const weighted = detail.metrics.reduce((sum, m) => sum + m.weight * (m.percentile ?? 50), 0);
        expect(detail.score).toBeCloseTo(weighted, 10);
        expect(detail.missingInputs).toBe(detail.metrics.some((m) => m.missing));
      }
    }
  });

  it('spreads each metric evenly over 0–100: a percentile is "better than x % of the universe"', () => {
    const percentiles = results
      .map((r) => metricOf(r, 'performance', 'return12m').percentile as number)
      .sort((a, b) => a - b);
    const n = results.length;
    percentiles.forEach((p, k) => {
      expect(p).toBeCloseTo((k / (n - 1)) * 100, 9);
    });
    // The highest 12-month return has percentile 100 and is ahead of everyone.
    const best = results.reduce((a, b) =>
      (metricOf(a, 'performance', 'return12m').value as number) >
      (metricOf(b, 'performance', 'return12m').value as number)
        ? a
        : b,
    );
    expect(metricOf(best, 'performance', 'return12m').percentile).toBe(100);
  });

  it('gives every metric its sector median from the same sector', () => {
    const tech = results.filter((r) => r.sector === 'Information Technology');
    const returns = tech
      .map((r) => metricOf(r, 'performance', 'return12m').value as number)
      .sort((a, b) => a - b);
    const mid = returns.length / 2;
    const median =
      returns.length % 2
        ? returns[Math.floor(mid)]
        : ((returns[mid - 1] as number) + (returns[mid] as number)) / 2;
    for (const r of tech)
      expect(metricOf(r, 'performance', 'return12m').sectorMedian).toBeCloseTo(median as number, 12);
  });

  it('is unchanged when the universe is shuffled', () => {
    const rng = createRng(99);
    const shuffled = [...universe];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [shuffled[i], shuffled[j]] = [shuffled[j] as StockSnapshot, shuffled[i] as StockSnapshot];
    }
    expect(new ScoringEngine().scoreUniverse(shuffled)).toEqual(results);
  });

  it('gives the same results when scoring again with the same engine', () => {
    expect(engine.scoreUniverse(universe)).toEqual(results);
  });

  it('keeps every score, factor and confidence in range', () => {
    for (const r of results) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      expect(['low', 'medium', 'high']).toContain(r.confidenceLevel);
      expect(['low', 'medium', 'high']).toContain(r.riskLevel);
    }
  });

  it('returns nothing for an empty universe', () => {
    expect(engine.scoreUniverse([])).toEqual([]);
  });

  it('rejects duplicate symbols and bad prices, naming the symbol', () => {
    const [a] = createUniverse({ seed: 1, size: 1 });
    expect(() => engine.scoreUniverse([a as StockSnapshot, { ...(a as StockSnapshot) }])).toThrow(
      /duplicate symbol "S0000"/,
    );
    const close = (a as StockSnapshot).bars.close.slice();
    close[5] = -1;
    const bad = { ...(a as StockSnapshot), bars: { ...(a as StockSnapshot).bars, close } };
    expect(() => engine.scoreUniverse([bad])).toThrow(DataValidationError);
    expect(() => engine.scoreUniverse([bad])).toThrow(/S0000\.close\[5\]/);
    expect(() => engine.scoreUniverse([{ ...(a as StockSnapshot), sector: '' }])).toThrow(
      /snapshots\[0\]\.sector/,
    );
  });
});

describe('a stock that leads on every metric', () => {
  const timestamps = weekdayTimestamps(300);
  const lastBar = timestamps[299] as number;

  function leaderUniverse(): StockSnapshot[] {
    const universe = createUniverse({
      seed: 'lead',
      size: 48,
      bars: 300,
      missingFundamentals: 0,
      missingNews: 0,
    });
    // Two steps up, one down, the steps growing: an accelerating but orderly climb (RSI near
    // 67, so not overbought; a rising MACD histogram).
    const closes = new Float64Array(300);
    closes[0] = 100;
    for (let i = 1; i < 300; i++) {
      const step = 0.005 + 0.02 * (i / 300) ** 2;
      closes[i] = (closes[i - 1] as number) * (i % 3 === 0 ? 1 - step : 1 + step);
    }
    const leader: StockSnapshot = {
      symbol: 'LEAD',
      sector: 'Leaders',
      bars: seriesFromCloses('LEAD', closes, timestamps.slice()),
      fundamentals: fundamentals('LEAD', {
        peRatio: 6,
        pbRatio: 0.8,
        returnOnEquity: 0.45,
        debtToEquity: 0.05,
      }),
      news: [0, 1, 2, 3].map((d) =>
        headline('LEAD', 'Company beats earnings estimates and raises guidance', lastBar - d * DAY, 1),
      ),
    };
    const rng = createRng('peers');
    const peers: StockSnapshot[] = ['P1', 'P2', 'P3'].map((symbol) => ({
      symbol,
      sector: 'Leaders',
      bars: seriesFromCloses(symbol, randomWalk(rng, 300, 0.003, 0.01), timestamps.slice()),
      fundamentals: fundamentals(symbol, { peRatio: 20, pbRatio: 3, returnOnEquity: 0.1, debtToEquity: 1 }),
    }));
    return [...universe, ...peers, leader];
  }

  it('ranks first with top grades', () => {
    const results = new ScoringEngine().scoreUniverse(leaderUniverse());
    const leader = results[0] as ScoreResult;
    expect(leader.symbol).toBe('LEAD');
    expect(leader.sectorRank).toBe(1);
    expect(['A+', 'A']).toContain(leader.grades.overall);
    for (const f of FACTOR_NAMES) expect(['A+', 'A', 'A-'], f).toContain(leader.grades[f]);
    expect(leader.confidenceLevel).toBe('high');
  });
});

describe('explanations', () => {
  const timestamps = weekdayTimestamps(300);
  const lastBar = timestamps[299] as number;
  const rng = createRng('explain');
  const snapshots: StockSnapshot[] = ['A', 'B', 'C', 'D', 'E', 'F'].map((symbol, k) => ({
    symbol,
    sector: k < 3 ? 'Tech' : 'Energy',
    bars: seriesFromCloses(symbol, randomWalk(rng, 300, 0.0005 * (k - 2), 0.015), timestamps.slice()),
    fundamentals: fundamentals(symbol, { peRatio: [12.3, 18.9, 25, 8, 9, 10][k], returnOnEquity: 0.05 * k }),
    news: [headline(symbol, 'Analyst upgrades shares to buy', lastBar - k * DAY, 0.1 * k)],
  }));
  snapshots.push({
    symbol: 'LOSS',
    sector: 'Tech',
    bars: seriesFromCloses('LOSS', randomWalk(rng, 300, 0, 0.02), timestamps.slice()),
    fundamentals: fundamentals('LOSS', { marketCap: 1e9, earnings: -2e7 }),
  });
  const results = new ScoringEngine().scoreUniverse(snapshots);

  it('name the numbers behind the score', () => {
    const a = bySymbol(results, 'A');
    const text = a.explanations.join('\n');
    const peMedian = metricOf(a, 'fundamental', 'peRatio').sectorMedian as number;
    expect(text).toContain(`P/E 12.3 vs sector median ${peMedian.toFixed(1)}`);
    const rsi = metricOf(a, 'momentum', 'rsi14').value as number;
    expect(text).toContain(`RSI ${rsi.toFixed(0)} — `);
    const r12 = metricOf(a, 'performance', 'return12m');
    const shown = `${(r12.value as number) >= 0 ? '+' : ''}${((r12.value as number) * 100).toFixed(1)} %`;
    expect(text).toContain(`12-month return ${shown} (`);
    expect(text).toMatch(/News sentiment \+?-?\d\.\d\d from 1 headline/);
    expect(text).toMatch(/^Risk (low|medium|high): volatility \d+\.\d %/m);
  });

  it('say when earnings are negative and when there is no news', () => {
    const loss = bySymbol(results, 'LOSS');
    expect(loss.explanations.join('\n')).toContain('Negative earnings (P/E -50.0)');
    expect(loss.explanations.join('\n')).toContain('No news');
    expect(metricOf(loss, 'fundamental', 'peRatio').note).toMatch(/ranked last/);
  });

  it('say why P/E and P/B are left out when market cap and statements are in two currencies', () => {
    const adr: StockSnapshot = {
      symbol: 'ADR',
      sector: 'Tech',
      bars: seriesFromCloses('ADR', randomWalk(rng, 300, 0, 0.01), timestamps.slice()),
      fundamentals: fundamentals('ADR', {
        marketCap: 341_542_830_080,
        earnings: 120_358_002_688,
        returnOnEquity: 0.1,
        currency: 'USD',
        financialCurrency: 'CNY',
        currencyNote: 'no CNYUSD=X rate (Not Found)',
      }),
    };
    const result = bySymbol(new ScoringEngine().scoreUniverse([...snapshots, adr]), 'ADR');
    const pe = metricOf(result, 'fundamental', 'peRatio');
    expect(pe.missing).toBe(true);
    expect(pe.value).toBeNull(); // not the 2.84 of a USD market cap over CNY earnings
    const reason =
      'P/E: market cap in USD, earnings and book value in CNY (no CNYUSD=X rate (Not Found)): ratio left out, never mixed';
    expect(pe.note).toBe(reason);
    expect(metricOf(result, 'fundamental', 'pbRatio').note).toMatch(/^P\/B: market cap in USD/);
    expect(result.explanations).toContain(`${reason} (neutral)`);
  });

  it('say which returns a short history lacks', () => {
    const young: StockSnapshot = {
      symbol: 'YOUNG',
      sector: 'Tech',
      bars: seriesFromCloses('YOUNG', randomWalk(rng, 100, 0, 0.01), timestamps.slice(200)),
    };
    const result = bySymbol(new ScoringEngine().scoreUniverse([...snapshots, young]), 'YOUNG');
    expect(result.explanations).toContain(
      'Only 100 bars of history: 6- and 12-month returns unavailable (neutral)',
    );
  });
});

describe('sentiment in the engine', () => {
  const timestamps = weekdayTimestamps(60);
  const lastBar = timestamps[59] as number;
  const title = 'Company beats earnings estimates and raises guidance';
  const stock = (symbol: string, news?: NewsItem[]): StockSnapshot => {
    const s: StockSnapshot = {
      symbol,
      sector: 'S',
      bars: seriesFromCloses(symbol, randomWalk(createRng(symbol), 60, 0, 0.01), timestamps.slice()),
    };
    if (news) s.news = news;
    return s;
  };

  it('scores headlines with the finance analyzer and weighs the same headline more when newer', () => {
    const universe = [
      stock('NEW', [headline('NEW', title, lastBar - DAY)]),
      stock('OLD', [headline('OLD', title, lastBar - 20 * DAY)]),
    ];
    const results = new ScoringEngine().scoreUniverse(universe);
    const fresh = metricOf(bySymbol(results, 'NEW'), 'sentiment', 'newsSentiment').value as number;
    const stale = metricOf(bySymbol(results, 'OLD'), 'sentiment', 'newsSentiment').value as number;
    expect(stale).toBeGreaterThan(0);
    expect(fresh).toBeGreaterThan(stale);
    expect(bySymbol(results, 'NEW').factors.sentiment).toBeGreaterThan(
      bySymbol(results, 'OLD').factors.sentiment,
    );
    // A very long half-life makes age nearly irrelevant.
    const slow = new ScoringEngine({ sentimentHalfLifeDays: 10_000 }).scoreUniverse(universe);
    const slowFresh = metricOf(bySymbol(slow, 'NEW'), 'sentiment', 'newsSentiment').value as number;
    const slowStale = metricOf(bySymbol(slow, 'OLD'), 'sentiment', 'newsSentiment').value as number;
    expect(slowStale / slowFresh).toBeGreaterThan(0.99);
  });

  it('uses the analyzer it is given', () => {
    const analyzer = {
      score: (text: string) => ({
        compound: text.includes('beats') ? -1 : 0,
        positive: 0,
        negative: 0,
        neutral: 1,
      }),
    };
    const results = new ScoringEngine({ sentimentAnalyzer: analyzer }).scoreUniverse([
      stock('A', [headline('A', title, lastBar)]),
    ]);
    expect(metricOf(results[0] as ScoreResult, 'sentiment', 'newsSentiment').value).toBeCloseTo(-0.5, 12);
  });

  it('is neutral with lower confidence without news', () => {
    const universe = [stock('NEWS', [headline('NEWS', title, lastBar)]), stock('QUIET')];
    const results = new ScoringEngine().scoreUniverse(universe);
    const quiet = bySymbol(results, 'QUIET');
    expect(quiet.factors.sentiment).toBe(50);
    expect(quiet.details.sentiment.confidence).toBe(0);
    expect(quiet.details.sentiment.missingInputs).toBe(true);
    expect(bySymbol(results, 'NEWS').details.sentiment.confidence).toBeGreaterThan(0);
    // Without sentiment data at most 80 % of the (default) weight rests on real inputs.
    expect(quiet.confidence).toBeLessThanOrEqual(0.8);
  });
});

describe('risk level', () => {
  it('rises with volatility', () => {
    const timestamps = weekdayTimestamps(300);
    // The same shocks at growing scale: volatility, drawdown and beta all grow together.
    const sigmas = [0.003, 0.006, 0.01, 0.015, 0.02, 0.03, 0.045];
    const universe = sigmas.map((sigma, k) => ({
      symbol: `V${k}`,
      sector: 'S',
      bars: seriesFromCloses(
        `V${k}`,
        randomWalk(createRng('shocks'), 300, 0.0002, sigma),
        timestamps.slice(),
      ),
    }));
    const results = new ScoringEngine().scoreUniverse(universe);
    const levels = { low: 0, medium: 1, high: 2 } as const;
    const ordered = sigmas.map((_, k) => bySymbol(results, `V${k}`));
    for (let k = 1; k < ordered.length; k++) {
      const [previous, current] = [ordered[k - 1] as ScoreResult, ordered[k] as ScoreResult];
      expect(current.risk.annualizedVolatility).toBeGreaterThan(previous.risk.annualizedVolatility as number);
      expect(levels[current.riskLevel]).toBeGreaterThanOrEqual(levels[previous.riskLevel]);
    }
    expect(ordered[0]?.riskLevel).toBe('low');
    expect(ordered.at(-1)?.riskLevel).toBe('high');
  });
});

describe('degenerate universes', () => {
  it('scores a single stock as neutral on every cross-sectional metric', () => {
    const [only] = createUniverse({ seed: 3, size: 1 });
    const [result] = new ScoringEngine().scoreUniverse([only as StockSnapshot]);
    expect(result?.rank).toBe(1);
    expect(result?.sectorRank).toBe(1);
    for (const f of FACTOR_NAMES) expect(result?.factors[f]).toBe(50);
  });

  it('ties identical stocks and orders them by symbol', () => {
    const [template] = createUniverse({ seed: 5, size: 1 });
    const copies = ['C', 'A', 'B'].map((symbol) => ({ ...(template as StockSnapshot), symbol }));
    const results = new ScoringEngine().scoreUniverse(copies);
    expect(results.map((r) => r.symbol)).toEqual(['A', 'B', 'C']);
    expect(new Set(results.map((r) => r.score)).size).toBe(1);
  });
});

// --- Property: no NaN (or infinity) anywhere, whatever the input. ---

const sectorsArb = fc.constantFrom('Tech', 'Energy', 'Utilities');
const fundamentalsArb = fc.option(
  fc.record(
    {
      peRatio: fc.double({ min: -100, max: 200, noNaN: true }),
      pbRatio: fc.double({ min: -5, max: 50, noNaN: true }),
      marketCap: fc.double({ min: 0, max: 1e12, noNaN: true }),
      earnings: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
      bookValue: fc.double({ min: -1e9, max: 1e10, noNaN: true }),
      returnOnEquity: fc.double({ min: -2, max: 2, noNaN: true }),
      debtToEquity: fc.double({ min: -5, max: 10, noNaN: true }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);
const newsArb = fc.option(
  fc.array(
    fc.record({
      title: fc.constantFrom(
        'Shares surge after record profit',
        'Company misses estimates',
        'CEO resigns',
        'Quarterly update',
        ':-)',
      ),
      ageDays: fc.double({ min: -5, max: 400, noNaN: true }),
      sentiment: fc.option(fc.double({ min: -1, max: 1, noNaN: true }), { nil: undefined }),
    }),
    { maxLength: 6 },
  ),
  { nil: undefined },
);
const stockArb = fc.record({
  sector: sectorsArb,
  bars: fc.oneof(fc.constantFrom(0, 1, 2, 20, 35), fc.integer({ min: 0, max: 280 })),
  seed: fc.integer(),
  drift: fc.double({ min: -0.01, max: 0.01, noNaN: true }),
  vol: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.08, noNaN: true })),
  offset: fc.integer({ min: 0, max: 30 }),
  fundamentals: fundamentalsArb,
  news: newsArb,
});

type StockSpec = typeof stockArb extends fc.Arbitrary<infer T> ? T : never;

function buildUniverse(stocks: StockSpec[], copies: number, allLosses: boolean): StockSnapshot[] {
  const snapshots: StockSnapshot[] = stocks.map((s, k) => {
    const symbol = `X${k}`;
    const timestamps = weekdayTimestamps(s.bars, FIRST_BAR + s.offset * DAY);
    const last = timestamps[timestamps.length - 1] ?? FIRST_BAR;
    const snapshot: StockSnapshot = {
      symbol,
      sector: s.sector,
      bars: seriesFromCloses(symbol, randomWalk(createRng(s.seed), s.bars, s.drift, s.vol), timestamps),
    };
    if (s.fundamentals) {
      const f = fundamentals(symbol, s.fundamentals);
      if (allLosses) {
        f.earnings = -Math.abs(f.earnings ?? 1) - 1;
        f.peRatio = undefined;
      }
      snapshot.fundamentals = f;
    }
    if (s.news) {
      snapshot.news = s.news.map((n) => headline(symbol, n.title, last - n.ageDays * DAY, n.sentiment));
    }
    return snapshot;
  });
  const first = snapshots[0] as StockSnapshot;
  for (let c = 0; c < copies; c++) snapshots.push({ ...first, symbol: `COPY${c}` });
  return snapshots;
}

describe('no NaN for any input', () => {
  const engine = new ScoringEngine();

  it('holds for random universes with missing data, short histories, copies and losses', () => {
    fc.assert(
      fc.property(
        fc.array(stockArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        fc.constantFrom<'prefer' | 'ignore'>('prefer', 'ignore'),
        (stocks, copies, allLosses, providerSentiment) => {
          const universe = buildUniverse(stocks, copies, allLosses);
          const scorer = providerSentiment === 'prefer' ? engine : new ScoringEngine({ providerSentiment });
          const results = scorer.scoreUniverse(universe);
          expect(results).toHaveLength(universe.length);
          for (const n of numbersIn(results)) expect(Number.isFinite(n)).toBe(true);
          for (const r of results) {
            expect(r.score).toBeGreaterThanOrEqual(0);
            expect(r.score).toBeLessThanOrEqual(100);
            for (const sentence of r.explanations) expect(sentence).not.toMatch(/NaN|Infinity|undefined/);
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
