import fc from 'fast-check';
import { BollingerBands, RSI } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { barsToSeries } from '../data/bars.js';
import type { Fundamentals } from '../data/schemas.js';
import { expectCloseTo } from '../indicators/testing/compare.js';
import { barSeries } from '../indicators/testing/contract.js';
import { loadReferenceBars } from '../indicators/testing/reference-data.js';
import { FeatureEngineer } from './feature-engineer.js';
import { FEATURE_NAMES, PRICE_FEATURES } from './feature-names.js';

const msft = barsToSeries('MSFT', 'csv', loadReferenceBars());
const close = Array.from(msft.close);
const volume = Array.from(msft.volume);

function sampleSd(values: number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

describe('FeatureEngineer', () => {
  const frame = new FeatureEngineer().compute({ bars: msft });

  it('produces every feature of the concept, aligned with the bars', () => {
    expect(frame.names).toEqual(FEATURE_NAMES);
    for (const name of FEATURE_NAMES) expect(frame.column(name).length).toBe(close.length);
    expect(Array.from(frame.timestamps)).toEqual(Array.from(msft.timestamps));
  });

  it('computes price changes, volatility, volume ratio and price-volume trend by their definitions', () => {
    const change1 = close.map((c, i) => (i >= 1 ? c / (close[i - 1] as number) - 1 : Number.NaN));
    const change7 = close.map((c, i) => (i >= 7 ? c / (close[i - 7] as number) - 1 : Number.NaN));
    const returns = change1.slice(1);
    const vol = close.map((_, i) => (i >= 20 ? sampleSd(returns.slice(i - 20, i)) : Number.NaN));
    const ratio = volume.map((v, i) =>
      i >= 19 ? v / (volume.slice(i - 19, i + 1).reduce((s, x) => s + x, 0) / 20) : Number.NaN,
    );
    const pvt = close.map((c, i) =>
      i >= 1 ? (c - (close[i - 1] as number)) * (volume[i] as number) : Number.NaN,
    );
    expectCloseTo(frame.column('change_1d'), change1, 1e-12, 'change_1d');
    expectCloseTo(frame.column('change_7d'), change7, 1e-12, 'change_7d');
    expectCloseTo(frame.column('volatility_20d'), vol, 1e-9, 'volatility_20d');
    expectCloseTo(frame.column('volume_ratio'), ratio, 1e-9, 'volume_ratio');
    expectCloseTo(frame.column('price_volume_trend'), pvt, 1e-9, 'price_volume_trend');
  });

  it('matches trading-signals for RSI and Bollinger after warm-up', () => {
    const rsi = new RSI(14);
    const bands = new BollingerBands(20, 2);
    const refRsi: number[] = [];
    const refUpper: number[] = [];
    for (const c of close) {
      rsi.add(c);
      bands.add(c);
      refRsi.push(rsi.isStable ? Number(rsi.getResult()) : Number.NaN);
      refUpper.push(bands.isStable ? Number(bands.getResult()?.upper) : Number.NaN);
    }
    // Wilder's RSI converges from its seed; compare once both are long past warm-up.
    expectCloseTo(frame.column('rsi'), refRsi, 1e-9, 'rsi', { allowExtraValues: true, from: 100 });
    expectCloseTo(frame.column('bb_upper'), refUpper, 1e-9, 'bb_upper', { allowExtraValues: true });
  });

  it('marks rows complete after the longest warm-up and drops the rest like dropna', () => {
    const firstComplete = frame.complete.indexOf(1);
    expect(firstComplete).toBe(33); // MACD: slow EMA (26) + signal EMA (9) − 2
    for (let i = firstComplete; i < frame.length; i++) expect(frame.complete[i]).toBe(1);
    const dropped = frame.dropIncomplete();
    expect(dropped.length).toBe(frame.length - 33);
    expect(dropped.timestamps[0]).toBe(msft.timestamps[33]);
    for (const name of PRICE_FEATURES)
      for (const v of dropped.column(name)) expect(Number.isFinite(v)).toBe(true);
    const rows = dropped.toRows();
    expect(rows[0]?.length).toBe(FEATURE_NAMES.length);
    expect(rows[0]?.[0]).toBe(dropped.column('rsi')[0]);
  });

  it('derives P/E and P/B from market cap, with NaN (never Infinity) for non-positive denominators', () => {
    const base: Fundamentals = {
      symbol: 'MSFT',
      source: 'test',
      marketCap: 300e9,
      earnings: 10e9,
      bookValue: 50e9,
    };
    const engineer = new FeatureEngineer();
    const healthy = engineer.compute({ bars: msft, fundamentals: base }).latest();
    expect(healthy.pe_ratio).toBe(30);
    expect(healthy.pb_ratio).toBe(6);
    const losing = engineer
      .compute({ bars: msft, fundamentals: { ...base, earnings: -2e9, bookValue: 0 } })
      .latest();
    expect(losing.pe_ratio).toBeNaN();
    expect(losing.pb_ratio).toBeNaN();
    const givenRatios = engineer
      .compute({ bars: msft, fundamentals: { symbol: 'MSFT', source: 't', peRatio: 21.5 } })
      .latest();
    expect(givenRatios.pe_ratio).toBe(21.5);
    expect(givenRatios.pb_ratio).toBeNaN();
  });

  it('never divides market cap by earnings or book value of another currency', () => {
    // BABA as Yahoo reported it on 2025-02-24: market cap in USD, statements in CNY.
    const baba: Fundamentals = {
      symbol: 'BABA',
      source: 'test',
      marketCap: 341_542_830_080,
      earnings: 120_358_002_688,
      bookValue: 432.523 * 2_375_950_080,
      currency: 'USD',
      financialCurrency: 'CNY',
    };
    const engineer = new FeatureEngineer();
    const mixed = engineer.compute({ bars: msft, fundamentals: baba }).latest();
    expect(mixed.pe_ratio).toBeNaN(); // not 2.84
    expect(mixed.pb_ratio).toBeNaN(); // not 0.33
    const withGiven = engineer
      .compute({ bars: msft, fundamentals: { ...baba, peRatio: 20.924309 } })
      .latest();
    expect(withGiven.pe_ratio).toBe(20.924309);
    const oneCurrency = engineer
      .compute({ bars: msft, fundamentals: { ...baba, financialCurrency: 'USD', earnings: 16.6e9 } })
      .latest();
    expect(oneCurrency.pe_ratio).toBeCloseTo(341_542_830_080 / 16.6e9, 10);
  });

  it('takes sentiment as one score or one per bar, and refuses bad sentiment input', () => {
    const engineer = new FeatureEngineer();
    expect(engineer.compute({ bars: msft, newsSentiment: 0.4 }).latest().news_sentiment).toBe(0.4);
    const perBar = close.map((_, i) => (i % 2 ? 0.5 : -0.5));
    expect(
      Array.from(engineer.compute({ bars: msft, socialSentiment: perBar }).column('social_sentiment')),
    ).toEqual(perBar);
    expect(() => engineer.compute({ bars: msft, newsSentiment: [0.1] })).toThrow(/newsSentiment.*length 1/);
    expect(() => engineer.compute({ bars: msft, newsSentiment: Number.NaN })).toThrow(/newsSentiment/);
  });

  it('gives a volume ratio of 1 when the window had no volume at all', () => {
    const bars = { ...msft, volume: new Float64Array(msft.volume.length) };
    const ratio = new FeatureEngineer().compute({ bars }).column('volume_ratio');
    for (let i = 19; i < ratio.length; i++) expect(ratio[i]).toBe(1);
  });

  it('honours configured windows', () => {
    const frame5 = new FeatureEngineer({ volatilityWindow: 5, longChange: 3 }).compute({ bars: msft });
    expect(Number.isNaN(frame5.column('volatility_20d')[5] as number)).toBe(false);
    expect(Number.isNaN(frame5.column('volatility_20d')[4] as number)).toBe(true);
    expect(frame5.column('change_7d')[3]).toBeCloseTo((close[3] as number) / (close[0] as number) - 1, 12);
    expect(() => new FeatureEngineer({ rsiPeriod: 0 })).toThrow(/rsiPeriod/);
  });

  it('never produces Infinity, and complete rows have finite price features (property)', () => {
    fc.assert(
      fc.property(barSeries(80), (bars) => {
        const series = barsToSeries(
          'X',
          'test',
          bars.map((b, i) => ({ ...b, timestamp: i * 86_400_000 })),
        );
        const out = new FeatureEngineer().compute({
          bars: series,
          fundamentals: { symbol: 'X', source: 't', marketCap: 1e9, earnings: 0 },
        });
        for (const name of FEATURE_NAMES)
          for (const v of out.column(name)) expect(Math.abs(v)).not.toBe(Number.POSITIVE_INFINITY);
        for (let i = 0; i < out.length; i++) {
          if (!out.complete[i]) continue;
          for (const name of PRICE_FEATURES) expect(Number.isFinite(out.column(name)[i])).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });
});
