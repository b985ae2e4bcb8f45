import { pino } from 'pino';
import { ConfigError } from '../config/config.js';
import { loggerOptions } from '../logging/logger.js';

/**
 * On SIGTERM / SIGINT: close once, exit 0 when closed, 1 when closing fails or takes longer than
 * `graceMs` (so an orchestrator never waits on a stuck process).
 */
export function closeOnSignals(
  close: () => Promise<void>,
  graceMs: number,
  onSignal?: (signal: string) => void,
): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      onSignal?.(signal);
      setTimeout(() => process.exit(1), graceMs).unref();
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

/** Exits after a failed start: 78 (EX_CONFIG) with the message for a bad environment, else 1. */
export function exitOnStartFailure(what: string, error: unknown): never {
  // A JSON line on stderr like every other log line, written synchronously: the process exits next.
  const log = pino(loggerOptions('info'), pino.destination({ fd: 2, sync: true }));
  if (error instanceof ConfigError) {
    log.fatal(error.message);
    process.exit(78);
  }
  log.fatal(`${what} failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
