/**
 * Leases in an SQLite file (table leases, migration 90): every process on
 * the machine sharing the file sees the same holder; expiry by SQLite's
 * clock. The contract is ../leases.ts.
 */
import type Database from 'better-sqlite3';
import type { LeaseHolder, Leases } from '../leases.js';
import type { Migration } from '../migrations.js';
import { SQLITE_NOW_MS } from './clock.js';

/** Version 90: between the corpus's versions and the digest's 100. */
export const leaseMigrations: Migration[] = [
  {
    version: 90,
    name: 'leases for run-once work',
    up: `CREATE TABLE leases (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      -- Milliseconds since the epoch by SQLite's clock.
      expires_at INTEGER NOT NULL
    );`,
    presentIn: (db) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'leases'").get() !== undefined,
  },
];


/** Leases in an SQLite file: every process on the machine sharing it sees the same holder. */
export class SqliteLeases implements Leases {
  constructor(private readonly db: Database.Database) {}

  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const row = this.db
      .prepare(
        `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, ${SQLITE_NOW_MS} + @ttl)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
           WHERE leases.holder = excluded.holder OR leases.expires_at <= ${SQLITE_NOW_MS}
         RETURNING holder`,
      )
      .get({ name, holder, ttl: Math.max(1, Math.round(ttlMs)) }) as { holder: string } | undefined;
    return row?.holder === holder;
  }

  async release(name: string, holder: string): Promise<void> {
    this.db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
  }

  async holder(name: string): Promise<LeaseHolder | null> {
    const row = this.db
      .prepare(`SELECT holder, expires_at AS expiresAt FROM leases WHERE name = ? AND expires_at > ${SQLITE_NOW_MS}`)
      .get(name) as { holder: string; expiresAt: number } | undefined;
    return row ? { holder: row.holder, expiresAt: new Date(row.expiresAt).toISOString() } : null;
  }
}

