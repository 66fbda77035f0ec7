/**
 * The corpus contract: the same cases against every backend. A backend hands
 * out empty repositories per case; what a user would see (search hits,
 * documents, marks, counts) is asserted, never the SQL. The events are there
 * for what a corpus write does to them: it leaves them stale.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { markRepetition, markRepetitionNear } from '../../src/ingest/repetition-marks.js';
import { HOLDERS_RANKED, REPRINT_MAX_DOCS } from '../../src/ingest/repetition.js';
import type { CorpusRepository } from '../../src/store/corpus.js';
import type { EventRepository } from '../../src/store/events.js';
import { markCorpusChanged } from '../../src/store/corpus-generation.js';
import { DocumentCache } from '../../src/store/document-cache.js';
import type { MetaRepository } from '../../src/store/meta.js';
import { parseSearchQuery } from '../../src/store/search-query.js';
import type { FreshRepositories } from './helpers/corpus-backends.js';
import { docWrite, fileOf, hashOf, INGESTED_AT, search, texts } from './helpers/corpus-fixtures.js';
import { repetitionCorpus } from './helpers/repetition-corpora.js';

export function corpusContract(fresh: FreshRepositories): void {
  let corpus: CorpusRepository;
  let events: EventRepository;
  let meta: MetaRepository;
  beforeEach(async () => {
    ({ corpus, events, meta } = await fresh());
  });

  it('keeps a file and its documents, and reports them back as written', async () => {
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-19', ['First sentence here.', 'Second one.'])], ingestedAt: INGESTED_AT });
    const files = await corpus.fileRecords();
    expect(files.get('a.txt')).toEqual({
      path: 'a.txt',
      contentHash: 'hash-a.txt',
      size: 100,
      mtimeMs: 1_700_000_000_000.5,
      status: 'ingested',
      message: null,
    });
    const doc = await corpus.document('a');
    expect(doc).toMatchObject({ id: 'a', path: 'a.txt', format: 'txt', published: '2024-12-19', relevant: true, duplicateOf: null });
    expect(await corpus.document('missing')).toBeNull();
    expect(await corpus.stats()).toEqual({ documents: 1, relevant: 1, sentences: 2, firstPublished: '2024-12-19', lastPublished: '2024-12-19' });
    // Writing new text leaves the events stale until they are rebuilt.
    expect(await events.current()).toBe(false);
    await corpus.updateFileTimes([{ path: 'a.txt', mtimeMs: 42 }]);
    expect((await corpus.fileRecords()).get('a.txt')?.mtimeMs).toBe(42);
  });

  it('replaces what a file held when it is written again, and forgets a retired file', async () => {
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-19', ['Old words about tanks.'])], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('a.txt', 'new'), documents: [docWrite('a', '2024-12-20', ['New words about drones.'])], ingestedAt: INGESTED_AT });
    expect(texts(await search(corpus, 'tanks'))).toEqual([]);
    expect(texts(await search(corpus, 'drones'))).toEqual(['New words about drones.']);
    await corpus.retireFile('a.txt');
    expect(await corpus.document('a')).toBeNull();
    expect((await corpus.fileRecords()).has('a.txt')).toBe(false);
    expect(texts(await search(corpus, 'drones'))).toEqual([]);
  });

  it('ranks a sentence\'s holders by arrival, then id, however many hold it, and again after a write', async () => {
    const line = 'The same line in every one of them.';
    // Ids in the reverse of arrival order: a ranking by id alone would be the wrong way round.
    const ids = ['f', 'e', 'd', 'c', 'b', 'a'];
    for (const [i, id] of ids.entries()) {
      await corpus.writeFile({ file: fileOf(`${id}.txt`), documents: [docWrite(id, '2024-12-01', [line, `Own words ${id}.`])], ingestedAt: `2025-01-0${i + 1}T00:00:00.000Z` });
    }
    const hash = hashOf(line);
    const first = async (n: number) => (await corpus.hashHolders([hash], n)).get(hash);
    expect(await first(Infinity)).toEqual({ count: 6, first: ids });
    expect(await first(2)).toEqual({ count: 6, first: ['f', 'e'] });
    // A later arrival goes last; one arriving at the same moment as another sorts by id.
    await corpus.writeFile({ file: fileOf('0.txt'), documents: [docWrite('0', '2024-12-01', [line])], ingestedAt: '2025-01-09T00:00:00.000Z' });
    await corpus.writeFile({ file: fileOf('ab.txt'), documents: [docWrite('ab', '2024-12-01', [line])], ingestedAt: '2025-01-06T00:00:00.000Z' });
    expect(await first(Infinity)).toEqual({ count: 8, first: [...ids, 'ab', '0'] });
    expect(await first(3)).toEqual({ count: 8, first: ['f', 'e', 'd'] });
    // One removed and one arriving between older ones; then one arriving earlier than all but the first.
    await corpus.retireFile('d.txt');
    await corpus.writeFile({ file: fileOf('x.txt'), documents: [docWrite('x', '2024-12-01', [line])], ingestedAt: '2025-01-02T12:00:00.000Z' });
    expect(await first(Infinity)).toEqual({ count: 8, first: ['f', 'e', 'x', 'c', 'b', 'a', 'ab', '0'] });
    await corpus.writeFile({ file: fileOf('y.txt'), documents: [docWrite('y', '2024-12-01', [line])], ingestedAt: '2025-01-01T12:00:00.000Z' });
    expect(await first(4)).toEqual({ count: 9, first: ['f', 'y', 'e', 'x'] });
  });

  it('gives the records of the files asked for, and says whether any file is recorded', async () => {
    expect(await corpus.hasFiles()).toBe(false);
    await corpus.writeSkipped({ ...fileOf('s.txt'), status: 'skipped', message: 'not UTF-8' });
    expect(await corpus.hasFiles()).toBe(true);
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-19', ['Words.'])], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('b.txt'), documents: [docWrite('b', '2024-12-19', ['More words.'])], ingestedAt: INGESTED_AT });
    const all = await corpus.fileRecords();
    const some = await corpus.fileRecords(['b.txt', 'missing.txt', 's.txt']);
    expect([...some.keys()].sort()).toEqual(['b.txt', 's.txt']);
    expect(some.get('b.txt')).toEqual(all.get('b.txt'));
    expect(some.get('s.txt')).toMatchObject({ status: 'skipped', message: 'not UTF-8' });
    expect((await corpus.fileRecords([])).size).toBe(0);
  });

  it('keeps a skipped file out with its reason, removing what it held', async () => {
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-19', ['Words.'])], ingestedAt: INGESTED_AT });
    await corpus.writeSkipped({ ...fileOf('a.txt'), status: 'skipped', message: 'not UTF-8' });
    expect((await corpus.fileRecords()).get('a.txt')).toMatchObject({ status: 'skipped', message: 'not UTF-8' });
    expect(await corpus.documents()).toEqual([]);
  });

  it('writes a batch with each file on its own: one failing file keeps only itself out', async () => {
    const bad = docWrite('b', '2024-12-19', ['One.', 'Two.']);
    bad.doc.sentences[1]!.index = 0; // two sentences at one position: refused by the store
    const results = await corpus.writeFiles([
      { file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-18', ['Alpha text.'])], ingestedAt: INGESTED_AT },
      { file: fileOf('b.txt'), documents: [bad], ingestedAt: INGESTED_AT },
      { file: fileOf('c.txt'), documents: [docWrite('c', null, ['Gamma text.'])], ingestedAt: INGESTED_AT },
    ]);
    expect(results.map((r) => r instanceof Error)).toEqual([false, true, false]);
    expect((await corpus.documents()).map((d) => d.id)).toEqual(['a', 'c']);
    expect([...(await corpus.fileRecords()).keys()].sort()).toEqual(['a.txt', 'c.txt']);
  });

  it('writes a batch over files it held before: replaced, and a failing file keeps what it held', async () => {
    const quoted = docWrite('q', null, ['He said the words.']);
    quoted.quoteKeys = ['k1'];
    await corpus.writeFiles([
      { file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-18', ['Old tanks text.'])], ingestedAt: INGESTED_AT },
      { file: fileOf('b.txt'), documents: [docWrite('b', '2024-12-19', ['Old drones text.'])], ingestedAt: INGESTED_AT },
      { file: fileOf('q.txt'), documents: [quoted], ingestedAt: INGESTED_AT },
    ]);
    const bad = docWrite('b', '2024-12-19', ['New drones text.', 'Two.']);
    bad.doc.sentences[1]!.index = 0;
    const dated = docWrite('d', '2024-12-20', ['They said the words.']);
    dated.quoteKeys = ['k1'];
    const results = await corpus.writeFiles([
      { file: fileOf('a.txt', 'new'), documents: [docWrite('a', '2024-12-21', ['New tanks text.'])], ingestedAt: INGESTED_AT },
      { file: fileOf('b.txt', 'new'), documents: [bad], ingestedAt: INGESTED_AT },
      { file: fileOf('d.txt'), documents: [dated], ingestedAt: INGESTED_AT },
    ]);
    expect(results.map((r) => r instanceof Error)).toEqual([false, true, false]);
    expect(texts(await search(corpus, 'tanks'))).toEqual(['New tanks text.']);
    expect(texts(await search(corpus, 'drones'))).toEqual(['Old drones text.']);
    const files = await corpus.fileRecords();
    expect([files.get('a.txt')?.contentHash, files.get('b.txt')?.contentHash]).toEqual(['new', 'hash-b.txt']);
    expect(await corpus.quoteNeighbours()).toEqual([{ docId: 'q', neighbourPublished: '2024-12-20', shared: 1 }]);
    expect(await events.current()).toBe(false);
  });

  it('writes a batch in order: a later file giving the same document id, or the same file again, wins', async () => {
    const results = await corpus.writeFiles([
      { file: fileOf('a.md'), documents: [docWrite('a', '2024-12-18', ['From the Markdown file.'])], ingestedAt: INGESTED_AT },
      { file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-19', ['From the text file.'])], ingestedAt: INGESTED_AT },
      { file: fileOf('c.txt', 'first'), documents: [docWrite('c', '2024-12-19', ['First version.'])], ingestedAt: INGESTED_AT },
      { file: fileOf('c.txt', 'second'), documents: [docWrite('c', '2024-12-20', ['Second version.'])], ingestedAt: INGESTED_AT },
    ]);
    expect(results).toEqual([null, null, null, null]);
    expect((await corpus.documents()).map((d) => [d.id, d.path, d.published])).toEqual([
      ['a', 'a.txt', '2024-12-19'],
      ['c', 'c.txt', '2024-12-20'],
    ]);
    expect(texts(await search(corpus, 'version'))).toEqual(['Second version.']);
    expect((await corpus.fileRecords()).get('c.txt')?.contentHash).toBe('second');
  });

  it('lists documents dated first in date order, undated last', async () => {
    await corpus.writeFile({ file: fileOf('z.txt'), documents: [docWrite('z', null, ['Undated.'])], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('b.txt'), documents: [docWrite('b', '2024-12-20', ['Later.'])], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('B.txt'), documents: [docWrite('B', '2024-12-20', ['Same day, capital id.'])], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-01', ['Earlier.'])], ingestedAt: INGESTED_AT });
    // Ids compare byte by byte ("B" before "b"), whatever the database's locale.
    expect((await corpus.documents()).map((d) => d.id)).toEqual(['a', 'B', 'b', 'z']);
    expect(await corpus.analysisDocumentIds()).toEqual(['a', 'B', 'b', 'z']);
  });

  it('gives documents as answers cite them: all in listing order, or those asked for, unknown ids left out', async () => {
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-01', ['Earlier.'])], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('b.txt'), documents: [docWrite('b', null, ['Undated.'])], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('c.txt'), documents: [docWrite('c', '2024-12-20', ['Later.'])], ingestedAt: INGESTED_AT });
    const all = await corpus.sourceDocuments();
    expect(all.map((d) => d.id)).toEqual((await corpus.documents()).map((d) => d.id));
    expect(all[0]).toEqual({ id: 'a', title: 'Title of a', outlet: 'The Test Outlet', published: '2024-12-01', url: 'https://example.org/a', publishedFrom: 'stated', relevant: true });
    const some = await corpus.sourceDocuments(['c', 'missing', 'b']);
    expect(some.map((d) => d.id).sort()).toEqual(['b', 'c']);
    for (const d of some) expect(d).toEqual(all.find((x) => x.id === d.id));
    expect(await corpus.sourceDocuments([])).toEqual([]);
  });

  it('through a document cache: the documents asked for, the same objects until the corpus changes, then as written', async () => {
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-01', ['Earlier.'], { title: 'Old title' })], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('b.txt'), documents: [docWrite('b', '2024-12-02', ['Other.'])], ingestedAt: INGESTED_AT });
    await markCorpusChanged(meta, null);
    const cache = new DocumentCache(corpus, meta);
    const first = await cache.of(['a', 'missing']);
    expect([...first.keys()]).toEqual(['a']);
    expect(first.get('a')).toMatchObject({ id: 'a', title: 'Old title', published: '2024-12-01', publishedFrom: 'stated', relevant: true });
    const both = await cache.of(['a', 'b']);
    expect(both.get('a')).toBe(first.get('a'));
    // Shared between callers: changing one is refused, not seen by the next.
    expect(() => {
      (first.get('a') as { title: string }).title = 'changed';
    }).toThrow(TypeError);
    // A writer (any connection) replaces a document and names it: only that one is read again.
    await corpus.writeFile({ file: fileOf('a.txt', 'new'), documents: [docWrite('a', '2024-12-03', ['Later.'], { title: 'New title' })], ingestedAt: INGESTED_AT });
    await markCorpusChanged(meta, ['a']);
    const named = await cache.of(['a', 'b']);
    expect(named.get('a')).toMatchObject({ title: 'New title', published: '2024-12-03' });
    expect(named.get('b')).toBe(both.get('b'));
    // Two changes since this copy was read: what both named is read again, nothing else.
    await corpus.retireFile('b.txt');
    await markCorpusChanged(meta, ['b']);
    await corpus.writeFile({ file: fileOf('c.txt'), documents: [docWrite('c', '2024-12-04', ['New.'])], ingestedAt: INGESTED_AT });
    await markCorpusChanged(meta, ['c']);
    const after = await cache.of(['a', 'b', 'c']);
    expect([...after.values()].map((d) => [d.id, d.title])).toEqual([['a', 'New title'], ['c', 'Title of c']]);
    expect(after.get('a')).toBe(named.get('a'));
    // A change that named nothing (a whole-corpus pass) since: everything is read again.
    await markCorpusChanged(meta, null);
    expect((await cache.of(['a'])).get('a')).not.toBe(after.get('a'));
  });


  it('finds stemmed words: a search for "training" finds "trained" and "trains"', async () => {
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-19', ['British soldiers trained Ukrainian recruits.', 'The programme trains pilots.', 'Nothing relevant here.'])], ingestedAt: INGESTED_AT });
    expect(texts(await search(corpus, 'training'))).toEqual(['British soldiers trained Ukrainian recruits.', 'The programme trains pilots.']);
    expect(texts(await search(corpus, 'Soldier'))).toEqual(['British soldiers trained Ukrainian recruits.']);
  });

  it('needs every word of a query, and a quoted phrase in its order', async () => {
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [
        docWrite('a', '2024-12-19', [
          'The defence minister visited Kyiv.',
          'A minister of defence spoke.',
          'The minister spoke about defence spending.',
          'Healey announced training.',
          'Healey spoke.',
        ]),
      ], ingestedAt: INGESTED_AT });
    expect(texts(await search(corpus, '"defence minister"'))).toEqual(['The defence minister visited Kyiv.']);
    expect(texts(await search(corpus, 'defence minister'))).toEqual([
      'A minister of defence spoke.',
      'The defence minister visited Kyiv.',
      'The minister spoke about defence spending.',
    ]);
    expect(texts(await search(corpus, 'Healey training'))).toEqual(['Healey announced training.']);
  });

  it('treats operators and punctuation a user types as words, never as query syntax', async () => {
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-19', ['Storm Shadow missiles NOT delivered.', 'Other text.'])], ingestedAt: INGESTED_AT });
    for (const q of ['storm AND shadow', 'storm OR', '"storm', 'storm -shadow', 'storm:shadow*', "storm' OR 1=1 --"]) {
      const hits = await search(corpus, q);
      expect(hits.every((h) => h.text.startsWith('Storm Shadow'))).toBe(true);
    }
    expect(texts(await search(corpus, 'storm shadow'))).toEqual(['Storm Shadow missiles NOT delivered.']);
  });

  it('leaves banners, off-topic documents and reprints out of search, and never answers short because of them', async () => {
    const docs = [docWrite('on', '2024-12-19', ['Sanctions on Russia widened.'])];
    const off = docWrite('off', '2024-12-19', ['Sanctions on football clubs.'], { relevant: false });
    await corpus.writeFile({ file: fileOf('on.txt'), documents: docs, ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('off.txt'), documents: [off], ingestedAt: INGESTED_AT });
    // Many newer matches, all in a banner forty documents carry, ahead of the one that counts.
    const banner = ['Sanctions briefing: sign up today.', 'Our sanctions newsletter is free.', 'Sanctions news every morning.'];
    for (let i = 0; i < 40; i++) {
      const d = docWrite(`n${i}`, '2024-12-20', [{ text: `Story ${i} about the weather in town ${i}.`, paragraph: 0 }, ...banner.map((text) => ({ text, paragraph: 1 }))]);
      await corpus.writeFile({ file: fileOf(`n${i}.txt`), documents: [d], ingestedAt: INGESTED_AT });
    }
    await markRepetition(corpus);
    const hits = await search(corpus, 'sanctions', 5);
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
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-18', ['Tanks arrived in Kyiv.', 'More on tanks.', ...shared])], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('b.txt'), documents: [docWrite('b', '2024-12-19', ['Drones were shot down.', 'More on drones.', ...shared])], ingestedAt: INGESTED_AT });
    const original = ['Grain exports resumed from Odesa.', 'Ships left the port.', 'Insurers raised prices.'];
    await corpus.writeFile({ file: fileOf('c.txt'), documents: [docWrite('c', '2024-12-17', original)], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('d.txt'), documents: [docWrite('d', '2024-12-20', original)], ingestedAt: INGESTED_AT });
    const changed = await markRepetition(corpus);
    expect([...changed].sort()).toEqual(['a', 'b', 'd']);
    expect((await corpus.document('d'))?.duplicateOf).toBe('c');
    expect((await corpus.document('c'))?.duplicateOf).toBeNull();
    const banners = await corpus.documentsWithBanners();
    expect(banners.map((d) => d.id)).toEqual(['a', 'b']);
    expect(banners[0]!.sentences.filter((s) => s.boilerplate).map((s) => s.text)).toEqual(shared.map((s) => s.text));
    // Analysis reads neither banners nor reprints.
    const read = await corpus.analysisSentences();
    expect(read.map((s) => s.text)).not.toContain(shared[0]!.text);
    expect(read.some((s) => s.docId === 'd')).toBe(false);
    // Nothing new: nothing changes.
    expect([...(await markRepetition(corpus))]).toEqual([]);
    // A rewrite with the same sentences keeps the marks without judging again.
    const kept = await corpus.rewriteKeepingRepetition({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-18', ['Tanks arrived in Kyiv.', 'More on tanks.', ...shared])], ingestedAt: INGESTED_AT });
    expect(kept).toBe(true);
    expect((await corpus.documentsWithBanners(['a'])).map((d) => d.id)).toEqual(['a']);
    const rewritten = await corpus.rewriteKeepingRepetition({ file: fileOf('d.txt'), documents: [docWrite('d', '2024-12-20', ['Different words now.'])], ingestedAt: INGESTED_AT });
    expect(rewritten).toBe(false);
  });

  it('ranks a banner\'s holders by arrival: documents arriving later, whatever their ids, leave the older carriers\' marks as they were', async () => {
    const banner = ['The Valley Courier is funded by its readers.', 'Every gift keeps our reporting free to read.', 'Give monthly and support local news.'];
    const withBanner = (id: string, story: string[]) =>
      docWrite(id, '2024-12-10', [...story.map((text) => ({ text, paragraph: 0 })), ...banner.map((text) => ({ text, paragraph: 1 }))]);
    const older = Array.from({ length: HOLDERS_RANKED + 6 }, (_, i) => `older-${String(i).padStart(3, '0')}`);
    await corpus.writeFiles(
      older.map((id) => ({ file: fileOf(`${id}.txt`), documents: [withBanner(id, [`Story ${id} about the harbour works.`, `The council met on ${id}.`])], ingestedAt: INGESTED_AT })),
    );
    await markRepetition(corpus);
    const bannerCarriers = async () => (await corpus.documentsWithBanners()).map((d) => d.id);
    expect(await bannerCarriers()).toEqual(older);

    // Later arrivals whose ids sort first: eight carry only the banner (had they
    // been ranked first, every older document would have had only them as
    // partners, and lost its banner), one carries a story of its own.
    const later = [...Array.from({ length: 8 }, (_, i) => docWrite(`a-only-${i}`, '2024-12-11', banner.map((text) => ({ text, paragraph: 0 })))), withBanner('a-story', ['A new story about the ferry.', 'It sails at noon.'])];
    await corpus.writeFiles(later.map((w) => ({ file: fileOf(`${w.doc.id}.txt`), documents: [w], ingestedAt: '2025-01-21T10:00:00.000Z' })));
    const holders = vi.spyOn(corpus, 'hashHolders');
    const changed = await markRepetitionNear(corpus, later.map((w) => w.doc.id));
    // No banner carrier's whole holder list was read: the new documents come after the first ranked.
    expect(holders.mock.calls.filter(([hashes, first]) => first === Infinity && hashes.length > 0)).toEqual([]);
    holders.mockRestore();
    expect([...changed]).toEqual(['a-story']);
    expect(await bannerCarriers()).toEqual(['a-story', ...older]);
    // What the whole-corpus judgement gives: nothing left for it to change.
    expect([...(await markRepetition(corpus))]).toEqual([]);
  });

  describe('repetition near new documents, where a new document reaches an older one by one sentence', () => {
    const at = (id: string, specs: Array<[number, string]>, published = '2024-12-10') => docWrite(id, published, specs.map(([paragraph, text]) => ({ text, paragraph })));
    const write = (docs: ReturnType<typeof at>[], ingestedAt: string) =>
      corpus.writeFiles(docs.map((w) => ({ file: fileOf(`${w.doc.id}.txt`), documents: [w], ingestedAt })));
    const marks = async (ids: string[]) => {
      const states = await corpus.repetitionStates(ids);
      return ids.map((id) => `${id}: banners ${states.get(id)!.banners.join(',') || 'none'}${states.get(id)!.duplicateOf ? `, copy of ${states.get(id)!.duplicateOf}` : ''}`);
    };
    const later = '2025-01-21T10:00:00.000Z';
    const banner: Array<[number, string]> = [[2, 'Sign up for the harbour letter.'], [2, 'It comes every Friday.'], [2, 'It is free.']];

    it('a sentence only one older document carried is shared now: its blocks and rest change, and so do its partners\' verdicts', async () => {
      // d's closing banner is judged against g, whose rest overlaps d's by a quote: not a banner yet.
      const d = at('d', [[0, 'Our own line one.'], [0, 'Our own line two.'], [0, 'The minister said no.'], [1, 'Ferry times changed.'], [1, 'Tolls went up.'], ...banner]);
      const g = at('g', [[0, 'The minister said no.'], [0, 'Its own words.'], ...banner], '2024-12-01');
      await write([d, g], INGESTED_AT);
      await markRepetition(corpus);
      expect(await marks(['d', 'g'])).toEqual(['d: banners none', 'g: banners none']);
      // e quotes d's first line, and nothing else of it: d's first paragraph is now mostly shared.
      await write([at('e', [[0, 'Our own line one.'], [1, 'A story of its own.']])], later);
      const changed = await markRepetitionNear(corpus, ['e']);
      expect([...changed].sort()).toEqual(['d', 'g']);
      expect(await marks(['d', 'g'])).toEqual(['d: banners 2', 'g: banners 2']);
      expect([...(await markRepetition(corpus))]).toEqual([]);
    });

    it('a sentence said twice in a block is most of it: a new document holding that one sentence is a partner', async () => {
      const d = at('d', [[0, 'Read more below.'], [0, 'Read more below.'], [0, 'Our own closing.'], [1, 'Rents rose.'], [1, 'Tenants protested.']]);
      const h = at('h', [[0, 'Read more below.'], [1, 'Rents rose.'], [1, 'Tenants protested.']]);
      await write([d, h], INGESTED_AT);
      await markRepetition(corpus);
      expect(await marks(['d'])).toEqual(['d: banners none']);
      await write([at('e', [[0, 'Read more below.'], [1, 'Ships left.'], [1, 'Nobody came.']])], later);
      const changed = await markRepetitionNear(corpus, ['e']);
      expect(changed.has('d')).toBe(true);
      expect(await marks(['d'])).toEqual(['d: banners 0']);
      expect([...(await markRepetition(corpus))]).toEqual([]);
    });

    it('a sentence more documents hold now than reprint evidence allows: a copy resting on it loses its original', async () => {
      const quote = 'The council will decide in March.';
      const original = at('o', [[0, quote], [0, 'The bridge stays shut.'], [1, 'Drivers face delays.']], '2024-12-01');
      const copy = at('c', [[0, quote], [0, 'The bridge stays shut.'], [1, 'Drivers face delays.']], '2024-12-02');
      const others = Array.from({ length: REPRINT_MAX_DOCS - 2 }, (_, i) => at(`q${i}`, [[0, quote], [1, `Report ${i} of its own.`]]));
      await write([original, copy, ...others], INGESTED_AT);
      await markRepetition(corpus);
      expect(await marks(['c'])).toEqual(['c: banners none, copy of o']);
      await write([at('e', [[0, quote], [1, 'A new report.']])], later);
      const changed = await markRepetitionNear(corpus, ['e']);
      expect(changed.has('c')).toBe(true);
      expect(await marks(['c'])).toEqual(['c: banners none']);
      expect([...(await markRepetition(corpus))]).toEqual([]);
    });
  });

  // Seeds, each a corpus of its own; between them they hit every way a new document reaches an older one's verdict.
  const olderChanged: string[] = [];
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('judges repetition near new documents as the whole corpus would (random corpus %i)', async (seed) => {
    const { older, newer } = repetitionCorpus(seed);
    await corpus.writeFiles(older.map((w, i) => ({ file: fileOf(`${w.doc.id}.txt`), documents: [w], ingestedAt: `2025-01-${String(1 + (i % 9)).padStart(2, '0')}T10:00:00.000Z` })));
    await markRepetition(corpus);
    await corpus.writeFiles(newer.map((w) => ({ file: fileOf(`${w.doc.id}.txt`), documents: [w], ingestedAt: '2025-01-21T10:00:00.000Z' })));
    const changed = await markRepetitionNear(corpus, newer.map((w) => w.doc.id));
    olderChanged.push(...[...changed].filter((id) => id.startsWith('d')));
    expect([...(await markRepetition(corpus))]).toEqual([]);
    expect((await corpus.documentsWithBanners()).length).toBeGreaterThan(older.length / 2);
    expect((await corpus.documents()).some((d) => d.duplicateOf)).toBe(true);
  });
  it('changed older documents\' marks in those corpora (the cases above are not vacuous)', () => {
    expect(olderChanged.length).toBeGreaterThan(0);
  });

  it('gives analysis its sentences filtered by date, words and documents, newest first under a cap', async () => {
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-01', ['Tanks in December.', 'Drones in December.'])], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('b.txt'), documents: [docWrite('b', '2025-01-10', ['Tanks in January.'])], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('u.txt'), documents: [docWrite('u', null, ['Tanks undated.'])], ingestedAt: INGESTED_AT });
    await corpus.writeFile({ file: fileOf('x.txt'), documents: [docWrite('x', '2025-01-11', ['Tanks off topic.'], { relevant: false })], ingestedAt: INGESTED_AT });
    const all = await corpus.analysisSentences();
    expect(all.map((s) => s.text)).toEqual(['Tanks in December.', 'Drones in December.', 'Tanks in January.', 'Tanks undated.']);
    expect(all[0]!.doc).toBe(all[1]!.doc);
    expect(all[0]).toMatchObject({ docId: 'a', index: 0, paragraph: 0, boilerplate: false, doc: { id: 'a', published: '2024-12-01', publishedFrom: 'stated' } });
    expect((await corpus.analysisSentences({ from: '2025-01-01' })).map((s) => s.text)).toEqual(['Tanks in January.']);
    expect((await corpus.analysisSentences({ to: '2024-12-31', match: parseSearchQuery('tank')! })).map((s) => s.text)).toEqual(['Tanks in December.']);
    expect((await corpus.analysisSentences({ docIds: ['u', 'b'] })).map((s) => s.text)).toEqual(['Tanks in January.', 'Tanks undated.']);
    expect((await corpus.analysisSentences({ limit: 2 })).map((s) => s.text)).toEqual(['Tanks in January.', 'Tanks in December.']);
    const texts = await corpus.sentenceTexts([{ docId: 'a', index: 1 }, { docId: 'b', index: 0 }, { docId: 'b', index: 9 }]);
    expect(texts.map((t) => t.text).sort()).toEqual(['Drones in December.', 'Tanks in January.']);
  });

  it('indexes a large load once at its end, and a large load a killed run left is finished by the next end', async () => {
    await corpus.beginLargeLoad();
    await corpus.beginLargeLoad();
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-19', ['Artillery shells delivered.'])], ingestedAt: INGESTED_AT });
    await corpus.endLargeLoad();
    expect(texts(await search(corpus, 'artillery'))).toEqual(['Artillery shells delivered.']);
    await corpus.endLargeLoad();
    await corpus.writeFile({ file: fileOf('b.txt'), documents: [docWrite('b', '2024-12-20', ['Artillery again.'])], ingestedAt: INGESTED_AT });
    expect(texts(await search(corpus, 'artillery'))).toEqual(['Artillery again.', 'Artillery shells delivered.']);
  });

  it('shares quoted passages: undated documents find dated neighbours quoting the same words', async () => {
    const undated = docWrite('u', null, ['He said the words.']);
    undated.quoteKeys = ['q1', 'q2'];
    const dated = docWrite('d', '2024-12-19', ['They said the words.']);
    dated.quoteKeys = ['q1', 'q2', 'q3'];
    const other = docWrite('o', '2024-12-01', ['Another.']);
    other.quoteKeys = ['q2'];
    for (const d of [undated, dated, other]) await corpus.writeFile({ file: fileOf(`${d.doc.id}.txt`), documents: [d], ingestedAt: INGESTED_AT });
    const rows = await corpus.quoteNeighbours();
    expect(rows.sort((a, b) => a.neighbourPublished.localeCompare(b.neighbourPublished))).toEqual([
      { docId: 'u', neighbourPublished: '2024-12-01', shared: 1 },
      { docId: 'u', neighbourPublished: '2024-12-19', shared: 2 },
    ]);
    expect(await corpus.quoteNeighbours(2)).toEqual([{ docId: 'u', neighbourPublished: '2024-12-19', shared: 2 }]);
    expect(await corpus.quoteNeighbours(1, 2)).toEqual([{ docId: 'u', neighbourPublished: '2024-12-19', shared: 1 }]);
  });

  it('records verdicts', async () => {
    await corpus.writeFile({ file: fileOf('a.txt'), documents: [docWrite('a', '2024-12-19', ['Words.'])], ingestedAt: INGESTED_AT });
    await corpus.updateVerdict('a', { title: 'Better title', relevance: 0.2, relevant: false });
    expect(await corpus.document('a')).toMatchObject({ title: 'Better title', relevance: 0.2, relevant: false });
  });
}
