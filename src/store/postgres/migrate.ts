/**
 * Migrations on PostgreSQL: recorded one by one in schema_migrations and
 * applied at start-up by one process at a time (a session advisory lock), so
 * instances started together do not race to create the same table. A
 * database carrying a migration this program does not know was made by a
 * newer version: start-up stops with one line.
 */
import type pg from 'pg';
import { unavailableOr } from './database.js';
import { postgresMigrations, type PostgresMigration } from './schema.js';

/** The advisory lock key every briefing-bot instance takes while migrating. */
const MIGRATION_LOCK = "hashtext('briefing-bot schema migrations')";

export class SchemaTooNew extends Error {
  constructor(unknown: number[], newest: number) {
    super(
      `The database has schema version ${Math.max(...unknown)}, newer than this program knows (${newest}): upgrade briefing-bot, or point BRIEFING_DATABASE_URL at another database.`,
    );
    this.name = 'SchemaTooNew';
  }
}

export async function migratePostgres(pool: pg.Pool, list: PostgresMigration[] = postgresMigrations): Promise<number[]> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw unavailableOr(err);
  }
  const appliedNow: number[] = [];
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
      );
      const applied = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
      );
      const known = new Set(list.map((m) => m.version));
      const unknown = [...applied].filter((v) => !known.has(v));
      if (unknown.length) throw new SchemaTooNew(unknown, Math.max(0, ...known));
      for (const m of [...list].sort((a, b) => a.version - b.version)) {
        if (applied.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.up);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
          appliedNow.push(m.version);
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        }
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => {});
    }
  } catch (err) {
    throw err instanceof SchemaTooNew ? err : unavailableOr(err);
  } finally {
    client.release();
  }
  return appliedNow;
}
