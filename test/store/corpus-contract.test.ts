/**
 * The corpus contract on both backends: SQLite (a temp file) and PostgreSQL
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
import { openPostgres } from '../../src/store/postgres/open.js';
import type { Repositories } from '../../src/store/repositories.js';
import { parseSearchQuery } from '../../src/store/search-query.js';
import { openSqlite } from '../../src/store/sqlite/open.js';
import { loadTopicProfile } from '../../src/topic/profile.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';
import { corpusContract } from './corpus-contract.js';
import { postgresRepositories, sqliteRepositories } from './helpers/corpus-backends.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-contract-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('corpus contract: SQLite', () => {
  corpusContract(sqliteRepositories());
});

describePostgres('corpus contract: PostgreSQL', () => {
  corpusContract(postgresRepositories(useDatabase()));
});

describePostgres('one corpus ingested into both backends', () => {
  const database = useDatabase();
  const corpus = path.join(tmp, 'corpus');
  let sqlite: Repositories;
  let postgres: Repositories;
  const now = () => new Date('2025-03-01T06:00:00Z');
  beforeAll(async () => {
    generateCorpus({ docs: 120, seed: 7, out: corpus });
    sqlite = openSqlite(path.join(tmp, 'ingest.db'));
    postgres = await openPostgres(database.url);
    const topic = loadTopicProfile();
    for (const repositories of [sqlite, postgres]) {
      const report = await ingestCorpus(repositories, corpus, { topic, parseThreads: 1, now });
      expect(report.skipped).toEqual([]);
    }
  }, 120_000);
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  it('holds the same documents, verdicts and marks', async () => {
    expect(await postgres.corpus.stats()).toEqual(await sqlite.corpus.stats());
    expect(await postgres.corpus.documents()).toEqual(await sqlite.corpus.documents());
    expect(await postgres.corpus.analysisDocumentIds()).toEqual(await sqlite.corpus.analysisDocumentIds());
    expect(await postgres.corpus.documentsWithBanners()).toEqual(await sqlite.corpus.documentsWithBanners());
  });

  it('built the same events from them', async () => {
    const [a, b] = [await sqlite.events.find({}), await postgres.events.find({})];
    expect(b.length).toBeGreaterThan(10);
    expect(b).toEqual(a);
  });

  it('answers the same word searches with the same sentences', async () => {
    for (const q of ['ukraine', 'training troops', '"armed forces"', 'sanctions russia', 'missiles']) {
      const match = parseSearchQuery(q)!;
      const texts = async (r: Repositories) => (await r.corpus.searchSentences(match, 1000)).map((h) => `${h.source.id} ${h.text}`).sort();
      expect(await texts(postgres), q).toEqual(await texts(sqlite));
      expect(await postgres.events.count({ match }), q).toBe(await sqlite.events.count({ match }));
    }
  });
});
