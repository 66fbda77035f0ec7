/**
 * The meta table in SQLite (made by the corpus's migration 1, with the
 * tables it sits beside). The contract is ../meta.ts. The statements are
 * also the other SQLite repositories' way to keep their own keys in the
 * same transaction as their writes (the events' freshness, a large load's
 * dropped indexes): better-sqlite3 runs them in whatever transaction is open.
 */
import type Database from 'better-sqlite3';
import type { MetaRepository } from '../meta.js';
import { nextStep } from '../version-steps.js';

export function readMeta(db: Database.Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Inside the caller's transaction when there is one. */
export function writeMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** A new version step for `key` (version-steps.ts) after a write that changed `changed`; inside the caller's transaction when there is one. */
export function advanceMeta(db: Database.Database, key: string, changed: Iterable<string> | null): void {
  db.transaction(() => writeMeta(db, key, nextStep(readMeta(db, key), changed))).immediate();
}

export function deleteMeta(db: Database.Database, key: string): void {
  db.prepare('DELETE FROM meta WHERE key = ?').run(key);
}

export class SqliteMeta implements MetaRepository {
  constructor(private readonly db: Database.Database) {}

  async get(key: string): Promise<string | null> {
    return readMeta(this.db, key);
  }

  async set(key: string, value: string): Promise<void> {
    writeMeta(this.db, key, value);
  }

  async advance(key: string, changed: Iterable<string> | null): Promise<void> {
    advanceMeta(this.db, key, changed);
  }
}
