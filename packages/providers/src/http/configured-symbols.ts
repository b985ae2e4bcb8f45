import { type Fundamentals, InvalidArgumentError, type SymbolInfo, symbolInfoSchema } from '@da-ki/sdk';
import { z } from 'zod';
import { NotFoundError } from '../errors/index.js';

/**
 * The universe an HTTP provider serves: neither Yahoo nor Alpha Vantage lists one, so it comes from
 * the `symbols` option. Validated once, at construction.
 */
export function parseConfiguredSymbols(symbols: readonly SymbolInfo[] | undefined): readonly SymbolInfo[] {
  const parsed = z.array(symbolInfoSchema).safeParse(symbols ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArgumentError(`symbols.${issue?.path.join('.')}`, issue?.message ?? 'invalid');
  }
  return parsed.data;
}

/** A symbol's sector: from the configured universe, else from its fundamentals (mapped to GICS). */
export async function sectorFromListOrFundamentals(
  provider: string,
  symbols: readonly SymbolInfo[],
  symbol: string,
  fundamentals: () => Promise<Fundamentals>,
): Promise<string> {
  const listed = symbols.find((info) => info.symbol === symbol);
  if (listed) return listed.sector;
  const { sector } = await fundamentals();
  if (sector === undefined) {
    throw new NotFoundError({ provider, symbol, reason: 'no sector that maps to GICS reported' });
  }
  return sector;
}
