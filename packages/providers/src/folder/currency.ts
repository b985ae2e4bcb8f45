import type { DataIssue } from './data-report.js';
import { type FundamentalsRow, MONEY_FIELDS } from './read-tables.js';

/** Minor currency units as exchanges quote them, and their major unit (1 minor = 1/100 major). */
const MINOR_UNITS: Readonly<Record<string, string>> = {
  GBp: 'GBP',
  GBX: 'GBP',
  ZAc: 'ZAR',
  ZAC: 'ZAR',
  ILA: 'ILS',
};

/** The major currency of a code and the factor from the code's unit to it (`GBp` → `GBP`, 0.01). */
export function majorUnit(code: string): { currency: string; factor: number } {
  const major = MINOR_UNITS[code];
  return major ? { currency: major, factor: 0.01 } : { currency: code.toUpperCase(), factor: 1 };
}

/**
 * Converts a fundamentals row's money fields (market cap, earnings, book value, revenue) into
 * the symbol's price currency, in major units. Rates come from da-ki.json `fx` (`CNYUSD` 0.14:
 * 1 CNY = 0.14 USD; the inverse pair is used when only it is given). Without a rate the money
 * fields are left out with a `currency` warning, never mixed; ratios (P/E, ROE, ...) are kept.
 */
export function convertMoney(
  row: FundamentalsRow,
  priceCurrency: string | undefined,
  fx: Readonly<Record<string, number>>,
  file: string,
): { row: FundamentalsRow; issue?: DataIssue } {
  const from = row.currency ?? priceCurrency;
  if (from === undefined) return { row };
  const source = majorUnit(from);
  const target = majorUnit(priceCurrency ?? from);
  let rate = source.factor;
  if (source.currency !== target.currency) {
    const direct = fx[`${source.currency}${target.currency}`];
    const inverse = fx[`${target.currency}${source.currency}`];
    const pair = direct ?? (inverse === undefined ? undefined : 1 / inverse);
    if (pair === undefined) {
      const values = { ...row.values };
      const dropped = MONEY_FIELDS.filter((field) => values[field] !== undefined);
      for (const field of dropped) delete values[field];
      const issue: DataIssue | undefined =
        dropped.length === 0
          ? undefined
          : {
              code: 'currency',
              severity: 'warning',
              file,
              line: row.line,
              column: 'currency',
              message: `${file} line ${row.line}: ${row.symbol} money fields (${dropped.join(', ')}) are in ${from} but its prices are in ${priceCurrency}; left out (add "fx": { "${source.currency}${target.currency}": <rate> } to da-ki.json)`,
            };
      return { row: { ...row, values, currency: target.currency }, ...(issue ? { issue } : {}) };
    }
    rate *= pair;
  }
  if (rate === 1) return { row: { ...row, currency: target.currency } };
  const values = { ...row.values };
  for (const field of MONEY_FIELDS) {
    const value = values[field];
    if (value !== undefined) values[field] = value * rate;
  }
  return { row: { ...row, values, currency: target.currency } };
}
