/**
 * The SQLite database (the default): one file, every table group's
 * migrations applied in one exclusive transaction at open, and the
 * repositories over its one connection.
 */
import type Database from 'better-sqlite3';
import type { Migration } from '../migrations.js';
import type { CorpusRepositories, Repositories } from '../repositories.js';
import { openSqliteFile, openSqliteReaderFile } from './connection.js';
import { SqliteCorpus } from './corpus.js';
import { corpusMigrations } from './corpus-schema.js';
import { SqliteOutbox } from './digest-outbox.js';
import { digestMigrations } from './digest-schema.js';
import { SqliteSubscriptions } from './digest-subscriptions.js';
import { eventMigrations, SqliteEvents } from './events.js';
import { feedMigrations, SqliteFeedRepository } from './feeds.js';
import { leaseMigrations, SqliteLeases } from './leases.js';
import { SqliteMeta } from './meta.js';
import { seenRequestMigrations, SqliteSeenRequests } from './seen-requests.js';

/** Every table group's migrations, in one list: each module owns its own, the database gets all of them. */
export const sqliteMigrations: Migration[] = [
  ...corpusMigrations,
  ...eventMigrations,
  ...leaseMigrations,
  ...digestMigrations,
  ...feedMigrations,
  ...seenRequestMigrations,
];

/** Open (creating it if need be) and migrate the file; DatabaseOpenError when it cannot be opened. */
export function openSqlite(file: string): Repositories {
  const db = openSqliteFile(file, sqliteMigrations);
  return {
    ...corpusRepositories(db),
    subscriptions: new SqliteSubscriptions(db),
    outbox: new SqliteOutbox(db),
    feeds: new SqliteFeedRepository(db),
    seenRequests: new SqliteSeenRequests(db),
    leases: new SqliteLeases(db),
  };
}

/** A read-only view of a file another connection keeps up to date (a query or event-slice thread). */
export function openSqliteReader(file: string): CorpusRepositories {
  return corpusRepositories(openSqliteReaderFile(file));
}

function corpusRepositories(db: Database.Database): CorpusRepositories {
  return {
    corpus: new SqliteCorpus(db),
    events: new SqliteEvents(db),
    meta: new SqliteMeta(db),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
