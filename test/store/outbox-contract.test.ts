/**
 * The outbox contract on SQLite (two connections to one file) and PostgreSQL
 * (two pools: two instances), then what PostgreSQL adds: staleness by the
 * database's clock, whatever clock the caller has.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPool } from '../../src/store/postgres/database.js';
import { PostgresOutbox } from '../../src/store/postgres/digest-outbox.js';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import { SqliteOutbox } from '../../src/store/sqlite/digest-outbox.js';
import { digestMigrations } from '../../src/store/sqlite/digest-schema.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';
import { postgresInstances, sqliteInstances } from './helpers/instances.js';
import { outboxContract } from './outbox-contract.js';

const OUTBOX_TABLES = ['digest_outbox', 'digest_outbox_pages', 'digest_sent_items'];

describe('outbox on SQLite', () => {
  outboxContract(sqliteInstances(digestMigrations, (db) => new SqliteOutbox(db)));
});

describePostgres('outbox on PostgreSQL', () => {
  const database = useDatabase();
  outboxContract(postgresInstances(database, OUTBOX_TABLES, (pool) => new PostgresOutbox(pool)));
});

describePostgres('outbox on PostgreSQL: the database clock judges staleness', () => {
  const database = useDatabase();
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = openPool(database.url);
    await migratePostgres(pool);
  });
  afterAll(async () => {
    await pool.end();
  });

  const row = (slot: string, owner: string) => ({
    platform: 'discord' as const,
    channel: '42',
    slot,
    status: 'pending' as const,
    late: false,
    windowFrom: '2025-01-09T08:00:00.000Z',
    windowUntil: `${slot}T08:00:00.000Z`,
    overflow: false,
    items: [],
    reply: { kind: 'digest' as const, title: 'Digest', items: [] },
    owner,
  });

  it('an instance whose clock runs a day fast neither sees a live row as stale nor takes it over', async () => {
    const outbox = new PostgresOutbox(pool);
    const claimed = (await outbox.claim(row('2025-01-10', 'p1'), [{ index: 0, body: {}, items: [] }], 'k:2025-01-10', new Date()))!;
    const dayAhead = new Date(Date.now() + 86_400_000);
    expect(await outbox.stalePending(dayAhead, 60_000)).toEqual([]);
    expect(await outbox.takeOver(claimed, 'fast-clock', dayAhead, { staleAfterMs: 60_000 })).toBe(false);
    expect((await outbox.byId(claimed.id))!.owner).toBe('p1');
  });

  it('an instance whose clock runs a day slow still takes over a row its dead owner left', async () => {
    const outbox = new PostgresOutbox(pool);
    const dayBehind = () => new Date(Date.now() - 86_400_000);
    const claimed = (await outbox.claim(row('2025-01-11', 'dead'), [{ index: 0, body: {}, items: [] }], 'k:2025-01-11', new Date()))!;
    await new Promise((r) => setTimeout(r, 250));
    expect((await outbox.stalePending(dayBehind(), 150)).map((r) => r.id)).toContain(claimed.id);
    expect(await outbox.takeOver(claimed, 'slow-clock', dayBehind(), { staleAfterMs: 150 })).toBe(true);
    expect(await outbox.beginAttempt(claimed.id, 'dead', new Date())).toBe(false);
  });
});
