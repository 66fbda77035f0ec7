/**
 * The feeds contract (src/store/feeds.ts): feeds as added, their stable
 * keys, polling state and schedule, and the items seen in them, on two
 * instances sharing a database (adding the same feed at the same moment).
 */
import { beforeEach, expect, it } from 'vitest';
import { feedKey, type FeedItemRecord, type FeedPollState, type FeedRepository } from '../../src/store/feeds.js';
import type { FreshInstances, Instances } from './helpers/instances.js';

const T0 = new Date('2025-03-01T06:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const URL_A = 'https://news.example.org/feed.xml';
const URL_B = 'https://other.example.net/atom';

function itemOf(feedId: number, itemId: string, over: Partial<FeedItemRecord> = {}): FeedItemRecord {
  return {
    feedId,
    itemId,
    docId: `feed-${itemId}`,
    link: `https://news.example.org/${itemId}`,
    title: `Story ${itemId}`,
    published: null,
    contentHash: `hash-${itemId}`,
    teaser: false,
    pageAttempts: 0,
    ...over,
  };
}

function polled(over: Partial<FeedPollState> = {}): FeedPollState {
  return {
    status: 'ok',
    failingSince: null,
    lastError: null,
    failures: 0,
    lastFetch: at(0).toISOString(),
    lastSuccess: at(0).toISOString(),
    nextFetch: at(30).toISOString(),
    etag: '"v1"',
    lastModified: 'Sat, 01 Mar 2025 05:55:00 GMT',
    ...over,
  };
}

export function feedsContract(fresh: FreshInstances<FeedRepository>): void {
  let feeds: Instances<FeedRepository>;
  beforeEach(async () => {
    feeds = await fresh();
  });

  it('adds a feed with its key from its URL, and returns the one already there on a second add', async () => {
    const added = await feeds.one.add({ url: URL_A, title: 'Example News', origin: 'command', addedBy: 'U7' }, T0);
    expect(added.created).toBe(true);
    expect(added.feed).toEqual({
      id: added.feed.id,
      url: URL_A,
      key: feedKey(URL_A),
      title: 'Example News',
      siteUrl: null,
      origin: 'command',
      addedBy: 'U7',
      addedAt: T0.toISOString(),
      status: 'new',
      failingSince: null,
      lastError: null,
      failures: 0,
      lastFetch: null,
      lastSuccess: null,
      nextFetch: null,
      etag: null,
      lastModified: null,
      itemsSeen: 0,
    });
    const again = await feeds.two.add({ url: URL_A, origin: 'config' }, at(1));
    expect(again).toEqual({ feed: added.feed, created: false });
    expect(await feeds.two.get(added.feed.id)).toEqual(added.feed);
    expect(await feeds.two.byUrl(URL_A)).toEqual(added.feed);
    expect(await feeds.two.byUrl(URL_B)).toBeNull();
    expect(await feeds.two.get(added.feed.id + 100)).toBeNull();
  });

  it('two instances adding the same feeds at the same moment both succeed, with one row each', async () => {
    const urls = Array.from({ length: 8 }, (_, i) => `https://feeds.example.org/${i}.xml`);
    const results = await Promise.all(
      urls.flatMap((url) => [feeds.one.add({ url, origin: 'config' }, T0), feeds.two.add({ url, origin: 'config' }, T0)]),
    );
    for (const [i, url] of urls.entries()) {
      const [a, b] = [results[2 * i]!, results[2 * i + 1]!];
      expect(a.feed.id, url).toBe(b.feed.id);
      expect([a.created, b.created].filter(Boolean), url).toHaveLength(1);
    }
    expect((await feeds.one.list()).map((f) => f.url).sort()).toEqual([...urls].sort());
  });

  it('a feed removed and added again gets its old key back; a URL whose key another feed holds gets one derived further', async () => {
    const first = (await feeds.one.add({ url: URL_A, origin: 'command' }, T0)).feed;
    await feeds.one.saveItems([itemOf(first.id, 'a1')], T0);
    await feeds.two.remove(first.id);
    expect(await feeds.one.get(first.id)).toBeNull();
    expect((await feeds.one.items(first.id)).size).toBe(0);

    const back = (await feeds.two.add({ url: URL_A, origin: 'command' }, at(1))).feed;
    expect(back.key).toBe(first.key);
    expect(back.itemsSeen).toBe(0);

    // Moved by a permanent redirect, it keeps its key: the old URL, added again, is another feed with another key.
    await feeds.one.moveTo(back.id, URL_B);
    const other = await feeds.two.add({ url: URL_A, origin: 'file' }, at(2));
    expect(other.created).toBe(true);
    expect(other.feed.key).not.toBe(back.key);
    expect(other.feed.key).toMatch(/^[0-9a-f]{10}$/);
    expect((await feeds.one.list()).map((f) => [f.url, f.key])).toEqual([
      [URL_B, back.key],
      [URL_A, other.feed.key],
    ]);
  });

  it('retires declared feeds no longer declared, of that origin only', async () => {
    await feeds.one.add({ url: 'https://a.example/1', origin: 'config' }, T0);
    await feeds.one.add({ url: 'https://a.example/2', origin: 'config' }, T0);
    await feeds.one.add({ url: 'https://a.example/3', origin: 'file' }, T0);
    await feeds.one.add({ url: 'https://a.example/4', origin: 'command' }, T0);
    expect(await feeds.two.retireDeclared('config', ['https://a.example/2', 'https://a.example/3'])).toBe(1);
    expect((await feeds.one.list()).map((f) => f.url)).toEqual(['https://a.example/2', 'https://a.example/3', 'https://a.example/4']);
    expect(await feeds.two.retireDeclared('file', [])).toBe(1);
    expect(await feeds.two.retireDeclared('config', ['https://a.example/2'])).toBe(0);
    expect((await feeds.one.list()).map((f) => f.url)).toEqual(['https://a.example/2', 'https://a.example/4']);
  });

  it('sets the title and site, a null leaving what is stored', async () => {
    const feed = (await feeds.one.add({ url: URL_A, origin: 'command' }, T0)).feed;
    await feeds.two.setTitle(feed.id, 'Example News', 'https://news.example.org/');
    await feeds.two.setTitle(feed.id, null, null);
    expect(await feeds.one.get(feed.id)).toMatchObject({ title: 'Example News', siteUrl: 'https://news.example.org/' });
    await feeds.two.setTitle(feed.id, 'Example News Daily', null);
    expect(await feeds.one.get(feed.id)).toMatchObject({ title: 'Example News Daily', siteUrl: 'https://news.example.org/' });
  });

  it('moves a feed to its new address unless another feed is already there', async () => {
    const a = (await feeds.one.add({ url: URL_A, origin: 'command' }, T0)).feed;
    const b = (await feeds.one.add({ url: URL_B, origin: 'command' }, T0)).feed;
    await feeds.two.moveTo(a.id, URL_B);
    expect((await feeds.one.get(a.id))!.url).toBe(URL_A);
    await feeds.two.moveTo(a.id, 'https://news.example.org/rss');
    expect((await feeds.one.get(a.id))!.url).toBe('https://news.example.org/rss');
    expect((await feeds.one.byUrl('https://news.example.org/rss'))!.id).toBe(a.id);
    expect((await feeds.one.get(b.id))!.url).toBe(URL_B);
  });

  it('keeps the polling state, and lists what is due: never polled first, then by next fetch; not gone, not later', async () => {
    const ids: number[] = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push((await feeds.one.add({ url: `https://due.example/${n}`, origin: 'config' }, T0)).feed.id);
    const [never, soon, sooner, later, gone] = ids as [number, number, number, number, number];
    await feeds.two.saveState(soon, polled({ nextFetch: at(20).toISOString() }));
    await feeds.two.saveState(sooner, polled({ nextFetch: at(10).toISOString() }));
    await feeds.two.saveState(later, polled({ nextFetch: at(90).toISOString() }));
    const failing = polled({
      status: 'gone',
      failingSince: at(-60).toISOString(),
      lastError: '410 Gone: the publisher removed the feed',
      failures: 3,
      lastSuccess: at(-120).toISOString(),
      nextFetch: at(0).toISOString(),
      etag: null,
      lastModified: null,
    });
    await feeds.two.saveState(gone, failing);
    expect(await feeds.one.get(gone)).toMatchObject(failing);
    expect(await feeds.one.get(soon)).toMatchObject(polled({ nextFetch: at(20).toISOString() }));

    expect((await feeds.one.due(at(30))).map((f) => f.id)).toEqual([never, sooner, soon]);
    expect((await feeds.one.due(at(10))).map((f) => f.id)).toEqual([never, sooner]);
    expect((await feeds.one.due(at(120))).map((f) => f.id)).toEqual([never, sooner, soon, later]);
  });

  it('keeps items as saved, updating them in place, counting them on the feed', async () => {
    const feed = (await feeds.one.add({ url: URL_A, origin: 'command' }, T0)).feed;
    const teaser = itemOf(feed.id, 'b', { docId: null, teaser: true, pageAttempts: 2, published: '2025-02-28T10:00:00.000Z', link: null, title: null });
    await feeds.one.saveItems([itemOf(feed.id, 'a'), teaser], T0);
    const items = await feeds.two.items(feed.id);
    expect([...items.keys()].sort()).toEqual(['a', 'b']);
    expect(items.get('a')).toEqual(itemOf(feed.id, 'a'));
    expect(items.get('b')).toEqual(teaser);

    // Its page fetched at last: the same item, now a document.
    await feeds.two.saveItems([{ ...teaser, docId: 'feed-b', teaser: false, pageAttempts: 3, contentHash: 'hash-b2' }], at(30));
    expect((await feeds.one.items(feed.id)).get('b')).toEqual({ ...teaser, docId: 'feed-b', teaser: false, pageAttempts: 3, contentHash: 'hash-b2' });
    expect((await feeds.one.get(feed.id))!.itemsSeen).toBe(2);
    expect((await feeds.one.list())[0]!.itemsSeen).toBe(2);
    await feeds.one.saveItems([], at(31));
    expect((await feeds.one.items(feed.id)).size).toBe(2);
  });

  it('saves a large first poll in one go', async () => {
    const feed = (await feeds.one.add({ url: URL_A, origin: 'command' }, T0)).feed;
    const many = Array.from({ length: 2500 }, (_, i) => itemOf(feed.id, `i${i}`));
    await feeds.two.saveItems(many, T0);
    expect((await feeds.one.items(feed.id)).size).toBe(2500);
    expect((await feeds.one.get(feed.id))!.itemsSeen).toBe(2500);
  });

  it('finds the document another feed made of the same article: the one seen first', async () => {
    const a = (await feeds.one.add({ url: URL_A, origin: 'command' }, T0)).feed;
    const b = (await feeds.one.add({ url: URL_B, origin: 'command' }, T0)).feed;
    const link = 'https://news.example.org/story';
    await feeds.one.saveItems([itemOf(b.id, 'b-story', { link, docId: 'doc-b' })], at(1));
    await feeds.one.saveItems([itemOf(a.id, 'a-story', { link, docId: 'doc-a' })], at(2));
    // Seen again later: still first seen at 1.
    await feeds.two.saveItems([itemOf(b.id, 'b-story', { link, docId: 'doc-b' })], at(3));
    expect(await feeds.two.documentForLink(link, 999)).toBe('doc-b');
    expect(await feeds.two.documentForLink(link, b.id)).toBe('doc-a');
    expect(await feeds.two.documentForLink(link, a.id)).toBe('doc-b');
    expect(await feeds.two.documentForLink('https://news.example.org/none', a.id)).toBeNull();
    // An item without a document (a teaser not yet fetched) is no answer.
    await feeds.one.saveItems([itemOf(a.id, 'teaser', { link: 'https://news.example.org/t', docId: null, teaser: true })], at(4));
    expect(await feeds.two.documentForLink('https://news.example.org/t', b.id)).toBeNull();
  });

  it('lists the newest items: by publication date, undated after, then by when first seen', async () => {
    const feed = (await feeds.one.add({ url: URL_A, origin: 'command' }, T0)).feed;
    await feeds.one.saveItems([itemOf(feed.id, 'old', { published: '2025-02-01T00:00:00.000Z' }), itemOf(feed.id, 'undated-1')], at(1));
    await feeds.one.saveItems([itemOf(feed.id, 'new', { published: '2025-02-28T00:00:00.000Z' }), itemOf(feed.id, 'undated-2')], at(2));
    await feeds.one.saveItems([itemOf(feed.id, 'mid', { published: '2025-02-15T00:00:00.000Z' })], at(3));
    expect((await feeds.two.newestItems(feed.id, 10)).map((i) => i.itemId)).toEqual(['new', 'mid', 'old', 'undated-2', 'undated-1']);
    expect((await feeds.two.newestItems(feed.id, 2)).map((i) => i.itemId)).toEqual(['new', 'mid']);
    expect(await feeds.two.newestItems(feed.id + 1, 10)).toEqual([]);
  });
}
