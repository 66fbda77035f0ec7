/**
 * Platform requests already taken, in SQLite (table seen_requests,
 * migration 300). The contract is ../seen-requests.ts.
 */
import type Database from 'better-sqlite3';
import type { Migration } from '../migrations.js';
import { SQLITE_NOW_MS } from './clock.js';
import type { SeenRequests } from '../seen-requests.js';

/** Version 300: the platforms' range, clear of the corpus's, the digest's and the feeds'. */
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

