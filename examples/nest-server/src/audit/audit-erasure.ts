import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.js';

/**
 * Pseudonymises an erased user in the audit trail, inside the erasure's transaction: `user_id` is
 * cleared, and every `resource_id` that names the user or one of their positions (in anyone's
 * rows, e.g. another user's refused attempt on that position) is replaced by a pseudonym built
 * from a random token drawn for this erasure. The trail keeps its shape (the erased user's events
 * still belong together) but links back to no identifier the user had. Returns the pseudonym.
 *
 * `positionIds` are the user's current positions; the ids of positions deleted earlier are found
 * in the user's own `position.create` events.
 */
export async function pseudonymiseAuditSubject(
  tx: Queryable,
  userId: string,
  positionIds: readonly string[],
): Promise<string> {
  const pseudonym = `erased:${randomBytes(16).toString('base64url')}`;
  const created = await tx.query<{ id: string }>(
    `SELECT DISTINCT resource_id AS id FROM audit_log
     WHERE user_id = $1 AND action = 'position.create' AND resource_id IS NOT NULL`,
    [userId],
  );
  const positions = [...new Set([...positionIds, ...created.rows.map((row) => row.id)])].sort();
  const originals = [userId, ...positions];
  const replacements = [pseudonym, ...positions.map((_, i) => `${pseudonym}:position-${i + 1}`)];
  await tx.query(
    `UPDATE audit_log SET resource_id = m.replacement
     FROM unnest($1::text[], $2::text[]) AS m(original, replacement)
     WHERE audit_log.resource_id = m.original`,
    [originals, replacements],
  );
  await tx.query(
    `UPDATE audit_log
     SET user_id = NULL, details = details || jsonb_build_object('erased_user', true, 'subject', $2::text)
     WHERE user_id = $1`,
    [userId, pseudonym],
  );
  return pseudonym;
}
