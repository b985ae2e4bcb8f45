import { ConfigError } from '../config/config.js';

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
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(`${what} failed to start:`, error instanceof Error ? error.message : error);
  process.exit(1);
}
