/**
 * New articles are folded into the events of their dates without rebuilding
 * the rest; the answers are the ones a full rebuild gives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openTestWriter } from '../helpers/app.js';
import { rebuildEvents } from '../../src/ingest/run.js';
import type { BriefingEngine } from '../../src/engine.js';
import { SEEDS_DIR, tempCorpus } from '../helpers/corpus.js';
import { sqliteHandle } from '../../bench/lib/sqlite-handle.js';
import { REPETITION_RULES, REPETITION_RULES_KEY } from '../../src/store/repetition-rules.js';

const signature = (entries: Array<{ date: string; sources: Array<{ id: string }> }>) =>
  entries.map((e) => `${e.date} ${e.sources.map((s) => s.id).sort().join('+')}`).sort();

describe('incremental events', () => {
  const grown = tempCorpus();
  const full = tempCorpus({ seeds: true });
  afterAll(() => {
    grown.cleanup();
    full.cleanup();
  });

  it('folds a new article into existing events, as a full rebuild would', async () => {
    const seeds = fs.readdirSync(SEEDS_DIR).sort();
    const later = seeds.filter((f) => f.startsWith('003_'));
    for (const f of seeds) if (!later.includes(f)) grown.write(f, fs.readFileSync(path.join(SEEDS_DIR, f)));
    const engine = await openTestWriter({ corpusDir: grown.corpusDir, dbPath: grown.dbPath });
    expect((await engine.refresh()).events).toBe('rebuilt');
    const before = await engine.timeline({ limit: 200 });
    expect(before.entries.some((e) => /225 million/.test(e.text) && e.sources.length === 1)).toBe(true);

    for (const f of later) grown.write(f, fs.readFileSync(path.join(SEEDS_DIR, f)));
    const report = await engine.refresh();
    expect(report).toMatchObject({ added: 1, events: 'extended' });
    const after = await engine.timeline({ limit: 200 });
    // The £225 million pledge now cites both outlets, and kept its id.
    const pledge = after.entries.find((e) => /225 million/.test(e.text))!;
    expect(pledge.sources.map((s) => s.id.slice(0, 3)).sort()).toEqual(['002', '003']);
    expect(before.entries.find((e) => /225 million/.test(e.text))!.eventId).toBe(pledge.eventId);
    // Topic filters see the new article's words.
    expect((await engine.timeline({ topic: 'Umerov' })).entries.length).toBeGreaterThan(0);

    const reference = await openTestWriter({ corpusDir: full.corpusDir, dbPath: full.dbPath });
    await reference.refresh();
    const rebuilt = await reference.timeline({ limit: 200 });
    expect(signature(after.entries)).toEqual(signature(rebuilt.entries));
    // What a topic filter searches of the grown event holds every word the rebuilt one's does.
    const textOf = async (e: BriefingEngine, id: string) => (await e.repositories.events.heldParts([id])).get(id)?.searchText ?? '';
    const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}£]+/gu) ?? []);
    const grownWords = wordsOf(await textOf(engine, pledge.eventId));
    const rebuiltWords = wordsOf(await textOf(reference, rebuilt.entries.find((e) => /225 million/.test(e.text))!.eventId));
    expect(rebuiltWords.size).toBeGreaterThan(20);
    expect([...rebuiltWords].filter((w) => !grownWords.has(w))).toEqual([]);
    await reference.close();

    // Nothing new: nothing to do.
    expect((await engine.refresh()).events).toBe('unchanged');
    // An edit to an older article rebuilds.
    grown.write(seeds[0]!, `${fs.readFileSync(path.join(SEEDS_DIR, seeds[0]!), 'utf8')}\nThe UK will send 50 more drones on Friday.`);
    expect((await engine.refresh()).events).toBe('rebuilt');
    await engine.close();
  });
});

describe('incremental events with banners', () => {
  const corpus = tempCorpus();
  afterAll(() => corpus.cleanup());

  it('a new article carrying a banner older ones carry is still folded in, not rebuilt', async () => {
    const banner =
      'The Evening Ledger is an independent newspaper owned by a charitable trust. Our reporters cover politics, business and culture across the region. Every article is checked by two editors before it is published. We correct our mistakes openly on our corrections page.';
    const article = (date: string, body: string) => ` date ${date}\n${banner}\n\n${body}`;
    corpus.write('a.txt', article('2023-04-03', 'The UK confirmed on Monday that it will send Challenger 2 tanks to Ukraine within weeks.'));
    corpus.write('b.txt', article('2023-04-05', 'British instructors began training Ukrainian tank crews in Dorset on Tuesday, the army said.'));
    const engine = await openTestWriter({ corpusDir: corpus.corpusDir, dbPath: corpus.dbPath });
    expect((await engine.refresh()).events).toBe('rebuilt');
    corpus.write('c.txt', article('2023-04-07', 'The UK pledged £50 million for Ukrainian air defence on Friday, ministers said.'));
    expect((await engine.refresh()).events).toBe('extended');
    expect(await engine.search('charitable trust')).toEqual([]);
    expect((await engine.timeline({ topic: 'air defence' })).entries[0]?.date).toBe('2023-04-07');
    await engine.close();
  });
});

describe('repetition marks judged under other rules', () => {
  const corpus = tempCorpus();
  afterAll(() => corpus.cleanup());

  it('are judged again over the whole corpus once, by the next run, and new articles are folded in after that', async () => {
    const banner =
      'The Evening Ledger is an independent newspaper owned by a charitable trust. Our reporters cover politics, business and culture across the region. Every article is checked by two editors before it is published. We correct our mistakes openly on our corrections page.';
    const article = (date: string, body: string) => ` date ${date}\n${banner}\n\n${body}`;
    corpus.write('a.txt', article('2023-04-03', 'The UK confirmed on Monday that it will send Challenger 2 tanks to Ukraine within weeks.'));
    corpus.write('b.txt', article('2023-04-05', 'British instructors began training Ukrainian tank crews in Dorset on Tuesday, the army said.'));
    const engine = await openTestWriter({ corpusDir: corpus.corpusDir, dbPath: corpus.dbPath });
    const { meta, corpus: store } = engine.repositories;
    expect((await engine.refresh()).events).toBe('rebuilt');
    expect(await meta.get(REPETITION_RULES_KEY)).toBe(REPETITION_RULES);
    // As a database judged by an older program holds them.
    await meta.set(REPETITION_RULES_KEY, 'holders ranked by document id');
    const whole = vi.spyOn(store, 'sharedParagraphs');
    expect((await engine.refresh()).events).toBe('rebuilt');
    expect(whole).toHaveBeenCalledTimes(1);
    expect(await meta.get(REPETITION_RULES_KEY)).toBe(REPETITION_RULES);
    corpus.write('c.txt', article('2023-04-07', 'The UK pledged £50 million for Ukrainian air defence on Friday, ministers said.'));
    expect((await engine.refresh()).events).toBe('extended');
    expect(whole).toHaveBeenCalledTimes(1);
    whole.mockRestore();
    expect(await engine.search('charitable trust')).toEqual([]);
    await engine.close();
  });
});

describe('folding new articles in writes only what changed', () => {
  const corpus = tempCorpus();
  afterAll(() => corpus.cleanup());

  it('rewrites the event a new report joined and leaves the others of its dates alone', async () => {
    corpus.write('a.txt', ' date 2023-05-02\nThe UK pledged £45 million in military aid to Ukraine on Tuesday, the Ministry of Defence said.');
    corpus.write('b.txt', ' date 2023-05-02\nThe UK gave Ukraine £30 million on Tuesday to rebuild Ukrainian hospitals hit by Russian strikes, the Foreign Office said.');
    const engine = await openTestWriter({ corpusDir: corpus.corpusDir, dbPath: corpus.dbPath });
    expect((await engine.refresh()).events).toBe('rebuilt');
    const rows = () =>
      sqliteHandle(engine.repositories.corpus).prepare('SELECT rowid AS at, text, source_ids AS sources FROM events ORDER BY text').all() as Array<{
        at: number;
        text: string;
        sources: string;
      }>;
    const before = rows();
    expect(before).toHaveLength(2);

    corpus.write('c.txt', ' date 2023-05-02\nBritain on Tuesday pledged £45 million of military aid for Ukraine, defence ministers said.');
    expect((await engine.refresh()).events).toBe('extended');
    const after = rows();
    const aid = (list: typeof before) => list.find((r) => /£45 million/.test(r.text))!;
    const hospitals = (list: typeof before) => list.find((r) => /hospitals/.test(r.text))!;
    // Same events, the pledge now cited twice; only its row was written again.
    expect(after).toHaveLength(2);
    expect(JSON.parse(aid(after).sources)).toHaveLength(2);
    expect(aid(after).at).not.toBe(aid(before).at);
    expect(hospitals(after)).toEqual(hospitals(before));
    await engine.close();
  });
});

describe('a large rebuild, a slice of documents at a time', () => {
  const corpus = tempCorpus({ seeds: true });
  afterAll(() => corpus.cleanup());

  it('gives the timeline a single pass gives, and stays stale until the last slice is in', async () => {
    corpus.write('later/drones.md', `---\ntitle: More drones\ndate: 2025-01-17\noutlet: Lowland Post\n---\n\nThe UK will send 300 more drones to Ukraine, Defence Secretary John Healey said on Friday in Kyiv.\n`);
    const engine = await openTestWriter({ corpusDir: corpus.corpusDir, dbPath: corpus.dbPath });
    await engine.refresh();
    const single = await engine.timeline({ limit: 200 });

    // Two documents per slice: the seeds and the new article are folded in, oldest first.
    await rebuildEvents(engine.repositories, { singleBuildMaxDocs: 2, sliceDocs: 2, writeEvents: 2, threadedReadMinDocs: 1 });
    const sliced = await engine.timeline({ limit: 200 });
    expect(signature(sliced.entries)).toEqual(signature(single.entries));
    expect(sliced.entries.find((e) => /225 million/.test(e.text))!.sources).toHaveLength(2);
    expect(await engine.repositories.events.current()).toBe(true);

    // One pass with half the documents read on a thread: the same events as read on this thread alone.
    await rebuildEvents(engine.repositories, { singleBuildMaxDocs: 1000, sliceDocs: 2, writeEvents: 2, threadedReadMinDocs: 1 });
    expect(signature((await engine.timeline({ limit: 200 })).entries)).toEqual(signature(single.entries));

    // Slices read on this thread (a corpus in memory has no file for a thread), or by a thread that fails to start: the same events.
    const { corpus: realCorpus, events: realEvents } = engine.repositories;
    for (const readerFile of [null, '/nonexistent/briefing.db']) {
      const locator = readerFile === null ? null : { kind: 'sqlite' as const, file: readerFile };
      const corpus = Object.create(realCorpus, { locator: { value: () => locator } }) as typeof realCorpus;
      await rebuildEvents({ corpus, events: realEvents }, { singleBuildMaxDocs: 2, sliceDocs: 2, writeEvents: 2, threadedReadMinDocs: 1 });
      expect(signature((await engine.timeline({ limit: 200 })).entries)).toEqual(signature(single.entries));
    }

    // Killed while folding slices, or while writing the events: still stale, so the next run rebuilds them.
    for (const [repository, method, call] of [['corpus', 'analysisSentences', 2], ['events', 'upsert', 2]] as const) {
      let calls = 0;
      const real = engine.repositories[repository] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const killed = {
        [method]: {
          value: async (...args: unknown[]) => {
            if (++calls === call) throw new Error('killed');
            return real[method]!.apply(real, args);
          },
        },
      };
      const corpus = Object.create(realCorpus, { locator: { value: () => null }, ...(repository === 'corpus' ? killed : {}) }) as typeof realCorpus;
      const events = repository === 'events' ? (Object.create(realEvents, killed) as typeof realEvents) : realEvents;
      await expect(rebuildEvents({ corpus, events }, { singleBuildMaxDocs: 2, sliceDocs: 2, writeEvents: 2, threadedReadMinDocs: 1 })).rejects.toThrow('killed');
      expect(await engine.repositories.events.current()).toBe(false);
    }
    expect((await engine.refresh()).events).toBe('rebuilt');
    expect(signature((await engine.timeline({ limit: 200 })).entries)).toEqual(signature(single.entries));
    await engine.close();
  });
});
