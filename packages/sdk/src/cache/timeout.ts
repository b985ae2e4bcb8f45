import { DaKiError } from '../data/errors.js';

/** A cache layer or store did not answer in time; the caller skips it as if it had failed. */
export class CacheTimeoutError extends DaKiError {
  override name = 'CacheTimeoutError';

  constructor(
    /** What was asked, e.g. `layer "redis"`. */
    readonly target: string,
    /** The operation, e.g. `get`. */
    readonly operation: string,
    /** The limit that was exceeded, in milliseconds. */
    readonly timeoutMs: number,
  ) {
    super(`${target} ${operation} timed out after ${timeoutMs} ms`);
  }
}

/**
 * Settles like `promise`, or rejects with a {@link CacheTimeoutError} after `timeoutMs`. The
 * timer is cleared either way, so a fast answer leaves nothing behind to keep a process alive.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  target: string,
  operation: string,
): Promise<T> {
  // One promise and one timer per call (not Promise.race + finally): this sits on every L2 read.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CacheTimeoutError(target, operation, timeoutMs)), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
