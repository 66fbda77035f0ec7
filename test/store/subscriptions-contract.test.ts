/** The subscriptions contract on SQLite (two connections to one file) and PostgreSQL (two pools). */
import { describe } from 'vitest';
import { PostgresSubscriptions } from '../../src/store/postgres/digest-subscriptions.js';
import { SqliteSubscriptions } from '../../src/store/sqlite/digest-subscriptions.js';
import { digestMigrations } from '../../src/store/sqlite/digest-schema.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';
import { postgresInstances, sqliteInstances } from './helpers/instances.js';
import { subscriptionsContract } from './subscriptions-contract.js';

describe('subscriptions on SQLite', () => {
  subscriptionsContract(sqliteInstances(digestMigrations, (db) => new SqliteSubscriptions(db)));
});

describePostgres('subscriptions on PostgreSQL', () => {
  const database = useDatabase();
  subscriptionsContract(postgresInstances(database, ['digest_subscriptions'], (pool) => new PostgresSubscriptions(pool)));
});
