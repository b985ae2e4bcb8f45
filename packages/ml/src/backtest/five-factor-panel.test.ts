import { DataValidationError, type Fundamentals, InvalidArgumentError } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { syntheticUniverse } from '../testing/synthetic-universe.js';
import { backtestScores } from './backtest.js';
import { type FiveFactorMember, scoreFiveFactorPanel } from './five-factor-panel.js';
import { type DatedFundamentals, pointInTimeFundamentals } from './fundamentals-as-of.js';
import { pricePanelFromBars, type ScorePanel } from './panels.js';

const bars = syntheticUniverse({ symbols: 6, bars: 300, seed: 21 });
const universe: FiveFactorMember[] = bars.map((series) => ({
  symbol: series.symbol,
  sector: 'Information Technology',
  bars: series,
}));
const day = (i: number) => (bars[0] as { timestamps: Float64Array }).timestamps[i] as number;
const iso = (i: number) => new Date(day(i)).toISOString().slice(0, 10);
const cheapAndSound = { peRatio: 8, pbRatio: 1, returnOnEquity: 0.3, debtToEquity: 0.2 };
const dearAndWeak = { peRatio: 80, pbRatio: 12, returnOnEquity: -0.05, debtToEquity: 3 };
const middling = { peRatio: 20, pbRatio: 3, returnOnEquity: 0.1, debtToEquity: 1 };
const row = (symbol: string, date: string, fields: Partial<Fundamentals>): DatedFundamentals => ({
  symbol,
  source: 'fundamentals.csv',
  date,
  ...fields,
});
// S000 reports badly, then (day 200) well; S001 the reverse; S005 publishes its first report on day 200
const dated: DatedFundamentals[] = [
  row('S000', iso(0), dearAndWeak),
  row('S000', iso(200), cheapAndSound),
  row('S001', iso(0), cheapAndSound),
  row('S001', iso(200), dearAndWeak),
  ...['S002', 'S003', 'S004'].map((s) => row(s, iso(0), middling)),
  row('S005', iso(200), middling),
];
const scoreAt = (panel: ScorePanel, symbol: string, date: number) =>
  (panel.scores[panel.dates.indexOf(date)] as Float64Array)[panel.symbols.indexOf(symbol)] as number;

describe('pointInTimeFundamentals', () => {
  it('gives the latest row on or before a date, and nothing before the first', () => {
    const asOf = pointInTimeFundamentals(dated);
    expect(asOf('S000', day(199))?.peRatio).toBe(80);
    expect(asOf('S000', day(200))?.peRatio).toBe(8);
    expect(asOf('S000', day(200))?.asOf).toBe(day(200));
    expect(asOf('S005', day(199))).toBeUndefined();
    expect(asOf('NOPE', day(299))).toBeUndefined();
  });

  it('refuses an undated row and an impossible date, naming the row', () => {
    expect(() => pointInTimeFundamentals([{ symbol: 'S000', source: 'x', peRatio: 3 }])).toThrow(
      DataValidationError,
    );
    expect(() => pointInTimeFundamentals([row('S000', '2024-02-31', middling)])).toThrow(
      /S000\.date\[0\] = "2024-02-31"/,
    );
  });
});

describe('scoreFiveFactorPanel', () => {
  const dates = [day(150), day(250)];

  it('scores each date with the fundamentals known then; the latest snapshot on every date ranks differently', () => {
    const pointInTime = scoreFiveFactorPanel(universe, { dates, fundamentals: dated });
    // today's snapshot (the last row of each symbol, undated) on every date: the old look-ahead
    const latest = ['S000', 'S001', 'S002', 'S003', 'S004', 'S005'].map((symbol) => {
      const { date: _date, ...fields } = dated.filter((r) => r.symbol === symbol).at(-1) as DatedFundamentals;
      return fields;
    });
    const lookAhead = scoreFiveFactorPanel(universe, { dates, fundamentals: latest });
    expect(pointInTime.fundamentalsTiming).toBe('point-in-time');
    expect(pointInTime.warnings).toEqual([]);
    expect(lookAhead.fundamentalsTiming).toBe('undated-look-ahead');
    expect(lookAhead.warnings.join()).toMatch(/look-ahead/);

    const early = day(150);
    const pit = (s: string) => scoreAt(pointInTime.factors.fundamental, s, early);
    const ahead = (s: string) => scoreAt(lookAhead.factors.fundamental, s, early);
    // on day 150 S001 was the sound one; the look-ahead credits S000 with its later report
    expect(pit('S001')).toBeGreaterThan(pit('S000'));
    expect(ahead('S000')).toBeGreaterThan(ahead('S001'));
    const overall = (panel: ScorePanel) => scoreAt(panel, 'S001', early) - scoreAt(panel, 'S000', early);
    expect(overall(pointInTime.scores)).toBeGreaterThan(0);
    expect(overall(lookAhead.scores)).toBeLessThan(0);
    // after day 200 both know the same reports
    expect(scoreAt(pointInTime.scores, 'S000', day(250))).toBeCloseTo(
      scoreAt(lookAhead.scores, 'S000', day(250)),
      10,
    );
  });

  it('reports a factor without fundamentals as missing on that date, not as a neutral 50', () => {
    const panel = scoreFiveFactorPanel(universe, { dates, fundamentals: dated });
    expect(panel.missingFundamentals).toEqual([{ date: day(150), symbols: ['S005'] }]);
    expect(scoreAt(panel.factors.fundamental, 'S005', day(150))).toBeNaN();
    expect(scoreAt(panel.factors.fundamental, 'S005', day(250))).toBeGreaterThan(0);
    // the other factors and the overall score are still there
    expect(scoreAt(panel.factors.performance, 'S005', day(150))).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(scoreAt(panel.scores, 'S005', day(150)))).toBe(true);
  });

  it('takes a point-in-time function, and says when there are no fundamentals at all', () => {
    const asOf = pointInTimeFundamentals(dated);
    const fromFunction = scoreFiveFactorPanel(universe, { dates, fundamentals: asOf });
    const fromRows = scoreFiveFactorPanel(universe, { dates, fundamentals: dated });
    expect(fromFunction.scores).toEqual(fromRows.scores);
    const none = scoreFiveFactorPanel(universe, { dates });
    expect(none.fundamentalsTiming).toBe('none');
    expect(none.missingFundamentals.map((m) => m.symbols.length)).toEqual([6, 6]);
  });

  it('refuses rows of which only some are dated, and undated duplicates', () => {
    const { date: _date, ...undated } = dated[1] as DatedFundamentals;
    expect(() =>
      scoreFiveFactorPanel(universe, { dates, fundamentals: [dated[0] as DatedFundamentals, undated] }),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      scoreFiveFactorPanel(universe, {
        dates,
        fundamentals: [
          { symbol: 'S000', source: 'x' },
          { symbol: 'S000', source: 'x' },
        ],
      }),
    ).toThrow(/S000 appears twice/);
  });

  it('feeds backtestScores', () => {
    const rebalancing = Array.from({ length: 5 }, (_, k) => day(120 + 30 * k));
    const panel = scoreFiveFactorPanel(universe, { dates: rebalancing, fundamentals: dated });
    const result = backtestScores(panel.scores, pricePanelFromBars(bars), {
      horizon: 20,
      topK: 2,
      quantiles: 3,
    });
    expect(result.portfolio.rebalances).toBeGreaterThan(0);
    expect(result.quantiles).toHaveLength(3);
  });
});
