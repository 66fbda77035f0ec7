/**
 * The storage contract on both backends: SQLite (a temp file) and PostgreSQL
 * (a database this file creates and drops). Then the real ingest of one
 * generated corpus into each: the same documents, sentences, events and
 * searches come back from both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { ingestCorpus } from '../../src/ingest/run.js';
import { sqliteMigrations } from '../../src/store/sqlite/open.js';
import { parseSearchQuery } from '../../src/store/search-query.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { loadTopicProfile } from '../../src/topic/profile.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';
import { storeContract } from './contract.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-contract-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('store contract: SQLite', () => {
  let current: SqliteStore | null = null;
  let n = 0;
  afterAll(async () => current?.close());
  storeContract({
    async fresh() {
      await current?.close();
      current = new SqliteStore(path.join(tmp, `case-${n++}.db`), { migrations: sqliteMigrations });
      return current;
    },
  });
});

describePostgres('store contract: PostgreSQL', () => {
  const database = useDatabase();
  let store: PostgresStore | null = null;
  afterAll(async () => store?.close());
  storeContract({
    async fresh() {
      store ??= await PostgresStore.open(database.url);
      await store.pool.query('TRUNCATE files, documents, sentences, quotes, events, topics, meta RESTART IDENTITY CASCADE');
      return store;
    },
  });
});

describePostgres('one corpus ingested into both backends', () => {
  const database = useDatabase();
  const corpus = path.join(tmp, 'corpus');
  let sqlite: SqliteStore;
  let postgres: PostgresStore;
  const now = () => new Date('2025-03-01T06:00:00Z');
  beforeAll(async () => {
    generateCorpus({ docs: 120, seed: 7, out: corpus });
    sqlite = new SqliteStore(path.join(tmp, 'ingest.db'), { migrations: sqliteMigrations });
    postgres = await PostgresStore.open(database.url);
    const topic = loadTopicProfile();
    for (const store of [sqlite, postgres] as Store[]) {
      const report = await ingestCorpus(store, corpus, { topic, parseThreads: 1, now });
      expect(report.skipped).toEqual([]);
    }
  }, 120_000);
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  it('holds the same documents, verdicts and marks', async () => {
    expect(await postgres.stats()).toEqual(await sqlite.stats());
    expect(await postgres.documents()).toEqual(await sqlite.documents());
    expect(await postgres.analysisDocumentIds()).toEqual(await sqlite.analysisDocumentIds());
    expect(await postgres.documentsWithBanners()).toEqual(await sqlite.documentsWithBanners());
  });

  it('built the same events from them', async () => {
    const [a, b] = [await sqlite.events({}), await postgres.events({})];
    expect(b.length).toBeGreaterThan(10);
    expect(b).toEqual(a);
  });

  it('answers the same word searches with the same sentences', async () => {
    for (const q of ['ukraine', 'training troops', '"armed forces"', 'sanctions russia', 'missiles']) {
      const match = parseSearchQuery(q)!;
      const texts = async (s: Store) => (await s.searchSentences(match, 1000)).map((h) => `${h.source.id} ${h.text}`).sort();
      expect(await texts(postgres), q).toEqual(await texts(sqlite));
      expect(await postgres.eventCount({ match }), q).toBe(await sqlite.eventCount({ match }));
    }
  });
});
