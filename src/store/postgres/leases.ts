/** Leases on PostgreSQL: expiry by the database's clock (now()), shared by every instance. */
import type pg from 'pg';
import type { LeaseHolder, Leases } from '../lease.js';
import { query } from './database.js';
import type { PostgresMigration } from './migration.js';

/** The leases table. */
export const leaseMigrations: PostgresMigration[] = [
  {
    version: 90,
    name: 'leases for run-once work',
    up: `CREATE TABLE leases (
      name TEXT COLLATE "C" PRIMARY KEY,
      holder TEXT NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL
    );`,
  },
];

export class PostgresLeases implements Leases {
  constructor(private readonly pool: pg.Pool) {}

  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const r = await query<{ holder: string }>(
      this.pool,
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at <= now()
       RETURNING holder`,
      [name, holder, Math.max(1, Math.round(ttlMs))],
    );
    return r.rows[0]?.holder === holder;
  }

  async release(name: string, holder: string): Promise<void> {
    await query(this.pool, 'DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async holder(name: string): Promise<LeaseHolder | null> {
    const r = await query<{ holder: string; expires_at: Date }>(
      this.pool,
      'SELECT holder, expires_at FROM leases WHERE name = $1 AND expires_at > now()',
      [name],
    );
    const row = r.rows[0];
    return row ? { holder: row.holder, expiresAt: row.expires_at.toISOString() } : null;
  }
}
