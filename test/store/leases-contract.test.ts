/** The leases contract on SQLite (two connections to one file) and PostgreSQL (two pools). */
import { describe } from 'vitest';
import { PostgresLeases } from '../../src/store/postgres/leases.js';
import { leaseMigrations, SqliteLeases } from '../../src/store/sqlite/leases.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';
import { postgresInstances, sqliteInstances } from './helpers/instances.js';
import { leasesContract } from './leases-contract.js';

describe('leases on SQLite', () => {
  leasesContract(sqliteInstances(leaseMigrations, (db) => new SqliteLeases(db)));
});

describePostgres('leases on PostgreSQL', () => {
  const database = useDatabase();
  leasesContract(postgresInstances(database, ['leases'], (pool) => new PostgresLeases(pool)));
});
