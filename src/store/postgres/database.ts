/**
 * A PostgreSQL connection pool and its transactions. The pool reconnects by
 * itself: a connection the server dropped (restart, failover) is discarded
 * and the next query opens a new one, so a query meanwhile fails with
 * DatabaseUnavailable instead of taking the process down.
 */
import pg from 'pg';
import { DatabaseUnavailable } from '../../core/engine.js';

export type Queryable = Pick<pg.PoolClient, 'query'>;

export { DatabaseUnavailable };

/** Errors that mean "no connection" rather than "bad query": connection refused, reset, server shutting down. */
function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (!e || typeof e !== 'object') return false;
  // 57P01..57P03: admin shutdown, crash shutdown, cannot connect now; 08*: connection exceptions.
  if (typeof e.code === 'string' && (/^08/.test(e.code) || /^57P0[123]$/.test(e.code))) return true;
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(e.code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(e.message ?? '');
}

export function unavailableOr(err: unknown): Error {
  if (!isConnectionError(err)) return err as Error;
  const cause = err as Error;
  return new DatabaseUnavailable(`The database is not answering (${cause.message}); try again in a moment.`, { cause });
}

export function openPool(url: string, options: { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 8, connectionTimeoutMillis: 5000 });
  // An idle connection the server closed: dropped from the pool; the next query connects again.
  pool.on('error', () => {});
  return pool;
}

/** Run `work` in one transaction on one connection of the pool. */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw unavailableOr(err);
  }
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw unavailableOr(err);
  } finally {
    client.release(broken);
  }
}

/** One statement on any connection of the pool. */
export async function query<R extends pg.QueryResultRow = Record<string, unknown>>(
  pool: pg.Pool,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  try {
    return await pool.query<R>(text, values);
  } catch (err) {
    throw unavailableOr(err);
  }
}
