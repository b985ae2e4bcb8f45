import { Injectable } from '@nestjs/common';

/** Called with the id of a user whose sessions must end. */
export type RevocationListener = (userId: string) => void;

/**
 * Tells whoever holds long-lived sessions (the Socket.IO gateway) that a user's sessions end now.
 * Bearer tokens need no notice: every REST request re-checks that the user exists. There is no
 * logout endpoint (tokens are stateless and expire after 24 h), so the one revocation is erasure.
 */
@Injectable()
export class SessionRevocations {
  private readonly listeners = new Set<RevocationListener>();

  /** Subscribes; the returned function unsubscribes. */
  onRevoke(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends every session of `userId` (listeners must not throw; one that does cannot stop the others). */
  revoke(userId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(userId);
      } catch {
        // A listener's failure is its own: the erasure has committed either way.
      }
    }
  }
}
