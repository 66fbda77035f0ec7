/**
 * Platform requests already taken, on PostgreSQL (table seen_requests,
 * migration 300 in schema.ts): expiry by the database's clock, so every
 * instance agrees whether a retry is still remembered. The contract is
 * ../seen-requests.ts.
 */
import type pg from 'pg';
import type { SeenRequests } from '../seen-requests.js';
import { query } from './database.js';
import type { PostgresMigration } from './migration.js';

/** The seen-requests table. */
export const seenRequestMigrations: PostgresMigration[] = [
  {
    version: 300,
    name: 'platform requests already taken',
    up: `
      CREATE TABLE seen_requests (
        key TEXT COLLATE "C" PRIMARY KEY,
        -- By the database's clock: every instance agrees when a sighting lapses.
        expires_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX seen_requests_expiry ON seen_requests(expires_at);
    `,
  },
];

/** Lapsed rows are swept every this many sightings (per instance): the table stays the size of a few minutes' traffic. */
const SWEEP_EVERY = 500;

export class PostgresSeenRequests implements SeenRequests {
  private sightings = 0;
  constructor(private readonly pool: pg.Pool) {}

  /**
   * One statement: of instances seeing the same key at once, the second waits
   * on the first's row, then finds it alive and takes nothing.
   */
  async firstSighting(key: string, ttlMs: number): Promise<boolean> {
    if (++this.sightings % SWEEP_EVERY === 0) await query(this.pool, 'DELETE FROM seen_requests WHERE expires_at <= now()');
    const taken = await query(
      this.pool,
      `INSERT INTO seen_requests (key, expires_at) VALUES ($1, now() + $2::double precision * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_requests.expires_at <= now()`,
      [key, Math.max(1, Math.round(ttlMs))],
    );
    return taken.rowCount === 1;
  }
}
