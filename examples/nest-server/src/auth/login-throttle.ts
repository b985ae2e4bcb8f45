import { createHash } from 'node:crypto';
import { createThrottledWarn, type ThrottledWarn, withTimeout } from '@da-ki/sdk';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/** The login policy: how many attempts an account gets in a window before the delays start. */
export interface LoginThrottlePolicy {
  /** Attempts allowed in a window before each further one waits. Default 5. */
  freeAttempts: number;
  /** The window failures are counted in, from the first one. Default 15 minutes. */
  windowMs: number;
  /** The first delay; it doubles with each further attempt. Default 30 s. */
  firstDelayMs: number;
  /** The longest delay. Default 15 minutes. */
  maxDelayMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginThrottlePolicy = {
  freeAttempts: 5,
  windowMs: 15 * 60_000,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
};

/** The answer to {@link LoginThrottle.begin}: go ahead, or wait `retryAfterSeconds`. */
export type LoginAdmission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Where the counters live: Redis when configured (shared by every instance), else memory. */
export interface LoginThrottleOptions {
  redis?: Redis | null;
  /** Key prefix in Redis, e.g. `daki:login:`. */
  keyPrefix?: string;
  policy?: LoginThrottlePolicy;
  /** A Redis call slower than this counts as failed (the memory counters take over). Default 150 ms. */
  timeoutMs?: number;
  logger?: { warn(message: string): void };
  now?: () => number;
}

/** Delay imposed after the `attempt`-th attempt of a window (0 while attempts are free). */
export function loginDelayMs(attempt: number, policy: LoginThrottlePolicy): number {
  if (attempt < policy.freeAttempts) return 0;
  const doublings = Math.min(attempt - policy.freeAttempts, 30);
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** doublings);
}

// Atomic: refuse while a delay runs; otherwise count this attempt in the window and, from the
// `freeAttempts`-th on, start the next delay. KEYS: attempts, lock. ARGV: window ms, free attempts,
// first delay ms, max delay ms. Returns { allowed 0/1, ms to wait }.
const BEGIN_SCRIPT = `
local locked = redis.call('PTTL', KEYS[2])
if locked > 0 then return { 0, locked } end
local attempt = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local free = tonumber(ARGV[2])
if attempt >= free then
  local delay = math.min(tonumber(ARGV[4]), tonumber(ARGV[3]) * math.pow(2, math.min(attempt - free, 30)))
  redis.call('SET', KEYS[2], '1', 'PX', math.floor(delay))
  if redis.call('PTTL', KEYS[1]) < delay then redis.call('PEXPIRE', KEYS[1], math.floor(delay) + tonumber(ARGV[1])) end
end
return { 1, 0 }
`;
const BEGIN_SHA = createHash('sha1').update(BEGIN_SCRIPT).digest('hex');

/** Most accounts the memory counters track; the oldest are forgotten first (a flood of made-up e-mails must not exhaust memory). */
const MEMORY_CAPACITY = 100_000;

interface MemoryEntry {
  attempts: number;
  windowEndsAt: number;
  lockedUntil: number;
}

/**
 * Per-account login limiting: the first {@link LoginThrottlePolicy.freeAttempts} attempts of a
 * window go through; each attempt from then on starts a delay (30 s, 60 s, 120 s … up to 15 min)
 * during which the account answers 429 whatever the password. A successful login clears the count.
 *
 * Attempts are counted when they begin, before the password is checked, so that a burst of
 * parallel guesses cannot slip through before the failures are recorded. Accounts are keyed by the
 * e-mail's keyed lookup hash, hashed again: an unknown e-mail is counted and delayed exactly like a
 * known one (the answer does not tell whether an account exists), and no e-mail reaches Redis.
 */
export class LoginThrottle {
  private readonly policy: LoginThrottlePolicy;
  private readonly memory = new Map<string, MemoryEntry>();
  private readonly warn: ThrottledWarn;
  private readonly now: () => number;

  constructor(private readonly options: LoginThrottleOptions = {}) {
    this.policy = options.policy ?? DEFAULT_LOGIN_POLICY;
    this.now = options.now ?? Date.now;
    const logger = options.logger ?? new Logger('LoginThrottle');
    this.warn = createThrottledWarn({ warn: (message: string) => logger.warn(message) }, 30_000);
  }

  /** Counts an attempt on `account` (any stable identifier, e.g. the e-mail's lookup hash) if it may go ahead. */
  async begin(account: string): Promise<LoginAdmission> {
    const key = this.key(account);
    const redis = this.options.redis;
    if (redis) {
      try {
        const [allowed, waitMs] = await withTimeout(
          this.evaluate(redis, key),
          this.options.timeoutMs ?? 150,
          'login throttle "redis"',
          'begin',
        );
        return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: seconds(waitMs) };
      } catch (error) {
        this.warn(
          'redis',
          `login limiting falls back to this instance's memory: ${(error as Error).message}`,
        );
      }
    }
    return this.beginInMemory(key);
  }

  /** A successful login: the account's count starts again. */
  async succeeded(account: string): Promise<void> {
    const key = this.key(account);
    this.memory.delete(key);
    const redis = this.options.redis;
    if (!redis) return;
    try {
      await withTimeout(
        redis.del(`${key}:attempts`, `${key}:lock`),
        this.options.timeoutMs ?? 150,
        'login throttle "redis"',
        'reset',
      );
    } catch (error) {
      this.warn('redis', `login limiting could not reset a count in Redis: ${(error as Error).message}`);
    }
  }

  private key(account: string): string {
    const digest = createHash('sha256').update(account).digest('base64url').slice(0, 32);
    // A hash tag: both keys of an account in one Redis Cluster slot, as the script needs.
    return `${this.options.keyPrefix ?? 'daki:login:'}{${digest}}`;
  }

  private async evaluate(redis: Redis, key: string): Promise<[number, number]> {
    const p = this.policy;
    const args = [`${key}:attempts`, `${key}:lock`, p.windowMs, p.freeAttempts, p.firstDelayMs, p.maxDelayMs];
    try {
      return (await redis.evalsha(BEGIN_SHA, 2, ...args)) as [number, number];
    } catch (error) {
      if (!(error as Error).message?.startsWith('NOSCRIPT')) throw error;
      return (await redis.eval(BEGIN_SCRIPT, 2, ...args)) as [number, number];
    }
  }

  private beginInMemory(key: string): LoginAdmission {
    const now = this.now();
    let entry = this.memory.get(key);
    if (entry && entry.lockedUntil > now)
      return { allowed: false, retryAfterSeconds: seconds(entry.lockedUntil - now) };
    if (!entry || entry.windowEndsAt <= now) {
      entry = { attempts: 0, windowEndsAt: now + this.policy.windowMs, lockedUntil: 0 };
    }
    // Re-inserted at the end: the Map's order is least recently used first.
    this.memory.delete(key);
    this.memory.set(key, entry);
    if (this.memory.size > MEMORY_CAPACITY) {
      const oldest = this.memory.keys().next().value;
      if (oldest !== undefined) this.memory.delete(oldest);
    }
    entry.attempts += 1;
    const delay = loginDelayMs(entry.attempts, this.policy);
    if (delay > 0) {
      entry.lockedUntil = now + delay;
      entry.windowEndsAt = Math.max(entry.windowEndsAt, entry.lockedUntil + this.policy.windowMs);
    }
    return { allowed: true };
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
