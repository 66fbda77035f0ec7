/**
 * Leases: the same contract on SQLite (one file) and PostgreSQL (a database
 * this file creates and drops). Short TTLs stand in for a dead holder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseKeeper, type Leases } from '../../src/store/lease.js';
import { leaseMigrations, SqliteLeases } from '../../src/store/sqlite/leases.js';
import { migrate } from '../../src/store/migrations.js';
import { openPool } from '../../src/store/postgres/database.js';
import { PostgresLeases } from '../../src/store/postgres/leases.js';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function leaseContract(open: () => Leases) {
  it('gives a free lease to one holder and refuses it to another until it lapses', async () => {
    const leases = open();
    expect(await leases.acquire('ingest', 'a', 400)).toBe(true);
    expect(await leases.acquire('ingest', 'b', 400)).toBe(false);
    expect((await leases.holder('ingest'))?.holder).toBe('a');
    // Renewing keeps it.
    expect(await leases.acquire('ingest', 'a', 400)).toBe(true);
    await sleep(600);
    expect(await leases.holder('ingest')).toBeNull();
    expect(await leases.acquire('ingest', 'b', 400)).toBe(true);
    // The old holder cannot renew what it lost.
    expect(await leases.acquire('ingest', 'a', 400)).toBe(false);
    expect((await leases.holder('ingest'))?.holder).toBe('b');
  });

  it('lets another holder in at once after a release, and only the holder can release', async () => {
    const leases = open();
    expect(await leases.acquire('sweep', 'a', 60_000)).toBe(true);
    await leases.release('sweep', 'b');
    expect(await leases.acquire('sweep', 'b', 60_000)).toBe(false);
    await leases.release('sweep', 'a');
    expect(await leases.acquire('sweep', 'b', 60_000)).toBe(true);
  });

  it('keeps leases of different names apart', async () => {
    const leases = open();
    expect(await leases.acquire('feeds', 'a', 60_000)).toBe(true);
    expect(await leases.acquire('watch', 'b', 60_000)).toBe(true);
  });

  it('hands the work over between keepers: one at a time, the other takes over when the first stops renewing', async () => {
    const leases = open();
    const events: string[] = [];
    const a = new LeaseKeeper(leases, 'poll', 'a', { ttlMs: 300, renewMs: 100, onAcquired: () => events.push('a+'), onLost: () => events.push('a-') });
    const b = new LeaseKeeper(leases, 'poll', 'b', { ttlMs: 300, renewMs: 100, onAcquired: () => events.push('b+'), onLost: () => events.push('b-') });
    await a.start();
    await b.start();
    expect([a.held, b.held]).toEqual([true, false]);
    await sleep(450);
    expect([a.held, b.held]).toEqual([true, false]);
    await a.stop();
    await sleep(250);
    expect([a.held, b.held]).toEqual([false, true]);
    await b.stop();
    expect(events).toEqual(['a+', 'a-', 'b+', 'b-']);
  });
}

describe('leases on SQLite', () => {
  let dir: string;
  let db: Database.Database;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-lease-'));
    db = new Database(path.join(dir, 'briefing.db'));
    migrate(db, leaseMigrations);
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  leaseContract(() => new SqliteLeases(db));
});

describePostgres('leases on PostgreSQL', () => {
  const database = useDatabase();
  let pool: ReturnType<typeof openPool>;
  beforeAll(async () => {
    pool = openPool(database.url);
    await migratePostgres(pool);
  });
  afterAll(async () => {
    await pool.end();
  });
  leaseContract(() => new PostgresLeases(pool));
});
