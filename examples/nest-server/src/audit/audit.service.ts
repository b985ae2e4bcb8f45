import { Inject, Injectable, Logger } from '@nestjs/common';
import { DATABASE } from '../common/tokens.js';
import type { Database, Queryable } from '../db/database.js';

/** One audited event: who did what to which resource. */
export interface AuditEvent {
  userId: string | null;
  action: string;
  resource: string;
  resourceId?: string | null;
  requestId?: string;
  outcome?: 'success' | 'denied' | 'failure';
  details?: Record<string, unknown>;
}

/** Writes the audit trail of every access to and change of user data. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Records an event; pass the transaction's `tx` so the record commits (or rolls back) with the
   * change. An event of a user who no longer exists is dropped: the insert takes a key-share lock
   * on the user's row, so it either commits before an erasure (whose pseudonymisation then covers
   * it) or waits for the erasure and finds no user — a request in flight when its user is erased
   * cannot write the erased id back into the trail.
   */
  async record(event: AuditEvent, tx: Queryable = this.database): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (user_id, action, resource, resource_id, request_id, outcome, details)
       SELECT $1::uuid, $2, $3, $4, $5, $6, $7::jsonb
       WHERE $1::uuid IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = $1::uuid FOR KEY SHARE)`,
      [
        event.userId,
        event.action,
        event.resource,
        event.resourceId ?? null,
        event.requestId ?? null,
        event.outcome ?? 'success',
        JSON.stringify(event.details ?? {}),
      ],
    );
  }

  /** Like {@link record}, but never fails the request (for reads and denials). */
  async recordQuietly(event: AuditEvent): Promise<void> {
    try {
      await this.record(event);
    } catch (error) {
      this.logger.warn(`audit record failed: ${(error as Error).message}`);
    }
  }
}
