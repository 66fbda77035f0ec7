/**
 * Feeds and the items seen in them, so every process sharing the database
 * sees the same feeds. Who polls a feed now is a lease (leases.ts, named
 * `feed:<id>`), not a column here.
 */
import { createHash } from 'node:crypto';
import type { Feed } from '../core/model.js';

export interface FeedItemRecord {
  feedId: number;
  itemId: string;
  docId: string | null;
  link: string | null;
  title: string | null;
  published: string | null;
  contentHash: string;
  teaser: boolean;
  pageAttempts: number;
}

/** What a poll changes on a feed: its status, schedule and validators. */
export type FeedPollState = Pick<
  Feed,
  'status' | 'failingSince' | 'lastError' | 'failures' | 'lastFetch' | 'lastSuccess' | 'nextFetch' | 'etag' | 'lastModified'
>;

export interface NewFeed {
  url: string;
  title?: string | null;
  origin: Feed['origin'];
  addedBy?: string | null;
}

export interface FeedRepository {
  /** Every feed, by id (with itemsSeen). */
  list(): Promise<Feed[]>;
  get(id: number): Promise<Feed | null>;
  byUrl(url: string): Promise<Feed | null>;
  /**
   * Add a feed (or return the one already at this URL, `created` false). Its
   * key is feedKey(url), derived further only when another feed holds it, so
   * a feed removed and added again gets its old document ids back.
   */
  add(feed: NewFeed, now: Date): Promise<{ feed: Feed; created: boolean }>;
  /** Remove a feed and its items. */
  remove(id: number): Promise<void>;
  /** Feeds of `origin` whose URL is not in `keepUrls` are removed; returns how many. */
  retireDeclared(origin: 'config' | 'file', keepUrls: string[]): Promise<number>;
  /** Set title and site URL; a null leaves the stored value. */
  setTitle(id: number, title: string | null, siteUrl: string | null): Promise<void>;
  /** A permanent redirect: the feed lives at `url` from now on (unless another feed is already there). */
  moveTo(id: number, url: string): Promise<void>;
  saveState(id: number, state: FeedPollState): Promise<void>;
  /** Feeds due at `now` (never polled, or next fetch reached), not gone; never-polled first, then by next fetch, id. */
  due(now: Date): Promise<Feed[]>;

  /** A feed's items by item id. */
  items(feedId: number): Promise<Map<string, FeedItemRecord>>;
  /** The document another feed made of the same article (by canonical link; the earliest seen), if any. */
  documentForLink(link: string, exceptFeed: number): Promise<string | null>;
  /** Insert or update these items (first seen kept, last seen = now); one transaction. */
  saveItems(items: FeedItemRecord[], now: Date): Promise<void>;
  /** The newest items of a feed: by publication date when known (undated last), then by when first seen. */
  newestItems(feedId: number, limit: number): Promise<FeedItemRecord[]>;
}

/** The stable part of a feed's document ids: from the URL it was first declared with. */
export function feedKey(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 10);
}
