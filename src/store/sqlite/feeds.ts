/**
 * Feeds and their items in SQLite (feeds, feed_items; migration 200, below).
 * The contract is ../feeds.ts.
 *
 * - feeds: one row per feed, with how it was declared, its polling state
 *   (status, last error, back-off, validators for conditional GET). Who
 *   polls it now is a lease (named `feed:<id>`), not a column.
 * - feed_items: every item seen, by feed and item id, with the document it
 *   became and the hash of what that document was made from (unchanged
 *   items are recognised by it); `teaser` marks an item whose linked page
 *   could not be fetched yet (kept as its teaser, retried at later polls).
 */
import type Database from 'better-sqlite3';
import type { Feed } from '../../core/model.js';
import { feedKey, type FeedItemRecord, type FeedPollState, type FeedRepository, type NewFeed } from '../feeds.js';
import type { Migration } from '../migrations.js';
import { toFeed, toFeedItem, type Row } from '../rows.js';

/** Versions 200+: never colliding with the corpus's or the digest's. */
export const feedMigrations: Migration[] = [
  {
    version: 200,
    name: 'feeds: feeds and the items seen in them',
    up: `
      CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        -- The stable part of its documents' ids: from the URL it was first declared with.
        key TEXT NOT NULL UNIQUE,
        title TEXT,
        site_url TEXT,
        origin TEXT NOT NULL CHECK (origin IN ('config', 'file', 'command')),
        added_by TEXT,
        added_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'ok', 'failing', 'gone')),
        failing_since TEXT,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_fetch TEXT,
        last_success TEXT,
        next_fetch TEXT,
        etag TEXT,
        last_modified TEXT
      );
      CREATE INDEX feeds_next_fetch ON feeds(next_fetch);

      CREATE TABLE feed_items (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        doc_id TEXT,
        link TEXT,
        title TEXT,
        published TEXT,
        content_hash TEXT NOT NULL,
        teaser INTEGER NOT NULL DEFAULT 0,
        page_attempts INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (feed_id, item_id)
      );
      CREATE INDEX feed_items_link ON feed_items(link);
      CREATE INDEX feed_items_doc ON feed_items(doc_id);
    `,
  },
];




const SELECT_FEED = `SELECT f.*, (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id) AS items_seen FROM feeds f`;

export class SqliteFeedRepository implements FeedRepository {
  constructor(private readonly db: Database.Database) {}

  async list(): Promise<Feed[]> {
    return (this.db.prepare(`${SELECT_FEED} ORDER BY f.id`).all() as Row[]).map(toFeed);
  }

  async get(id: number): Promise<Feed | null> {
    const row = this.db.prepare(`${SELECT_FEED} WHERE f.id = ?`).get(id) as Row | undefined;
    return row ? toFeed(row) : null;
  }

  async byUrl(url: string): Promise<Feed | null> {
    const row = this.db.prepare(`${SELECT_FEED} WHERE f.url = ?`).get(url) as Row | undefined;
    return row ? toFeed(row) : null;
  }

  /**
   * Insert, doing nothing on a clash, then look: processes adding the same
   * URL at once all succeed with the one row. The key comes from the URL
   * alone (a feed removed and added again gets its old document ids back);
   * when another URL holds it (a hash-prefix clash, rare) it is derived
   * further, and tried again.
   */
  async add(feed: NewFeed, now: Date): Promise<{ feed: Feed; created: boolean }> {
    let key = feedKey(feed.url);
    for (;;) {
      const existing = await this.byUrl(feed.url);
      if (existing) return { feed: existing, created: false };
      const holder = this.db.prepare('SELECT url FROM feeds WHERE key = ?').get(key) as { url: string } | undefined;
      if (holder) {
        if (holder.url !== feed.url) key = feedKey(`${key}:${feed.url}`);
        continue;
      }
      const inserted = this.db
        .prepare(
          `INSERT INTO feeds (url, key, title, origin, added_by, added_at, next_fetch)
           VALUES (?, ?, ?, ?, ?, ?, NULL)
           ON CONFLICT DO NOTHING RETURNING id`,
        )
        .get(feed.url, key, feed.title ?? null, feed.origin, feed.addedBy ?? null, now.toISOString()) as { id: number } | undefined;
      if (inserted) return { feed: (await this.get(inserted.id))!, created: true };
      // Another process inserted this URL, or took this key, a moment ago: look again.
    }
  }

  async remove(id: number): Promise<void> {
    this.db.prepare('DELETE FROM feeds WHERE id = ?').run(id);
  }

  async retireDeclared(origin: 'config' | 'file', keepUrls: string[]): Promise<number> {
    const info = this.db
      .prepare(`DELETE FROM feeds WHERE origin = ? AND url NOT IN (SELECT value FROM json_each(?))`)
      .run(origin, JSON.stringify(keepUrls));
    return info.changes;
  }

  async setTitle(id: number, title: string | null, siteUrl: string | null): Promise<void> {
    this.db.prepare('UPDATE feeds SET title = coalesce(?, title), site_url = coalesce(?, site_url) WHERE id = ?').run(title, siteUrl, id);
  }

  async moveTo(id: number, url: string): Promise<void> {
    // Another feed already at the new address: this one is the same feed; the other keeps it.
    const clash = this.db.prepare('SELECT id FROM feeds WHERE url = ? AND id <> ?').get(url, id);
    if (!clash) this.db.prepare('UPDATE feeds SET url = ? WHERE id = ?').run(url, id);
  }

  async saveState(id: number, s: FeedPollState): Promise<void> {
    this.db
      .prepare(
        `UPDATE feeds SET status = @status, failing_since = @failingSince, last_error = @lastError, failures = @failures,
           last_fetch = @lastFetch, last_success = @lastSuccess, next_fetch = @nextFetch, etag = @etag,
           last_modified = @lastModified
         WHERE id = @id`,
      )
      .run({ id, ...s });
  }

  async due(now: Date): Promise<Feed[]> {
    return (
      this.db
        .prepare(`${SELECT_FEED} WHERE f.status <> 'gone' AND (f.next_fetch IS NULL OR f.next_fetch <= ?) ORDER BY f.next_fetch IS NOT NULL, f.next_fetch, f.id`)
        .all(now.toISOString()) as Row[]
    ).map(toFeed);
  }

  async items(feedId: number): Promise<Map<string, FeedItemRecord>> {
    const rows = this.db.prepare('SELECT * FROM feed_items WHERE feed_id = ?').all(feedId) as Row[];
    return new Map(rows.map((r) => [r.item_id as string, toFeedItem(r)]));
  }

  async documentForLink(link: string, exceptFeed: number): Promise<string | null> {
    const row = this.db
      .prepare('SELECT doc_id FROM feed_items WHERE link = ? AND feed_id <> ? AND doc_id IS NOT NULL ORDER BY first_seen, rowid LIMIT 1')
      .get(link, exceptFeed) as { doc_id: string } | undefined;
    return row?.doc_id ?? null;
  }

  async saveItems(items: FeedItemRecord[], now: Date): Promise<void> {
    const upsert = this.db.prepare(
      `INSERT INTO feed_items (feed_id, item_id, doc_id, link, title, published, content_hash, teaser, page_attempts, first_seen, last_seen)
       VALUES (@feedId, @itemId, @docId, @link, @title, @published, @contentHash, @teaser, @pageAttempts, @at, @at)
       ON CONFLICT (feed_id, item_id) DO UPDATE SET doc_id = excluded.doc_id, link = excluded.link, title = excluded.title,
         published = excluded.published, content_hash = excluded.content_hash, teaser = excluded.teaser,
         page_attempts = excluded.page_attempts, last_seen = excluded.last_seen`,
    );
    const at = now.toISOString();
    this.db.transaction(() => {
      for (const i of items) upsert.run({ ...i, teaser: i.teaser ? 1 : 0, at });
    })();
  }

  async newestItems(feedId: number, limit: number): Promise<FeedItemRecord[]> {
    return (
      this.db
        .prepare('SELECT * FROM feed_items WHERE feed_id = ? ORDER BY published IS NULL, published DESC, first_seen DESC, rowid ASC LIMIT ?')
        .all(feedId, limit) as Row[]
    ).map(toFeedItem);
  }
}
