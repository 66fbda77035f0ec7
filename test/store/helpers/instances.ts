/**
 * Two "instances" of a repository on one database, for the repository
 * contracts: on SQLite two connections to one file (two processes on one
 * machine), on PostgreSQL two pools (two instances). Each case gets an empty
 * database: a new file, or the repository's tables truncated.
 *
 * Call inside a describe block: the hooks that open and close are its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { Migration } from '../../../src/store/migrations.js';
import { openPool } from '../../../src/store/postgres/database.js';
import { migratePostgres } from '../../../src/store/postgres/migrate.js';
import { openSqliteFile } from '../../../src/store/sqlite/connection.js';
import type { TestDatabase } from '../../helpers/postgres.js';

export interface Instances<R> {
  one: R;
  two: R;
}

/** Hands out two instances on an empty database, once per case. */
export type FreshInstances<R> = () => Promise<Instances<R>>;

export function sqliteInstances<R>(migrations: Migration[], make: (db: Database.Database) => R): FreshInstances<R> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-repo-'));
  let open: Database.Database[] = [];
  let n = 0;
  const closeAll = async () => {
    for (const db of open) db.close();
    open = [];
  };
  afterAll(async () => {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return async () => {
    await closeAll();
    const file = path.join(dir, `case-${n++}.db`);
    open = [openSqliteFile(file, migrations), openSqliteFile(file, migrations)];
    return { one: make(open[0]!), two: make(open[1]!) };
  };
}

export function postgresInstances<R>(database: TestDatabase, tables: string[], make: (pool: pg.Pool) => R): FreshInstances<R> {
  let pools: pg.Pool[] = [];
  beforeAll(async () => {
    pools = [openPool(database.url, { max: 4 }), openPool(database.url, { max: 4 })];
    await migratePostgres(pools[0]!);
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });
  return async () => {
    await pools[0]!.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
    return { one: make(pools[0]!), two: make(pools[1]!) };
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
