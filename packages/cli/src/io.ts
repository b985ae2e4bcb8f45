/** Where the command line writes: anything with a `write(text)` (a Node stream, a test buffer). */
export interface CliStream {
  write(text: string): unknown;
}

/**
 * The outside world of one `runCli` call. The `da-ki` executable passes the process's streams;
 * tests pass string buffers, so every command runs in-process.
 */
export interface CliIo {
  /** Results only (tables, JSON, CSV), so that `da-ki rank dir --format json | jq` works. */
  stdout: CliStream;
  /** Progress, logs and error messages. */
  stderr: CliStream;
  /** Whether stderr is a terminal: a redrawn progress bar with ETA if so, plain lines otherwise. */
  isTTY: boolean;
  /** Environment variables (`NO_COLOR`, `COLUMNS`, ...). */
  env: Readonly<Record<string, string | undefined>>;
  /** Folder that relative paths (`<dir>`, `--out`) are resolved against. Default `process.cwd()`. */
  cwd?: string;
}
