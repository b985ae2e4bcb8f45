import type { Redis } from 'ioredis';
import { REQUEST_REDIS_TIMEOUT_MS } from '../common/redis-connections.js';
import type { Readiness } from '../contract/health.js';
import type { Database } from '../db/database.js';
import type { ScheduleState } from '../jobs/schedule-status.js';

/** The `checks` of a `/ready` answer (the body is the wire contract's `Readiness`). */
export type ReadinessChecks = Readiness['checks'];

/** How long `/ready` waits for the database before calling it down. */
const DATABASE_PING_MS = 2_000;

/** Checks the database, Redis and the schedules, each within a deadline. */
export async function checkReadiness(
  database: Database,
  redis: Redis | null,
  schedules: ScheduleState,
): Promise<Readiness> {
  const [databaseUp, redisUp] = await Promise.all([
    within(database.ping(), DATABASE_PING_MS, false),
    redis
      ? within(
          redis.ping().then((reply) => reply === 'PONG'),
          REQUEST_REDIS_TIMEOUT_MS,
          false,
        )
      : undefined,
  ]);
  const checks: ReadinessChecks = {
    database: databaseUp ? 'up' : 'down',
    ...(redisUp === undefined ? {} : { redis: redisUp ? 'up' : 'degraded' }),
    schedules,
  };
  // Only the database is required to serve: every use of Redis has a fallback, and missing
  // schedules are registered again by the schedule keeper. Those show as `degraded`.
  const status = !databaseUp
    ? 'not ready'
    : checks.redis === 'degraded' || schedules === 'missing' || schedules === 'unreachable'
      ? 'degraded'
      : 'ready';
  return { status, checks };
}

/** `work`'s value, or `fallback` if it rejects or takes longer than `ms`. */
function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([work.catch(() => fallback), timeout]).finally(() => clearTimeout(timer));
}
