import { InvalidArgumentError, symbolSchema } from '@da-ki/sdk';

/** Checks a symbol argument before it goes into a URL, with the SDK's symbol rules. */
export function assertSymbol(symbol: string, argument = 'symbol'): void {
  const result = symbolSchema.safeParse(symbol);
  if (!result.success) {
    throw new InvalidArgumentError(argument, `${JSON.stringify(symbol)}: ${result.error.issues[0]?.message}`);
  }
}
