/** The events contract on both backends: SQLite (a temp file) and PostgreSQL (a database this file creates and drops). */
import { describe } from 'vitest';
import { describePostgres, useDatabase } from '../helpers/postgres.js';
import { eventsContract } from './events-contract.js';
import { postgresRepositories, sqliteRepositories } from './helpers/corpus-backends.js';

describe('events contract: SQLite', () => {
  eventsContract(sqliteRepositories());
});

describePostgres('events contract: PostgreSQL', () => {
  eventsContract(postgresRepositories(useDatabase()));
});
