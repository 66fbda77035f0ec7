/**
 * Platform requests already taken, for as long as the platform may send them
 * again: Slack re-sends a slash command or click it did not see answered in
 * 3 s (same trigger_id, `X-Slack-Retry-Num`), for a few minutes. Kept in the
 * database rather than in memory so a retry that arrives after a restart, or
 * at another instance sharing the database, is still recognised.
 */

export interface SeenRequests {
  /**
   * Record `key` as taken for `ttlMs` from now. True the first time (or once
   * an earlier sighting has lapsed); false while it is still remembered.
   */
  firstSighting(key: string, ttlMs: number): Promise<boolean>;
}

/** The same contract in memory, for an adapter run without a database (tests of one process). */
export function memorySeenRequests(now: () => number = Date.now): SeenRequests {
  const seen = new Map<string, number>();
  return {
    async firstSighting(key, ttlMs) {
      const at = now();
      const until = seen.get(key);
      if (until !== undefined && until > at) return false;
      seen.set(key, at + ttlMs);
      if (seen.size > 10_000) for (const [k, u] of seen) if (u <= at) seen.delete(k);
      return true;
    },
  };
}
