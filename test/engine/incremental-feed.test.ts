/**
 * Feed articles written into a complete corpus are judged only near
 * themselves (repetition, quote dates, events of their dates): what they
 * and the corpus look like afterwards must be what the whole-corpus passes
 * give. Each poll's result is compared with the same database after every
 * corpus-level step was run again over all of it (events marked stale, then
 * a refresh: whole-corpus repetition, date inference, events rebuilt).
 */
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openTestApp } from '../helpers/app.js';
import { tempCorpus } from '../helpers/corpus.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';
import type { BriefingEngine } from '../../src/engine.js';
import { ingestArticles, type ArticleWrite } from '../../src/ingest/run.js';
import { markCorpusChanged } from '../../src/store/corpus-generation.js';
import { loadTopicProfile } from '../../src/topic/profile.js';
import { generateCorpus } from '../../bench/generate-corpus.js';
import type { Article } from '../../bench/synth/article.js';
import { appendedArticles } from '../../bench/synth/appended.js';

const DOCS = 150;
const SEED = 7;
const repoRoot = path.resolve(import.meta.dirname, '../..');

const PLEDGE = [
  'The Ministry of Defence said on Monday that 40 Storm Shadow missiles would reach Ukraine before the winter.',
  'Defence officials in Whitehall said the missiles were drawn from stocks held at RAF Marham in Norfolk.',
  'A spokesperson for the Ukrainian embassy in London thanked British engineers for adapting the launch rails.',
  'The package also funds spare parts for Ukrainian Su-24 aircraft, the ministry said in a statement.',
].join(' ');

/** New articles about the corpus's own stories, numbered after it. */
function newArticles(from: number, count: number): Article[] {
  return appendedArticles({ seedsDir: path.join(repoRoot, 'seeds'), seed: SEED, docs: DOCS }, from, count);
}

function feedWrite(n: number, a: Article): ArticleWrite {
  const paragraphs = a.blocks.map((b) => (b.kind === 'paragraph' ? b.sentences.join(' ') : b.kind === 'caption' ? `${b.text} ${b.credit}` : b.text));
  paragraphs.push(`Feed marker zq${n}x was reported.`);
  return write(n, a.title, paragraphs.join('\n\n'), a.published.toISOString(), a.outlet.name);
}

function write(n: number, title: string, body: string, published: string | null, outlet: string): ArticleWrite {
  const docId = `.feeds/test/${String(n).padStart(4, '0')}`;
  return {
    path: docId,
    docId,
    contentHash: `h${n}-${body.length}`,
    article: { title, body, published, publishedField: published ? 'feed item date' : null, outlet, url: `http://127.0.0.1/news/${n}`, warnings: [] },
  };
}

/** What answers are made of: every document's dates and verdicts, every banner sentence, the events, search. */
async function snapshot(engine: BriefingEngine, markers: number[]) {
  const { corpus, events: eventRepo } = engine.repositories;
  const documents = (await corpus.documents())
    .map((d) => [d.id, d.published, d.publishedFrom, d.duplicateOf, d.title, d.relevant, d.relevance].join('|'))
    .sort();
  const banners = (await corpus.documentsWithBanners())
    .map((d) => `${d.id}: ${d.sentences.map((s) => (s.boilerplate ? 'B' : '.')).join('')}`)
    .sort();
  const events = (await eventRepo.find({}))
    .map((e) => `${e.date} ${[...e.sourceIds].sort().join('+')} ${e.members.length}`)
    .sort();
  const timeline = (await engine.timeline({ limit: 200 })).entries.map((e) => `${e.date} ${e.sources.map((s) => s.id).sort().join('+')}`).sort();
  const search: string[] = [];
  for (const n of markers) for (const hit of await engine.search(`zq${n}x`)) search.push(`${n} ${hit.source.id} ${hit.date}`);
  return { documents, banners, events, timeline, search };
}

type Open = (corpusDir: string, dbPath: string) => Promise<{ engine: BriefingEngine; close(): Promise<void> }>;

/** A test body run on the generated corpus with the pledge, ingested whole (every event built). */
function onIngestedCorpus(open: Open, run: (engine: BriefingEngine, corpusDir: string) => Promise<void>): () => Promise<void> {
  const corpus = tempCorpus();
  afterAll(() => corpus.cleanup());
  return async () => {
    generateCorpus({ docs: DOCS, seed: SEED, out: corpus.corpusDir });
    corpus.write('own/pledge.txt', ` date 2024-06-10\n${PLEDGE}`);
    const { engine, close } = await open(corpus.corpusDir, corpus.dbPath);
    try {
      expect((await engine.refresh()).events).toBe('rebuilt');
      await run(engine, corpus.corpusDir);
    } finally {
      await close();
    }
  };
}

function incrementalMatchesFull(open: Open) {
  it('gives the corpus and answers the whole-corpus passes give', { timeout: 240_000 }, onIngestedCorpus(open, async (engine) => {
    // An older article run again by a feed, dated earlier: the corpus's copy becomes the reprint.
    const older = (await engine.repositories.corpus.document('own/pledge'))!;
    const reprint = write(900, older.title, PLEDGE, '2024-06-01T08:00:00.000Z', 'Reprint Wire');

    const polls: ArticleWrite[][] = [
      newArticles(0, 10).map((a, k) => feedWrite(k, a)),
      [...newArticles(10, 12).map((a, k) => feedWrite(10 + k, a)), reprint],
    ];
    const markers: number[] = [];
    const reports: string[] = [];
    for (const [k, articles] of polls.entries()) {
      // No whole-corpus pass: repetition and quote dates are judged near the new documents.
      const whole = [vi.spyOn(engine.repositories.corpus, 'sharedParagraphs'), vi.spyOn(engine.repositories.corpus, 'quoteNeighbours')];
      const report = await engine.ingestArticles(articles, `2025-03-0${k + 1}T09:00:00.000Z`);
      for (const spy of whole) {
        expect(spy).not.toHaveBeenCalled();
        spy.mockRestore();
      }
      expect(report.added).toHaveLength(articles.length);
      reports.push(report.events);
      markers.push(...articles.map((a) => Number(a.docId.slice(-4))).filter((n) => n < 900));
      const incremental = await snapshot(engine, markers);
      expect(incremental.search.length).toBeGreaterThanOrEqual(markers.length);

      await engine.repositories.events.markStale();
      expect((await engine.refresh()).events).toBe('rebuilt');
      const full = await snapshot(engine, markers);
      expect(incremental.documents).toEqual(full.documents);
      expect(incremental.banners).toEqual(full.banners);
      expect(incremental.search).toEqual(full.search);
      expect(incremental.events, `poll ${k}`).toEqual(full.events);
      expect(incremental.timeline).toEqual(full.timeline);
    }
    // The reprint took the older article's place.
    expect((await engine.repositories.corpus.document(older.id))?.duplicateOf).toBe(reprint.docId);
    // Folded in, not rebuilt: the events of the dates they report were built again, no others.
    expect(reports).toEqual(['extended', 'extended']);
  }));
}

/**
 * A poll whose dates hold more documents than a poll builds again (a
 * back-fill spanning the corpus's year) and that changes an older document:
 * the older document's dates are built again as a rebuild builds them, the
 * other new articles folded in, and nothing is rebuilt over the whole corpus.
 */
function largePollFoldsIn(open: Open) {
  it('builds again only the dates of the older documents it changed', { timeout: 240_000 }, onIngestedCorpus(open, async (engine, corpusDir) => {
    const repos = engine.repositories;
    const older = (await repos.corpus.document('own/pledge'))!;
    const articles = [...newArticles(0, 40).map((a, k) => feedWrite(k, a)), write(900, older.title, PLEDGE, '2024-06-01T08:00:00.000Z', 'Reprint Wire')];
    const whole = [vi.spyOn(repos.corpus, 'sharedParagraphs'), vi.spyOn(repos.corpus, 'quoteNeighbours'), vi.spyOn(repos.corpus, 'analysisDocumentIds')];
    const read = vi.spyOn(repos.corpus, 'analysisSentences');
    // The dates of 40 new articles hold the events of 127 documents, those of the older documents they change 89.
    const refreshMaxDocs = 100;
    const report = await ingestArticles(repos, corpusDir, articles, { topic: loadTopicProfile(undefined), ingestedAt: '2025-03-01T09:00:00.000Z', refreshMaxDocs });
    await markCorpusChanged(repos.meta, report.documentsChanged);
    for (const spy of whole) expect(spy).not.toHaveBeenCalled();
    const docsRead = read.mock.calls.map(([q]) => q?.docIds?.length ?? Infinity);
    read.mockRestore();
    expect(report.events).toBe('extended');
    expect(Math.max(...docsRead)).toBeLessThanOrEqual(Math.max(articles.length + 3, refreshMaxDocs));
    expect((await repos.corpus.document(older.id))?.duplicateOf).toBe('.feeds/test/0900');

    const markers = articles.map((a) => Number(a.docId.slice(-4))).filter((n) => n < 900);
    const incremental = await snapshot(engine, markers);
    const pledgeDates = new Set((await repos.events.citing(['.feeds/test/0900'])).map((e) => e.date));
    expect(pledgeDates.size).toBeGreaterThan(0);
    await repos.events.markStale();
    expect((await engine.refresh()).events).toBe('rebuilt');
    const full = await snapshot(engine, markers);
    // What answers are made of is the whole pass's; the pledge's events are the rebuild's.
    expect(incremental.documents).toEqual(full.documents);
    expect(incremental.banners).toEqual(full.banners);
    expect(incremental.search).toEqual(full.search);
    const onPledgeDates = (events: string[]) => events.filter((e) => pledgeDates.has(e.split(' ')[0]!));
    expect(onPledgeDates(incremental.events)).toEqual(onPledgeDates(full.events));
    // Every new article the rebuild puts in the events is in them, and no other.
    const members = (events: string[], id: string) => events.filter((e) => e.includes(id)).length > 0;
    for (const n of markers) {
      const id = `.feeds/test/${String(n).padStart(4, '0')}`;
      expect(members(incremental.events, id), id).toBe(members(full.events, id));
    }
  }));
}

/** The writer of a test app on SQLite, or on PostgreSQL when given a database. */
const openWriter = (databaseUrl?: () => string): Open => async (corpusDir, dbPath) => {
  const app = await openTestApp({ corpusDir, dbPath, ...(databaseUrl ? { config: { databaseUrl: databaseUrl() } } : {}) });
  return { engine: app.writer, close: () => app.close() };
};

describe('feed articles into a complete corpus (SQLite)', () => {
  incrementalMatchesFull(openWriter());
  largePollFoldsIn(openWriter());
});

describePostgres('feed articles into a complete corpus (PostgreSQL)', () => {
  const db = useDatabase('briefing_incr');
  incrementalMatchesFull(openWriter(() => db.url));
  const large = useDatabase('briefing_incr_large');
  largePollFoldsIn(openWriter(() => large.url));
});
