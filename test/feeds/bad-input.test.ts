/**
 * Feeds that go wrong, each a clear status or one line and nothing lost:
 * what the poller records and what the server saw, by an injected clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BriefingEngine } from '../../src/engine.js';
import type { FeedService } from '../../src/feeds/service.js';
import { openTestApp } from '../helpers/app.js';
import { tempCorpus, type TempCorpus } from '../helpers/corpus.js';
import { conditional, fixed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { atomTeaserFeed, rssFeed, STORIES, syntheticStory, type Story } from './fixtures.js';

let corpus: TempCorpus;
let server: FeedServer;
let engine: BriefingEngine;
let clock: Date;
let feeds: FeedService;
const MINUTE = 60_000;

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

const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
const RSS = { 'content-type': 'application/rss+xml' };

describe('failures and the schedule', () => {
  it('backs off exponentially through a 5xx storm, capped at a day, showing why; recovers to the interval', async () => {
    let failing = true;
    server.route('/feed.xml', (req, res) => (failing ? res.writeHead(500).end('oops') : conditional(() => rssFeed(server.origin, STORIES))(req, res)));
    const added = await feeds.add(server.url('/feed.xml'));
    expect(added.ok && added.poll?.outcome).toBe('failed'); // kept: a server error may pass
    const gaps: number[] = [];
    for (let i = 0; i < 10; i++) {
      const feed = (await feeds.list())[0]!;
      const wait = Date.parse(feed.nextFetch!) - clock.getTime();
      gaps.push(wait / MINUTE);
      advance(wait - 1000);
      expect(await feeds.poll()).toEqual([]); // not due yet: nothing asked
      advance(1000);
      await feeds.poll();
    }
    expect(gaps).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440]);
    // Eleven requests in all, at the times the back-off said.
    expect(server.requestsTo('/feed.xml')).toHaveLength(11);
    const feed = (await feeds.list())[0]!;
    expect(feed).toMatchObject({ status: 'failing', failingSince: '2025-03-12T12:00:00.000Z', failures: 11 });
    expect(feed.lastError).toBe(`${server.url('/feed.xml')} answered 500`);

    failing = false;
    advance(Date.parse(feed.nextFetch!) - clock.getTime());
    const [ok] = await feeds.poll();
    expect(ok).toMatchObject({ outcome: 'ok', new: 2 });
    const healed = (await feeds.list())[0]!;
    expect(healed).toMatchObject({ status: 'ok', failures: 0, lastError: null });
    expect(Date.parse(healed.nextFetch!) - clock.getTime()).toBe(15 * MINUTE);
  });

  it('asks again no sooner than a Retry-After, as seen in the request times', async () => {
    let busy = true;
    server.route('/feed.xml', (req, res) => (busy ? res.writeHead(429, { 'retry-after': '7200' }).end() : conditional(() => rssFeed(server.origin, STORIES))(req, res)));
    await feeds.add(server.url('/feed.xml'));
    for (let i = 0; i < 12; i++) {
      advance(10 * MINUTE);
      await feeds.poll();
    }
    busy = false;
    advance(10 * MINUTE);
    await feeds.poll();
    const times = server.requestsTo('/feed.xml').map((r) => r.at.toISOString());
    expect(times).toEqual(['2025-03-12T12:00:00.000Z', '2025-03-12T14:00:00.000Z']);
  });

  it('marks a feed gone on 410 and asks no more', async () => {
    server.route('/feed.xml', fixed('', {}, 410));
    const added = await feeds.add(server.url('/feed.xml'));
    expect(added.ok && added.feed).toMatchObject({ status: 'gone', nextFetch: null });
    advance(48 * 3600_000);
    expect(await feeds.poll()).toEqual([]);
    expect(server.requestsTo('/feed.xml')).toHaveLength(1);
    expect((await feeds.list())[0]!.lastError).toMatch(/410 Gone: the publisher removed the feed/);
  });

  it('moves a feed on 301, not on 302', async () => {
    server.route('/old.xml', fixed('', { location: '/feed.xml' }, 301));
    server.route('/temp.xml', fixed('', { location: '/other.xml' }, 302));
    server.route('/feed.xml', conditional(() => rssFeed(server.origin, STORIES)));
    server.route('/other.xml', conditional(() => rssFeed(server.origin, [syntheticStory(1)], { title: 'Other' })));
    await feeds.add(server.url('/old.xml'));
    await feeds.add(server.url('/temp.xml'));
    expect((await feeds.list()).map((f) => f.url)).toEqual([server.url('/feed.xml'), server.url('/temp.xml')]);
  });
});

describe('what is not a feed', () => {
  it('refuses invalid XML and an empty answer when added, and shows the error when an existing feed breaks', async () => {
    server.route('/broken.xml', fixed('<rss version="2.0"><channel><title>Half', RSS));
    server.route('/empty.xml', fixed('', RSS));
    const broken = await feeds.add(server.url('/broken.xml'));
    expect(broken).toMatchObject({ ok: false, error: expect.stringMatching(/not a readable RSS, Atom or JSON feed/) });
    expect(await feeds.add(server.url('/empty.xml'))).toMatchObject({ ok: false, error: expect.stringMatching(/empty answer|empty, not a feed/) });
    expect(await feeds.list()).toEqual([]);

    let good = true;
    server.route('/feed.xml', (req, res) => (good ? conditional(() => rssFeed(server.origin, STORIES))(req, res) : res.writeHead(200, RSS).end('<rss><chan')));
    await feeds.add(server.url('/feed.xml'));
    good = false;
    advance(16 * MINUTE);
    const [r] = await feeds.poll();
    expect(r).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/not a readable RSS, Atom or JSON feed/) });
    expect(await engine.sources()).toHaveLength(2); // what came in before is kept
  });

  it('offers the feeds an HTML page links to', async () => {
    server.route('/news', fixed(`<!doctype html><html><head><title>News</title>
      <link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">
      <link rel="alternate" type="application/atom+xml" href="${server.origin}/feed.atom">
      <link rel="alternate" hreflang="fr" href="/fr/news"></head><body><p>Hello</p></body></html>`, { 'content-type': 'text/html' }));
    const r = await feeds.add(server.url('/news'));
    expect(r).toEqual({
      ok: false,
      error: `${server.url('/news')} is a web page, not a feed; it links to the feeds ${server.url('/feed.xml')}, ${server.url('/feed.atom')}: add that instead`,
      alternates: [server.url('/feed.xml'), server.url('/feed.atom')],
    });
  });

  it('does not expand entities a DOCTYPE declares (billion laughs)', async () => {
    const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('\n');
    server.route('/lol.xml', fixed(`<?xml version="1.0"?><!DOCTYPE rss [\n${lol}\n]>` + rssFeed(server.origin, STORIES).replace(/^<\?xml[^>]*>/, '').replace('<title>The Northern Courier</title>', '<title>Laughs &lol9;</title>'), RSS));
    const before = process.memoryUsage().rss;
    const r = await feeds.add(server.url('/lol.xml'));
    expect(r.ok && r.poll?.new).toBe(2);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(r.ok && (r.feed.title ?? '').length).toBeLessThan(100);
  });
});

describe('items that are odd', () => {
  it('takes an empty feed as ok with nothing in it', async () => {
    server.route('/feed.xml', conditional(() => rssFeed(server.origin, [])));
    const r = await feeds.add(server.url('/feed.xml'));
    expect(r).toMatchObject({ ok: true, poll: { outcome: 'ok', new: 0 }, newest: null, feed: { status: 'ok', title: 'The Northern Courier' } });
  });

  it('keeps the first of duplicate guids, ids items without links or dates, and never believes a future date', async () => {
    const undated: Story = { ...STORIES[1]!, id: 'no-date', date: null, link: null };
    const future: Story = { ...STORIES[0]!, id: 'future', title: 'UK pledges more drones for Ukraine next year', date: 'Mon, 01 Jan 2035 09:00:00 GMT', link: `${server.origin}/news/future` };
    const dup: Story = { ...STORIES[0]!, title: 'A second item with the same guid' };
    server.route('/feed.xml', conditional(() => rssFeed(server.origin, [STORIES[0]!, dup, undated, future])));
    const r = await feeds.add(server.url('/feed.xml'));
    expect(r.ok && r.poll).toMatchObject({ new: 3 });
    expect(r.ok && r.poll?.warnings).toEqual([
      '1 item repeats an earlier item\'s id: only the first is kept',
      '1 item dated in the future: the date was not believed',
    ]);
    const sources = await engine.sources();
    expect(sources.map((s) => s.title).sort()).toEqual([
      'British instructors to train Ukrainian pilots in Lincolnshire',
      'UK commits £450 million drone package for Ukraine',
      'UK pledges more drones for Ukraine next year',
    ]);
    // No date given: unknown, or inferred from its text — never the fetch time.
    for (const s of sources.filter((x) => x.title !== 'UK commits £450 million drone package for Ukraine')) expect(s.published).not.toBe('2025-03-12');
    expect(sources.find((s) => s.title.startsWith('British'))!.url).toBeNull();
  });

  it('keeps a teaser whose page holds no article, and tries its page again later', async () => {
    const story = { ...STORIES[0]!, date: null };
    server.route('/government/announcements.atom', conditional(() => atomTeaserFeed(server.origin, [story]), 'application/atom+xml'));
    let pageRequests = 0;
    server.route(`/government/news/${story.id}`, (_req, res) => {
      pageRequests += 1;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><nav><a href="/">Home</a></nav><div id="app"></div><script>render()</script></body></html>');
    });
    const r = await feeds.add(server.url('/government/announcements.atom'));
    expect(r.ok && r.poll).toMatchObject({ new: 1, teasers: 1 });
    const doc = (await engine.sources())[0]!;
    expect(doc.title).toBe(story.title);
    for (let i = 0; i < 6; i++) {
      advance(16 * MINUTE);
      const [again] = await feeds.poll();
      // Tried again and still no article: the teaser stays as it was, not written again (an edit rebuilds every event).
      // Once its tries are spent the feed is complete, and its validators turn the last poll into a 304.
      const unchanged = i < 5 ? { outcome: 'ok', unchanged: 1 } : { outcome: 'not-modified' };
      expect(again).toMatchObject({ ...unchanged, new: 0, updated: 0, events: 'unchanged' });
    }
    expect(pageRequests).toBe(5); // at most MAX_PAGE_ATTEMPTS tries, one per poll
    expect(await engine.sources()).toHaveLength(1);
  });

  it('back-fills a feed of 10,000 items on its first poll, then takes only what is new', { timeout: 480_000 }, async () => {
    let stories = Array.from({ length: 10_000 }, (_, i) => syntheticStory(i));
    server.route('/big.xml', conditional(() => rssFeed(server.origin, stories, { title: 'Wire', description: false })));
    const r = await feeds.add(server.url('/big.xml'));
    expect(r.ok && r.poll).toMatchObject({ outcome: 'ok', new: 10_000 });
    expect((await engine.stats()).documents).toBe(10_000);
    stories = [syntheticStory(10_000), ...stories];
    advance(16 * MINUTE);
    const [next] = await feeds.poll();
    expect(next).toMatchObject({ new: 1, unchanged: 10_000 });
    expect((await engine.stats()).documents).toBe(10_001);
  });
});
