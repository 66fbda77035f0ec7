/** The digest's tables on PostgreSQL: subscriptions, the outbox and its pages, items sent. */
import type { PostgresMigration } from './migration.js';

export const digestMigrations: PostgresMigration[] = [
  {
    version: 100,
    name: 'digest: subscriptions, outbox, sent items',
    up: `
      CREATE TABLE digest_subscriptions (
        platform TEXT COLLATE "C" NOT NULL,
        channel TEXT COLLATE "C" NOT NULL,
        time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        days TEXT,
        topic TEXT,
        post_when_empty BOOLEAN NOT NULL DEFAULT true,
        origin TEXT NOT NULL CHECK (origin IN ('command', 'config')),
        created_at TEXT NOT NULL,
        created_by TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, channel)
      );

      CREATE TABLE digest_outbox (
        id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform TEXT COLLATE "C" NOT NULL,
        channel TEXT COLLATE "C" NOT NULL,
        slot TEXT COLLATE "C" NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'posted', 'failed', 'skipped')),
        late BOOLEAN NOT NULL DEFAULT false,
        window_from TEXT COLLATE "C" NOT NULL,
        window_until TEXT COLLATE "C" NOT NULL,
        overflow BOOLEAN NOT NULL DEFAULT false,
        items TEXT NOT NULL,
        reply TEXT NOT NULL,
        message_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        owner TEXT,
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT COLLATE "C" NOT NULL,
        -- The last heartbeat by the database's clock: staleness is judged by it, not by any one instance's clock.
        heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        posted_at TEXT,
        UNIQUE (platform, channel, slot)
      );
      CREATE INDEX digest_outbox_status ON digest_outbox(status, heartbeat_at);

      CREATE TABLE digest_sent_items (
        platform TEXT COLLATE "C" NOT NULL,
        channel TEXT COLLATE "C" NOT NULL,
        event_id TEXT COLLATE "C" NOT NULL,
        text TEXT NOT NULL,
        entities TEXT NOT NULL,
        amounts TEXT NOT NULL,
        date TEXT NOT NULL,
        slot TEXT NOT NULL,
        sent_at TEXT COLLATE "C" NOT NULL,
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
        page_key TEXT COLLATE "C" NOT NULL UNIQUE,
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
