/**
 * Empty corpus, events and meta repositories per case, for their contracts:
 * on SQLite a new file per case (the previous one closed), on PostgreSQL one
 * database (made and dropped by the test file) opened once, its tables
 * truncated per case.
 *
 * Call inside a describe block: the hooks that close are its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll } from 'vitest';
import { openPool } from '../../../src/store/postgres/database.js';
import { openPostgres } from '../../../src/store/postgres/open.js';
import type { CorpusRepositories, Repositories } from '../../../src/store/repositories.js';
import { openSqlite } from '../../../src/store/sqlite/open.js';
import type { TestDatabase } from '../../helpers/postgres.js';

/** Hands out the repositories of an empty database, once per case. */
export type FreshRepositories = () => Promise<CorpusRepositories>;

export function sqliteRepositories(): FreshRepositories {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-contract-'));
  let current: Repositories | null = null;
  let n = 0;
  afterAll(async () => {
    await current?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return async () => {
    await current?.close();
    current = openSqlite(path.join(dir, `case-${n++}.db`));
    return current;
  };
}

const CORPUS_TABLES = 'files, documents, sentences, quotes, events, topics, meta';

export function postgresRepositories(database: TestDatabase): FreshRepositories {
  let repositories: Repositories | null = null;
  let admin: pg.Pool | null = null;
  afterAll(async () => {
    await repositories?.close();
    await admin?.end();
  });
  return async () => {
    repositories ??= await openPostgres(database.url);
    admin ??= openPool(database.url, { max: 1 });
    await admin.query(`TRUNCATE ${CORPUS_TABLES} RESTART IDENTITY CASCADE`);
    return repositories;
  };
}
