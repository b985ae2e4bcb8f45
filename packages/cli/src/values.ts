import { FACTOR_NAMES, type FactorWeights, InvalidArgumentError, validateWeights } from '@da-ki/sdk';
import { CliUsageError } from './errors.js';

/** An integer flag: `--top 10`. `undefined` when the flag is absent. */
export function integerFlag(
  flag: string,
  text: string | boolean | undefined,
  range: { min: number; max?: number },
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  const ok = /^\s*\d+\s*$/.test(String(text)) && Number.isSafeInteger(value);
  if (!ok || value < range.min || (range.max !== undefined && value > range.max)) {
    const bounds = range.max === undefined ? `${range.min} or more` : `from ${range.min} to ${range.max}`;
    throw new CliUsageError(
      `--${flag} must be an integer ${bounds}, got ${JSON.stringify(text)}`,
      `--${flag}`,
    );
  }
  return value;
}

/** A number flag: `--years 1.5`. */
export function numberFlag(
  flag: string,
  text: string | boolean | undefined,
  range: { min: number; max: number },
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (String(text).trim() === '' || !Number.isFinite(value) || value < range.min || value > range.max) {
    throw new CliUsageError(
      `--${flag} must be a number from ${range.min} to ${range.max}, got ${JSON.stringify(text)}`,
      `--${flag}`,
    );
  }
  return value;
}

/** One of a fixed set of words: `--format json`. */
export function choiceFlag<T extends string>(
  flag: string,
  text: string | boolean | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (text === undefined) return fallback;
  if (!choices.includes(text as T)) {
    throw new CliUsageError(
      `--${flag} must be one of ${choices.join(', ')}, got ${JSON.stringify(text)}`,
      `--${flag}`,
    );
  }
  return text as T;
}

/**
 * A calendar date `YYYY-MM-DD` that exists (no 2024-02-30). The folder provider validates it
 * again; checking here lets the message name the flag before any file is read.
 */
export function dateFlag(flag: string, text: string | boolean | undefined): string | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || new Date(time).toISOString().slice(0, 10) !== text) {
    throw new CliUsageError(
      `--${flag} must be a date as YYYY-MM-DD, got ${JSON.stringify(text)}`,
      `--${flag}`,
    );
  }
  return text as string;
}

/** A comma-separated list: `--symbols AAPL,MSFT` (empty items are an error, not skipped). */
export function listFlag(flag: string, text: string | boolean | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const items = String(text)
    .split(',')
    .map((item) => item.trim());
  if (items.some((item) => item === '')) {
    throw new CliUsageError(
      `--${flag} must be a comma-separated list without empty items, got ${JSON.stringify(text)}`,
      `--${flag}`,
    );
  }
  return items;
}

/**
 * `--weights performance=0.3,fundamental=0.25,sentiment=0.2,sector=0.15,momentum=0.1`: all five
 * factors, each once. The SDK's `validateWeights` checks the values (non-negative, sum 1), the
 * same check the scoring engine makes; its message is re-worded to name the flag.
 */
export function weightsFlag(text: string | boolean | undefined): Readonly<FactorWeights> | undefined {
  if (text === undefined) return undefined;
  const fail = (reason: string) =>
    new CliUsageError(
      `--weights ${reason}; expected ${FACTOR_NAMES.map((name) => `${name}=<number>`).join(',')} summing to 1`,
      '--weights',
    );
  const weights: Record<string, number> = {};
  for (const pair of String(text).split(',')) {
    const match = /^\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(pair);
    if (!match) throw fail(`has an item that is not name=value: ${JSON.stringify(pair)}`);
    const [, name, valueText] = match as unknown as [string, string, string];
    if (!(FACTOR_NAMES as readonly string[]).includes(name)) throw fail(`names an unknown factor "${name}"`);
    if (name in weights) throw fail(`gives "${name}" twice`);
    const value = Number(valueText);
    if (!Number.isFinite(value)) throw fail(`has ${name}=${valueText}, which is not a number`);
    weights[name] = value;
  }
  const missing = FACTOR_NAMES.filter((name) => !(name in weights));
  if (missing.length > 0) throw fail(`is missing ${missing.join(', ')}`);
  try {
    return validateWeights(weights);
  } catch (error) {
    if (error instanceof InvalidArgumentError) {
      throw fail(`is invalid: ${error.message.replace(/^Invalid argument `[^`]*`: /, `${error.argument} `)}`);
    }
    throw error;
  }
}
