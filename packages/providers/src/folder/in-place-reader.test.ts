import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileSettings } from './folder-config.js';
import { type PriceFileResult, readPriceFile } from './read-price-file.js';
import { removeFolders, writeFolder } from './testing.js';

afterAll(removeFolders);

/** Everything a read gave, with the bars decoded, for comparing two reads. */
function plain(result: PriceFileResult) {
  return {
    report: result.report,
    excluded: result.excludedSymbols,
    series: result.series.map((s) => ({
      symbol: s.symbol,
      closesOnly: s.closesOnly,
      issues: s.issues,
      columns: (['timestamps', 'open', 'high', 'low', 'close', 'volume'] as const).map((field) => [
        ...s.columns.decode(field, 0, s.columns.length),
      ]),
    })),
  };
}

async function read(content: string, settings: FileSettings) {
  const dir = writeFolder({ 'prices/ABC.csv': content });
  return plain(await readPriceFile({ path: join(dir, 'prices/ABC.csv'), file: 'prices/ABC.csv', settings }));
}

// Values as they occur in the wild, the plain ones most often: the in-place reader must take the
// plain ones and hand everything else to the record path unchanged.
const price = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 999_999 }).map((cents) => (cents / 100).toString()) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '0',
      '-1.5',
      '',
      'NA',
      'null',
      '1e2',
      ' 12.5',
      '12.5 ',
      '1,234.5',
      'abc',
      '12.345678',
    ),
  },
);
const volume = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 5_000_000 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('', '-5', '1.5', 'NA', '2e3') },
);
const date = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .integer({ min: 0, max: 400 })
      .map((d) => new Date(Date.UTC(2023, 0, 2 + d)).toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: fc.constantFrom('2023-02-30', '20230105', '2023-1-05', 'x', '', '2023-01-05 ') },
);
const row = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.tuple(date, price, price, price, price, volume).map((fields) => fields.join(',')),
  },
  { weight: 1, arbitrary: fc.constantFrom('', '2023-03-01,1,2', '2023-03-01,1,2,0.5,1.5,10,99', '   ') },
);
// A valid bar (low ≤ open, close ≤ high) most of the time, so that files are not all rejected.
const goodRow = fc
  .tuple(
    date,
    fc.integer({ min: 100, max: 100_000 }),
    fc.nat(500),
    fc.nat(500),
    fc.nat(1000),
    fc.nat(1000),
    volume,
  )
  .map(([d, low, a, b, up, _v, vol]) => {
    const high = low + up + Math.max(a, b);
    return [d, (low + a) / 100, high / 100, low / 100, (low + b) / 100, vol].join(',');
  });

describe('price files: lines read in place', () => {
  it('give exactly what the record path gives: bars, lines, issues and report', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 4, arbitrary: goodRow }, { weight: 1, arbitrary: row }), {
          maxLength: 40,
        }),
        fc.constantFrom(
          'date,open,high,low,close,volume',
          'date,close,volume',
          'date,close',
          'Date,Open,High,Low,Close',
        ),
        fc.boolean(),
        fc.boolean(),
        async (rows, header, skipBadRows, crlf) => {
          const columns = header.split(',').length;
          const lines = rows.map((r) => {
            const fields = r.split(',');
            // Fit the row to the header: rows made for six fields keep date, then the last ones.
            if (fields.length === 6 && columns < 6)
              return [fields[0], ...fields.slice(6 - (columns - 1))].join(',');
            return r;
          });
          const breakText = crlf ? '\r\n' : '\n';
          const body = `${lines.join(breakText)}${breakText}`;
          const settings: FileSettings = { skipBadRows };
          // The same file, once plain (read in place) and once with a quoted header field, which
          // sends the whole file through csv-parse and the record path.
          const inPlace = await read(`${header}${breakText}${body}`, settings);
          const [first, ...rest] = header.split(',');
          const viaRecords = await read(`"${first}",${rest.join(',')}${breakText}${body}`, settings);
          expect(inPlace).toEqual(viaRecords);
        },
      ),
      { numRuns: 400 },
    );
  });
});
