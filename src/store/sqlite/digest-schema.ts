/**
 * SQLite tables of the daily digest, in the same file as the corpus
 * (versions 100+ so they never collide with the core's migrations).
 *
 * - digest_subscriptions: which channel gets a digest, when, about what.
 * - digest_outbox: one row per (platform, channel, slot). The process whose
 *   INSERT creates the row owns the slot; the row carries the exact payload so
 *   a recovery posts (or recognises) the same message.
 * - digest_outbox_pages: the messages (pages) a row's digest becomes, each
 *   with its own key, state, platform body and items (see ../digest-outbox.ts).
 * - digest_sent_items: what each channel was told (novelty and no-repeat).
 *
 * Shared by the two digest repositories (digest-subscriptions.ts,
 * digest-outbox.ts): migration 100 made the tables of both.
 */
import type { Migration } from '../migrations.js';

export const digestMigrations: Migration[] = [
  {
    version: 100,
    name: 'digest: subscriptions, outbox, sent items',
    up: `
      CREATE TABLE digest_subscriptions (
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        -- JSON array of weekdays (0 = Sunday), NULL for every day.
        days TEXT,
        topic TEXT,
        post_when_empty INTEGER NOT NULL DEFAULT 1,
        origin TEXT NOT NULL CHECK (origin IN ('command', 'config')),
        created_at TEXT NOT NULL,
        created_by TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, channel)
      );

      CREATE TABLE digest_outbox (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        slot TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'posted', 'failed', 'skipped')),
        late INTEGER NOT NULL DEFAULT 0,
        window_from TEXT NOT NULL,
        window_until TEXT NOT NULL,
        -- More items were due than one digest holds: the next one starts at window_from again.
        overflow INTEGER NOT NULL DEFAULT 0,
        items TEXT NOT NULL,
        reply TEXT NOT NULL,
        message_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        owner TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        posted_at TEXT,
        UNIQUE (platform, channel, slot)
      );
      CREATE INDEX digest_outbox_status ON digest_outbox(status, updated_at);

      CREATE TABLE digest_sent_items (
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        event_id TEXT NOT NULL,
        text TEXT NOT NULL,
        entities TEXT NOT NULL,
        amounts TEXT NOT NULL,
        date TEXT NOT NULL,
        slot TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        PRIMARY KEY (platform, channel, event_id)
      );
      CREATE INDEX digest_sent_items_time ON digest_sent_items(platform, channel, sent_at);
    `,
  },
  {
    version: 101,
    name: 'digest: outbox pages, each with its own key and state',
    up: `
      CREATE TABLE digest_outbox_pages (
        outbox_id INTEGER NOT NULL REFERENCES digest_outbox(id) ON DELETE CASCADE,
        -- 0-based position in the digest.
        page INTEGER NOT NULL,
        page_key TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('pending', 'posted')),
        -- The platform's message body (JSON): a recovery posts the same bytes.
        body TEXT NOT NULL,
        -- JSON array of the event ids this page shows: sent when the page is posted.
        event_ids TEXT NOT NULL,
        message_id TEXT,
        posted_at TEXT,
        PRIMARY KEY (outbox_id, page)
      );
    `,
  },
];
