/**
 * Schema migrations: recorded one by one, so a core migration that shipped
 * after a module's higher-numbered one still reaches databases made before it.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { digestMigrations } from '../../src/store/sqlite/digest-schema.js';
import { migrate } from '../../src/store/migrations.js';
import { corpusMigrations } from '../../src/store/sqlite/corpus-schema.js';
import { eventMigrations } from '../../src/store/sqlite/events.js';

/** The corpus's and the events' migrations (1-5), in version order: as one list before they were split by table group. */
const migrations = [...corpusMigrations, ...eventMigrations].sort((a, b) => a.version - b.version);

const all = [...migrations, ...digestMigrations];
const hasIndex = (db: Database.Database, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) !== undefined;
const recorded = (db: Database.Database) =>
  (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>).map((r) => r.version);

describe('migrate', () => {
  it('applies and records every migration on a new database, once', () => {
    const db = new Database(':memory:');
    migrate(db, all);
    expect(recorded(db)).toEqual(all.map((m) => m.version).sort((a, b) => a - b));
    expect(db.pragma('user_version', { simple: true })).toBe(101);
    expect(hasIndex(db, 'documents_published_id')).toBe(true);
    migrate(db, all);
    expect(recorded(db)).toEqual([1, 2, 3, 4, 5, 100, 101]);
  });

  it('gives a database made before version 2 shipped (already at 100) the migration it missed', () => {
    const db = new Database(':memory:');
    // What the earlier program did: versions 1 and 100, user_version 100, no record.
    for (const m of [migrations[0]!, digestMigrations[0]!]) db.exec(m.up);
    db.pragma('user_version = 100');
    db.exec(`INSERT INTO files VALUES ('a.txt', 'h', 1, 'ingested', NULL, '2025-01-01')`);
    migrate(db, all);
    expect(hasIndex(db, 'documents_published_id')).toBe(true);
    expect(hasIndex(db, 'events_salience')).toBe(true);
    expect(hasIndex(db, 'documents_arrival')).toBe(true);
    expect(recorded(db)).toEqual([1, 2, 3, 4, 5, 100, 101]);
    // Its files kept, with no modification time yet: the next run hashes them.
    expect(db.prepare('SELECT COUNT(*) AS n, COUNT(mtime_ms) AS timed FROM files').get()).toEqual({ n: 1, timed: 0 });
  });

  it('takes a legacy database that has version 2 as it is', () => {
    const db = new Database(':memory:');
    for (const m of [migrations[0]!, migrations[1]!, digestMigrations[0]!]) db.exec(m.up);
    db.pragma('user_version = 100');
    migrate(db, all);
    expect(recorded(db)).toEqual([1, 2, 3, 4, 5, 100, 101]);
    expect(hasIndex(db, 'events_salience')).toBe(true);
  });

  it('refuses a database from a newer program, saying what to do', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 999');
    expect(() => migrate(db, all)).toThrow(/newer than this program knows \(101\): upgrade briefing-bot or use another --db file/);
  });
});
