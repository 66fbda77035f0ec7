/**
 * Versioned schema migrations on SQLite, applied in order inside one
 * transaction each. Each table group's module holds its own list
 * (sqlite/corpus-schema.ts, sqlite/events.ts, sqlite/feeds.ts, …);
 * sqlite/open.ts hands all of them to `migrate`. `PRAGMA user_version`
 * records the last one applied. Append only: never edit a migration that
 * has shipped; add a new one.
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
export function migrate(db: Database.Database, list: Migration[]): void {
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
