import { resolve } from 'node:path';
import { type DataIssue, type DataReport, FolderProvider, ProviderUnavailableError } from '@da-ki/providers';
import { InvalidArgumentError } from '@da-ki/sdk';
import type { ParsedArgs } from './args.js';
import { CliFailure, CliUsageError, EXIT_CODES } from './errors.js';
import type { CliIo } from './io.js';
import { createProgress } from './progress.js';
import { dateFlag } from './values.js';

/** What the commands that read a folder share. */
export interface FolderOptions {
  /** The folder as the user typed it (messages show it like that). */
  dir: string;
  asOf?: string;
  includeStale?: boolean;
}

/** An opened folder: the provider (all four provider interfaces) and its data report. */
export interface OpenedFolder {
  provider: FolderProvider;
  report: DataReport;
}

/** The folder options of a command's arguments: `<dir>`, `--as-of` (checked) and `--include-stale`. */
export function folderOptions(args: ParsedArgs): FolderOptions {
  const asOf = dateFlag('as-of', args.values['as-of']);
  return {
    dir: args.positionals[0] as string,
    ...(asOf ? { asOf } : {}),
    includeStale: args.values['include-stale'] === true,
  };
}

/**
 * Reads a data folder with `FolderProvider` and returns it with its report, showing progress of
 * the file reading on stderr. An unreadable folder becomes exit code 2; a bad `asOf` a usage
 * error that names `--as-of`.
 */
export async function openFolder(io: CliIo, options: FolderOptions): Promise<OpenedFolder> {
  const progress = createProgress(io, `reading ${options.dir}`);
  const provider = new FolderProvider({
    dir: resolve(io.cwd ?? process.cwd(), options.dir),
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    ...(options.includeStale ? { includeStale: true } : {}),
    onProgress: (p) => progress.update(p.completed, p.total, p.file),
  });
  try {
    const report = await provider.report();
    progress.done(`${report.summary.files} files, ${report.summary.symbols} symbols`);
    return { provider, report };
  } catch (error) {
    throw folderError(options.dir, error);
  }
}

/** Maps the folder provider's errors to the command line's exit codes and flag names. */
export function folderError(dir: string, error: unknown): unknown {
  if (error instanceof ProviderUnavailableError) {
    return new CliFailure(`cannot read the folder ${dir}: ${error.message}`, EXIT_CODES.unreadable);
  }
  if (error instanceof InvalidArgumentError && /as-?of/i.test(error.argument)) {
    return new CliUsageError(`--as-of: ${error.message}`, '--as-of');
  }
  return error;
}

/** Where an issue is: `prices/MSFT.csv:12:close`, as far as it is known. */
export function issueLocation(issue: Pick<DataIssue, 'file' | 'line' | 'column'>): string {
  if (!issue.file) return '';
  let text = issue.file;
  if (issue.line !== undefined) text += `:${issue.line}`;
  if (issue.column !== undefined) text += `:${issue.column}`;
  return text;
}

/**
 * An issue as one line that names where it is: the message, prefixed with `file:line:column`
 * unless the message already names the file (the folder provider's messages usually do).
 */
export function issueText(issue: DataIssue): string {
  const where = issueLocation(issue);
  return where && !(issue.file && issue.message.includes(issue.file))
    ? `${where}: ${issue.message}`
    : issue.message;
}

/** Every issue of the report of one severity, folder-level first, then files, then symbols; deduplicated. */
export function issuesOf(report: DataReport, severity: DataIssue['severity']): DataIssue[] {
  const all = [
    ...report.issues,
    ...report.files.flatMap((file) => file.issues),
    ...report.symbols.flatMap((symbol) => symbol.issues),
  ].filter((issue) => issue.severity === severity);
  const seen = new Set<string>();
  return all.filter((issue) => {
    const key = issueText(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
