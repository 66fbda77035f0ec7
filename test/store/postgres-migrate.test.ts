/**
 * PostgreSQL migrations: applied once though several processes start
 * together (advisory lock), recorded, and a database newer than the program
 * refuses start-up with one line.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPool } from '../../src/store/postgres/database.js';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import { postgresMigrations } from '../../src/store/postgres/schema.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';

describePostgres('PostgreSQL migrations', () => {
  const database = useDatabase();
  const pools: Array<ReturnType<typeof openPool>> = [];
  beforeAll(() => {
    for (let i = 0; i < 4; i++) pools.push(openPool(database.url, { max: 2 }));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });

  it('applies every migration exactly once when four instances start at the same moment', async () => {
    const applied = await Promise.all(pools.map((p) => migratePostgres(p)));
    const versions = postgresMigrations.map((m) => m.version).sort((a, b) => a - b);
    // One of them did all the work; the others found it done.
    expect(applied.flat().sort((a, b) => a - b)).toEqual(versions);
    expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
    const recorded = await pools[0]!.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(recorded.rows.map((r) => r.version)).toEqual(versions);
    expect(await migratePostgres(pools[1]!)).toEqual([]);
  });

  it('stops with one line naming the fix when the database is newer than the program', async () => {
    await pools[0]!.query(`INSERT INTO schema_migrations (version, name) VALUES (9999, 'from a newer briefing-bot')`);
    const err = await migratePostgres(pools[2]!).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/^The database has schema version 9999, newer than this program knows \(\d+\): upgrade briefing-bot/);
    expect(err?.message).not.toContain('\n');
    await pools[0]!.query('DELETE FROM schema_migrations WHERE version = 9999');
  });

  it('leaves nothing half-applied when a migration fails', async () => {
    const broken = [...postgresMigrations, { version: 5000, name: 'broken', up: 'CREATE TABLE half (x int); SELECT no_such_function();' }];
    await expect(migratePostgres(pools[3]!, broken)).rejects.toThrow(/no_such_function/);
    const half = await pools[3]!.query(`SELECT to_regclass('half') AS t`);
    expect(half.rows[0].t).toBeNull();
    const recorded = await pools[3]!.query('SELECT 1 FROM schema_migrations WHERE version = 5000');
    expect(recorded.rowCount).toBe(0);
  });
});

describePostgres('PostgreSQL migration 6: search vectors in a table of their own', () => {
  const database = useDatabase();

  it('keeps what a database of version 5 could find, and drops a vector with its sentence', async () => {
    const pool = openPool(database.url, { max: 1 });
    try {
      await migratePostgres(pool, postgresMigrations.filter((m) => m.version <= 5));
      await pool.query(`INSERT INTO files (path, content_hash, size, status, updated_at) VALUES ('a.txt', 'h', 1, 'ingested', '2024-12-19')`);
      await pool.query(
        `INSERT INTO documents (id, path, format, content_hash, title, published_from, relevance, relevant, ingested_at)
         VALUES ('a', 'a.txt', 'txt', 'h', 'A', 'unknown', 1, true, '2024-12-19')`,
      );
      await pool.query(
        `INSERT INTO sentences (doc_id, idx, paragraph, text, hash, dates, people, organisations, amounts)
         VALUES ('a', 0, 0, 'British soldiers trained Ukrainian recruits.', 'x', '[]', '[]', '[]', '[]')`,
      );
      expect(await migratePostgres(pool)).toEqual(postgresMigrations.filter((m) => m.version > 5).map((m) => m.version));
      const found = () => pool.query(`SELECT id FROM sentence_search WHERE search @@ websearch_to_tsquery('english', 'training')`);
      expect((await found()).rowCount).toBe(1);
      await pool.query(`DELETE FROM documents WHERE id = 'a'`);
      expect((await pool.query('SELECT 1 FROM sentence_search')).rowCount).toBe(0);
    } finally {
      await pool.end();
    }
  });
});
