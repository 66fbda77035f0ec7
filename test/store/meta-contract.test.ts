/** The meta contract on both backends: SQLite (a temp file) and PostgreSQL (a database this file creates and drops). */
import { describe } from 'vitest';
import { describePostgres, useDatabase } from '../helpers/postgres.js';
import { metaContract } from './meta-contract.js';
import { postgresRepositories, sqliteRepositories } from './helpers/corpus-backends.js';

describe('meta contract: SQLite', () => {
  metaContract(sqliteRepositories());
});

describePostgres('meta contract: PostgreSQL', () => {
  metaContract(postgresRepositories(useDatabase()));
});
