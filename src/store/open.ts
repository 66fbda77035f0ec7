/**
 * Which database: PostgreSQL when a URL is given (BRIEFING_DATABASE_URL),
 * else the SQLite file (BRIEFING_DB). The composition root opens the
 * writer's repositories here; a thread opens its read-only view here from
 * the locator the writer's corpus gives. The PostgreSQL modules (and the
 * driver) are loaded only when PostgreSQL is used.
 */
import type { CorpusRepositories, DatabaseLocator, Repositories } from './repositories.js';
import { openSqlite, openSqliteReader } from './sqlite/open.js';

export async function openDatabase(target: { url?: string; file: string }): Promise<Repositories> {
  if (!target.url) return openSqlite(target.file);
  const { openPostgres } = await import('./postgres/open.js');
  return openPostgres(target.url);
}

/** A read-only view of a database another connection keeps up to date: no migrations, no writes. */
export async function openReader(locator: DatabaseLocator): Promise<CorpusRepositories> {
  if (locator.kind === 'sqlite') return openSqliteReader(locator.file);
  const { openPostgresReader } = await import('./postgres/open.js');
  return openPostgresReader(locator.url);
}
