/**
 * Tables of feed ingestion, in the same database as the corpus (versions
 * 200+ so they never collide with the core's or the digest's migrations).
 *
 * - feeds: one row per feed, with how it was declared, its polling state
 *   (status, last error, back-off, validators for conditional GET). Who
 *   polls it now is a lease (src/store/lease.ts, named `feed:<id>`).
 * - feed_items: every item seen, by feed and item id, with the document it
 *   became and the hash of what that document was made from (unchanged
 *   items are recognised by it); `teaser` marks an item whose linked page
 *   could not be fetched yet (kept as its teaser, retried at later polls).
 */
import type { Migration } from '../store/migrations.js';

export const feedMigrations: Migration[] = [
  {
    version: 200,
    name: 'feeds: feeds and the items seen in them',
    up: `
      CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        -- The stable part of its documents' ids: from the URL it was first declared with.
        key TEXT NOT NULL UNIQUE,
        title TEXT,
        site_url TEXT,
        origin TEXT NOT NULL CHECK (origin IN ('config', 'file', 'command')),
        added_by TEXT,
        added_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'ok', 'failing', 'gone')),
        failing_since TEXT,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_fetch TEXT,
        last_success TEXT,
        next_fetch TEXT,
        etag TEXT,
        last_modified TEXT
      );
      CREATE INDEX feeds_next_fetch ON feeds(next_fetch);

      CREATE TABLE feed_items (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        doc_id TEXT,
        link TEXT,
        title TEXT,
        published TEXT,
        content_hash TEXT NOT NULL,
        teaser INTEGER NOT NULL DEFAULT 0,
        page_attempts INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (feed_id, item_id)
      );
      CREATE INDEX feed_items_link ON feed_items(link);
      CREATE INDEX feed_items_doc ON feed_items(doc_id);
    `,
  },
];
