/**
 * The PostgreSQL schema, assembled from the migrations each repository owns
 * beside its SQL (corpus-schema.ts, events.ts, leases.ts, digest-schema.ts,
 * feeds.ts, seen-requests.ts): the same tables as SQLite's (sqlite/open.ts
 * lists its own the same way), in PostgreSQL's terms. Versions match SQLite's so a migration means the same
 * step on both. Append only. Where the tables differ it is on purpose:
 * digest_outbox.heartbeat_at (the database's clock judges staleness) and
 * feed_items.seq (insertion order, which SQLite's rowid gives).
 *
 * Keys, paths and ISO dates are COLLATE "C": they sort byte by byte, as
 * SQLite sorts them, whatever the database's locale. Full-text search is a
 * generated tsvector column with a GIN index ('english': stemmed, as SQLite's
 * porter tokenizer stems).
 */
import { corpusMigrations } from './corpus-schema.js';
import { digestMigrations } from './digest-schema.js';
import { eventMigrations } from './events.js';
import { feedMigrations } from './feeds.js';
import { leaseMigrations } from './leases.js';
import type { PostgresMigration } from './migration.js';
import { seenRequestMigrations } from './seen-requests.js';

export type { PostgresMigration };

/** Every repository's migrations, in version order (each group owns its own, beside its SQL). */
export const postgresMigrations: PostgresMigration[] = [
  ...corpusMigrations,
  ...eventMigrations,
  ...leaseMigrations,
  ...digestMigrations,
  ...feedMigrations,
  ...seenRequestMigrations,
].sort((a, b) => a.version - b.version);
