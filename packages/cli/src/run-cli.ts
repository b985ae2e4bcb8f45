import { type CommandSpec, helpText, type ParsedArgs, parseCommandArgs } from './args.js';
import { checkSpec, runCheck } from './commands/check.js';
import { explainSpec, runExplain } from './commands/explain.js';
import { forecastSpec, runForecast } from './commands/forecast.js';
import { rankSpec, runRank } from './commands/rank.js';
import { runSynthetic, syntheticSpec } from './commands/synthetic.js';
import { CliFailure, CliUsageError, EXIT_CODES } from './errors.js';
import { folderError } from './folder.js';
import type { CliIo } from './io.js';
import { VERSION } from './version.js';

interface Command {
  spec: CommandSpec;
  run: (io: CliIo, args: ParsedArgs) => Promise<number>;
}

const COMMANDS: readonly Command[] = [
  { spec: checkSpec, run: runCheck },
  { spec: rankSpec, run: runRank },
  { spec: explainSpec, run: runExplain },
  { spec: forecastSpec, run: runForecast },
  { spec: syntheticSpec, run: runSynthetic },
];

/** The top-level `--help` text. */
export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length));
  return [
    'Usage: da-ki <command> [arguments] [flags]',
    '',
    'DA-KI on a folder of your own data files (docs/data.md): check it, rank it, explain a score,',
    'forecast prices. Results go to stdout; progress and messages to stderr.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.brief}`),
    '',
    'Run "da-ki <command> --help" for its arguments and flags.',
    'Exit codes: 0 done; 1 bad arguments or nothing could be scored; 2 the folder cannot be read.',
    '',
  ].join('\n');
}

/**
 * Runs the `da-ki` command line on `argv` (the arguments after `da-ki`) and resolves to its exit
 * code; it never calls `process.exit`, so programs and tests can run it in-process. Results are
 * written to `io.stdout`, progress and errors to `io.stderr`.
 *
 * @example
 * ```ts
 * import { runCli } from '@da-ki/cli';
 *
 * let output = '';
 * const code = await runCli(['--version'], {
 *   stdout: { write: (text: string) => (output += text) },
 *   stderr: process.stderr,
 *   isTTY: false,
 *   env: process.env,
 * });
 * console.log(code, output.trim());
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(mainHelp());
    return EXIT_CODES.failure;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = COMMANDS.find((c) => c.spec.name === rest[0]);
    io.stdout.write(topic ? helpText(topic.spec) : mainHelp());
    return EXIT_CODES.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_CODES.ok;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) {
    io.stderr.write(
      `da-ki: unknown command ${JSON.stringify(name)}; expected one of ${COMMANDS.map((c) => c.spec.name).join(', ')}\n` +
        'Run "da-ki --help" for usage.\n',
    );
    return EXIT_CODES.failure;
  }
  try {
    const args = parseCommandArgs(command.spec, rest);
    if (args.values.help) {
      io.stdout.write(helpText(command.spec));
      return EXIT_CODES.ok;
    }
    return await command.run(io, args);
  } catch (caught) {
    const error = folderError(String(rest[0] ?? ''), caught);
    if (error instanceof CliUsageError) {
      io.stderr.write(`da-ki ${name}: ${error.message}\nRun "da-ki ${name} --help" for usage.\n`);
      return EXIT_CODES.failure;
    }
    if (error instanceof CliFailure) {
      io.stderr.write(`da-ki ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    // Not foreseen: say what it was; the stack only on request, it is for bug reports.
    const e = error as Error;
    io.stderr.write(`da-ki ${name}: ${e?.name ?? 'Error'}: ${e?.message ?? String(error)}\n`);
    if (io.env.DA_KI_DEBUG) io.stderr.write(`${e?.stack ?? ''}\n`);
    return EXIT_CODES.failure;
  }
}
