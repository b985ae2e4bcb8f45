import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { barsToSeries, DaKiError, validateBars } from '@da-ki/sdk';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReferenceBars, SHARED_DATA_DIR } from '../../../sdk/src/indicators/testing/reference-data.js';
import { InvalidResponseError, NotFoundError, ProviderUnavailableError } from '../errors/index.js';
import { CsvFormatError, CsvProvider } from './index.js';

const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`);

describe('CsvProvider on the shared real data', () => {
  const provider = new CsvProvider({ dir: SHARED_DATA_DIR, sectors: { msft: 'Information Technology' } });

  it('lists one symbol per CSV file', async () => {
    expect(await provider.listSymbols()).toEqual([
      { symbol: 'EUSTOCKMARKETS', name: 'EUSTOCKMARKETS', sector: 'Unknown' },
      { symbol: 'GOLD', name: 'GOLD', sector: 'Unknown' },
      { symbol: 'MSFT', name: 'MSFT', sector: 'Information Technology' },
    ]);
    expect(await provider.getSector('msft')).toBe('Information Technology');
  });

  it('reads msft.csv: 249 bars from 2000-09-27 (close 60.625), equal to an independent parse', async () => {
    const bars = await provider.getBars('MSFT');
    expect(bars.symbol).toBe('MSFT');
    expect(bars.source).toBe('csv');
    expect(bars.timestamps.length).toBe(249);
    expect(bars.timestamps[0]).toBe(utc('2000-09-27'));
    expect(bars.close[0]).toBe(60.625);
    const reference = barsToSeries('MSFT', 'csv', loadReferenceBars());
    expect(bars).toEqual(reference);
    const { report } = validateBars(bars);
    expect(report.duplicatesDropped).toBe(0);
    expect(report.sorted).toBe(false);
  });

  it('honours from and to, inclusive', async () => {
    const bars = await provider.getBars('MSFT', { from: utc('2001-01-02'), to: utc('2001-01-31') });
    expect(bars.timestamps[0]).toBe(utc('2001-01-02'));
    expect(bars.timestamps[bars.timestamps.length - 1]).toBe(utc('2001-01-31'));
    expect(bars.timestamps.length).toBe(21); // January 2001 had 21 NYSE sessions from the 2nd.
  });

  it('reads closes-only files from a named column, dated as business days by their index', async () => {
    const closes = new CsvProvider({ dir: SHARED_DATA_DIR, closeColumn: 'gold', startDate: '1985-01-01' });
    const { series, report } = await closes.readBars('GOLD');
    // 1108 rows, 34 of them empty (see the data README).
    expect(series.close.length).toBe(1108 - 34);
    expect(report.skippedRows).toBe(34);
    expect(series.timestamps[0]).toBe(utc('1985-01-01'));
    expect(series.close[0]).toBe(306.25);
    expect(series.open).toEqual(series.close);
    expect(series.volume.every((v) => v === 0)).toBe(true);
    // Still OHLCV where the file has OHLCV columns.
    expect((await closes.getBars('MSFT')).high[0]).toBe(63.5625);

    const dax = new CsvProvider({ dir: SHARED_DATA_DIR, closeColumn: 'dax' });
    const eu = await dax.getBars('EUSTOCKMARKETS');
    expect(eu.close.length).toBe(1860);
    expect(eu.close[0]).toBe(1628.75);
    expect(eu.timestamps[0]).toBe(utc('2000-01-03'));
    expect(eu.timestamps[5]).toBe(utc('2000-01-10')); // Row 5 is the Monday after.
  });

  it('throws NotFoundError for a symbol without a file, and ProviderUnavailableError for a missing folder', async () => {
    const error = await provider.getBars('AAPL').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).symbol).toBe('AAPL');
    expect((error as Error).message).toContain('AAPL.csv');
    await expect(provider.getSector('AAPL')).rejects.toThrow(NotFoundError);
    const missing = new CsvProvider({ dir: join(SHARED_DATA_DIR, 'no-such-folder') });
    await expect(missing.listSymbols()).rejects.toThrow(ProviderUnavailableError);
  });
});

describe('CsvProvider on files it has to cope with', () => {
  const dir = mkdtempSync(join(tmpdir(), 'daki-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let fileCount = 0;
  const write = (content: string): { symbol: string; provider: CsvProvider } => {
    const symbol = `T${++fileCount}`;
    writeFileSync(join(dir, `${symbol}.csv`), content);
    return { symbol, provider: new CsvProvider({ dir }) };
  };
  const failure = async (provider: CsvProvider, symbol: string): Promise<CsvFormatError> => {
    const error = await provider.getBars(symbol).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFormatError);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toBeInstanceOf(DaKiError);
    return error as CsvFormatError;
  };

  it('names file, line and column of a value that is not a number', async () => {
    const { symbol, provider } = write(
      'Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,11,9,abc,100\n',
    );
    const error = await failure(provider, symbol);
    expect(error.message).toBe(`csv (${symbol}): ${symbol}.csv line 3: close "abc" is not a number`);
    expect(error.file).toBe(`${symbol}.csv`);
    expect(error.line).toBe(3);
    expect(error.column).toBe('Close');
    expect(error.symbol).toBe(symbol);
    expect(error.provider).toBe('csv');
  });

  it('names the missing column', async () => {
    const { symbol, provider } = write('Date,Open,High,Low,Close\n2024-01-02,10,11,9,10.5\n');
    const error = await failure(provider, symbol);
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/line 1: missing column "volume"/);
  });

  it('names the line of a date it cannot read', async () => {
    const { symbol, provider } = write(
      'date,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n01/03/2024,10,11,9,10,1\n',
    );
    expect((await failure(provider, symbol)).message).toContain('line 3: date "01/03/2024" is not a date');
  });

  it('reads 8-digit dates as YYYYMMDD (20000927 is 2000-09-27, not 1970) and names an 8-digit non-date', async () => {
    const { symbol, provider } = write('date,open,high,low,close,volume\n20000927,10,11,9,10.5,100\n');
    expect((await provider.getBars(symbol)).timestamps[0]).toBe(utc('2000-09-27'));
    const bad = write('date,open,high,low,close,volume\n20001327,10,11,9,10.5,100\n');
    expect((await failure(bad.provider, bad.symbol)).message).toContain(
      'line 2: date 20001327 is 8 digits but not a calendar date',
    );
  });

  it('names the line of a bar that validateBars rejects', async () => {
    const { symbol, provider } = write(
      'date,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,8,9,10,100\n',
    );
    const error = await failure(provider, symbol);
    expect(error.line).toBe(3);
    expect(error.message).toContain('high is below low');
  });

  it('names the line of a malformed record', async () => {
    const { symbol, provider } = write(
      'date,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,11\n',
    );
    expect((await failure(provider, symbol)).line).toBe(3);
  });

  it('rejects an empty file', async () => {
    const { symbol, provider } = write('');
    expect((await failure(provider, symbol)).message).toContain('file is empty');
  });

  it("skips and counts Yahoo's null rows, and adjusts by Adj Close when asked", async () => {
    const { symbol, provider } = write(
      [
        'Date,Open,High,Low,Close,Adj Close,Volume',
        '2023-12-29,100,102,99,101,50.5,1000',
        '2024-01-01,null,null,null,null,null,null',
        '2024-01-02,101,104,100,103,51.5,1200',
        '',
        '2024-01-03,103,103.5,98,99,49.5,900',
      ].join('\r\n'),
    );
    const { series, report } = await provider.readBars(symbol);
    expect(report.skippedRows).toBe(1);
    expect(Array.from(series.close)).toEqual([101, 103, 99]);
    expect(Array.from(series.timestamps)).toEqual([utc('2023-12-29'), utc('2024-01-02'), utc('2024-01-03')]);

    const adjusted = await new CsvProvider({ dir, adjust: true }).getBars(symbol);
    expect(Array.from(adjusted.close)).toEqual([50.5, 51.5, 49.5]);
    expect(adjusted.high[0]).toBeCloseTo(51, 12);
    expect(adjusted.low[2]).toBeCloseTo(49, 12);
    expect(Array.from(adjusted.volume)).toEqual([1000, 1200, 900]);
  });

  it('reads headers in any case and order, and sorts unsorted rows', async () => {
    const { symbol, provider } = write(
      'VOLUME,Close,low,HIGH,Open,DATE\n200,11,9.5,12,10,2024-01-03\n100,10.5,9,11,10,2024-01-02\n',
    );
    const { series, report } = await provider.readBars(symbol);
    expect(report.sorted).toBe(true);
    expect(Array.from(series.timestamps)).toEqual([utc('2024-01-02'), utc('2024-01-03')]);
    expect(Array.from(series.open)).toEqual([10, 10]);
    expect(Array.from(series.volume)).toEqual([100, 200]);
  });

  it('drops exact duplicate rows and rejects two different bars for one date, naming both lines', async () => {
    const row = '2024-01-02,10,11,9,10.5,100';
    const exact = write(`date,open,high,low,close,volume\n${row}\n${row}\n2024-01-03,10,11,9,10,1\n`);
    const { series, report } = await exact.provider.readBars(exact.symbol);
    expect(report.duplicatesDropped).toBe(1);
    expect(series.close.length).toBe(2);

    const conflict = write(
      `date,open,high,low,close,volume\n${row}\n2024-01-03,10,11,9,10,1\n2024-01-02,10,11,9,10.6,100\n`,
    );
    const error = await failure(conflict.provider, conflict.symbol);
    expect(error.message).toContain('two different bars for 2024-01-02 (lines 2 and 4)');
  });

  it('reads back any valid bars it is given, exactly (round trip through a file)', async () => {
    const bar = fc
      .record({
        low: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
        spread: fc.double({ min: 0, max: 100, noNaN: true }),
        openAt: fc.double({ min: 0, max: 1, noNaN: true }),
        closeAt: fc.double({ min: 0, max: 1, noNaN: true }),
        volume: fc.integer({ min: 0, max: 1e9 }),
      })
      .map(({ low, spread, openAt, closeAt, volume }) => {
        const high = low + spread;
        return {
          low,
          high,
          open: Math.min(high, low + openAt * spread),
          close: Math.min(high, low + closeAt * spread),
          volume,
        };
      });
    await fc.assert(
      fc.asyncProperty(fc.array(bar, { minLength: 1, maxLength: 50 }), async (bars) => {
        const lines = bars.map((b, i) => {
          const date = new Date(utc('2020-01-01') + i * 86_400_000).toISOString().slice(0, 10);
          return `${date},${b.open},${b.high},${b.low},${b.close},${b.volume}`;
        });
        const { symbol, provider } = write(`Date,Open,High,Low,Close,Volume\n${lines.join('\n')}\n`);
        const series = await provider.getBars(symbol);
        expect(Array.from(series.open)).toEqual(bars.map((b) => b.open));
        expect(Array.from(series.high)).toEqual(bars.map((b) => b.high));
        expect(Array.from(series.low)).toEqual(bars.map((b) => b.low));
        expect(Array.from(series.close)).toEqual(bars.map((b) => b.close));
        expect(Array.from(series.volume)).toEqual(bars.map((b) => b.volume));
      }),
      { numRuns: 30 },
    );
  });
});
