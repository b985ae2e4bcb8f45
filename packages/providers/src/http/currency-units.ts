/** A currency as Yahoo writes it, normalised: the ISO major unit and how many quoted units make one. */
export interface CurrencyUnit {
  /** ISO 4217 major unit, e.g. `GBP` for Yahoo's `GBp`. */
  currency: string;
  /** Quoted units per major unit: 100 for pence, agorot and South African cents, else 1. */
  perMajor: number;
  /** The code as Yahoo wrote it. */
  quoted: string;
}

/**
 * Minor units exchanges quote in, by Yahoo's spellings: London in pence (`GBp`, also `GBX`),
 * Johannesburg in cents (`ZAc`, `ZAC`), Tel Aviv in agorot (`ILA`). Case matters: `GBp` is pence,
 * `GBP` pounds.
 */
const MINOR_UNITS: Readonly<Record<string, string>> = {
  GBp: 'GBP',
  GBX: 'GBP',
  ZAc: 'ZAR',
  ZAC: 'ZAR',
  ILA: 'ILS',
};

/** Normalises a Yahoo currency code to its major unit (`GBp` → GBP ÷ 100; `USD` → USD). */
export function currencyUnit(quoted: string): CurrencyUnit {
  const major = MINOR_UNITS[quoted];
  if (major !== undefined) return { currency: major, perMajor: 100, quoted };
  return { currency: quoted.toUpperCase(), perMajor: 1, quoted };
}
