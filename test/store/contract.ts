/**
 * The storage contract: the same cases against every Store backend. A
 * backend hands out an empty store per case; what a user would see (search
 * hits, timeline rows, counts, autocomplete) is asserted, never the SQL.
 */
import { markRepetition } from '../../src/ingest/repetition-marks.js';
import { beforeEach, expect, it } from 'vitest';
import type { Event, ParsedDocument, ParsedSentence } from '../../src/core/model.js';
import { parseSearchQuery } from '../../src/store/search-query.js';
import type { DocumentWrite, FileRecord, Store } from '../../src/store/store.js';

export interface StoreBackend {
  /** An empty store (the previous case's data gone). */
  fresh(): Promise<Store>;
}

const INGESTED_AT = '2025-01-20T10:00:00.000Z';

type SentenceSpec = string | { text: string; paragraph?: number; people?: string[]; dates?: Array<[string, string]> };

function docWrite(id: string, published: string | null, specs: SentenceSpec[], opts: { relevant?: boolean; title?: string } = {}): DocumentWrite {
  const sentences: ParsedSentence[] = specs.map((spec, index) => {
    const s = typeof spec === 'string' ? { text: spec } : spec;
    return {
      index,
      paragraph: s.paragraph ?? index,
      text: s.text,
      dates: (s.dates ?? []).map(([text, date]) => ({ text, date, precision: date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year' })),
      people: s.people ?? [],
      organisations: [],
      amounts: [],
    } as ParsedSentence;
  });
  const doc: ParsedDocument = {
    id,
    title: opts.title ?? `Title of ${id}`,
    outlet: 'The Test Outlet',
    url: `https://example.org/${id}`,
    published,
    publishedFrom: published ? 'stated' : 'unknown',
    sentences,
    relevance: opts.relevant === false ? 0.1 : 0.9,
    relevant: opts.relevant ?? true,
    warnings: [],
  };
  return { doc, sentenceHashes: sentences.map((s) => `h:${s.text.toLowerCase()}`), quoteKeys: [] };
}

function fileOf(path: string, hash = `hash-${path}`): FileRecord & { format: 'txt' } {
  return { path, contentHash: hash, size: 100, mtimeMs: 1_700_000_000_000.5, status: 'ingested', message: null, format: 'txt' };
}

function event(id: string, date: string, salience: number, text: string, extra: Partial<Event> = {}): Event {
  return {
    id,
    date,
    precision: date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year',
    text,
    sourceIds: ['a'],
    members: [{ docId: 'a', index: 0 }],
    entities: [],
    amounts: [],
    salience,
    firstSeen: '2025-01-01T00:00:00.000Z',
    ...extra,
  };
}

const search = (store: Store, words: string, limit = 10) => store.searchSentences(parseSearchQuery(words)!, limit);
const texts = (hits: Array<{ text: string }>) => hits.map((h) => h.text).sort();

export function storeContract(backend: StoreBackend): void {
  let store: Store;
  beforeEach(async () => {
    store = await backend.fresh();
  });

  it('keeps a file and its documents, and reports them back as written', async () => {
    await store.writeFile(fileOf('a.txt'), [docWrite('a', '2024-12-19', ['First sentence here.', 'Second one.'])], INGESTED_AT);
    const files = await store.fileRecords();
    expect(files.get('a.txt')).toEqual({
      path: 'a.txt',
      contentHash: 'hash-a.txt',
      size: 100,
      mtimeMs: 1_700_000_000_000.5,
      status: 'ingested',
      message: null,
    });
    const doc = await store.document('a');
    expect(doc).toMatchObject({ id: 'a', path: 'a.txt', format: 'txt', published: '2024-12-19', relevant: true, duplicateOf: null });
    expect(await store.document('missing')).toBeNull();
    expect(await store.stats()).toEqual({ documents: 1, relevant: 1, sentences: 2, firstPublished: '2024-12-19', lastPublished: '2024-12-19' });
    // Writing new text leaves the events stale until they are rebuilt.
    expect(await store.eventsCurrent()).toBe(false);
    await store.updateFileTimes([{ path: 'a.txt', mtimeMs: 42 }]);
    expect((await store.fileRecords()).get('a.txt')?.mtimeMs).toBe(42);
  });

  it('replaces what a file held when it is written again, and forgets a retired file', async () => {
    await store.writeFile(fileOf('a.txt'), [docWrite('a', '2024-12-19', ['Old words about tanks.'])], INGESTED_AT);
    await store.writeFile(fileOf('a.txt', 'new'), [docWrite('a', '2024-12-20', ['New words about drones.'])], INGESTED_AT);
    expect(texts(await search(store, 'tanks'))).toEqual([]);
    expect(texts(await search(store, 'drones'))).toEqual(['New words about drones.']);
    await store.retireFile('a.txt');
    expect(await store.document('a')).toBeNull();
    expect((await store.fileRecords()).has('a.txt')).toBe(false);
    expect(texts(await search(store, 'drones'))).toEqual([]);
  });

  it('keeps a skipped file out with its reason, removing what it held', async () => {
    await store.writeFile(fileOf('a.txt'), [docWrite('a', '2024-12-19', ['Words.'])], INGESTED_AT);
    await store.writeSkipped({ ...fileOf('a.txt'), status: 'skipped', message: 'not UTF-8' });
    expect((await store.fileRecords()).get('a.txt')).toMatchObject({ status: 'skipped', message: 'not UTF-8' });
    expect(await store.documents()).toEqual([]);
  });

  it('writes a batch with each file on its own: one failing file keeps only itself out', async () => {
    const bad = docWrite('b', '2024-12-19', ['One.', 'Two.']);
    bad.doc.sentences[1]!.index = 0; // two sentences at one position: refused by the store
    const results = await store.writeFiles([
      { file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-18', ['Alpha text.'])], ingestedAt: INGESTED_AT },
      { file: fileOf('b.txt'), documents: [bad], ingestedAt: INGESTED_AT },
      { file: fileOf('c.txt'), documents: [docWrite('c', null, ['Gamma text.'])], ingestedAt: INGESTED_AT },
    ]);
    expect(results.map((r) => r instanceof Error)).toEqual([false, true, false]);
    expect((await store.documents()).map((d) => d.id)).toEqual(['a', 'c']);
    expect([...(await store.fileRecords()).keys()].sort()).toEqual(['a.txt', 'c.txt']);
  });

  it('lists documents dated first in date order, undated last', async () => {
    await store.writeFile(fileOf('z.txt'), [docWrite('z', null, ['Undated.'])], INGESTED_AT);
    await store.writeFile(fileOf('b.txt'), [docWrite('b', '2024-12-20', ['Later.'])], INGESTED_AT);
    await store.writeFile(fileOf('B.txt'), [docWrite('B', '2024-12-20', ['Same day, capital id.'])], INGESTED_AT);
    await store.writeFile(fileOf('a.txt'), [docWrite('a', '2024-12-01', ['Earlier.'])], INGESTED_AT);
    // Ids compare byte by byte ("B" before "b"), whatever the database's locale.
    expect((await store.documents()).map((d) => d.id)).toEqual(['a', 'B', 'b', 'z']);
    expect(await store.analysisDocumentIds()).toEqual(['a', 'B', 'b', 'z']);
  });

  it('finds stemmed words: a search for "training" finds "trained" and "trains"', async () => {
    await store.writeFile(
      fileOf('a.txt'),
      [docWrite('a', '2024-12-19', ['British soldiers trained Ukrainian recruits.', 'The programme trains pilots.', 'Nothing relevant here.'])],
      INGESTED_AT,
    );
    expect(texts(await search(store, 'training'))).toEqual(['British soldiers trained Ukrainian recruits.', 'The programme trains pilots.']);
    expect(texts(await search(store, 'Soldier'))).toEqual(['British soldiers trained Ukrainian recruits.']);
  });

  it('needs every word of a query, and a quoted phrase in its order', async () => {
    await store.writeFile(
      fileOf('a.txt'),
      [
        docWrite('a', '2024-12-19', [
          'The defence minister visited Kyiv.',
          'A minister of defence spoke.',
          'The minister spoke about defence spending.',
          'Healey announced training.',
          'Healey spoke.',
        ]),
      ],
      INGESTED_AT,
    );
    expect(texts(await search(store, '"defence minister"'))).toEqual(['The defence minister visited Kyiv.']);
    expect(texts(await search(store, 'defence minister'))).toEqual([
      'A minister of defence spoke.',
      'The defence minister visited Kyiv.',
      'The minister spoke about defence spending.',
    ]);
    expect(texts(await search(store, 'Healey training'))).toEqual(['Healey announced training.']);
  });

  it('treats operators and punctuation a user types as words, never as query syntax', async () => {
    await store.writeFile(fileOf('a.txt'), [docWrite('a', '2024-12-19', ['Storm Shadow missiles NOT delivered.', 'Other text.'])], INGESTED_AT);
    for (const q of ['storm AND shadow', 'storm OR', '"storm', 'storm -shadow', 'storm:shadow*', "storm' OR 1=1 --"]) {
      const hits = await search(store, q);
      expect(hits.every((h) => h.text.startsWith('Storm Shadow'))).toBe(true);
    }
    expect(texts(await search(store, 'storm shadow'))).toEqual(['Storm Shadow missiles NOT delivered.']);
  });

  it('leaves banners, off-topic documents and reprints out of search, and never answers short because of them', async () => {
    const docs = [docWrite('on', '2024-12-19', ['Sanctions on Russia widened.'])];
    const off = docWrite('off', '2024-12-19', ['Sanctions on football clubs.'], { relevant: false });
    await store.writeFile(fileOf('on.txt'), docs, INGESTED_AT);
    await store.writeFile(fileOf('off.txt'), [off], INGESTED_AT);
    // Many newer matches, all in a banner forty documents carry, ahead of the one that counts.
    const banner = ['Sanctions briefing: sign up today.', 'Our sanctions newsletter is free.', 'Sanctions news every morning.'];
    for (let i = 0; i < 40; i++) {
      const d = docWrite(`n${i}`, '2024-12-20', [{ text: `Story ${i} about the weather in town ${i}.`, paragraph: 0 }, ...banner.map((text) => ({ text, paragraph: 1 }))]);
      await store.writeFile(fileOf(`n${i}.txt`), [d], INGESTED_AT);
    }
    await markRepetition(store);
    const hits = await search(store, 'sanctions', 5);
    expect(hits.map((h) => h.source.id)).not.toContain('off');
    expect(hits.map((h) => h.text)).toContain('Sanctions on Russia widened.');
    const hit = hits.find((h) => h.source.id === 'on')!;
    expect(hit).toEqual({
      text: 'Sanctions on Russia widened.',
      date: '2024-12-19',
      source: { id: 'on', title: 'Title of on', outlet: 'The Test Outlet', published: '2024-12-19', url: 'https://example.org/on' },
    });
  });

  it('marks a paragraph two documents share as a banner and a whole copy as a reprint, and says which documents changed', async () => {
    const shared = ['Subscribe to our daily newsletter.', 'It is free to join.', 'Unsubscribe at any time.'].map((text) => ({ text, paragraph: 5 }));
    await store.writeFile(fileOf('a.txt'), [docWrite('a', '2024-12-18', ['Tanks arrived in Kyiv.', 'More on tanks.', ...shared])], INGESTED_AT);
    await store.writeFile(fileOf('b.txt'), [docWrite('b', '2024-12-19', ['Drones were shot down.', 'More on drones.', ...shared])], INGESTED_AT);
    const original = ['Grain exports resumed from Odesa.', 'Ships left the port.', 'Insurers raised prices.'];
    await store.writeFile(fileOf('c.txt'), [docWrite('c', '2024-12-17', original)], INGESTED_AT);
    await store.writeFile(fileOf('d.txt'), [docWrite('d', '2024-12-20', original)], INGESTED_AT);
    const changed = await markRepetition(store);
    expect([...changed].sort()).toEqual(['a', 'b', 'd']);
    expect((await store.document('d'))?.duplicateOf).toBe('c');
    expect((await store.document('c'))?.duplicateOf).toBeNull();
    const banners = await store.documentsWithBanners();
    expect(banners.map((d) => d.id)).toEqual(['a', 'b']);
    expect(banners[0]!.sentences.filter((s) => s.boilerplate).map((s) => s.text)).toEqual(shared.map((s) => s.text));
    // Analysis reads neither banners nor reprints.
    const read = await store.analysisSentences();
    expect(read.map((s) => s.text)).not.toContain(shared[0]!.text);
    expect(read.some((s) => s.docId === 'd')).toBe(false);
    // Nothing new: nothing changes.
    expect([...(await markRepetition(store))]).toEqual([]);
    // A rewrite with the same sentences keeps the marks without judging again.
    const kept = await store.rewriteKeepingRepetition(fileOf('a.txt'), [docWrite('a', '2024-12-18', ['Tanks arrived in Kyiv.', 'More on tanks.', ...shared])], INGESTED_AT);
    expect(kept).toBe(true);
    expect((await store.documentsWithBanners(['a'])).map((d) => d.id)).toEqual(['a']);
    const rewritten = await store.rewriteKeepingRepetition(fileOf('d.txt'), [docWrite('d', '2024-12-20', ['Different words now.'])], INGESTED_AT);
    expect(rewritten).toBe(false);
  });

  it('gives analysis its sentences filtered by date, words and documents, newest first under a cap', async () => {
    await store.writeFile(fileOf('a.txt'), [docWrite('a', '2024-12-01', ['Tanks in December.', 'Drones in December.'])], INGESTED_AT);
    await store.writeFile(fileOf('b.txt'), [docWrite('b', '2025-01-10', ['Tanks in January.'])], INGESTED_AT);
    await store.writeFile(fileOf('u.txt'), [docWrite('u', null, ['Tanks undated.'])], INGESTED_AT);
    await store.writeFile(fileOf('x.txt'), [docWrite('x', '2025-01-11', ['Tanks off topic.'], { relevant: false })], INGESTED_AT);
    const all = await store.analysisSentences();
    expect(all.map((s) => s.text)).toEqual(['Tanks in December.', 'Drones in December.', 'Tanks in January.', 'Tanks undated.']);
    expect(all[0]!.doc).toBe(all[1]!.doc);
    expect(all[0]).toMatchObject({ docId: 'a', index: 0, paragraph: 0, boilerplate: false, doc: { id: 'a', published: '2024-12-01', publishedFrom: 'stated' } });
    expect((await store.analysisSentences({ from: '2025-01-01' })).map((s) => s.text)).toEqual(['Tanks in January.']);
    expect((await store.analysisSentences({ to: '2024-12-31', match: parseSearchQuery('tank')! })).map((s) => s.text)).toEqual(['Tanks in December.']);
    expect((await store.analysisSentences({ docIds: ['u', 'b'] })).map((s) => s.text)).toEqual(['Tanks in January.', 'Tanks undated.']);
    expect((await store.analysisSentences({ limit: 2 })).map((s) => s.text)).toEqual(['Tanks in January.', 'Tanks in December.']);
    const texts = await store.sentenceTexts([{ docId: 'a', index: 1 }, { docId: 'b', index: 0 }, { docId: 'b', index: 9 }]);
    expect(texts.map((t) => t.text).sort()).toEqual(['Drones in December.', 'Tanks in January.']);
  });

  it('keeps events: a range holds an event when its whole period does, best first under a limit', async () => {
    const events = [
      event('e1', '2024-12-18', 0.9, 'Aid package announced.', { entities: ['John Healey'] }),
      event('e2', '2024-12', 0.5, 'A month of talks.'),
      event('e3', '2024', 0.7, 'A year of support.'),
      event('e4', '2025-01-16', 0.8, 'Drones pledged.', { firstSeen: '2025-01-16T09:00:00.000Z' }),
    ];
    await store.replaceEvents(events, (e) => `${e.text} ${e.entities.join(' ')}`, new Map([['John Healey', 3]]));
    expect(await store.eventsCurrent()).toBe(true);
    const ids = (evs: Event[]) => evs.map((e) => e.id);
    expect(ids(await store.events({}))).toEqual(['e1', 'e4', 'e3', 'e2']);
    expect(ids(await store.events({ from: '2024-12-01', to: '2024-12-31' }))).toEqual(['e1', 'e2']);
    expect(ids(await store.events({ from: '2024-12-18', to: '2024-12-19' }))).toEqual(['e1']);
    expect(ids(await store.events({ from: '2024-01-01', to: '2024-12-31', limit: 2 }))).toEqual(['e1', 'e3']);
    expect(ids(await store.events({ match: parseSearchQuery('healey')! }))).toEqual(['e1']);
    expect(ids(await store.events({ arrivedSince: '2025-01-10T00:00:00.000Z' }))).toEqual(['e4']);
    expect(await store.eventCount({ from: '2024-12-01', to: '2024-12-31' })).toBe(2);
    expect(await store.eventCount()).toBe(4);
    const [full] = await store.events({ match: parseSearchQuery('healey')! });
    expect(full).toEqual(events[0]);
    expect((await store.events({ limit: 1, members: false }))[0]!.members).toEqual([]);
    expect(ids(await store.eventsOn(['2024-12', '2025-01-16']))).toEqual(['e2', 'e4']);
  });

  it('adds and replaces events by id, and keeps them stale while a rebuild is still adding', async () => {
    await store.replaceEvents([event('e1', '2024-12-18', 0.5, 'First.')], (e) => e.text, new Map([['Nato', 2]]));
    await store.upsertEvents([event('e1', '2024-12-18', 0.9, 'First, revised.'), event('e2', '2024-12-19', 0.4, 'Second.')], (e) => e.text, new Map([['NATO', 3]]), false);
    expect(await store.eventsCurrent()).toBe(true);
    await store.clearEvents();
    expect(await store.eventsCurrent()).toBe(false);
    expect(await store.eventCount()).toBe(0);
    await store.upsertEvents([event('e1', '2024-12-18', 0.9, 'First, revised.'), event('e2', '2024-12-19', 0.4, 'Second.')], (e) => e.text, new Map(), false);
    expect(await store.eventsCurrent()).toBe(false);
    await store.upsertEvents([event('e2', '2024-12-19', 0.95, 'Second, revised.')], (e) => e.text, new Map(), true);
    expect(await store.eventsCurrent()).toBe(true);
    expect((await store.events({})).map((e) => [e.id, e.text])).toEqual([
      ['e2', 'Second, revised.'],
      ['e1', 'First, revised.'],
    ]);
  });

  it('suggests topics by prefix of any word, case-insensitively, starts of names first, then by weight', async () => {
    await store.replaceEvents(
      [],
      (e) => e.text,
      new Map([
        ['John Healey', 5],
        ['Healey', 2],
        ['Hedge funds', 9],
        ['Nato', 4],
        ['50% tariff', 1],
      ]),
    );
    expect(await store.suggestTopics('he', 10)).toEqual(['Hedge funds', 'Healey', 'John Healey']);
    expect(await store.suggestTopics('HEAL', 10)).toEqual(['Healey', 'John Healey']);
    expect(await store.suggestTopics('he', 1)).toEqual(['Hedge funds']);
    // LIKE wildcards typed by a user are plain characters.
    expect(await store.suggestTopics('50%', 10)).toEqual(['50% tariff']);
    expect(await store.suggestTopics('%', 10)).toEqual([]);
    // Weights of one name in different cases add up in one entry.
    await store.upsertEvents([], (e) => e.text, new Map([['nato', 10]]));
    expect(await store.suggestTopics('n', 10)).toHaveLength(1);
    expect(await store.suggestTopics('', 1)).toEqual([expect.stringMatching(/^nato$/i)]);
  });

  it('indexes a bulk load once at its end, and a bulk load a killed run left is finished by the next end', async () => {
    await store.beginBulkLoad();
    await store.beginBulkLoad();
    await store.writeFile(fileOf('a.txt'), [docWrite('a', '2024-12-19', ['Artillery shells delivered.'])], INGESTED_AT);
    await store.endBulkLoad();
    expect(texts(await search(store, 'artillery'))).toEqual(['Artillery shells delivered.']);
    await store.endBulkLoad();
    await store.writeFile(fileOf('b.txt'), [docWrite('b', '2024-12-20', ['Artillery again.'])], INGESTED_AT);
    expect(texts(await search(store, 'artillery'))).toEqual(['Artillery again.', 'Artillery shells delivered.']);
  });

  it('shares quoted passages: undated documents find dated neighbours quoting the same words', async () => {
    const undated = docWrite('u', null, ['He said the words.']);
    undated.quoteKeys = ['q1', 'q2'];
    const dated = docWrite('d', '2024-12-19', ['They said the words.']);
    dated.quoteKeys = ['q1', 'q2', 'q3'];
    const other = docWrite('o', '2024-12-01', ['Another.']);
    other.quoteKeys = ['q2'];
    for (const d of [undated, dated, other]) await store.writeFile(fileOf(`${d.doc.id}.txt`), [d], INGESTED_AT);
    const rows = await store.quoteNeighbours();
    expect(rows.sort((a, b) => a.neighbourPublished.localeCompare(b.neighbourPublished))).toEqual([
      { docId: 'u', neighbourPublished: '2024-12-01', shared: 1 },
      { docId: 'u', neighbourPublished: '2024-12-19', shared: 2 },
    ]);
    expect(await store.quoteNeighbours(2)).toEqual([{ docId: 'u', neighbourPublished: '2024-12-19', shared: 2 }]);
    expect(await store.quoteNeighbours(1, 2)).toEqual([{ docId: 'u', neighbourPublished: '2024-12-19', shared: 1 }]);
  });

  it('records verdicts and meta values', async () => {
    await store.writeFile(fileOf('a.txt'), [docWrite('a', '2024-12-19', ['Words.'])], INGESTED_AT);
    await store.updateVerdict('a', { title: 'Better title', relevance: 0.2, relevant: false });
    expect(await store.document('a')).toMatchObject({ title: 'Better title', relevance: 0.2, relevant: false });
    expect(await store.getMeta('nothing')).toBeNull();
    await store.setMeta('k', 'v1');
    await store.setMeta('k', 'v2');
    expect(await store.getMeta('k')).toBe('v2');
  });
}
