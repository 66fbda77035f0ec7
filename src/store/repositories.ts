/**
 * Every repository of one database, as the composition root (src/app.ts)
 * opens them (store/open.ts): SQLite (sqlite/open.ts) by default,
 * PostgreSQL (postgres/open.ts) when BRIEFING_DATABASE_URL is set. Nothing
 * outside src/store and src/app.ts knows which one it got.
 */
import type { CorpusRepository } from './corpus.js';
import type { OutboxRepository } from './digest-outbox.js';
import type { EventRepository } from './events.js';
import type { SubscriptionRepository } from './digest-subscriptions.js';
import type { FeedRepository } from './feeds.js';
import type { Leases } from './leases.js';
import type { MetaRepository } from './meta.js';
import type { SeenRequests } from './seen-requests.js';

/**
 * How another thread (query pool, event-slice reader) opens its own
 * read-only view of the same database: plain data, passed through
 * workerData. The thread gives it to `openReader(locator)` (store/open.ts).
 */
export type DatabaseLocator = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Repositories {
  /** Files, documents, sentences and quoted passages: what ingest writes and queries read. */
  corpus: CorpusRepository;
  /** Events and topic names analysis built from the corpus. */
  events: EventRepository;
  meta: MetaRepository;
  subscriptions: SubscriptionRepository;
  outbox: OutboxRepository;
  feeds: FeedRepository;
  seenRequests: SeenRequests;
  leases: Leases;
  /** Close the connection(s); every repository above is unusable after. */
  close(): Promise<void>;
}

/**
 * What the engine works on (ingest writes it, queries read it), and what a
 * thread's read-only view of the database opens (store/open.ts openReader).
 */
export type CorpusRepositories = Pick<Repositories, 'corpus' | 'events' | 'meta' | 'close'>;
