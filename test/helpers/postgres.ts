/**
 * PostgreSQL for tests: each test file gets a database of its own, created
 * on the server at BRIEFING_TEST_POSTGRES_URL (default the local server,
 * user postgres, trust auth) and dropped afterwards.
 *
 * Without a server the PostgreSQL tests are skipped with one line saying how
 * to run them; under CI=true a missing server fails them instead.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';

export const ADMIN_URL = process.env.BRIEFING_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const HOW_TO_RUN =
  'start PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth: pg_ctlcluster 15 main start) or set BRIEFING_TEST_POSTGRES_URL';

let reachable: Promise<string | null> | null = null;

/** null when the server answers, else why not. */
export function postgresProblem(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (err) {
      return (err as Error).message || String(err);
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

const problem = await postgresProblem();

/**
 * `describe` for tests needing PostgreSQL. Skipped, with one line, when no
 * server answers; failing under CI=true.
 */
export function describePostgres(name: string, body: () => void): void {
  if (problem === null) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs PostgreSQL', () => {
        throw new Error(`PostgreSQL at ${redacted(ADMIN_URL)} did not answer (${problem}): ${HOW_TO_RUN}`);
      });
    });
    return;
  }
  console.warn(`skipped "${name}": no PostgreSQL at ${redacted(ADMIN_URL)}; to run it, ${HOW_TO_RUN}`);
  describe.skip(name, body);
}

export interface TestDatabase {
  /** Connection URL of the database made for this file. */
  readonly url: string;
  readonly name: string;
}

/** URL of `database` on the test server. */
export function databaseUrl(database: string, base = ADMIN_URL): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh database on the test server, with a name no other run uses. */
export async function createDatabase(prefix = 'briefing_test'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return { name, url: databaseUrl(name) };
}

/** Drop a database made by createDatabase, ending connections a test left behind. */
export async function dropDatabase(db: TestDatabase): Promise<void> {
  await admin(async (c) => {
    await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db.name]);
    await c.query(`DROP DATABASE IF EXISTS "${db.name}"`);
  });
}

/**
 * A database for the enclosing describe block: made before its tests, dropped
 * after them. Read `.url` inside tests or hooks (it is set by then).
 */
export function useDatabase(prefix?: string): TestDatabase {
  let db: TestDatabase | null = null;
  beforeAll(async () => {
    db = await createDatabase(prefix);
  });
  afterAll(async () => {
    if (db) await dropDatabase(db);
  });
  return {
    get url() {
      if (!db) throw new Error('the test database is made in beforeAll');
      return db.url;
    },
    get name() {
      if (!db) throw new Error('the test database is made in beforeAll');
      return db.name;
    },
  };
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function redacted(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
