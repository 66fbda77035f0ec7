/** The seen-requests contract on SQLite (two connections to one file) and PostgreSQL (two pools). */
import { describe } from 'vitest';
import { PostgresSeenRequests } from '../../src/store/postgres/seen-requests.js';
import { seenRequestMigrations, SqliteSeenRequests } from '../../src/store/sqlite/seen-requests.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';
import { postgresInstances, sqliteInstances } from './helpers/instances.js';
import { seenRequestsContract } from './seen-requests-contract.js';

describe('seen requests on SQLite', () => {
  seenRequestsContract(sqliteInstances(seenRequestMigrations, (db) => new SqliteSeenRequests(db)));
});

describePostgres('seen requests on PostgreSQL', () => {
  const database = useDatabase();
  seenRequestsContract(postgresInstances(database, ['seen_requests'], (pool) => new PostgresSeenRequests(pool)));
});
