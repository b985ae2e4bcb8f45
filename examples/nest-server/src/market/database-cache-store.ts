import { type CacheEntry, type CacheStore, decodeCacheValue, encodeCacheValue } from '@da-ki/sdk';
import type { Queryable } from '../db/database.js';

/**
 * L3 of the layered cache: the `cache_entries` table. Values use the SDK's codec (compact
 * Float64Arrays), expiry is a column so stale rows can be purged with one indexed DELETE.
 */
export class DatabaseCacheStore implements CacheStore {
  constructor(private readonly db: Queryable) {}

  async get(key: string): Promise<CacheEntry | undefined> {
    const row = (
      await this.db.query<{ value: string; expires_at: Date }>(
        'SELECT value, expires_at FROM cache_entries WHERE key = $1',
        [key],
      )
    ).rows[0];
    if (!row) return undefined;
    return { value: decodeCacheValue(row.value), expiresAt: new Date(row.expires_at).getTime() };
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO cache_entries (key, value, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
      [key, encodeCacheValue(entry.value), new Date(entry.expiresAt)],
    );
  }

  async delete(key: string): Promise<void> {
    await this.db.query('DELETE FROM cache_entries WHERE key = $1', [key]);
  }

  async deletePrefix(prefix: string): Promise<void> {
    // LIKE with the prefix escaped: a key may contain % or _.
    await this.db.query(`DELETE FROM cache_entries WHERE key LIKE $1 ESCAPE '\\'`, [
      `${prefix.replace(/[\\%_]/g, '\\$&')}%`,
    ]);
  }

  async clear(): Promise<void> {
    await this.db.query('DELETE FROM cache_entries');
  }

  /** Removes expired rows; returns how many. */
  async purgeExpired(): Promise<number> {
    return (await this.db.query('DELETE FROM cache_entries WHERE expires_at < now()')).rowCount;
  }
}
