import { afterAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/index.js';
import { type DataIssue, FolderProvider } from './index.js';
import { ohlcvFile, ohlcvRows, removeFolders, writeFolder } from './testing.js';

const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`);

afterAll(removeFolders);

async function load(files: Record<string, string>, options: { asOf?: string; includeStale?: boolean } = {}) {
  const provider = new FolderProvider({ dir: writeFolder(files), ...options });
  const report = await provider.report();
  const file = (name: string) => report.files.find((f) => f.file === name);
  const symbol = (name: string) => report.symbols.find((s) => s.symbol === name);
  const codes = (issues: readonly DataIssue[] | undefined) => (issues ?? []).map((i) => i.code);
  return { provider, report, file, symbol, codes };
}

describe('dates', () => {
  it('reads 20000927 as 2000-09-27, not as epoch seconds in 1970', async () => {
    const rows = ohlcvRows('2000-09-27', 30).map((row) => row.replace(/^(\d{4})-(\d{2})-(\d{2})/, '$1$2$3'));
    const { provider } = await load({
      'prices/MSFT.csv': `Date,Open,High,Low,Close,Volume\n${rows.join('\n')}\n`,
    });
    const bars = await provider.getBars('MSFT');
    expect(bars.timestamps[0]).toBe(utc('2000-09-27'));
  });

  it('excludes a file with an 8-digit number that is no date, naming file, line, column and value', async () => {
    const rows = ohlcvRows('2020-01-01', 30);
    rows[4] = rows[4]!.replace(/^[^,]+/, '20201345');
    const { file, symbol, provider } = await load({
      'prices/ABC.csv': `date,open,high,low,close,volume\n${rows.join('\n')}\n`,
      'prices/OK.csv': ohlcvFile('2020-01-01', 30),
    });
    const issue = file('prices/ABC.csv')?.issues[0];
    expect(issue).toMatchObject({
      code: 'unreadable',
      severity: 'excluded',
      file: 'prices/ABC.csv',
      line: 6,
      column: 'date',
    });
    expect(issue?.message).toContain('prices/ABC.csv line 6, column date');
    expect(issue?.message).toContain('20201345');
    expect(symbol('ABC')?.status).toBe('excluded');
    await expect(provider.getBars('ABC')).rejects.toThrow(NotFoundError);
    // A bad file never stops the others.
    expect((await provider.listSymbols()).map((s) => s.symbol)).toEqual(['OK']);
  });

  it('reads a dateFormat from da-ki.json, and says to set one when a date is not understood', async () => {
    const german = ohlcvRows('2020-01-01', 30).map((row) =>
      row.replace(/^(\d{4})-(\d{2})-(\d{2})/, '$3.$2.$1'),
    );
    const good = await load({
      'da-ki.json': '{ "dateFormat": "DD.MM.YYYY" }',
      'prices/SAP.csv': `date,open,high,low,close,volume\n${german.join('\n')}\n`,
    });
    expect((await good.provider.getBars('SAP')).timestamps[0]).toBe(utc('2020-01-01'));
    const bad = await load({ 'prices/SAP.csv': `date,open,high,low,close,volume\n${german.join('\n')}\n` });
    expect(bad.file('prices/SAP.csv')?.issues[0]?.message).toContain('"dateFormat" in da-ki.json');
  });
});

describe('file names', () => {
  it('reports AAPL_daily.csv and "my prices.csv" as not-a-symbol, naming the probable symbol', async () => {
    const { file, provider, report } = await load({
      'prices/AAPL_daily.csv': ohlcvFile('2020-01-01', 30),
      'prices/my prices.csv': ohlcvFile('2020-01-01', 30),
    });
    expect(file('prices/AAPL_daily.csv')).toMatchObject({
      status: 'excluded',
      issues: [{ code: 'not-a-symbol' }],
    });
    expect(file('prices/AAPL_daily.csv')?.issues[0]?.message).toContain('probably means AAPL');
    expect(file('prices/my prices.csv')).toMatchObject({
      status: 'excluded',
      issues: [{ code: 'not-a-symbol' }],
    });
    // Not guessed into the universe.
    expect(await provider.listSymbols()).toEqual([]);
    expect(report.summary.scorable).toBe(0);
  });

  it('takes the symbol out of the file name with symbolFromFile', async () => {
    const { provider } = await load({
      'da-ki.json': '{ "symbolFromFile": "^([A-Z.]+)_daily$" }',
      'prices/AAPL_daily.csv': ohlcvFile('2020-01-01', 30),
    });
    expect((await provider.listSymbols()).map((s) => s.symbol)).toEqual(['AAPL']);
  });

  it('reports files that are not part of the format', async () => {
    const { file } = await load({
      'prices/OK.csv': ohlcvFile('2020-01-01', 30),
      'notes.json': '{}',
      'README.md': '# data',
    });
    expect(file('notes.json')).toMatchObject({ status: 'excluded', issues: [{ code: 'not-read' }] });
    expect(file('README.md')).toMatchObject({ status: 'ok', notes: ['documentation, not read'] });
  });
});

describe('file contents', () => {
  it('excludes a header-only file as header-only (never ranked with a neutral score)', async () => {
    const { file, symbol, provider } = await load({
      'prices/EMPTY.csv': 'date,open,high,low,close,volume\n',
    });
    expect(file('prices/EMPTY.csv')).toMatchObject({
      status: 'excluded',
      issues: [{ code: 'header-only', line: 1 }],
    });
    expect(symbol('EMPTY')?.status).toBe('excluded');
    expect(await provider.listSymbols()).toEqual([]);
  });

  it('excludes a file with one unreadable row whole, and skips only that row with skipBadRows', async () => {
    const rows = ohlcvRows('2020-01-01', 40);
    rows[9] = rows[9]!.replace(/,[^,]+,(\d+)$/, ',abc,$1');
    const content = `date,open,high,low,close,volume\n${rows.join('\n')}\n`;
    const strict = await load({ 'prices/XYZ.csv': content });
    expect(strict.file('prices/XYZ.csv')?.issues[0]).toMatchObject({
      code: 'unreadable',
      line: 11,
      column: 'close',
    });
    expect(strict.file('prices/XYZ.csv')?.issues[0]?.message).toContain('"abc"');
    expect(await strict.provider.listSymbols()).toEqual([]);

    const lenient = await load({ 'prices/XYZ.csv': content, 'da-ki.json': '{ "skipBadRows": true }' });
    expect(lenient.file('prices/XYZ.csv')).toMatchObject({
      status: 'warning',
      issues: [{ code: 'bad-row', severity: 'warning', line: 11, column: 'close' }],
    });
    expect((await lenient.provider.getBars('XYZ')).timestamps.length).toBe(39);
  });

  it('reports an over-long symbol in a long prices.csv as a bad row, whatever its length', async () => {
    const rows = ohlcvRows('2020-01-01', 30).map((row) => `AAA,${row}`);
    rows[5] = `${'B'.repeat(300_000)},${ohlcvRows('2020-01-08', 1)[0]}`;
    const { file } = await load({
      'prices.csv': `symbol,date,open,high,low,close,volume\n${rows.join('\n')}\n`,
    });
    expect(file('prices.csv')?.issues[0]).toMatchObject({ code: 'unreadable', line: 7, column: 'symbol' });
    expect(file('prices.csv')?.issues[0]?.message).toContain('is not a symbol');
  });

  it('reads a wide file as one closes-only symbol per column', async () => {
    const lines = ['Date,AAA,BBB,CCC'];
    for (const [k, row] of ohlcvRows('2021-01-01', 30).entries())
      lines.push(`${row.slice(0, 10)},${10 + k},${20 + k},${30 + k}`);
    const { provider, file } = await load({ 'prices/basket.csv': `${lines.join('\n')}\n` });
    expect(file('prices/basket.csv')).toMatchObject({ kind: 'prices-wide', symbols: ['AAA', 'BBB', 'CCC'] });
    const bbb = await provider.getBars('BBB');
    expect(Array.from(bbb.close.slice(0, 2))).toEqual([20, 21]);
    expect(bbb.high).toEqual(bbb.close);
  });

  it('dates an index file from startDate on the NYSE calendar, and excludes it without a startDate', async () => {
    const content = `index,close\n${Array.from({ length: 30 }, (_, i) => `${i},${100 + i}`).join('\n')}\n`;
    const dated = await load({
      'prices/IDX.csv': content,
      'da-ki.json': JSON.stringify({
        files: { 'prices/IDX.csv': { startDate: '2024-12-23', calendar: 'nyse' } },
      }),
    });
    const t = (await dated.provider.getBars('IDX')).timestamps;
    // 2024-12-25 and 2025-01-01 are NYSE holidays; 2025-01-09 was the national day of mourning (not in the rule-based calendar).
    expect([t[0], t[1], t[2], t[5], t[6]]).toEqual([
      utc('2024-12-23'),
      utc('2024-12-24'),
      utc('2024-12-26'),
      utc('2024-12-31'),
      utc('2025-01-02'),
    ]);
    const undated = await load({ 'prices/IDX.csv': content });
    expect(undated.file('prices/IDX.csv')?.issues[0]?.message).toContain('set "startDate"');
  });

  it('reads decimal commas with ";" and the usual aliases (Datum, Schluss, Close/Last, Vol.)', async () => {
    const german = ohlcvRows('2020-01-01', 30).map((row) => {
      const [d, o, h, l, c, v] = row.split(',');
      const comma = (x: string | undefined) => Number(x).toFixed(2).replace('.', ',');
      return `${d};${comma(o)};${comma(h)};${comma(l)};${comma(c)};${Number(v) + 1000}`.replace(
        /;(\d)(\d{3})$/,
        ';$1.$2',
      );
    });
    const de = await load({
      'prices/SAP.csv': `Datum;Eröffnung;Hoch;Tief;Schluss;Umsatz\n${german.join('\n')}\n`,
    });
    const sap = await de.provider.getBars('SAP');
    expect(sap.close[0]).toBe(Number(ohlcvRows('2020-01-01', 1)[0]!.split(',')[4]));
    expect(sap.volume[0]).toBe(2000);

    const nasdaq = ohlcvRows('2020-01-01', 30).map((row) => {
      const [d, o, h, l, c, v] = row.split(',');
      return `${d},$${c},${v},$${o},$${h},$${l}`.replace(/\$/g, '');
    });
    const us = await load({
      'prices/AAPL.csv': `Date,Close/Last,Vol.,Open,High,Low\n${nasdaq.join('\n')}\n`,
    });
    const aapl = await us.provider.getBars('AAPL');
    expect(aapl.volume[1]).toBe(1001);
    expect(aapl.low[0]).toBeLessThan(aapl.high[0] as number);
  });

  it('drops repeated identical rows with a warning, and excludes two different rows for one date', async () => {
    const rows = ohlcvRows('2020-01-01', 30);
    const repeated = await load({
      'prices/DUP.csv': `date,open,high,low,close,volume\n${[...rows, rows[3]].join('\n')}\n`,
    });
    expect(repeated.symbol('DUP')?.issues.find((i) => i.code === 'duplicate')).toMatchObject({
      severity: 'warning',
      line: 32,
    });
    expect((await repeated.provider.getBars('DUP')).timestamps.length).toBe(30);
    const conflicting = await load({
      'prices/DUP.csv': `date,open,high,low,close,volume\n${[...rows, rows[3]!.replace(/,(\d+)$/, ',5')].join('\n')}\n`,
    });
    const issue = conflicting.symbol('DUP')?.issues.find((i) => i.code === 'duplicate');
    expect(issue?.severity).toBe('excluded');
    expect(issue?.message).toContain('lines 5 and 32');
  });

  it('warns of a suspicious tick (a close 10x both neighbours) and names its line', async () => {
    const rows = ohlcvRows('2020-01-01', 30);
    const [d] = rows[10]!.split(',');
    rows[10] = `${d},2000,2010,1990,2000,5`;
    const { symbol, provider } = await load({
      'prices/TICK.csv': `date,open,high,low,close,volume\n${rows.join('\n')}\n`,
    });
    expect(symbol('TICK')?.issues.find((i) => i.code === 'suspicious-tick')).toMatchObject({
      severity: 'warning',
      line: 12,
      column: 'close',
    });
    expect((await provider.listSymbols()).map((s) => s.symbol)).toEqual(['TICK']);
  });

  it('excludes a series too short for any factor and warns of one too short for some', async () => {
    const { symbol } = await load({
      'prices/TINY.csv': ohlcvFile('2020-06-01', 10),
      'prices/HALF.csv': ohlcvFile('2020-01-01', 115),
    });
    expect(symbol('TINY')).toMatchObject({
      status: 'excluded',
      issues: [{ code: 'too-short', severity: 'excluded' }],
    });
    expect(symbol('HALF')).toMatchObject({
      status: 'warning',
      issues: [{ code: 'too-short', severity: 'warning' }],
    });
    expect(symbol('HALF')?.issues[0]?.message).toContain('12-month return');
  });

  it('excludes stale series, keeps them with includeStale and warns when the ranked series end years apart', async () => {
    const files = {
      'prices/OLD.csv': ohlcvFile('2015-01-01', 60),
      'prices/NEW.csv': ohlcvFile('2020-01-01', 60),
    };
    const strict = await load(files);
    expect(strict.symbol('OLD')?.status).toBe('excluded');
    expect(strict.symbol('OLD')?.issues.find((i) => i.code === 'stale')).toMatchObject({
      severity: 'excluded',
      file: 'prices/OLD.csv',
    });
    expect((await strict.provider.listSymbols()).map((s) => s.symbol)).toEqual(['NEW']);
    expect(strict.report.issues.map((i) => i.code)).not.toContain('stale');
    const lenient = await load(files, { includeStale: true });
    expect((await lenient.provider.listSymbols()).map((s) => s.symbol)).toEqual(['NEW', 'OLD']);
    expect(lenient.report.issues.find((i) => i.code === 'stale')?.message).toContain('years apart');
  });

  it('reads a long prices.csv beside prices/, and keeps the first file of a symbol two files supply', async () => {
    const long = ['symbol,date,open,high,low,close,volume'];
    for (const symbol of ['AAA', 'BBB'])
      for (const row of ohlcvRows('2020-01-01', 30)) long.push(`${symbol},${row}`);
    const { provider, file, symbol } = await load({
      'prices.csv': `${long.join('\n')}\n`,
      'prices/AAA.csv': ohlcvFile('2020-01-01', 30, { base: 50 }),
      'prices/CCC.csv': ohlcvFile('2020-01-01', 30),
    });
    expect(file('prices.csv')).toMatchObject({ kind: 'prices-long', symbols: ['AAA', 'BBB'] });
    expect((await provider.listSymbols()).map((s) => s.symbol)).toEqual(['AAA', 'BBB', 'CCC']);
    expect((await provider.getBars('AAA')).close[0]).not.toBe(50);
    expect(file('prices/AAA.csv')?.issues[0]?.code).toBe('duplicate-symbol');
    expect(symbol('AAA')?.file).toBe('prices.csv');
  });
});

describe('universe, fundamentals and news', () => {
  it('says when there is no universe, and names universe symbols without prices and rows for unknown symbols', async () => {
    const bare = await load({ 'prices/AAA.csv': ohlcvFile('2020-01-01', 30) });
    expect(bare.report.issues.map((i) => i.code)).toEqual(['no-universe']);
    expect(await bare.provider.getSector('AAA')).toBe('Unknown');

    const { symbol, file, provider } = await load({
      'universe.csv': 'symbol,name,sector\nAAA,Alpha Inc,Industrials\nZZZ,Zeta Corp,Energy\n',
      'prices/AAA.csv': ohlcvFile('2020-01-01', 30),
      'prices/BBB.csv': ohlcvFile('2020-01-01', 30),
      'fundamentals.csv': 'symbol,date,pe\nAAA,2020-01-01,12\nQQQ,2020-01-01,30\n',
      'news.csv': 'symbol,published_at,headline\nQQQ,2020-01-02,Something happened\n',
    });
    expect(symbol('ZZZ')).toMatchObject({
      status: 'excluded',
      issues: [{ code: 'no-prices', file: 'universe.csv', line: 3 }],
    });
    expect(symbol('BBB')?.issues.map((i) => i.code)).toContain('not-in-universe');
    expect(file('fundamentals.csv')?.issues[0]).toMatchObject({ code: 'unknown-symbol', line: 3 });
    expect(file('news.csv')?.issues[0]).toMatchObject({ code: 'unknown-symbol', line: 2 });
    expect(await provider.getSector('AAA')).toBe('Industrials');
    expect((await provider.listSymbols()).find((s) => s.symbol === 'AAA')?.name).toBe('Alpha Inc');
  });

  it('reports a da-ki.json that does not validate, naming the key, and reads with defaults', async () => {
    const { report, provider } = await load({
      'da-ki.json': '{ "calendar": "lunar" }',
      'prices/AAA.csv': ohlcvFile('2020-01-01', 30),
    });
    expect(report.issues[0]).toMatchObject({ code: 'config', file: 'da-ki.json' });
    expect(report.issues[0]?.message).toContain('calendar');
    expect((await provider.listSymbols()).length).toBe(1);
  });
});
