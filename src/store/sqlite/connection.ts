/**
 * The one SQLite connection (better-sqlite3, WAL) every repository of a
 * database file shares: opened, tuned and migrated here; a read-only one
 * for a thread reading what another connection writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type Migration } from '../migrations.js';

/** The database file cannot be created or opened (a read-only folder, /proc, a directory). */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`cannot open the database ${file}: ${reason}`);
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir never returns under
 * /proc (it retries ENOENT), and a bad BRIEFING_DB must fail, not hang.
 */
function makeFolders(dir: string): void {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) makeFolders(parent);
  fs.mkdirSync(dir);
}

/**
 * How long a statement waits for another process's write (an ingest batch, a
 * migration, an index rebuild) before failing: two processes on one file take
 * turns. Write transactions begin IMMEDIATE (the write lock first, waited for):
 * a deferred one that had read fails at once with "database is locked" when
 * another process wrote meanwhile.
 */
const BUSY_TIMEOUT_MS = 60_000;

/**
 * Turn on WAL, waiting for other processes as a busy statement would. The
 * switch needs the file to itself, and SQLite answers SQLITE_BUSY at once
 * (without calling the busy handler) while another process opening the same
 * fresh file holds it: several processes starting together take turns here.
 */
function switchToWal(db: Database.Database): void {
  const giveUpAt = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      const busy = (err as { code?: string }).code?.startsWith('SQLITE_BUSY') ?? false;
      if (!busy || Date.now() >= giveUpAt) throw err;
      Atomics.wait(pause, 0, 0, 5 + Math.random() * 20);
    }
  }
}

/** Open (creating it and its folder if need be) and migrate the file; DatabaseOpenError when it cannot be opened. */
export function openSqliteFile(file: string, migrations: Migration[]): Database.Database {
  let db: Database.Database;
  try {
    if (file !== ':memory:') makeFolders(path.dirname(path.resolve(file)));
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    switchToWal(db);
  } catch (err) {
    throw new DatabaseOpenError(file, (err as Error).message);
  }
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  return db;
}

/** A read-only connection to a database another connection (the writer) keeps up to date: no migrations, no writes. */
export function openSqliteReaderFile(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}
