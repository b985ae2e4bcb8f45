import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOUND_PARAMS,
  COLUMN_IDS,
  DEFAULT_COLUMNS,
  LIST_FILTERS,
  PAGE_SIZES,
  SORT_FIELDS,
} from '../web/src/screener-fields.js';
import {
  emptyScreen,
  parseScreener,
  type ScreenerState,
  screenerApiPath,
  screenerCsvPath,
  screenerQuery,
} from '../web/src/screener-state.js';

/** A subset of `values`, each at most once, in any order. */
const subset = <T>(values: readonly T[]) => fc.shuffledSubarray([...values]);

/** Sector names as the API lists them: no comma (the list separator), no outer blanks. */
const sectorName = fc
  .string({ minLength: 1, maxLength: 20 })
  .map((s) => s.replaceAll(',', ' ').trim())
  .filter((s) => s.length > 0);

const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));

/** Any screen the form can make. */
const screen: fc.Arbitrary<ScreenerState> = fc.record({
  bounds: fc.dictionary(fc.constantFrom(...BOUND_PARAMS), finite),
  lists: fc.record(
    {
      grade: fc.shuffledSubarray([...LIST_FILTERS.grade.choices], { minLength: 1 }),
      sector: fc.uniqueArray(sectorName, { minLength: 1, maxLength: 4 }),
      risk: fc.shuffledSubarray([...LIST_FILTERS.risk.choices], { minLength: 1 }),
      confidence: fc.shuffledSubarray([...LIST_FILTERS.confidence.choices], { minLength: 1 }),
    },
    { requiredKeys: [] },
  ),
  q: fc.string({ maxLength: 12 }).map((s) => s.trim()),
  sort: fc.tuple(fc.constantFrom(...SORT_FIELDS), fc.boolean()).map(([f, down]) => (down ? `-${f}` : f)),
  page: fc.integer({ min: 1, max: 10_000 }),
  pageSize: fc.constantFrom(...PAGE_SIZES),
  columns: subset(COLUMN_IDS),
}) as fc.Arbitrary<ScreenerState>;

describe('screener state in the URL', () => {
  it('reads back every screen from its hash query (bookmark, share, reload)', () => {
    fc.assert(
      fc.property(screen, (state) => {
        expect(parseScreener(screenerQuery(state))).toEqual(state);
      }),
      { numRuns: 500 },
    );
  });

  it('writes the empty screen as an empty query, and reads an empty query as the empty screen', () => {
    expect(screenerQuery(emptyScreen())).toBe('');
    expect(parseScreener('')).toEqual(emptyScreen());
    expect(parseScreener('').columns).toEqual(DEFAULT_COLUMNS);
  });

  it('keeps comma lists readable in the link', () => {
    const state = parseScreener('sector=Energy,Utilities&grade=A%2B,A&score_min=60');
    expect(state.lists).toEqual({ sector: ['Energy', 'Utilities'], grade: ['A+', 'A'] });
    expect(screenerQuery(state)).toBe('score_min=60&grade=A%2B,A&sector=Energy,Utilities');
  });

  it('drops what the API would refuse: unknown choices, bounds that are not numbers, bad sort and paging', () => {
    const state = parseScreener(
      'grade=A,Z&risk=extreme&pe_max=abc&rsi_min=&sort=-price_target&page=0&page_size=7&columns=pe,nope&foo=1',
    );
    expect(state).toEqual({ ...emptyScreen(), lists: { grade: ['A'] }, columns: ['pe'] });
  });

  it('asks the API for one page with explicit sort and page size, and exports every row as CSV', () => {
    const state = parseScreener('score_min=70&sector=Energy&page=3&columns=pe');
    expect(screenerApiPath(state)).toBe(
      '/api/stocks?score_min=70&sector=Energy&sort=-score&page=3&page_size=25',
    );
    expect(screenerCsvPath(state)).toBe('/api/stocks?score_min=70&sector=Energy&sort=-score&format=csv');
  });
});
