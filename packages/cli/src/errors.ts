/** Exit codes of `da-ki`: done; bad arguments or nothing to score; the folder cannot be read. */
export const EXIT_CODES = Object.freeze({ ok: 0, failure: 1, unreadable: 2 });

/** A bad command line: unknown command or flag, a value that does not parse. Exit code 1. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
  constructor(
    message: string,
    /** The flag (`--top`) or argument (`<dir>`) at fault, when there is one. */
    readonly flag?: string,
  ) {
    super(message);
  }
}

/** A command that ran but could not deliver (nothing scorable, symbol not in the folder). */
export class CliFailure extends Error {
  override name = 'CliFailure';
  constructor(
    message: string,
    readonly exitCode: number = EXIT_CODES.failure,
  ) {
    super(message);
  }
}
