/**
 * Every repository of one database, as the composition root (src/app.ts)
 * opens them: SQLite (sqlite/open.ts) by default, PostgreSQL
 * (postgres/open.ts) when BRIEFING_DATABASE_URL is set. Nothing outside
 * src/store and src/app.ts knows which one it got.
 */
import type { CorpusRepository } from './corpus.js';
import type { OutboxRepository } from './digest-outbox.js';
import type { SubscriptionRepository } from './digest-subscriptions.js';
import type { EventRepository } from './events.js';
import type { FeedRepository } from './feeds.js';
import type { Leases } from './leases.js';
import type { MetaRepository } from './meta.js';
import type { SeenRequests } from './seen-requests.js';

/**
 * How another thread (query pool, event-slice reader) opens its own
 * read-only view of the same database: plain data, passed through
 * workerData. The thread gives it to `openRepositories(locator, { readOnly: true })`.
 */
export type DatabaseLocator = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Repositories {
  corpus: CorpusRepository;
  events: EventRepository;
  meta: MetaRepository;
  subscriptions: SubscriptionRepository;
  outbox: OutboxRepository;
  feeds: FeedRepository;
  seenRequests: SeenRequests;
  leases: Leases;
  /** Where another thread can open this database read-only; null when it cannot (SQLite in memory). */
  locator(): DatabaseLocator | null;
  /** Close the connection(s); every repository above is unusable after. */
  close(): Promise<void>;
}

/** The corpus-side repositories ingest and the query engine work on. */
export type CorpusStore = Pick<Repositories, 'corpus' | 'events' | 'meta' | 'locator'>;
