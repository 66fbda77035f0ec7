/**
 * PostgreSQL (BRIEFING_DATABASE_URL), for several instances on one
 * database: the schema migrated under an advisory lock at open (one
 * instance at a time), and the repositories over one connection pool.
 */
import type pg from 'pg';
import type { CorpusRepositories, Repositories } from '../repositories.js';
import { PostgresCorpus } from './corpus.js';
import { openPool } from './database.js';
import { PostgresOutbox } from './digest-outbox.js';
import { PostgresSubscriptions } from './digest-subscriptions.js';
import { PostgresEvents } from './events.js';
import { PostgresFeedRepository } from './feeds.js';
import { PostgresLeases } from './leases.js';
import { PostgresMeta } from './meta.js';
import { migratePostgres } from './migrate.js';
import { PlannerStatistics } from './planner-statistics.js';
import { PostgresSeenRequests } from './seen-requests.js';

/** Connect and bring the schema up to date (one instance at a time; see migrate.ts). */
export async function openPostgres(url: string, options: { maxConnections?: number } = {}): Promise<Repositories> {
  const pool = openPool(url, { max: options.maxConnections });
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  return {
    ...corpusRepositories(pool, url),
    subscriptions: new PostgresSubscriptions(pool),
    outbox: new PostgresOutbox(pool),
    feeds: new PostgresFeedRepository(pool),
    seenRequests: new PostgresSeenRequests(pool),
    leases: new PostgresLeases(pool),
  };
}

/** A connection for a thread reading a database another connection keeps up to date: no migrations. */
export function openPostgresReader(url: string): CorpusRepositories {
  return corpusRepositories(openPool(url, { max: 2 }), url);
}

function corpusRepositories(pool: pg.Pool, url: string): CorpusRepositories {
  const statistics = new PlannerStatistics(pool);
  return {
    corpus: new PostgresCorpus(pool, url, statistics),
    events: new PostgresEvents(pool, statistics),
    meta: new PostgresMeta(pool),
    close: () => pool.end().catch(() => {}),
  };
}
