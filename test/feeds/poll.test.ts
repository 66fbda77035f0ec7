/**
 * Polling real-shaped feeds from a local server into the corpus: documents,
 * conditional GET, changed and duplicate items, teasers and their pages,
 * and what a user then sees in the timeline.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BriefingEngine } from '../../src/engine.js';
import type { FeedService } from '../../src/feeds/service.js';
import { openTestApp } from '../helpers/app.js';
import { tempCorpus, type TempCorpus } from '../helpers/corpus.js';
import { conditional, fixed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { articlePage, atomTeaserFeed, rssFeed, STORIES, type Story } from './fixtures.js';

let corpus: TempCorpus;
let server: FeedServer;
let engine: BriefingEngine;
let clock: Date;
let feeds: FeedService;

beforeEach(async () => {
  corpus = tempCorpus();
  clock = new Date('2025-03-12T12:00:00Z');
  server = await startFeedServer(() => clock);
  const app = await openTestApp({ corpusDir: corpus.corpusDir, dbPath: corpus.dbPath, now: () => clock, feeds: { allowPrivate: true, random: () => 0 } });
  engine = app.writer;
  await engine.refresh();
  feeds = app.feeds;
});

afterEach(async () => {
  await engine.close();
  await server.close();
  corpus.cleanup();
});

describe('an RSS feed with full articles', () => {
  it('brings each item in as a document with its link, date and outlet, then 304s and ingests nothing', async () => {
    let stories: Story[] = STORIES;
    server.route('/feed.xml', conditional(() => rssFeed(server.origin, stories)));
    const added = await feeds.add(server.url('/feed.xml'));
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.feed.title).toBe('The Northern Courier');
    expect(added.poll?.new).toBe(2);
    expect(added.newest?.title).toBe('British instructors to train Ukrainian pilots in Lincolnshire');

    const sources = await engine.sources();
    expect(sources).toHaveLength(2);
    const drones = sources.find((s) => s.title.startsWith('UK commits £450 million'))!;
    expect(drones).toMatchObject({ outlet: 'The Northern Courier', published: '2025-03-11', publishedFrom: 'stated' });
    // Tracking parameters and the fragment are gone from the source link.
    expect(drones.url).toBe(`${server.origin}/news/northern-courier-2025-0142`);

    const timeline = await engine.timeline({});
    const texts = timeline.entries.map((e) => `${e.date} ${e.text}`);
    expect(texts.some((t) => t.startsWith('2025-03-11') && /£450 million package of drones/.test(t))).toBe(true);

    // Second poll: the server sees the validators and answers 304; nothing is ingested.
    clock = new Date(clock.getTime() + 16 * 60_000);
    const [second] = await feeds.poll();
    expect(second).toMatchObject({ outcome: 'not-modified', new: 0, updated: 0 });
    const last = server.requestsTo('/feed.xml').at(-1)!;
    expect(last.headers['if-none-match']).toMatch(/^"/);
    expect(last.headers['if-modified-since']).toBe('Mon, 23 Dec 2024 10:00:00 GMT');
    expect(last.headers['user-agent']).toMatch(/^briefing-bot\//);
    expect(await engine.sources()).toHaveLength(2);

    // A new item and a changed one: one new document, one replaced.
    stories = [
      { ...STORIES[0]!, title: 'UK commits £450 million drone package for Ukraine (updated)' },
      STORIES[1]!,
      { id: 'northern-courier-2025-0150', title: 'Ukraine receives first British air defence missiles', date: 'Fri, 14 Mar 2025 09:00:00 GMT', paragraphs: ['Ukraine has received the first of the air defence missiles paid for by the UK, the Ministry of Defence said on Friday.', ...STORIES[0]!.paragraphs.slice(2)] },
    ];
    clock = new Date(clock.getTime() + 16 * 60_000);
    const [third] = await feeds.poll();
    expect(third).toMatchObject({ outcome: 'ok', new: 1, updated: 1, unchanged: 1 });
    const titles = (await engine.sources()).map((s) => s.title).sort();
    expect(titles).toEqual([
      'British instructors to train Ukrainian pilots in Lincolnshire',
      'UK commits £450 million drone package for Ukraine (updated)',
      'Ukraine receives first British air defence missiles',
    ]);
  });

  it('is one document when two feeds carry the same article (by canonical link), and a restart ingests nothing again', async () => {
    server.route('/feed.xml', conditional(() => rssFeed(server.origin, STORIES)));
    server.route('/other.xml', conditional(() => rssFeed(server.origin, STORIES.map((s) => ({ ...s, id: `other-${s.id}`, link: `${server.origin}/news/${s.id}?utm_campaign=mirror` })), { title: 'Courier Mirror' })));
    await feeds.add(server.url('/feed.xml'));
    const other = await feeds.add(server.url('/other.xml'));
    expect(other.ok && other.poll?.new).toBe(2);
    expect(await engine.sources()).toHaveLength(2);

    await engine.close();
    const app = await openTestApp({ corpusDir: corpus.corpusDir, dbPath: corpus.dbPath, now: () => clock, feeds: { allowPrivate: true } });
    engine = app.writer;
    const report = await engine.refresh();
    // Feed documents are not corpus files: a corpus run neither re-reads nor retires them.
    expect(report).toMatchObject({ added: 0, removed: 0 });
    feeds = app.feeds;
    clock = new Date(clock.getTime() + 3600_000);
    const again = await feeds.poll({ all: true });
    expect(again.map((r) => r.outcome)).toEqual(['not-modified', 'not-modified']);
    expect(await engine.sources()).toHaveLength(2);
    expect((await feeds.list()).map((f) => f.itemsSeen)).toEqual([2, 2]);
  });
});

describe('an Atom feed of teasers', () => {
  it('reads each linked page for the article and its published time; a page that fails leaves the teaser, retried later', async () => {
    const stories = STORIES.map((s) => ({ ...s, date: null }));
    server.route('/government/announcements.atom', conditional(() => atomTeaserFeed(server.origin, stories), 'application/atom+xml'));
    server.route(`/government/news/${STORIES[0]!.id}`, fixed(articlePage(STORIES[0]!, { published: '2025-03-11T08:15:00Z' }), { 'content-type': 'text/html; charset=utf-8' }));
    let secondPage = false;
    server.route(`/government/news/${STORIES[1]!.id}`, (req, res) => {
      if (!secondPage) res.writeHead(503).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage(STORIES[1]!, { published: '2025-03-12T10:40:00Z' }));
    });
    const added = await feeds.add(server.url('/government/announcements.atom'));
    expect(added.ok && added.poll).toMatchObject({ new: 2, teasers: 1 });
    let sources = await engine.sources();
    const full = sources.find((s) => s.title.startsWith('UK commits'))!;
    expect(full).toMatchObject({ published: '2025-03-11', publishedFrom: 'stated', outlet: 'Announcements - Department of Defence' });
    expect((await engine.search('reconnaissance drones')).length).toBeGreaterThan(0);
    // The teaser is in, as what the feed said.
    const teaser = sources.find((s) => s.title.startsWith('British instructors'))!;
    // Only the lead of the teaser: too little to be judged on topic, and no date (the feed gave none).
    expect(teaser).toMatchObject({ published: null, publishedFrom: 'unknown', relevant: false });
    expect((await engine.repositories.corpus.document(teaser.id))?.url).toBe(`${server.origin}/government/news/${STORIES[1]!.id}`);

    secondPage = true;
    clock = new Date(clock.getTime() + 16 * 60_000);
    const [retry] = await feeds.poll();
    expect(retry).toMatchObject({ outcome: 'ok', new: 0, updated: 1, teasers: 0 });
    sources = await engine.sources();
    expect(sources.find((s) => s.title.startsWith('British instructors'))).toMatchObject({ published: '2025-03-12', relevant: true });
    expect((await engine.search('Denmark Netherlands fast-jet')).length).toBeGreaterThan(0);
  });
});
