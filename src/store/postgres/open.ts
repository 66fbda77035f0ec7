/**
 * PostgreSQL (BRIEFING_DATABASE_URL), for several instances on one
 * database: the schema migrated under an advisory lock at open (one
 * instance at a time), and the repositories over one connection pool.
 */
import type { Repositories } from '../repositories.js';
import { PostgresOutbox } from './digest-outbox.js';
import { PostgresSubscriptions } from './digest-subscriptions.js';
import { PostgresFeedRepository } from './feeds.js';
import { PostgresLeases } from './leases.js';
import { PostgresSeenRequests } from './seen-requests.js';
import { PostgresStore } from './store.js';

export async function openPostgres(url: string): Promise<Repositories> {
  const store = await PostgresStore.open(url);
  const { pool } = store;
  return {
    store,
    subscriptions: new PostgresSubscriptions(pool),
    outbox: new PostgresOutbox(pool),
    feeds: new PostgresFeedRepository(pool),
    seenRequests: new PostgresSeenRequests(pool),
    leases: new PostgresLeases(pool),
    close: () => store.close(),
  };
}
