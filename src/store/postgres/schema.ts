/**
 * The PostgreSQL schema: the same tables as SQLite's (src/store/migrations.ts,
 * src/store/sqlite/{leases,digest-schema,feeds,seen-requests}.ts), in
 * PostgreSQL's terms. Versions match SQLite's so a migration means the same
 * step on both. Append only. Where the tables differ it is on purpose:
 * digest_outbox.heartbeat_at (the database's clock judges staleness) and
 * feed_items.seq (insertion order, which SQLite's rowid gives).
 *
 * Keys, paths and ISO dates are COLLATE "C": they sort byte by byte, as
 * SQLite sorts them, whatever the database's locale. Full-text search is a
 * generated tsvector column with a GIN index ('english': stemmed, as SQLite's
 * porter tokenizer stems).
 */
export interface PostgresMigration {
  version: number;
  name: string;
  up: string;
}

export const postgresMigrations: PostgresMigration[] = [
  {
    version: 1,
    name: 'corpus: files, documents, sentences, quotes, events',
    up: `
      CREATE TABLE files (
        path TEXT COLLATE "C" PRIMARY KEY,
        content_hash TEXT NOT NULL,
        size INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ingested', 'skipped')),
        message TEXT,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE documents (
        id TEXT COLLATE "C" PRIMARY KEY,
        path TEXT COLLATE "C" NOT NULL REFERENCES files(path) ON DELETE CASCADE,
        format TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL,
        outlet TEXT,
        url TEXT,
        published TEXT COLLATE "C",
        published_from TEXT NOT NULL CHECK (published_from IN ('stated', 'inferred', 'unknown')),
        relevance DOUBLE PRECISION NOT NULL,
        relevant BOOLEAN NOT NULL,
        duplicate_of TEXT COLLATE "C",
        warnings TEXT NOT NULL DEFAULT '[]',
        ingested_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX documents_path ON documents(path);

      CREATE TABLE sentences (
        id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        text TEXT NOT NULL,
        hash TEXT COLLATE "C" NOT NULL,
        boilerplate BOOLEAN NOT NULL DEFAULT false,
        dates TEXT NOT NULL,
        people TEXT NOT NULL,
        organisations TEXT NOT NULL,
        amounts TEXT NOT NULL,
        search TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
        UNIQUE (doc_id, idx)
      );
      CREATE INDEX sentences_hash ON sentences(hash);
      CREATE INDEX sentences_search ON sentences USING GIN (search);

      -- Keys of quoted passages: documents sharing them reported the same words.
      CREATE TABLE quotes (
        doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        key TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (doc_id, key)
      );
      CREATE INDEX quotes_key ON quotes(key);

      CREATE TABLE events (
        id TEXT COLLATE "C" PRIMARY KEY,
        date TEXT COLLATE "C" NOT NULL,
        precision TEXT NOT NULL,
        -- The first and last day the date covers (its period at its precision).
        period_start TEXT COLLATE "C" NOT NULL,
        period_end TEXT COLLATE "C" NOT NULL,
        text TEXT NOT NULL,
        source_ids TEXT NOT NULL,
        members TEXT NOT NULL,
        entities TEXT NOT NULL,
        amounts TEXT NOT NULL,
        salience DOUBLE PRECISION NOT NULL,
        first_seen TEXT COLLATE "C" NOT NULL,
        -- Words of every member sentence and entity: what a topic filter searches.
        search_text TEXT NOT NULL,
        search TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED
      );
      CREATE INDEX events_date ON events(date);
      CREATE INDEX events_first_seen ON events(first_seen);
      CREATE INDEX events_search ON events USING GIN (search);

      -- Frequent people, organisations and words: autocomplete for topic options (one per name, any case).
      CREATE TABLE topics (
        name TEXT NOT NULL,
        weight INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX topics_name ON topics (lower(name));

      CREATE TABLE meta (
        key TEXT COLLATE "C" PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  { version: 2, name: 'documents in publication order', up: `CREATE INDEX documents_published_id ON documents(published, id);` },
  { version: 3, name: 'events in salience order', up: `CREATE INDEX events_salience ON events(salience DESC, date, id);` },
  { version: 4, name: 'file modification times', up: `ALTER TABLE files ADD COLUMN mtime_ms DOUBLE PRECISION;` },
  {
    version: 90,
    name: 'leases for run-once work',
    up: `CREATE TABLE leases (
      name TEXT COLLATE "C" PRIMARY KEY,
      holder TEXT NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL
    );`,
  },
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
  {
    version: 200,
    name: 'feeds: feeds and the items seen in them',
    up: `
      CREATE TABLE feeds (
        id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        url TEXT COLLATE "C" NOT NULL UNIQUE,
        -- The stable part of its documents' ids: from the URL it was first declared with.
        key TEXT COLLATE "C" NOT NULL UNIQUE,
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
        next_fetch TEXT COLLATE "C",
        etag TEXT,
        last_modified TEXT
      );
      CREATE INDEX feeds_next_fetch ON feeds(next_fetch);

      CREATE TABLE feed_items (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        item_id TEXT COLLATE "C" NOT NULL,
        doc_id TEXT COLLATE "C",
        link TEXT COLLATE "C",
        title TEXT,
        published TEXT COLLATE "C",
        content_hash TEXT NOT NULL,
        teaser BOOLEAN NOT NULL DEFAULT false,
        page_attempts INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT COLLATE "C" NOT NULL,
        last_seen TEXT COLLATE "C" NOT NULL,
        -- Insertion order (SQLite's rowid): the last tie-break when items are listed.
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (feed_id, item_id)
      );
      CREATE INDEX feed_items_link ON feed_items(link);
      CREATE INDEX feed_items_doc ON feed_items(doc_id);
    `,
  },
  {
    version: 300,
    name: 'platform requests already taken',
    up: `
      CREATE TABLE seen_requests (
        key TEXT COLLATE "C" PRIMARY KEY,
        -- By the database's clock: every instance agrees when a sighting lapses.
        expires_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX seen_requests_expiry ON seen_requests(expires_at);
    `,
  },
];
