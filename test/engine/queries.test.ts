/**
 * The bounded queries: search ranks a bounded set of the best full-text
 * matches, a topic timeline ranks the most salient matching events; what a
 * user sees stays the best answer, and totals stay exact.
 */
import { parseSearchQuery } from '../../src/store/search-query.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { topicMatcher } from '../../src/analysis/topic.js';
import type { Event, ParsedDocument } from '../../src/core/model.js';
import type { BriefingEngine } from '../../src/engine.js';
import { openTestWriter } from '../helpers/app.js';
import { SqliteCorpus } from '../../src/store/sqlite/corpus.js';
import { openSqlite } from '../../src/store/sqlite/open.js';
import { tempCorpus, type TempCorpus } from '../helpers/corpus.js';

/** The corpus of a new database in memory (closed with its connection). */
function openSqliteCorpus(): SqliteCorpus {
  return openSqlite(':memory:').corpus as SqliteCorpus;
}

/** One document of one sentence, written as ingest would. */
function write(store: SqliteCorpus, id: string, published: string, text: string): Promise<void> {
  const doc: ParsedDocument = {
    id,
    title: `Article ${id}`,
    outlet: 'Test Wire',
    url: null,
    published,
    publishedFrom: 'stated',
    sentences: [{ index: 0, paragraph: 0, text, dates: [], people: [], organisations: [], amounts: [] }],
    relevance: 0.9,
    relevant: true,
    warnings: [],
  };
  return store.writeFile({
    file: { path: `${id}.txt`, contentHash: id, size: text.length, status: 'ingested', message: null, format: 'txt' },
    documents: [{ doc, sentenceHashes: [id], quoteKeys: [] }],
    ingestedAt: '2025-01-01T00:00:00.000Z',
  });
}

/** The search as it was before it was bounded: every match ranked, then filtered. */
function exhaustiveSearch(store: SqliteCorpus, match: string, limit: number): string[] {
  return (
    store.db
      .prepare(
        `SELECT d.id FROM sentences_fts f JOIN sentences s ON s.id = f.rowid JOIN documents d ON d.id = s.doc_id
         WHERE sentences_fts MATCH ? AND s.boilerplate = 0 AND d.relevant = 1 AND d.duplicate_of IS NULL
         ORDER BY bm25(sentences_fts), d.published DESC LIMIT ?`,
      )
      .all(match, limit) as Array<{ id: string }>
  ).map((r) => r.id);
}

describe('search over more matches than it ranks at first', () => {
  const MATCHES = 300;
  /** The best-scored matches (the shortest sentences) are all unusable: banners, off-topic or reprints. */
  const UNUSABLE = 250;
  let store: SqliteCorpus;
  const id = (k: number) => `wire/${String(k).padStart(3, '0')}`;

  beforeEach(async () => {
    store = openSqliteCorpus();
    // Sentence k has k filler words: the longer, the lower its bm25 score, so
    // the ranking is total. Documents are added in k order (rowid order).
    for (let k = 0; k < MATCHES; k++) {
      await write(store, id(k), `2024-06-${String((k % 28) + 1).padStart(2, '0')}`, `The drone programme ${'again '.repeat(k)}went ahead.`);
    }
    for (let k = 0; k < UNUSABLE; k++) {
      if (k % 3 === 0) store.db.prepare('UPDATE sentences SET boilerplate = 1 WHERE doc_id = ?').run(id(k));
      else if (k % 3 === 1) store.db.prepare('UPDATE documents SET relevant = 0 WHERE id = ?').run(id(k));
      else store.db.prepare('UPDATE documents SET duplicate_of = ? WHERE id = ?').run(id(MATCHES - 1), id(k));
    }
  });
  afterEach(() => store.db.close());

  it('widens past filtered candidates and returns the best usable hits, as ranking every match would', async () => {
    const hits = await store.searchSentences(parseSearchQuery('"drone"')!, 10);
    expect(hits.map((h) => h.source.id)).toEqual(Array.from({ length: 10 }, (_, i) => id(UNUSABLE + i)));
    expect(hits.map((h) => h.source.id)).toEqual(exhaustiveSearch(store, '"drone"', 10));
    for (const h of hits) expect(h.text).toMatch(/^The drone programme/);
  });

  it('never answers short while usable matches remain', async () => {
    const hits = await store.searchSentences(parseSearchQuery('"drone"')!, 100);
    expect(hits).toHaveLength(MATCHES - UNUSABLE);
    expect(hits.map((h) => h.source.id)).toEqual(exhaustiveSearch(store, '"drone"', 100));
  });

  it('scores only the most recently added matches of a term commoner than its scope', async () => {
    // Scope 40: the 40 newest matches (k = 260..299) are ranked, the better older ones are not.
    const hits = await store.searchSentences(parseSearchQuery('"drone"')!, 5, 40);
    expect(hits.map((h) => h.source.id)).toEqual([260, 261, 262, 263, 264].map(id));
  });

  it('finds nothing for an absent word or a zero limit', async () => {
    expect(await store.searchSentences(parseSearchQuery('"submarine"')!, 10)).toEqual([]);
    expect(await store.searchSentences(parseSearchQuery('"drone"')!, 0)).toEqual([]);
  });
});

describe('search ties', () => {
  it('shows equally scored hits newest publication first', async () => {
    const store = openSqliteCorpus();
    await write(store, 'a', '2024-01-10', 'Storm Shadow missiles arrived in Kyiv.');
    await write(store, 'b', '2024-03-10', 'Storm Shadow missiles arrived in Kyiv.');
    await write(store, 'c', '2024-02-10', 'Storm Shadow missiles arrived in Kyiv.');
    await write(store, 'd', '2024-04-10', 'Storm Shadow missiles arrived in Kyiv after weeks of talks in London and Paris.');
    const hits = await store.searchSentences(parseSearchQuery('"storm shadow"')!, 10);
    expect(hits.map((h) => h.source.id)).toEqual(['b', 'c', 'a', 'd']);
    store.db.close();
  });
});

describe('topic timeline over more matching events than it ranks', () => {
  const MATCHING = 1000;
  const OTHER = 200;
  let corpus: TempCorpus;
  let engine: BriefingEngine;
  let events: Event[];

  beforeEach(async () => {
    corpus = tempCorpus();
    engine = await openTestWriter({ corpusDir: corpus.corpusDir, dbPath: corpus.dbPath });
    events = [];
    for (let k = 0; k < MATCHING + OTHER; k++) {
      const matching = k < MATCHING;
      // Salience spread over the events; every 7th drone event says "drone" twice (a better topic match).
      const text = matching
        ? `Drone deliveries number ${k} reached the front${k % 7 === 0 ? ', the second drone shipment this month' : ''}.`
        : `Artillery shells number ${k} reached the front.`;
      events.push({
        id: `e${k}`,
        date: `2024-${String((k % 12) + 1).padStart(2, '0')}-15`,
        precision: 'day',
        text,
        sourceIds: [],
        members: [{ docId: `doc${k}`, index: 0 }],
        entities: [],
        amounts: [],
        salience: Math.round(((k * 7919) % 1000) + 1) / 100,
        firstSeen: '2025-01-01T00:00:00.000Z',
      });
    }
    await engine.repositories.events.replace(events, (e) => e.text, new Map());
  });
  afterEach(async () => {
    await engine.close();
    corpus.cleanup();
  });

  /** Every matching event's rank, as the timeline ranks them before choosing dates. */
  function ranked(topic: string, keep: (e: Event) => boolean): Array<{ e: Event; rank: number }> {
    const score = topicMatcher(topic);
    return events
      .filter((e) => /drone/i.test(e.text) && keep(e))
      .map((e) => ({ e, rank: e.salience * (1 + score(e.text, e.entities)) }))
      .sort((a, b) => b.rank - a.rank);
  }

  /** The best `n` of each date, by rank. */
  function bestPerDate(topic: string, keep: (e: Event) => boolean, n: number): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const { e } of ranked(topic, keep)) {
      const list = out.get(e.date) ?? [];
      if (list.length < n) list.push(e.id);
      out.set(e.date, list);
    }
    return out;
  }

  it('counts every matching event exactly and spans every date with its best ranked', async () => {
    const result = await engine.timeline({ topic: 'drone', limit: 20 });
    expect(result.total).toBe(MATCHING);
    expect(result.entries).toHaveLength(20);
    const dates = result.entries.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    // Twelve equally covered dates: each is shown, led by its best-ranked event.
    const best = bestPerDate('drone', () => true, 1);
    expect(new Set(dates).size).toBe(12);
    for (const [date, [id]] of best) expect(result.entries.find((e) => e.date === date)!.eventId).toBe(id);
    // Within the same ranked pool: nothing from outside the matching events.
    const pool = new Set(ranked('drone', () => true).map((r) => r.e.id));
    for (const e of result.entries) expect(pool.has(e.eventId)).toBe(true);
  });

  it('counts exactly within a range, and fills the limit from the dates it has', async () => {
    const result = await engine.timeline({ topic: 'drone', from: '2024-03', to: '2024-04', limit: 10 });
    const inRange = (e: Event) => e.date >= '2024-03-01' && e.date <= '2024-04-30';
    expect(result.total).toBe(events.filter((e) => /drone/i.test(e.text) && inRange(e)).length);
    expect(result.entries).toHaveLength(10);
    const best = bestPerDate('drone', inRange, 3);
    for (const [date, ids] of best) {
      const shown = result.entries.filter((e) => e.date === date).map((e) => e.eventId);
      expect(shown.slice(0, 3).sort()).toEqual([...ids].sort());
    }
  });

  it('still hands the digest every matching event, with its members', async () => {
    const all = await engine.events({ topic: 'drone' });
    expect(all).toHaveLength(MATCHING);
    expect(all.every((e) => e.members.length === 1)).toBe(true);
  });

  it('reads events without members only when asked', async () => {
    const light = await engine.repositories.events.find({ limit: 5, members: false });
    const full = await engine.repositories.events.find({ limit: 5 });
    expect(light.map((e) => e.members)).toEqual([[], [], [], [], []]);
    expect(light.map(({ members: _m, ...rest }) => rest)).toEqual(full.map(({ members: _m, ...rest }) => rest));
    expect(full.every((e) => e.members.length === 1)).toBe(true);
    // Best first by salience.
    const saliences = full.map((e) => e.salience);
    expect([...saliences].sort((a, b) => b - a)).toEqual(saliences);
  });
});
