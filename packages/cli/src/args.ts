import { parseArgs } from 'node:util';
import { CliUsageError } from './errors.js';

/** One flag of a command, as `--help` shows it. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  /** Placeholder of the value in the help text, e.g. `N` or `YYYY-MM-DD`. */
  value?: string;
  description: string;
  /** Default shown in the help text. */
  defaultText?: string;
}

/** A command's arguments: positionals in order, and its flags (without the leading `--`). */
export interface CommandSpec {
  name: string;
  /** One line for the command list of `da-ki --help`. */
  brief: string;
  summary: string;
  positionals: readonly { name: string; description: string }[];
  flags: Readonly<Record<string, FlagSpec>>;
  /** Example invocations for `--help`. */
  examples?: readonly string[];
}

/** Parsed arguments: flag values by flag name, and the positionals. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Flags every command takes. */
const COMMON_FLAGS: Record<string, FlagSpec> = {
  help: { type: 'boolean', description: 'Show this help and exit.' },
};

/** All flags of a command, its own and the common ones. */
export function flagsOf(spec: CommandSpec): Record<string, FlagSpec> {
  return { ...spec.flags, ...COMMON_FLAGS };
}

/**
 * Parses `argv` (the arguments after the command name) with `node:util` `parseArgs` in strict
 * mode, and turns its errors into {@link CliUsageError}s that name the flag and what it expects.
 * Positional counts are checked unless `--help` is given.
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const flags = flagsOf(spec);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(Object.entries(flags).map(([name, flag]) => [name, { type: flag.type }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageErrorFrom(spec, error);
  }
  const values = parsed.values as ParsedArgs['values'];
  const positionals = parsed.positionals;
  if (values.help) return { values, positionals };
  const expected = spec.positionals.map((p) => `<${p.name}>`);
  if (positionals.length < spec.positionals.length) {
    const missing = expected[positionals.length] as string;
    throw new CliUsageError(
      `missing ${missing}; usage: da-ki ${spec.name} ${expected.join(' ')} [flags]`,
      missing,
    );
  }
  if (positionals.length > spec.positionals.length) {
    const extra = positionals[spec.positionals.length] as string;
    throw new CliUsageError(
      `unexpected argument ${JSON.stringify(extra)}; usage: da-ki ${spec.name} ${expected.join(' ')} [flags]`,
    );
  }
  return { values, positionals };
}

function usageErrorFrom(spec: CommandSpec, error: unknown): Error {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? String(error);
  const flagInMessage = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  const known = Object.keys(flagsOf(spec))
    .map((name) => `--${name}`)
    .join(', ');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new CliUsageError(
      `unknown flag ${flagInMessage ?? ''} for "da-ki ${spec.name}"; expected one of ${known}`,
      flagInMessage,
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flagInMessage) {
    const flag = flagInMessage.replace(/^--?/, '');
    const flagSpec = flagsOf(spec)[flag];
    if (flagSpec?.type === 'boolean') {
      return new CliUsageError(`--${flag} takes no value`, `--${flag}`);
    }
    return new CliUsageError(
      `--${flag} needs a value${flagSpec?.value ? ` (${flagSpec.value})` : ''}`,
      `--${flag}`,
    );
  }
  return new CliUsageError(message);
}

/** The `--help` text of a command. */
export function helpText(spec: CommandSpec): string {
  const positionals = spec.positionals.map((p) => `<${p.name}>`).join(' ');
  const lines = [
    `Usage: da-ki ${spec.name}${positionals ? ` ${positionals}` : ''} [flags]`,
    '',
    spec.summary,
  ];
  if (spec.positionals.length > 0) {
    lines.push('', 'Arguments:');
    const width = Math.max(...spec.positionals.map((p) => p.name.length + 2));
    for (const p of spec.positionals) lines.push(`  ${`<${p.name}>`.padEnd(width)}  ${p.description}`);
  }
  lines.push('', 'Flags:');
  const entries = Object.entries(flagsOf(spec)).map(([name, flag]) => {
    const head = `--${name}${flag.value ? ` ${flag.value}` : ''}`;
    const tail = flag.defaultText ? ` (default: ${flag.defaultText})` : '';
    return [head, `${flag.description}${tail}`] as const;
  });
  const width = Math.max(...entries.map(([head]) => head.length));
  for (const [head, text] of entries) lines.push(`  ${head.padEnd(width)}  ${text}`);
  if (spec.examples?.length) {
    lines.push('', 'Examples:');
    for (const example of spec.examples) lines.push(`  ${example}`);
  }
  return `${lines.join('\n')}\n`;
}
