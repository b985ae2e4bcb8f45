/**
 * @packageDocumentation
 * `@da-ki/cli` — the `da-ki` command line: check a data folder, rank it, explain a score,
 * forecast, write a synthetic universe. The executable is `da-ki`; `runCli` runs the same
 * command line in-process (for programs and tests).
 */
export type { CommandSpec, FlagSpec } from './args.js';
export type { ExplainDocument } from './commands/explain.js';
export type { ForecastDocument, ForecastEntry, ForecastValidation } from './commands/forecast.js';
export type { ExcludedEntry, RankDocument, RankedEntry } from './commands/rank-document.js';
export { CliFailure, CliUsageError, EXIT_CODES } from './errors.js';
export type { CliIo, CliStream } from './io.js';
export { mainHelp, runCli } from './run-cli.js';
export { VERSION } from './version.js';
