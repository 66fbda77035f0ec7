/**
 * The SQLite connection under a store, for the benches and tests that read
 * or check the file directly (sizes, checkpoints, FTS integrity): they run
 * on the default SQLite database only.
 */
import type Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';

export function sqliteHandle(store: Store): Database.Database {
  if (store instanceof SqliteStore) return store.db;
  throw new Error('this reads the SQLite file directly: run it without BRIEFING_DATABASE_URL');
}
