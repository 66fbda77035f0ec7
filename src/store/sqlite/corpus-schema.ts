/**
 * The corpus's tables in SQLite (files, documents, sentences with their FTS5
 * index, quotes), owned by the corpus repository (corpus.ts). Version 1
 * shipped as the whole first schema and so also made the tables of the
 * events (events.ts: events, events_fts, topics) and of meta (meta.ts); it
 * stays as it shipped (append only). Versions 1-89 are the corpus's and the
 * events' (the events' own: 3, in events.ts).
 */
import type Database from 'better-sqlite3';
import type { Migration } from '../migrations.js';

export const corpusMigrations: Migration[] = [
  {
    version: 1,
    name: 'corpus: files, documents, sentences, quotes, events',
    up: `
      CREATE TABLE files (
        path TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        size INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ingested', 'skipped')),
        message TEXT,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
        format TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL,
        outlet TEXT,
        url TEXT,
        published TEXT,
        published_from TEXT NOT NULL CHECK (published_from IN ('stated', 'inferred', 'unknown')),
        relevance REAL NOT NULL,
        relevant INTEGER NOT NULL,
        duplicate_of TEXT,
        warnings TEXT NOT NULL DEFAULT '[]',
        ingested_at TEXT NOT NULL
      );
      CREATE INDEX documents_path ON documents(path);
      CREATE INDEX documents_published ON documents(published);

      CREATE TABLE sentences (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        text TEXT NOT NULL,
        hash TEXT NOT NULL,
        boilerplate INTEGER NOT NULL DEFAULT 0,
        dates TEXT NOT NULL,
        people TEXT NOT NULL,
        organisations TEXT NOT NULL,
        amounts TEXT NOT NULL,
        UNIQUE (doc_id, idx)
      );
      CREATE INDEX sentences_hash ON sentences(hash);

      CREATE VIRTUAL TABLE sentences_fts USING fts5(
        text, content='sentences', content_rowid='id', tokenize='porter unicode61'
      );
      CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
        INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
        INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;

      -- Keys of quoted passages: documents sharing them reported the same words.
      CREATE TABLE quotes (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        PRIMARY KEY (doc_id, key)
      ) WITHOUT ROWID;
      CREATE INDEX quotes_key ON quotes(key);

      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL,
        precision TEXT NOT NULL,
        text TEXT NOT NULL,
        source_ids TEXT NOT NULL,
        members TEXT NOT NULL,
        entities TEXT NOT NULL,
        amounts TEXT NOT NULL,
        salience REAL NOT NULL,
        first_seen TEXT NOT NULL,
        -- Words of every member sentence and entity: what a topic filter searches.
        search_text TEXT NOT NULL
      );
      CREATE INDEX events_date ON events(date);
      CREATE INDEX events_first_seen ON events(first_seen);

      CREATE VIRTUAL TABLE events_fts USING fts5(
        search_text, content='events', content_rowid='rowid', tokenize='porter unicode61'
      );
      CREATE TRIGGER events_ai AFTER INSERT ON events BEGIN
        INSERT INTO events_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
      END;
      CREATE TRIGGER events_ad AFTER DELETE ON events BEGIN
        INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
      END;

      -- Frequent people, organisations and words: autocomplete for topic options.
      CREATE TABLE topics (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        weight INTEGER NOT NULL
      );

      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'documents in publication order',
    // Capped sentence queries (summaries) walk documents in publication order
    // and stop at the cap, instead of sorting every sentence of the corpus.
    up: `
      DROP INDEX IF EXISTS documents_published;
      CREATE INDEX documents_published_id ON documents(published, id);
    `,
    // Shipped after the digest's version 100: a database made before it is at 100 without it.
    presentIn: (db) => hasIndex(db, 'documents_published_id'),
  },
  {
    version: 4,
    name: 'file modification times',
    // A file with the size and modification time it had when read is
    // unchanged without reading it again: a re-ingest of 100,000 unchanged
    // articles read 220 MB to hash them (11.7 s when the files had left the
    // page cache).
    up: `ALTER TABLE files ADD COLUMN mtime_ms REAL;`,
    presentIn: (db) => (db.prepare('PRAGMA table_info(files)').all() as Array<{ name: string }>).some((c) => c.name === 'mtime_ms'),
  },
  {
    version: 5,
    name: 'sentence holders by arrival',
    // Repetition ranks a sentence's holders by arrival (ingested_at, id):
    // documents are walked in that order, each probed for the hash, and a
    // hash's holders are counted from the index alone. (hash, doc_id) serves
    // every look-up by hash the single-column index did.
    up: `
      CREATE INDEX documents_arrival ON documents(ingested_at, id);
      DROP INDEX IF EXISTS sentences_hash;
      CREATE INDEX sentences_hash_doc ON sentences(hash, doc_id);
    `,
    presentIn: (db) => hasIndex(db, 'documents_arrival'),
  },
];

function hasIndex(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) !== undefined;
}
