/**
 * The SQLite connection under a corpus, for the benches and tests that read
 * or check the file directly (sizes, checkpoints, FTS integrity): they run
 * on the default SQLite database only.
 */
import type Database from 'better-sqlite3';
import type { CorpusRepository } from '../../src/store/corpus.js';
import { SqliteCorpus } from '../../src/store/sqlite/corpus.js';

export function sqliteHandle(corpus: CorpusRepository): Database.Database {
  if (corpus instanceof SqliteCorpus) return corpus.db;
  throw new Error('this reads the SQLite file directly: run it without BRIEFING_DATABASE_URL');
}
