import { createHmac } from 'node:crypto';

/**
 * The user_activity pseudonym of a user: HMAC-SHA256 of the user id under a key derived from the
 * server's ENCRYPTION_KEY. Without the key the rows link to no account (nor to the audit trail's
 * ids); with it the server finds a user's rows for the export and the erasure. Derived rather than
 * a variable of its own: ENCRYPTION_KEY must already stay stable (the encrypted e-mail addresses
 * depend on it), so the pseudonyms stay stable with it, and one secret fewer is to be managed.
 */
/** Users whose pseudonym is remembered at most. */
const MAX_REMEMBERED = 10_000;

export class ActivityPseudonyms {
  private readonly key: Buffer;

  constructor(encryptionKey: Buffer) {
    this.key = createHmac('sha256', encryptionKey).update('da-ki user_activity pseudonym v1').digest();
  }

  /** Pseudonyms computed lately: an HMAC is ~2 µs, more than the rest of recording a request. */
  private readonly recent = new Map<string, string>();

  /** The pseudonym of `userId` (43 characters, base64url). */
  of(userId: string): string {
    let pseudonym = this.recent.get(userId);
    if (pseudonym === undefined) {
      pseudonym = createHmac('sha256', this.key).update(userId).digest('base64url');
      // Bounded: started afresh when full (the active users refill it within a request each).
      if (this.recent.size >= MAX_REMEMBERED) this.recent.clear();
      this.recent.set(userId, pseudonym);
    }
    return pseudonym;
  }
}
