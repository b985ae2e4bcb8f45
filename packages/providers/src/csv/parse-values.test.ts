import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  businessDay,
  describeDateProblem,
  isMissing,
  isoDateIn,
  parseDate,
  parseDecimal,
  parseNumber,
  shortDecimalAt,
  shortDecimalIn,
} from './parse-values.js';

const DAY_MS = 86_400_000;

describe('parseDecimal', () => {
  it('reads back every finite double as JavaScript prints it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(parseDecimal(String(value))).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it('rejects text that Number() would bend into a number', () => {
    for (const text of ['abc', '0x1F', '1,5', '1.2.3', 'Infinity', '1e999', '12abc', '--1', '.']) {
      expect(parseDecimal(text), text).toBeUndefined();
    }
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('+60.625')).toBe(60.625);
    expect(parseDecimal('5.3E7')).toBe(53_000_000);
  });

  it('gives what the plain-decimal pattern and Number() give, for any mix of signs, digits and points', () => {
    // The reference: the rule parseDecimal documents, written the slow way.
    const reference = (text: string) => {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
      const value = Number(text);
      return Number.isFinite(value) ? value : undefined;
    };
    const piece = fc.oneof(
      fc.stringMatching(/^\d{0,24}$/),
      fc.constantFrom('.', '+', '-', 'e', 'E', ',', ' ', 'x', '0'),
    );
    const text = fc.oneof(
      fc.array(piece, { maxLength: 5 }).map((parts) => parts.join('')),
      // The common shape of a price: sign, digits, point, digits (long ones included).
      fc
        .tuple(
          fc.constantFrom('', '+', '-'),
          fc.stringMatching(/^\d{0,18}$/),
          fc.constantFrom('', '.'),
          fc.stringMatching(/^\d{0,25}$/),
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(Object.is(parseDecimal(t), reference(t)), t).toBe(true);
        const thousands = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t);
        expect(Object.is(parseNumber(t, false), reference(thousands ? t.replace(/,/g, '') : t)), t).toBe(
          true,
        );
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('isMissing', () => {
  it('knows the spellings of "no value" used by Yahoo, R and pandas', () => {
    for (const text of ['', 'null', 'NULL', 'NA', 'NaN', 'nan', 'N/A'])
      expect(isMissing(text), text).toBe(true);
    for (const text of ['0', 'none', 'abc']) expect(isMissing(text), text).toBe(false);
  });
});

describe('parseDate', () => {
  it('reads YYYY-MM-DD as 00:00 UTC of that day, as Date.UTC does', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }),
        (date) => {
          const text = date.toISOString().slice(0, 10);
          expect(parseDate(text)).toBe(
            Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
          );
        },
      ),
    );
  });

  it('reads ISO date-times (UTC unless an offset is given) and epoch seconds or milliseconds', () => {
    expect(parseDate('2000-09-27T13:30:00Z')).toBe(Date.UTC(2000, 8, 27, 13, 30));
    expect(parseDate('2000-09-27 13:30:00')).toBe(Date.UTC(2000, 8, 27, 13, 30));
    expect(parseDate('2000-09-27T09:30:00-04:00')).toBe(Date.UTC(2000, 8, 27, 13, 30));
    expect(parseDate('970012800')).toBe(970_012_800_000);
    expect(parseDate('970012800000')).toBe(970_012_800_000);
  });

  it('rejects impossible and ambiguous dates', () => {
    for (const text of ['2001-02-30', '2001-13-01', '09/27/2000', '27.09.2000', 'yesterday', '2000-9-27']) {
      expect(parseDate(text), text).toBeUndefined();
    }
  });
});

describe('parseDate: digits are told apart, never guessed', () => {
  it('reads 8 digits as YYYYMMDD: 20000927 is 2000-09-27, not epoch seconds in 1970', () => {
    expect(parseDate('20000927')).toBe(Date.UTC(2000, 8, 27));
  });

  it('refuses 8 digits that are no calendar date, and digit counts that are neither seconds nor ms', () => {
    for (const text of [
      '20001327',
      '20000231',
      '12345678',
      '99991231',
      '12345',
      '12345678901',
      '12345678901234',
    ]) {
      expect(parseDate(text), text).toBeUndefined();
    }
    expect(describeDateProblem('12345678')).toContain('not a calendar date YYYYMMDD');
    expect(describeDateProblem('12345678901')).toContain('11 digits');
  });

  it('round-trips every day 1900–2100 in every supported form', () => {
    const formats: [string, (y: string, m: string, d: string) => string][] = [
      ['DD.MM.YYYY', (y, m, d) => `${d}.${m}.${y}`],
      ['MM/DD/YYYY', (y, m, d) => `${m}/${d}/${y}`],
      ['DD/MM/YYYY', (y, m, d) => `${d}/${m}/${y}`],
      ['YYYY/MM/DD', (y, m, d) => `${y}/${m}/${d}`],
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (date) => {
          const expected = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
          const iso = new Date(expected).toISOString();
          const [y, m, d] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
          expect(parseDate(`${y}-${m}-${d}`)).toBe(expected);
          expect(parseDate(`${y}${m}${d}`)).toBe(expected);
          expect(parseDate(`${y}-${m}-${d} 00:00:00`)).toBe(expected);
          expect(parseDate(iso)).toBe(expected);
          if (expected >= 1e11) expect(parseDate(String(expected))).toBe(expected);
          if (expected >= 1e11) expect(parseDate(String(expected / 1000))).toBe(expected);
          for (const [format, write] of formats) expect(parseDate(write(y, m, d), format)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a dateFormat with a time, and refuses impossible days in it', () => {
    expect(parseDate('27.09.2000 13:30', 'DD.MM.YYYY')).toBe(Date.UTC(2000, 8, 27, 13, 30));
    expect(parseDate('31.02.2000', 'DD.MM.YYYY')).toBeUndefined();
    expect(parseDate('09/27/2000', 'DD/MM/YYYY')).toBeUndefined();
  });
});

describe('parseNumber', () => {
  it('reads decimal commas with thousands dots, and refuses an ambiguous dot', () => {
    expect(parseNumber('1.234,56', true)).toBe(1234.56);
    expect(parseNumber('12,5', true)).toBe(12.5);
    expect(parseNumber('1.234.567', true)).toBe(1234567);
    expect(parseNumber('12.5', true)).toBeUndefined();
    expect(parseNumber('1,234.5', false)).toBe(1234.5);
    expect(parseNumber('12,5', false)).toBeUndefined();
  });
});

describe('businessDay', () => {
  it('counts weekdays from the start like stepping one day at a time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        (startDay, index) => {
          let day = startDay;
          const isWeekday = (d: number) => ![0, 6].includes(new Date(d * DAY_MS).getUTCDay());
          while (!isWeekday(day)) day++;
          for (let k = 0; k < index; k++) {
            day++;
            while (!isWeekday(day)) day++;
          }
          expect(businessDay(startDay * DAY_MS, index)).toBe(day * DAY_MS);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('reading a field in place (the price-file fast path)', () => {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');

  it('isoDateIn gives what parseDate gives for YYYY-MM-DD, and NaN for every impossible day', () => {
    // The reference: Date.UTC rolls an impossible day into the next month, which the check sees.
    const reference = (y: number, m: number, d: number) => {
      const time = Date.UTC(y, m - 1, d);
      const back = new Date(time);
      const valid = y >= 1800 && y <= 2200 && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
      return valid ? time : undefined;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1700, max: 2300 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          const line = `x,${text},1`;
          const inPlace = isoDateIn(Buffer.from(line, 'latin1'), 2, 12);
          expect(parseDate(text)).toBe(reference(y, m, d));
          expect(Number.isNaN(inPlace) ? undefined : inPlace).toBe(reference(y, m, d));
        },
      ),
      { numRuns: 20_000 },
    );
    for (const text of ['2024-1-02', '2024/01/02', '2024-01-0x', ' 2024-01-02', '20240102']) {
      expect(isoDateIn(Buffer.from(text, 'latin1'), 0, text.length), text).toBeNaN();
    }
  });

  it('shortDecimalAt and shortDecimalIn of a field inside a line are parseDecimal of the field, or NaN for forms it leaves to it', () => {
    const field = fc.oneof(
      fc.stringMatching(/^[+-]?\d{0,17}(\.\d{0,8})?$/),
      fc.constantFrom('1e3', 'NA', ' 12.5', '1,5', '', '.', '-'),
    );
    fc.assert(
      fc.property(field, (text) => {
        const value = shortDecimalAt(`a,${text},b`, 2, 2 + text.length);
        const fromBytes = shortDecimalIn(Buffer.from(`a,${text},b`, 'latin1'), 2, 2 + text.length);
        expect(Object.is(fromBytes, value), text).toBe(true);
        if (!Number.isNaN(value)) expect(Object.is(value, parseDecimal(text)), text).toBe(true);
        else if (/^[+-]?\d{1,15}(\.\d*)?$/.test(text) && text.replace(/\D/g, '').length <= 15)
          throw new Error(`${text}: a short plain decimal must not be left to the slow path`);
      }),
      { numRuns: 20_000 },
    );
  });
});
