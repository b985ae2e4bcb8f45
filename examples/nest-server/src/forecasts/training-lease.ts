import { randomBytes } from 'node:crypto';
import type { EnsembleProgress } from '@da-ki/ml';
import type { Queryable } from '../db/database.js';

/**
 * How long a lease lasts without renewal: a holder that died mid-fit blocks the others this long
 * at most. The holder renews it every {@link RENEW_EVERY_MS}, with its latest progress.
 */
export const LEASE_TTL_MS = 2 * 60_000;
const RENEW_EVERY_MS = 5_000;
/** The holder named in a lease row (only leases are stored under a lease's key). */
const HOLDER = "(value::jsonb ->> 'holder')";

/** What a lease row says: who trains, and how far its fit has come. */
interface LeaseValue {
  holder: string;
  progress: EnsembleProgress | null;
}

/**
 * A claim, in the database every server process and job worker shares, on training one forecast
 * model. Processes that start together (an instance and its job worker, the processes of cluster
 * mode) would otherwise each fit the same ensemble on the same data, minutes of CPU apiece on the
 * same cores: the one that claims the lease trains and saves the model, the others wait for the
 * saved model and show the holder's progress meanwhile. The row lives in `cache_entries` beside the
 * model it stands for; expiry uses the database's clock only, so processes on different machines
 * agree on it.
 */
export class TrainingLease {
  /** Names this process as holder (a restarted process is a new holder). */
  private readonly holder = `${process.pid}-${randomBytes(6).toString('hex')}`;
  private held = false;
  private progress: EnsembleProgress | null = null;
  private timer: NodeJS.Timeout | undefined;

  private readonly ttlMs: number;
  private readonly renewEveryMs: number;

  constructor(
    private readonly db: Queryable,
    /** The row's key, e.g. `forecast-training:<source>:<mode>`. */
    readonly key: string,
    options: { ttlMs?: number; renewEveryMs?: number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? LEASE_TTL_MS;
    this.renewEveryMs = options.renewEveryMs ?? RENEW_EVERY_MS;
  }

  /**
   * Takes the lease if nobody holds it or the holder's has expired; true when this process now
   * holds it, and then renews it until {@link release}.
   */
  async claim(): Promise<boolean> {
    const value = this.encode();
    const claimed = await this.db.query(
      `INSERT INTO cache_entries (key, value, expires_at)
       VALUES ($1, $2, now() + $3::integer * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at
       WHERE cache_entries.expires_at <= now()
       RETURNING key`,
      [this.key, value, this.ttlMs],
    );
    if (claimed.rows.length === 0) return false;
    this.held = true;
    // A failed renewal (database briefly away) is not retried early: at worst the lease expires and
    // another process trains too, which costs CPU, not correctness.
    this.timer = setInterval(() => void this.renew().catch(() => undefined), this.renewEveryMs);
    this.timer.unref();
    return true;
  }

  /** Records the fit's progress; the next renewal publishes it to the waiting processes. */
  report(progress: EnsembleProgress): void {
    this.progress = progress;
  }

  /** The holder's latest published progress (null before its first renewal or with no holder). */
  async holderProgress(): Promise<EnsembleProgress | null> {
    const row = (
      await this.db.query<{ value: string }>(
        'SELECT value FROM cache_entries WHERE key = $1 AND expires_at > now()',
        [this.key],
      )
    ).rows[0];
    if (!row) return null;
    try {
      return (JSON.parse(row.value) as LeaseValue).progress;
    } catch {
      return null; // not a lease row this version wrote: shows no progress, expires as any other
    }
  }

  /** Gives the lease up (after the model is saved, or when the fit failed). */
  async release(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.held) return;
    this.held = false;
    // Only our own row: if ours expired and another process took it, that one's stays.
    await this.db.query(`DELETE FROM cache_entries WHERE key = $1 AND ${HOLDER} = $2`, [
      this.key,
      this.holder,
    ]);
  }

  /** Extends our lease with the latest progress; a lease another process took meanwhile stays its. */
  private async renew(): Promise<void> {
    if (!this.held) return;
    await this.db.query(
      `UPDATE cache_entries SET value = $3, expires_at = now() + $4::integer * interval '1 millisecond'
       WHERE key = $1 AND ${HOLDER} = $2`,
      [this.key, this.holder, this.encode(), this.ttlMs],
    );
  }

  private encode(): string {
    const value: LeaseValue = { holder: this.holder, progress: this.progress };
    return JSON.stringify(value);
  }
}
