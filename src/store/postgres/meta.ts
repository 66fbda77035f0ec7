/**
 * The meta table on PostgreSQL (made by migration 1, with the corpus). The
 * contract is ../meta.ts. The statements are also the other PostgreSQL
 * repositories' way to keep their own keys in the same transaction as their
 * writes (the events' freshness, a large load's dropped indexes).
 */
import type pg from 'pg';
import type { MetaRepository } from '../meta.js';
import { nextStep } from '../version-steps.js';
import { query, transaction, type Queryable } from './database.js';

export async function readMeta(c: Queryable, key: string): Promise<string | null> {
  const { rows } = await c.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
  return rows[0]?.value ?? null;
}

/** On the caller's connection: inside its transaction when it has one open. */
export async function writeMeta(c: Queryable, key: string, value: string): Promise<void> {
  await c.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}

/**
 * A new version step for `key` (version-steps.ts) after a write that
 * changed `changed`, on the caller's connection inside its transaction: the
 * row is locked while the step before is read, so two writers cannot both
 * follow it.
 */
export async function advanceMeta(c: Queryable, key: string, changed: Iterable<string> | null): Promise<void> {
  const { rows } = await c.query<{ value: string }>('SELECT value FROM meta WHERE key = $1 FOR UPDATE', [key]);
  await writeMeta(c, key, nextStep(rows[0]?.value ?? null, changed));
}

export class PostgresMeta implements MetaRepository {
  constructor(private readonly pool: pg.Pool) {}

  async get(key: string): Promise<string | null> {
    const { rows } = await query<{ value: string }>(this.pool, 'SELECT value FROM meta WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await writeMeta(this.pool, key, value);
  }

  async advance(key: string, changed: Iterable<string> | null): Promise<void> {
    await transaction(this.pool, (c) => advanceMeta(c, key, changed));
  }
}
