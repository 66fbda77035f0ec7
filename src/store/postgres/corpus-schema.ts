/**
 * The corpus's tables on PostgreSQL: files, documents, sentences (their
 * tsvectors and GIN index in sentence_search since migration 6), quotes. Migration 1 also creates
 * the events, topics and meta tables, as SQLite's does: it shipped that way
 * and migrations are append only.
 */
import type { PostgresMigration } from './migration.js';

export const corpusMigrations: PostgresMigration[] = [
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
  { version: 4, name: 'file modification times', up: `ALTER TABLE files ADD COLUMN mtime_ms DOUBLE PRECISION;` },
  {
    version: 5,
    name: 'sentence holders by arrival',
    // Repetition ranks a sentence's holders by arrival (ingested_at, id); a
    // hash's holders come from the index alone, and (hash, doc_id) serves
    // every look-up by hash the single-column index did.
    up: `
      CREATE INDEX documents_arrival ON documents(ingested_at, id);
      DROP INDEX IF EXISTS sentences_hash;
      CREATE INDEX sentences_hash_doc ON sentences(hash, doc_id);
    `,
  },
  {
    version: 6,
    name: 'sentence search vectors in a table of their own',
    // Search ranks up to 50,000 matches by their vectors: beside the text,
    // dates and names (~460 bytes a row) that meant reading most of the
    // table's pages for a word of middle frequency; (id, vector) alone is a
    // fraction of them. Written with each sentence, gone with it.
    up: `
      CREATE TABLE sentence_search (
        id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
        search TSVECTOR NOT NULL
      );
      INSERT INTO sentence_search (id, search) SELECT id, search FROM sentences;
      CREATE INDEX sentence_search_vector ON sentence_search USING GIN (search);
      DROP INDEX IF EXISTS sentences_search;
      ALTER TABLE sentences DROP COLUMN search;
    `,
  },
];
