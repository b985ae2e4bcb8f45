// Clean-up shared by the benchmarks that start the compiled server as child processes on the real
// PostgreSQL and Redis: stop the children, drop their schemas, delete their Redis keys. Failures are
// reported and skipped, so one leftover never keeps the others from being removed.
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import pg from 'pg';

/** SIGTERM (the servers shut down gracefully), SIGKILL after 10 s. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Drops `schemas` (with everything in them) from the database at `databaseUrl`. */
export async function dropSchemas(databaseUrl: string, schemas: readonly string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  try {
    await admin.connect();
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } catch (error) {
    console.error(`could not drop the schemas ${schemas.join(', ')}: ${(error as Error).message}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** Deletes every key of the Redis at `redisUrl` that starts with `prefix`. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch (error) {
    console.error(`could not delete Redis keys ${prefix}*: ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
