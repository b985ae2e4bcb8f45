import type { CacheLogger } from './cache-store.js';

/** Reports a warning under a topic; see {@link createThrottledWarn}. */
export type ThrottledWarn = (topic: string, message: string, error?: unknown) => void;

/**
 * Wraps a logger so that each topic (e.g. `layer "redis" get`) warns at once, then at most once per
 * `intervalMs`, with the number of warnings held back in between. A cache layer that is down fails
 * on every request; without this, an outage would flood the log at request rate.
 */
export function createThrottledWarn(
  logger: CacheLogger,
  intervalMs = 10_000,
  now: () => number = Date.now,
): ThrottledWarn {
  const topics = new Map<string, { lastAt: number; suppressed: number }>();
  return (topic, message, error) => {
    const at = now();
    const state = topics.get(topic);
    if (state !== undefined && at - state.lastAt < intervalMs) {
      state.suppressed++;
      return;
    }
    const suppressed = state?.suppressed ?? 0;
    topics.set(topic, { lastAt: at, suppressed: 0 });
    const held =
      suppressed > 0 ? ` (${suppressed} similar warning${suppressed === 1 ? '' : 's'} held back)` : '';
    logger.warn(`${message}${held}`, error);
  };
}
