import { createRequire } from 'node:module';
import { type BarSeries, createRng, GICS_SECTORS, type SymbolInfo, validateBars } from '@da-ki/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { SyntheticMarketProvider } from './index.js';
import {
  autocorrelation,
  correlation,
  excessKurtosis,
  logReturns,
  mean,
  median,
} from './testing/statistics.js';

// Plain VADER (the reference JS port) as an independent judge of headline tone.
const vader = createRequire(import.meta.url)('vader-sentiment') as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};
const DAY_MS = 86_400_000;

/**
 * The stylised facts of real equity returns (Cont 2001, "Empirical properties of asset returns"),
 * measured on the provider's own output for the default seed.
 */
describe('SyntheticMarketProvider stylised facts', () => {
  const provider = new SyntheticMarketProvider();
  let symbols: SymbolInfo[];
  const bars = new Map<string, BarSeries>();

  beforeAll(async () => {
    symbols = await provider.listSymbols();
    for (const { symbol } of symbols) bars.set(symbol, await provider.getBars(symbol));
  });

  const returnsOf = (symbol: string): Float64Array => logReturns((bars.get(symbol) as BarSeries).close);

  it('has fat tails: median excess kurtosis of daily returns above 1', () => {
    const kurtosis = symbols.map(({ symbol }) => excessKurtosis(returnsOf(symbol)));
    expect(median(kurtosis)).toBeGreaterThan(1);
  });

  it('clusters volatility: |r| is autocorrelated at lag 1, and not once the days are shuffled', () => {
    const rng = createRng('shuffle');
    const ordered: number[] = [];
    const shuffled: number[] = [];
    for (const { symbol } of symbols) {
      const absolute = returnsOf(symbol).map(Math.abs);
      ordered.push(autocorrelation(absolute, 1));
      for (let i = absolute.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [absolute[i], absolute[j]] = [absolute[j] as number, absolute[i] as number];
      }
      shuffled.push(autocorrelation(absolute, 1));
    }
    expect(mean(ordered)).toBeGreaterThan(0.05);
    expect(Math.abs(mean(shuffled))).toBeLessThan(0.02);
  });

  it('correlates stocks through market and sector: within-sector > across-sector > 0', () => {
    // Returns on the common calendar, NaN where a halt hides a day, so pairs align by date.
    const calendar = new Map<number, number>();
    for (const series of bars.values()) for (const t of series.timestamps) calendar.set(t, 0);
    const days = [...calendar.keys()].sort((a, b) => a - b);
    for (const [i, t] of days.entries()) calendar.set(t, i);
    const aligned = (symbol: string): Float64Array => {
      const series = bars.get(symbol) as BarSeries;
      const out = new Float64Array(days.length).fill(Number.NaN);
      for (let i = 1; i < series.close.length; i++) {
        const day = calendar.get(series.timestamps[i] as number) as number;
        if (day === (calendar.get(series.timestamps[i - 1] as number) as number) + 1) {
          out[day] = Math.log((series.close[i] as number) / (series.close[i - 1] as number));
        }
      }
      return out;
    };
    const sample = GICS_SECTORS.flatMap((sector) =>
      symbols
        .filter((s) => s.sector === sector)
        .slice(0, 12)
        .map((s) => ({ sector, returns: aligned(s.symbol) })),
    );
    const within: number[] = [];
    const across: number[] = [];
    for (let a = 0; a < sample.length; a++) {
      for (let b = a + 1; b < sample.length; b++) {
        const rho = correlation(sample[a]?.returns as Float64Array, sample[b]?.returns as Float64Array);
        (sample[a]?.sector === sample[b]?.sector ? within : across).push(rho);
      }
    }
    expect(mean(across)).toBeGreaterThan(0.05);
    expect(mean(within)).toBeGreaterThan(mean(across) + 0.05);
  });

  it('has winners and losers over the two years', () => {
    const totalReturns = symbols.map(({ symbol }) => {
      const close = (bars.get(symbol) as BarSeries).close;
      return (close[close.length - 1] as number) / (close[0] as number) - 1;
    });
    expect(totalReturns.filter((r) => r > 0.5).length).toBeGreaterThan(10);
    expect(totalReturns.filter((r) => r < -0.3).length).toBeGreaterThan(10);
  });

  it('trades more on big moves: log volume correlates with |return|', () => {
    const rhos = symbols.map(({ symbol }) => {
      const series = bars.get(symbol) as BarSeries;
      return correlation(returnsOf(symbol).map(Math.abs), series.volume.slice(1).map(Math.log));
    });
    expect(median(rhos)).toBeGreaterThan(0.2);
  });

  it('has trading halts: gaps of 3+ missing weekdays that validateBars reports, in some series only', () => {
    const withGaps = symbols.filter(
      ({ symbol }) => validateBars(bars.get(symbol) as BarSeries).report.gaps.length > 0,
    );
    expect(withGaps.length).toBeGreaterThan(symbols.length * 0.2);
    expect(withGaps.length).toBeLessThan(symbols.length * 0.8);
  });

  it('has loss makers (about 8 %), more often in Health Care and IT', async () => {
    let losses = 0;
    let growthSectorLosses = 0;
    let growthSectorCount = 0;
    for (const { symbol, sector } of symbols) {
      const { earnings } = await provider.getFundamentals(symbol);
      const growthSector = sector === 'Health Care' || sector === 'Information Technology';
      if (growthSector) growthSectorCount++;
      if ((earnings as number) < 0) {
        losses++;
        if (growthSector) growthSectorLosses++;
      }
    }
    expect(losses / symbols.length).toBeGreaterThan(0.04);
    expect(losses / symbols.length).toBeLessThan(0.14);
    const otherRate = (losses - growthSectorLosses) / (symbols.length - growthSectorCount);
    expect(growthSectorLosses / growthSectorCount).toBeGreaterThan(otherRate);
  });

  it('writes headlines whose tone follows the stock: VADER tone correlates with the 60-day return', async () => {
    const tones: number[] = [];
    const trailing: number[] = [];
    for (const { symbol } of symbols) {
      const news = await provider.getNews(symbol);
      tones.push(
        mean(news.map((item) => vader.SentimentIntensityAnalyzer.polarity_scores(item.title).compound)),
      );
      const { timestamps, close } = bars.get(symbol) as BarSeries;
      const last = timestamps.length - 1;
      let start = last;
      while (start > 0 && (timestamps[start - 1] as number) >= (timestamps[last] as number) - 60 * DAY_MS)
        start--;
      trailing.push(Math.log((close[last] as number) / (close[start] as number)));
    }
    expect(correlation(tones, trailing)).toBeGreaterThan(0.3);
  });
});
