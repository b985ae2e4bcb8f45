import type { Fundamentals } from '../data/schemas.js';

/**
 * Why market cap and the statement money (earnings, book value) of `fundamentals` cannot be
 * divided — they are in different currencies (`financialCurrency` ≠ `currency`) — or `undefined`
 * when they can. A mixed-currency P/E is off by the exchange rate (a US-listed Chinese ADR with
 * earnings in CNY looks seven times cheaper), so such ratios are left out with this reason.
 */
export function mixedCurrencyReason(fundamentals: Fundamentals | undefined): string | undefined {
  if (fundamentals === undefined) return undefined;
  const { currency, financialCurrency, currencyNote } = fundamentals;
  if (financialCurrency === undefined || financialCurrency === currency) return undefined;
  const priced = currency === undefined ? 'market cap in an unstated currency' : `market cap in ${currency}`;
  const because = currencyNote === undefined ? '' : ` (${currencyNote})`;
  return `${priced}, earnings and book value in ${financialCurrency}${because}: ratio left out, never mixed`;
}
