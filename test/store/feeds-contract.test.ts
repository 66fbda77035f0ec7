/** The feeds contract on SQLite (two connections to one file) and PostgreSQL (two pools). */
import { describe } from 'vitest';
import { PostgresFeedRepository } from '../../src/store/postgres/feeds.js';
import { feedMigrations, SqliteFeedRepository } from '../../src/store/sqlite/feeds.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';
import { feedsContract } from './feeds-contract.js';
import { postgresInstances, sqliteInstances } from './helpers/instances.js';

describe('feeds on SQLite', () => {
  feedsContract(sqliteInstances(feedMigrations, (db) => new SqliteFeedRepository(db)));
});

describePostgres('feeds on PostgreSQL', () => {
  const database = useDatabase();
  feedsContract(postgresInstances(database, ['feeds', 'feed_items'], (pool) => new PostgresFeedRepository(pool)));
});
