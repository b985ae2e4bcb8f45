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

  /** Records an event; pass the transaction's `tx` so the record commits (or rolls back) with the change. */
  async record(event: AuditEvent, tx: Queryable = this.database): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (user_id, action, resource, resource_id, request_id, outcome, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
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
