/**
 * The SQLite database (the default): one file, every table group's
 * migrations applied in one exclusive transaction at open, and the
 * repositories over its one connection.
 */
import { migrations as corpusMigrations, type Migration } from '../migrations.js';
import type { Repositories } from '../repositories.js';
import { SqliteStore } from '../sqlite.js';
import { SqliteOutbox } from './digest-outbox.js';
import { digestMigrations } from './digest-schema.js';
import { SqliteSubscriptions } from './digest-subscriptions.js';
import { feedMigrations, SqliteFeedRepository } from './feeds.js';
import { leaseMigrations, SqliteLeases } from './leases.js';
import { seenRequestMigrations, SqliteSeenRequests } from './seen-requests.js';

/** Every table group's migrations, in one list: each module owns its own, the database gets all of them. */
export const sqliteMigrations: Migration[] = [
  ...corpusMigrations,
  ...leaseMigrations,
  ...digestMigrations,
  ...feedMigrations,
  ...seenRequestMigrations,
];

/** Open (creating it if need be) and migrate the file; DatabaseOpenError when it cannot be opened. */
export function openSqlite(file: string): Repositories {
  const store = new SqliteStore(file, { migrations: sqliteMigrations });
  return {
    store,
    subscriptions: new SqliteSubscriptions(store.db),
    outbox: new SqliteOutbox(store.db),
    feeds: new SqliteFeedRepository(store.db),
    seenRequests: new SqliteSeenRequests(store.db),
    leases: new SqliteLeases(store.db),
    close: () => store.close(),
  };
}
