import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { CsvDialect } from './csv-dialect.js';
import { forEachLargePlainRecord } from './large-plain-csv.js';
import { type CsvReadError, parseRecords } from './read-records.js';

const dir = mkdtempSync(join(tmpdir(), 'da-ki-large-plain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fileOf = (bytes: Buffer) => {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, bytes);
  return path;
};

type Seen = { records: { record: string[]; line: number }[]; error?: string };

async function viaCsvParse(bytes: Buffer, dialect: CsvDialect, stopAfter: number): Promise<Seen> {
  const seen: Seen = { records: [] };
  try {
    await parseRecords({ path: '(bytes)', bytes }, dialect, (record, line) => {
      seen.records.push({ record, line });
      return seen.records.length < stopAfter;
    });
  } catch (error) {
    seen.error = `${(error as Error).message} @${(error as CsvReadError).line}`;
  }
  return seen;
}

// Lines of plain and not-so-plain CSV: the piece reader must give csv-parse's records for every
// file it accepts, whatever the piece size, and hand out nothing for a file it refuses.
const line = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom('AAA,2024-01-02,1.5,1.6,1.4,1.55,1000', 'BBB, 2024-01-03 ,2,2,2,2,0 ', ''),
  },
  { weight: 3, arbitrary: fc.constantFrom('  ', 'x;y\tz', '"a,b",2', '"q ""r"" s",3', '""') },
  { weight: 1, arbitrary: fc.constantFrom('é,1', '"a\nb",1', 'a"b,1', '\uFEFFa,1') },
);
const file = fc
  .tuple(fc.boolean(), fc.boolean(), fc.array(line, { maxLength: 40 }), fc.boolean())
  .map(([bom, crlf, lines, finalBreak]) => {
    const eol = crlf ? '\r\n' : '\n';
    const text = lines.join(eol) + (finalBreak && lines.length > 0 ? eol : '');
    return Buffer.concat([
      bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
      Buffer.from(text, 'utf8'),
    ]);
  });

describe('large plain CSV files, piece by piece', () => {
  it('gives the records and lines of csv-parse for any piece size, or nothing for a file that is not plain', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.integer({ min: 1, max: 64 }),
        fc.nat(10),
        fc.constantFrom<CsvDialect['delimiter']>(',', ';'),
        async (bytes, pieceBytes, stop, delimiter) => {
          const dialect: CsvDialect = { delimiter, decimalComma: false };
          const seen: Seen = { records: [] };
          const stopAfter = stop === 0 ? Number.POSITIVE_INFINITY : stop;
          const read = await forEachLargePlainRecord(
            { path: fileOf(bytes), bytes: undefined },
            dialect,
            (record, at) => {
              seen.records.push({ record, line: at });
              return seen.records.length < stopAfter;
            },
            undefined,
            pieceBytes,
          );
          if (!read) {
            refused++;
            expect(seen.records).toEqual([]);
            return;
          }
          accepted++;
          expect(seen).toEqual(await viaCsvParse(bytes, dialect, stopAfter));
        },
      ),
      { numRuns: 600 },
    );
    // Both branches exercised.
    expect(accepted).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(20);
  });

  it('hashes every byte as read, and says the end only when the file was read to its end', async () => {
    const text = `symbol,date,close\n${'AAA,2024-01-02,1.5\n'.repeat(1000)}`;
    const path = fileOf(Buffer.from(text));
    const chunks: Buffer[] = [];
    let ends = 0;
    const hashing = { update: (chunk: Buffer) => chunks.push(Buffer.from(chunk)), end: () => ends++ };
    const dialect: CsvDialect = { delimiter: ',', decimalComma: false };
    let rows = 0;
    expect(
      await forEachLargePlainRecord(
        { path, bytes: undefined, hashing },
        dialect,
        () => ++rows > 0,
        undefined,
        977,
      ),
    ).toBe(true);
    expect(rows).toBe(1001);
    expect(Buffer.concat(chunks).toString()).toBe(text);
    expect(ends).toBe(1);
    const stopped = { update: () => undefined, end: () => ends++ };
    await forEachLargePlainRecord(
      { path, bytes: undefined, hashing: stopped },
      dialect,
      () => false,
      undefined,
      977,
    );
    expect(ends).toBe(1);
  });
});
