/**
 * The engine end to end on the bundled seed corpus: what a user of /timeline,
 * /summary, /sources and /search would see.
 */
import { markRepetition } from '../../src/ingest/repetition-marks.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefingEngine } from '../../src/engine.js';
import { openTestWriter } from '../helpers/app.js';
import { tempCorpus, type TempCorpus } from '../helpers/corpus.js';

const BANNER_WORDS = /your support|donation|support now|open image in gallery|read more|pa wire/i;

describe('engine on the seeds', () => {
  let corpus: TempCorpus;
  let engine: BriefingEngine;

  beforeAll(async () => {
    corpus = tempCorpus({ seeds: true });
    engine = await openTestWriter({ corpusDir: corpus.corpusDir, dbPath: corpus.dbPath });
    const report = await engine.refresh();
    expect(report.added).toBe(5);
    expect(report.skipped).toEqual([]);
  });
  afterAll(async () => {
    await engine.close();
    corpus.cleanup();
  });

  it('knows how each publication date was found', async () => {
    const docs = Object.fromEntries((await engine.sources()).map((d) => [d.id.slice(0, 3), d]));
    expect(docs['000']).toMatchObject({ published: '2024-12-23', publishedFrom: 'stated', relevant: true });
    expect(docs['001']).toMatchObject({ published: '2024-12-19', publishedFrom: 'stated', relevant: true });
    expect(docs['002']).toMatchObject({ published: '2024-12-19', publishedFrom: 'inferred', relevant: true });
    // No date in its text: inferred from the dated article that quotes the same interview.
    expect(docs['003']).toMatchObject({ published: '2024-12-19', publishedFrom: 'inferred', relevant: true });
    expect(docs['004']!.published).toBe('2025-01-16');
  });

  it('leaves the repetition marks a fresh judgement gives after dating documents again', async () => {
    // Date inference rewrote 002 and 003 and kept their banner marks without judging the corpus again.
    expect([...(await markRepetition(engine.repositories.corpus))]).toEqual([]);
  });

  it('dates the £225 million package 2024-12-19 with both reporting documents as sources', async () => {
    const { entries } = await engine.timeline({ limit: 200 });
    const pkg = entries.filter((e) => /225 million|£225/.test(e.text));
    expect(pkg.length).toBeGreaterThanOrEqual(1);
    const merged = pkg.find((e) => e.sources.length >= 2);
    expect(merged, JSON.stringify(pkg, null, 1)).toBeDefined();
    expect(merged!.date).toBe('2024-12-19');
    expect(merged!.sources.map((s) => s.id.slice(0, 3)).sort()).toEqual(expect.arrayContaining(['002', '003']));
  });

  it('resolves past-tense weekdays into the past: nothing on Christmas Day', async () => {
    const { entries } = await engine.timeline({ limit: 200 });
    expect(entries.length).toBeGreaterThan(5);
    expect(entries.map((e) => e.date)).not.toContain('2024-12-25');
    for (const e of entries) {
      expect(e.date <= '2025-01-16', `${e.date} ${e.text}`).toBe(true);
      expect(e.sources.length).toBeGreaterThan(0);
    }
    // Oldest first.
    const dates = entries.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('keeps precision: the 2014 annexation is a year, not a day', async () => {
    const { entries } = await engine.timeline({ limit: 200 });
    for (const e of entries) expect(e.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    const crimea = entries.find((e) => /Crimea/.test(e.text) && e.date.startsWith('2014'));
    if (crimea) expect(crimea.date).toBe('2014');
  });

  it('never shows banners, captions or credits', async () => {
    const { entries } = await engine.timeline({ limit: 200 });
    const summary = await engine.summary({});
    const search = await engine.search('support', 50);
    const texts = [...entries.map((e) => e.text), ...summary.sentences.map((s) => s.text), ...search.map((h) => h.text)];
    for (const t of texts) expect(t).not.toMatch(BANNER_WORDS);
  });

  it('summarises in 5 to 8 cited sentences, focused on a topic when asked', async () => {
    const all = await engine.summary({});
    expect(all.sentences.length).toBeGreaterThanOrEqual(5);
    expect(all.sentences.length).toBeLessThanOrEqual(8);
    for (const s of all.sentences) expect(s.sources.length).toBeGreaterThan(0);
    const training = await engine.summary({ topic: 'training' });
    expect(training.sentences.length).toBeGreaterThan(0);
    expect(training.sentences.some((s) => /train/i.test(s.text))).toBe(true);
  });

  it('filters the timeline by topic and range', async () => {
    const peace = await engine.timeline({ topic: 'peacekeepers' });
    expect(peace.entries.length).toBeGreaterThan(0);
    for (const e of peace.entries) expect(e.sources.some((s) => s.id.startsWith('004'))).toBe(true);
    const dec = await engine.timeline({ from: '2024-12-18', to: '2024-12-19', limit: 200 });
    expect(dec.entries.length).toBeGreaterThan(0);
    for (const e of dec.entries) expect(e.date >= '2024-12-18' && e.date <= '2024-12-19').toBe(true);
  });

  it('searches with stemming and phrases', async () => {
    const hits = await engine.search('Interflex');
    expect(hits.length).toBeGreaterThanOrEqual(2);
    const phrase = await engine.search('"artillery barrels"');
    expect(phrase[0]?.text).toMatch(/artillery barrels/);
    expect(await engine.search('zzzz-not-a-word')).toEqual([]);
  });

  it('hands out sources a caller may change without changing the next answer', async () => {
    const first = await engine.timeline({ limit: 200 });
    const cited = first.entries.find((e) => e.sources.length >= 2)!;
    const title = cited.sources[0]!.title;
    cited.sources[0]!.title = 'changed by a caller';
    const again = await engine.timeline({ limit: 200 });
    expect(again.entries.find((e) => e.eventId === cited.eventId)!.sources[0]!.title).toBe(title);
  });

  it('offers frequent names for topic autocomplete', async () => {
    const names = await engine.suggestTopics('hea', 25);
    expect(names.some((n) => /Healey/.test(n))).toBe(true);
  });
});
