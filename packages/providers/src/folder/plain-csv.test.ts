import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { CsvDialect } from './csv-dialect.js';
import { openCsvInput, WHOLE_FILE_BYTES } from './csv-input.js';
import { FolderFingerprint } from './fingerprint.js';
import { FolderProvider } from './folder-provider.js';
import { forEachPlainRecord, type PlainCsv, plainCsv } from './plain-csv.js';
import { type CsvReadError, forEachRecord, parseRecords } from './read-records.js';
import { ohlcvFile, removeFolders, writeFolder } from './testing.js';

afterAll(removeFolders);

interface Seen {
  records: { record: string[]; line: number }[];
  error?: string;
}

const delimiters: CsvDialect['delimiter'][] = [',', ';', '\t'];

/** What csv-parse (as forEachRecord configures it) gives for `bytes`, stopping after `stopAfter` records. */
async function viaCsvParse(bytes: Buffer, delimiter: CsvDialect['delimiter'], stopAfter = Infinity) {
  const seen: Seen = { records: [] };
  try {
    await parseRecords({ path: '(bytes)', bytes }, { delimiter, decimalComma: false }, (record, line) => {
      seen.records.push({ record, line });
      return seen.records.length < stopAfter;
    });
  } catch (error) {
    seen.error = `${(error as Error).name}: ${(error as Error).message} @${(error as CsvReadError).line}`;
  }
  return seen;
}

function viaPlain(plain: PlainCsv, delimiter: string, stopAfter = Infinity): Seen {
  const seen: Seen = { records: [] };
  forEachPlainRecord(plain, delimiter, (record, line) => {
    seen.records.push({ record, line });
    return seen.records.length < stopAfter;
  });
  return seen;
}

// Pieces of CSV text, weighted towards what the fast path must get right: numbers, delimiters,
// white space at field edges, empty and blank lines, \r\n, and the characters that send a file
// to csv-parse (quotes, non-ASCII, lone \r).
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('2024-01-02', '12.5', '-0.25', '1e3', 'NA', 'abc', '', '0') },
  { weight: 5, arbitrary: fc.constantFrom(',', ';', '\t') },
  { weight: 3, arbitrary: fc.constantFrom(' ', '  ', '\v', '\f', '\x01') },
  { weight: 4, arbitrary: fc.constantFrom('\n', '\n\n', '\n  \n') },
  { weight: 1, arbitrary: fc.constantFrom('"', 'é', '\r', '\uFEFF') },
  // Quoted fields: simple ones the fast path takes, and spaces around quotes it leaves alone.
  { weight: 3, arbitrary: fc.constantFrom('"a,b"', '"x ""y"" z"', '""', '"a;b\tc"', '" padded "', ' "a"') },
);
const content = fc
  .tuple(fc.boolean(), fc.boolean(), fc.array(piece, { maxLength: 60 }))
  .map(([bom, crlf, parts]) => {
    let text = parts.join('');
    if (crlf) text = text.replace(/\n/g, '\r\n');
    return Buffer.concat([
      bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
      Buffer.from(text, 'utf8'),
    ]);
  });

describe('plain CSV fast path', () => {
  it('gives the records and lines csv-parse gives, for every file it accepts', async () => {
    let accepted = 0;
    let acceptedQuoted = 0;
    await fc.assert(
      fc.asyncProperty(content, fc.constantFrom(...delimiters), fc.nat(8), async (bytes, delimiter, stop) => {
        const text = plainCsv(bytes, delimiter);
        if (text === undefined) return;
        accepted++;
        if (text.quoted) acceptedQuoted++;
        const expected = await viaCsvParse(bytes, delimiter);
        expect(expected.error).toBeUndefined(); // a plain file never fails csv-parse
        expect(viaPlain(text, delimiter)).toEqual(expected);
        // Stopping early (onRecord returns false) stops both at the same record.
        const stopAfter = stop + 1;
        expect(viaPlain(text, delimiter, stopAfter)).toEqual(await viaCsvParse(bytes, delimiter, stopAfter));
      }),
      { numRuns: 3000 },
    );
    // The generator must exercise the fast path, not only the fallback.
    expect(accepted).toBeGreaterThan(1000);
    expect(acceptedQuoted).toBeGreaterThan(100);
  });

  it('leaves quotes inside fields or across lines, non-ASCII and mixed line breaks to csv-parse', () => {
    const refused = [
      'date,close\n2024-"01"-02,1\n',
      'date,close\n"2024-01-02" ,1\n',
      'date,close\n"2024-01\n-02",1\n',
      'datum;schluss\n2024-01-02;1,5 €\n',
      'date,close\r2024-01-02,1\r',
      'date,close\r\n2024-01-02,1\n2024-01-03,2\n',
      'date,close\n2024-01-02,1\r\n',
      'date,close\n2024-01-02,1\r',
    ];
    for (const text of refused)
      expect(plainCsv(Buffer.from(text, 'utf8'), ','), JSON.stringify(text)).toBeUndefined();
    expect(plainCsv(Buffer.from('\uFEFFdate,close\r\n2024-01-02,1\r\n', 'utf8'), ',')?.text).toBe(
      'date,close\r\n2024-01-02,1\r\n',
    );
  });

  it('ends the read with the error onRecord throws, as the csv-parse path does', async () => {
    const bytes = Buffer.from('a,b\n1,2\n3,4\n');
    const boom = new Error('stop at line 2');
    const handler = (_record: string[], line: number) => {
      if (line === 2) throw boom;
      return true;
    };
    const dialect: CsvDialect = { delimiter: ',', decimalComma: false };
    await expect(forEachRecord({ path: '(bytes)', bytes }, dialect, handler)).rejects.toBe(boom);
    await expect(parseRecords({ path: '(bytes)', bytes }, dialect, handler)).rejects.toBe(boom);
  });
});

describe('openCsvInput', () => {
  it('reads a small file whole and reports the SHA-256 of the bytes parsed, with their size', async () => {
    const dir = writeFolder({ 'prices/AAA.csv': ohlcvFile('2024-01-01', 30) });
    const path = join(dir, 'prices/AAA.csv');
    const hashes: { size: bigint; hash: string }[] = [];
    const input = await openCsvInput(path, (h) => hashes.push(h));
    const onDisk = readFileSync(path);
    expect(input.bytes?.equals(onDisk)).toBe(true);
    expect(hashes).toHaveLength(1);
    expect(hashes[0]?.hash).toBe(createHash('sha256').update(onDisk).digest('hex'));
    expect(hashes[0]?.size).toBe(BigInt(onDisk.length));
  });

  it('streams a file above the whole-file limit and hashes it on the way, once read to the end', async () => {
    const row = '2024-01-02,1.5,1.6,1.4,1.55,1000\n';
    const text = `date,open,high,low,close,volume\n${row.repeat(Math.ceil(WHOLE_FILE_BYTES / row.length) + 10)}`;
    const dir = writeFolder({ 'prices/BIG.csv': text });
    const path = join(dir, 'prices/BIG.csv');
    const hashes: { size: bigint; hash: string }[] = [];
    const input = await openCsvInput(path, (h) => hashes.push(h));
    expect(input.bytes).toBeUndefined();
    let rows = 0;
    await forEachRecord(input, { delimiter: ',', decimalComma: false }, () => {
      rows++;
      return true;
    });
    expect(rows).toBe(text.split('\n').length - 1);
    expect(hashes).toEqual([
      {
        size: BigInt(text.length),
        mtime: expect.any(BigInt),
        hash: createHash('sha256').update(text).digest('hex'),
      },
    ]);
    // A read stopped early has not seen every byte: no hash is reported for it.
    const partial: unknown[] = [];
    const again = await openCsvInput(path, (h) => partial.push(h));
    await forEachRecord(again, { delimiter: ',', decimalComma: false }, () => false);
    expect(partial).toEqual([]);
  });
});

describe('folder fingerprint from the bytes parsed', () => {
  it('equals the fingerprint of a fresh read of every file, and follows a change', async () => {
    const dir = writeFolder({
      'universe.csv': 'symbol,name,sector\nAAA,A Inc,Tech\nBBB,B Inc,Energy\n',
      'prices/AAA.csv': ohlcvFile('2024-01-01', 40),
      'prices/BBB.csv': ohlcvFile('2024-01-01', 40, { base: 50 }),
      'fundamentals.csv': 'symbol,date,pe\nAAA,2024-01-01,12\n',
      'notes.md': 'not read by the loader, hashed by the fingerprint\n',
    });
    const provider = new FolderProvider({ dir });
    const report = await provider.report();
    expect(report.fingerprint).toBe(await new FolderFingerprint(dir).compute());
    expect(await provider.fingerprint()).toBe(report.fingerprint);
  });
});
