// TrainingLease on both databases the server supports (embedded PGlite, the real PostgreSQL in a
// schema of its own): one holder at a time, an expired holder's lease taken over, the holder's
// progress published to the others, and a release that never removes another holder's lease.
import type { EnsembleProgress } from '@da-ki/ml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type * as DatabaseModule from '../src/db/database.js';
import type * as LeaseModule from '../src/forecasts/training-lease.js';
import { bothDatabases } from './helpers/both-databases.js';
import { eventually } from './realtime-support.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { TrainingLease } = await dist<typeof LeaseModule>('forecasts/training-lease.js');

type Database = DatabaseModule.Database;
type Lease = InstanceType<typeof TrainingLease>;

const { cases: databases, dropSchema } = bothDatabases('training_lease');

afterAll(dropSchema);

const progress = (done: number): EnsembleProgress =>
  ({ stage: 'folds', done, total: 10, etaSeconds: 30 }) as unknown as EnsembleProgress;

describe.each(databases)('TrainingLease on %s', (_name, open) => {
  let database: Database;
  const leases: Lease[] = [];
  let n = 0;
  /** A lease on a key of this test's own, as one process would hold it. */
  const lease = (key: string, options?: { renewEveryMs?: number }) => {
    const l = new TrainingLease(database, key, options);
    leases.push(l);
    return l;
  };
  const freshKey = () => `forecast-training:test-${++n}:fast`;
  const expiresIn = async (key: string) =>
    (
      await database.query<{ seconds: number }>(
        'SELECT extract(epoch FROM expires_at - now())::float8 AS seconds FROM cache_entries WHERE key = $1',
        [key],
      )
    ).rows[0]?.seconds;

  beforeAll(async () => {
    database = await open();
  }, 60_000);

  afterEach(async () => {
    for (const l of leases.splice(0)) await l.release();
  });

  afterAll(async () => {
    await database?.close();
  });

  it('is held by one process at a time, and free again once released', async () => {
    const key = freshKey();
    const [a, b] = [lease(key), lease(key)];
    const claims = await Promise.all([a.claim(), b.claim()]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const [holder, other] = claims[0] ? [a, b] : [b, a];
    expect(await other.claim()).toBe(false);
    const left = (await expiresIn(key)) as number;
    expect(left).toBeGreaterThan(100);
    expect(left).toBeLessThanOrEqual(120);
    await holder.release();
    expect(await expiresIn(key)).toBeUndefined();
    expect(await other.claim()).toBe(true);
  });

  it('passes to another process once the holder’s lease has expired (a holder that died)', async () => {
    const key = freshKey();
    await database.query(
      `INSERT INTO cache_entries (key, value, expires_at) VALUES ($1, $2, now() - interval '1 second')`,
      [key, JSON.stringify({ holder: 'gone', progress: progress(3) })],
    );
    const b = lease(key);
    expect(await b.holderProgress()).toBeNull(); // an expired lease shows nothing
    expect(await b.claim()).toBe(true);
  });

  it('publishes the holder’s progress to the processes that wait', async () => {
    const key = freshKey();
    const holder = lease(key, { renewEveryMs: 20 });
    const waiter = lease(key);
    expect(await holder.claim()).toBe(true);
    expect(await waiter.holderProgress()).toBeNull();
    holder.report(progress(4));
    await eventually(async () => (await waiter.holderProgress())?.done === 4, 10_000, 'progress 4 seen');
    holder.report(progress(7));
    await eventually(async () => (await waiter.holderProgress())?.done === 7, 10_000, 'progress 7 seen');
    expect(await waiter.claim()).toBe(false);
  });

  it('never releases a lease another process took over after its own expired', async () => {
    const key = freshKey();
    const first = lease(key);
    expect(await first.claim()).toBe(true);
    // The first holder stalled past its expiry; a second process takes the lease over.
    await database.query(`UPDATE cache_entries SET expires_at = now() - interval '1 second' WHERE key = $1`, [
      key,
    ]);
    const second = lease(key, { renewEveryMs: 20 });
    expect(await second.claim()).toBe(true);
    second.report(progress(1));
    await first.release();
    expect(await expiresIn(key)).toBeGreaterThan(100);
    await eventually(async () => (await lease(key).holderProgress())?.done === 1, 10_000, 'second renews');
  });
});
