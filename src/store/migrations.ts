/**
 * Versioned schema migrations, applied in order inside one transaction each.
 * `PRAGMA user_version` records the last one applied. Append only: never edit
 * a migration that has shipped; add a new one.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: string;
  /**
   * For databases from before migrations were recorded one by one: whether
   * this migration's objects are there. Needed only by a migration that
   * shipped after one with a higher version (see `migrate`).
   */
  presentIn?: (db: Database.Database) => boolean;
}

export const migrations: Migration[] = [
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
    version: 3,
    name: 'events in salience order',
    // A timeline without a topic takes the most salient events: an index walk
    // that stops at the limit, not a sort of every event.
    up: `CREATE INDEX events_salience ON events(salience DESC, date, id);`,
    presentIn: (db) => hasIndex(db, 'events_salience'),
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
];

function hasIndex(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) !== undefined;
}

/**
 * Bring the database to the newest schema; each migration is atomic.
 *
 * Which migrations a database has is recorded one by one in
 * `schema_migrations`: the core's and a module's versions interleave (core
 * 1, 2, …; digest 100, …), so the highest version applied says nothing about
 * a core migration added after a module's (a database at 100 never got
 * core version 2 while only `user_version` was kept). `user_version` still
 * holds the highest version, so an older program refuses a newer database.
 */
export function migrate(db: Database.Database, list: Migration[] = migrations): void {
  // One exclusive transaction: processes starting together on a fresh file take turns (busy timeout), the
  // later ones finding every migration applied, instead of failing with "table files already exists".
  db.transaction(() => migrateLocked(db, list)).immediate();
}

function migrateLocked(db: Database.Database, list: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = Math.max(0, ...list.map((m) => m.version));
  if (current > newest) {
    throw new Error(
      `Database schema version ${current} is newer than this program knows (${newest}): upgrade briefing-bot or use another --db file.`,
    );
  }
  // The same migration may be passed twice (core and a module both list it): once by version.
  const byVersion = new Map(list.map((m) => [m.version, m]));
  const applied = appliedVersions(db, [...byVersion.values()], current);
  for (const m of [...byVersion.values()].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
      db.pragma(`user_version = ${Math.max(m.version, db.pragma('user_version', { simple: true }) as number)}`);
    })();
  }
}

/**
 * Versions already applied. A database from before the record was kept has
 * every version up to its `user_version`, except those whose `presentIn`
 * check says their objects are missing (they were added after a higher one).
 */
function appliedVersions(db: Database.Database, list: Migration[], userVersion: number): Set<number> {
  const recorded = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (recorded) {
    return new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
  }
  const legacy = list.filter((m) => m.version <= userVersion && (m.presentIn?.(db) ?? true));
  db.transaction(() => {
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const insert = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 'before the record was kept')");
    for (const m of legacy) insert.run(m.version, m.name);
  })();
  return new Set(legacy.map((m) => m.version));
}
