/**
 * Platform requests already taken, for as long as the platform may send them
 * again: Slack re-sends a slash command or click it did not see answered in
 * 3 s (same trigger_id, `X-Slack-Retry-Num`), for a few minutes. Kept in the
 * database rather than in memory so a retry that arrives after a restart, or
 * at another instance sharing the database, is still recognised.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './migrations.js';

export interface SeenRequests {
  /**
   * Record `key` as taken for `ttlMs` from now. True the first time (or once
   * an earlier sighting has lapsed); false while it is still remembered.
   */
  firstSighting(key: string, ttlMs: number): Promise<boolean>;
}

/** SQLite's table (300: the platforms' range, clear of the core's and the digest's). */
export const seenRequestMigrations: Migration[] = [
  {
    version: 300,
    name: 'platform requests already taken',
    up: `CREATE TABLE seen_requests (
      key TEXT PRIMARY KEY,
      -- Milliseconds since the epoch by SQLite's clock.
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX seen_requests_expiry ON seen_requests(expires_at);`,
    presentIn: (db) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'seen_requests'").get() !== undefined,
  },
];

const SQLITE_NOW_MS = `CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)`;
/** Lapsed rows are swept every this many sightings: the table stays the size of a few minutes' traffic. */
const SWEEP_EVERY = 500;

export class SqliteSeenRequests implements SeenRequests {
  private sightings = 0;
  constructor(private readonly db: Database.Database) {}

  async firstSighting(key: string, ttlMs: number): Promise<boolean> {
    if (++this.sightings % SWEEP_EVERY === 0) this.db.prepare(`DELETE FROM seen_requests WHERE expires_at <= ${SQLITE_NOW_MS}`).run();
    const taken = this.db
      .prepare(
        `INSERT INTO seen_requests (key, expires_at) VALUES (@key, ${SQLITE_NOW_MS} + @ttl)
         ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_requests.expires_at <= ${SQLITE_NOW_MS}`,
      )
      .run({ key, ttl: Math.max(1, Math.round(ttlMs)) });
    return taken.changes === 1;
  }
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
