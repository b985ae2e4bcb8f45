/** The window of the `active_users` gauge: a user counts while their last authenticated request is this recent. */
export const ACTIVE_USER_WINDOW_MS = 15 * 60_000;

/**
 * Distinct users seen in a sliding window, counted in memory (per server instance). Memory stays
 * bounded by the users active in the window: expired entries are dropped whenever the count is read
 * and, between reads, at most once a minute on a write.
 */
export class ActiveUsers {
  private readonly lastSeen = new Map<string, number>();
  private lastPruneAt = 0;

  constructor(
    private readonly windowMs = ACTIVE_USER_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Notes an authenticated request of `userId`. */
  seen(userId: string): void {
    const at = this.now();
    // Re-insert so the map stays ordered by last activity, which lets prune() stop early.
    this.lastSeen.delete(userId);
    this.lastSeen.set(userId, at);
    if (at - this.lastPruneAt >= 60_000) this.prune(at);
  }

  /** Users whose last authenticated request lies within the window. */
  count(): number {
    this.prune(this.now());
    return this.lastSeen.size;
  }

  private prune(at: number): void {
    this.lastPruneAt = at;
    for (const [userId, seenAt] of this.lastSeen) {
      if (at - seenAt < this.windowMs) break;
      this.lastSeen.delete(userId);
    }
  }
}
