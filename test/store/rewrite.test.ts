/**
 * A file parsed again with a date hint keeps the marks repetition gave its
 * documents when their sentences are the same, and says so when they differ.
 */
import { markRepetition } from '../../src/ingest/repetition-marks.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/core/model.js';
import type { SqliteCorpus } from '../../src/store/sqlite/corpus.js';
import { openSqlite } from '../../src/store/sqlite/open.js';

const BANNER = [
  'The Harbour Herald is funded by its readers and relies on their donations every month.',
  'Our reporters cover the coast, the courts and the council without fear or favour.',
  'Please consider a regular gift so that we can keep every article free to read.',
];

function file(id: string, published: string | null, body: string[]) {
  const texts = [...BANNER, ...body];
  const doc: ParsedDocument = {
    id,
    title: `Article ${id}`,
    outlet: 'Harbour Herald',
    url: null,
    published,
    publishedFrom: published ? 'stated' : 'unknown',
    sentences: texts.map((text, i) => ({ index: i, paragraph: Math.max(0, i - 2), text, dates: [], people: [], organisations: [], amounts: [] })),
    relevance: 0.9,
    relevant: true,
    warnings: [],
  };
  return {
    record: { path: `${id}.txt`, contentHash: id, size: 1, status: 'ingested' as const, message: null, format: 'txt' as const },
    writes: [{ doc, sentenceHashes: texts.map((t) => t.toLowerCase()), quoteKeys: [] }],
  };
}

describe('rewriteKeepingRepetition', () => {
  let dir: string;
  let store: SqliteCorpus;
  const banners = () =>
    store.db.prepare("SELECT idx FROM sentences WHERE doc_id = 'c' AND boilerplate = 1 ORDER BY idx").pluck().all();

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rewrite-'));
    store = openSqlite(path.join(dir, 'db.sqlite')).corpus as SqliteCorpus;
    const bodies = {
      a: ['Ministers in London approved a new grant for Ukrainian schools on Monday.', 'The money will buy books and laptops.'],
      b: ['Engineers from Leeds repaired a Ukrainian power station with British parts on Tuesday.', 'The work took a week.'],
      c: ['Volunteers in Bristol sent ambulances to Kharkiv, the charity said on its website.', 'Two drivers went with them.'],
    };
    for (const [id, body] of Object.entries(bodies)) {
      const f = file(id, id === 'c' ? null : '2024-05-0' + (id === 'a' ? '6' : '7'), body);
      await store.writeFile({ file: f.record, documents: f.writes, ingestedAt: '2024-05-08T00:00:00.000Z' });
    }
    await markRepetition(store);
    expect(banners()).toEqual([0, 1, 2]);
  });
  afterEach(() => {
    store.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the banner mark when the sentences are the same, as judging again would', async () => {
    const f = file('c', '2024-05-07', ['Volunteers in Bristol sent ambulances to Kharkiv, the charity said on its website.', 'Two drivers went with them.']);
    f.writes[0]!.doc.publishedFrom = 'inferred';
    expect(await store.rewriteKeepingRepetition({ file: f.record, documents: f.writes, ingestedAt: '2024-05-08T00:00:00.000Z' })).toBe(true);
    expect(banners()).toEqual([0, 1, 2]);
    expect(store.db.prepare("SELECT published FROM documents WHERE id = 'c'").pluck().get()).toBe('2024-05-07');
    // Nothing left for a full judgement to change.
    expect([...(await markRepetition(store))]).toEqual([]);
  });

  it('says so when a sentence changed, leaving the marks to a new judgement', async () => {
    const f = file('c', '2024-05-07', ['Volunteers in Bath sent two ambulances to Kharkiv on Friday.', 'Two drivers went with them.']);
    expect(await store.rewriteKeepingRepetition({ file: f.record, documents: f.writes, ingestedAt: '2024-05-08T00:00:00.000Z' })).toBe(false);
    expect(banners()).toEqual([]);
    expect([...(await markRepetition(store))]).toEqual(['c']);
    expect(banners()).toEqual([0, 1, 2]);
  });
});
