/**
 * Which database: PostgreSQL when a URL is given (BRIEFING_DATABASE_URL),
 * else the SQLite file (BRIEFING_DB). The composition root opens the
 * writer's repositories here; a thread opens its read-only view here from
 * the locator the writer's store gives. The PostgreSQL modules (and the
 * driver) are loaded only when PostgreSQL is used.
 */
import type { DatabaseLocator, Repositories } from './repositories.js';
import { SqliteStore } from './sqlite.js';
import { openSqlite } from './sqlite/open.js';
import type { Store } from './store.js';

export async function openDatabase(target: { url?: string; file: string }): Promise<Repositories> {
  if (!target.url) return openSqlite(target.file);
  const { openPostgres } = await import('./postgres/open.js');
  return openPostgres(target.url);
}

/** A read-only view of a database another connection keeps up to date: no migrations, no writes. */
export async function openReader(locator: DatabaseLocator): Promise<Store> {
  if (locator.kind === 'sqlite') return SqliteStore.openReader(locator.file);
  const { PostgresStore } = await import('./postgres/store.js');
  return PostgresStore.reader(locator.url);
}
