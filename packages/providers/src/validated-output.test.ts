import { type BarSeries, DataValidationError, isValidatedBars, type MarketDataProvider } from '@da-ki/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_DATA_DIR } from '../../sdk/src/indicators/testing/reference-data.js';
import { CsvProvider } from './csv/index.js';
import { FallbackProvider } from './fallback/index.js';
import { FolderProvider } from './folder/index.js';
import { ohlcvFile, removeFolders, writeFolder } from './folder/testing.js';
import { SyntheticMarketProvider } from './synthetic/index.js';

afterAll(removeFolders);

const DAY = 86_400_000;

/** A member that returns whatever series it was given, as a third-party provider might. */
function plainMember(series: BarSeries): MarketDataProvider {
  return { name: 'plain', listSymbols: async () => [], getBars: async () => series };
}

describe('providers return ValidatedBarSeries, so no later stage checks the bars again', () => {
  it('SyntheticMarketProvider, whole and sliced by time', async () => {
    const provider = new SyntheticMarketProvider({ seed: 7, symbols: 3 });
    const [info] = await provider.listSymbols();
    const whole = await provider.getBars(info!.symbol);
    expect(isValidatedBars(whole)).toBe(true);
    const from = whole.timestamps[10] as number;
    expect(isValidatedBars(await provider.getBars(info!.symbol, { from }))).toBe(true);
  });

  it('CsvProvider on the shared real data', async () => {
    const provider = new CsvProvider({ dir: SHARED_DATA_DIR });
    expect(isValidatedBars(await provider.getBars('MSFT'))).toBe(true);
    expect(isValidatedBars(await provider.getBars('MSFT', { from: Date.UTC(2001, 0, 1) }))).toBe(true);
  });

  it('FolderProvider', async () => {
    const provider = new FolderProvider({
      dir: writeFolder({ 'prices/AAA.csv': ohlcvFile('2020-01-01', 60) }),
    });
    const bars = await provider.getBars('AAA');
    expect(bars.close.length).toBeGreaterThan(0);
    expect(isValidatedBars(bars)).toBe(true);
  });

  it('FallbackProvider validates a member that returns plain columns, and rejects bad ones', async () => {
    const t0 = Date.UTC(2024, 0, 1);
    const plain: BarSeries = {
      symbol: 'PLN',
      source: 'plain',
      timestamps: Float64Array.of(t0, t0 + DAY, t0 + 2 * DAY),
      open: Float64Array.of(10, 11, 12),
      high: Float64Array.of(11, 12, 13),
      low: Float64Array.of(9, 10, 11),
      close: Float64Array.of(10.5, 11.5, 12.5),
      volume: Float64Array.of(100, 100, 100),
    };
    const good = await new FallbackProvider([plainMember(plain)]).getBars('PLN');
    expect(isValidatedBars(good)).toBe(true);
    expect(Array.from(good.close)).toEqual([10.5, 11.5, 12.5]);

    const bad = { ...plain, high: Float64Array.of(11, 9, 13) };
    const error = await new FallbackProvider([plainMember(bad)]).getBars('PLN').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataValidationError);
    expect((error as DataValidationError).message).toMatch(/PLN\.high\[1\]/);
  });
});
