/**
 * Feeds and their items on PostgreSQL (feeds, feed_items; migration 200 in
 * schema.ts). The contract is ../feeds.ts; the tables are SQLite's
 * (../sqlite/feeds.ts) with feed_items.seq standing for SQLite's rowid.
 */
import type pg from 'pg';
import type { Feed } from '../../core/model.js';
import { feedKey, type FeedItemRecord, type FeedPollState, type FeedRepository, type NewFeed } from '../feeds.js';
import { query, transaction } from './database.js';
import { toFeed, toFeedItem } from '../rows.js';
import type { PostgresMigration } from './migration.js';

/** The feeds tables. */
export const feedMigrations: PostgresMigration[] = [
  {
    version: 200,
    name: 'feeds: feeds and the items seen in them',
    up: `
      CREATE TABLE feeds (
        id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        url TEXT COLLATE "C" NOT NULL UNIQUE,
        -- The stable part of its documents' ids: from the URL it was first declared with.
        key TEXT COLLATE "C" NOT NULL UNIQUE,
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
        next_fetch TEXT COLLATE "C",
        etag TEXT,
        last_modified TEXT
      );
      CREATE INDEX feeds_next_fetch ON feeds(next_fetch);

      CREATE TABLE feed_items (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        item_id TEXT COLLATE "C" NOT NULL,
        doc_id TEXT COLLATE "C",
        link TEXT COLLATE "C",
        title TEXT,
        published TEXT COLLATE "C",
        content_hash TEXT NOT NULL,
        teaser BOOLEAN NOT NULL DEFAULT false,
        page_attempts INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT COLLATE "C" NOT NULL,
        last_seen TEXT COLLATE "C" NOT NULL,
        -- Insertion order (SQLite's rowid): the last tie-break when items are listed.
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (feed_id, item_id)
      );
      CREATE INDEX feed_items_link ON feed_items(link);
      CREATE INDEX feed_items_doc ON feed_items(doc_id);
    `,
  },
];




// count(*) is a bigint, which pg hands over as a string: int is plenty for one feed's items.
const SELECT_FEED = `SELECT f.*, (SELECT count(*)::int FROM feed_items i WHERE i.feed_id = f.id) AS items_seen FROM feeds f`;

/** Items per statement when saving: a 10,000-item back-fill is ten round trips, not 10,000. */
const SAVE_BATCH = 1000;

const ITEM_COLUMNS = 'feed_id, item_id, doc_id, link, title, published, content_hash, teaser, page_attempts';

export class PostgresFeedRepository implements FeedRepository {
  constructor(private readonly pool: pg.Pool) {}

  async list(): Promise<Feed[]> {
    return (await query(this.pool, `${SELECT_FEED} ORDER BY f.id`)).rows.map(toFeed);
  }

  async get(id: number): Promise<Feed | null> {
    const r = await query(this.pool, `${SELECT_FEED} WHERE f.id = $1`, [id]);
    return r.rows[0] ? toFeed(r.rows[0]) : null;
  }

  async byUrl(url: string): Promise<Feed | null> {
    const r = await query(this.pool, `${SELECT_FEED} WHERE f.url = $1`, [url]);
    return r.rows[0] ? toFeed(r.rows[0]) : null;
  }

  /**
   * Insert, doing nothing on a clash, then look: instances adding the same
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
      const holder = await query<{ url: string }>(this.pool, 'SELECT url FROM feeds WHERE key = $1', [key]);
      if (holder.rows[0]) {
        if (holder.rows[0].url !== feed.url) key = feedKey(`${key}:${feed.url}`);
        continue;
      }
      const inserted = await query<{ id: number }>(
        this.pool,
        `INSERT INTO feeds (url, key, title, origin, added_by, added_at, next_fetch)
         VALUES ($1, $2, $3, $4, $5, $6, NULL)
         ON CONFLICT DO NOTHING RETURNING id`,
        [feed.url, key, feed.title ?? null, feed.origin, feed.addedBy ?? null, now.toISOString()],
      );
      const id = inserted.rows[0]?.id;
      if (id !== undefined) return { feed: (await this.get(id))!, created: true };
      // Someone else inserted this URL, or took this key, a moment ago: look again.
    }
  }

  async remove(id: number): Promise<void> {
    await query(this.pool, 'DELETE FROM feeds WHERE id = $1', [id]);
  }

  async retireDeclared(origin: 'config' | 'file', keepUrls: string[]): Promise<number> {
    const r = await query(this.pool, 'DELETE FROM feeds WHERE origin = $1 AND NOT (url = ANY($2::text[]))', [origin, keepUrls]);
    return r.rowCount ?? 0;
  }

  async setTitle(id: number, title: string | null, siteUrl: string | null): Promise<void> {
    await query(this.pool, 'UPDATE feeds SET title = coalesce($1, title), site_url = coalesce($2, site_url) WHERE id = $3', [title, siteUrl, id]);
  }

  /** Another feed already at the new address: this one is the same feed; the other keeps it. */
  async moveTo(id: number, url: string): Promise<void> {
    await query(
      this.pool,
      `UPDATE feeds SET url = $1 WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM feeds WHERE url = $1 AND id <> $2)`,
      [url, id],
    ).catch((err: { code?: string }) => {
      // The other feed moved there between the check and the update: it keeps the address.
      if (err.code !== '23505') throw err;
    });
  }

  async saveState(id: number, s: FeedPollState): Promise<void> {
    await query(
      this.pool,
      `UPDATE feeds SET status = $1, failing_since = $2, last_error = $3, failures = $4,
         last_fetch = $5, last_success = $6, next_fetch = $7, etag = $8, last_modified = $9
       WHERE id = $10`,
      [s.status, s.failingSince, s.lastError, s.failures, s.lastFetch, s.lastSuccess, s.nextFetch, s.etag, s.lastModified, id],
    );
  }

  async due(now: Date): Promise<Feed[]> {
    const r = await query(
      this.pool,
      `${SELECT_FEED} WHERE f.status <> 'gone' AND (f.next_fetch IS NULL OR f.next_fetch <= $1)
       ORDER BY f.next_fetch IS NOT NULL, f.next_fetch, f.id`,
      [now.toISOString()],
    );
    return r.rows.map(toFeed);
  }

  async items(feedId: number): Promise<Map<string, FeedItemRecord>> {
    const r = await query(this.pool, `SELECT ${ITEM_COLUMNS} FROM feed_items WHERE feed_id = $1`, [feedId]);
    return new Map(r.rows.map((row) => [row.item_id as string, toFeedItem(row)]));
  }

  async documentForLink(link: string, exceptFeed: number): Promise<string | null> {
    const r = await query<{ doc_id: string }>(
      this.pool,
      'SELECT doc_id FROM feed_items WHERE link = $1 AND feed_id <> $2 AND doc_id IS NOT NULL ORDER BY first_seen, seq LIMIT 1',
      [link, exceptFeed],
    );
    return r.rows[0]?.doc_id ?? null;
  }

  /**
   * In batches, one statement each. An item given twice is saved once with
   * its last values, at its first place (as one upsert after another would).
   */
  async saveItems(items: FeedItemRecord[], now: Date): Promise<void> {
    const unique = new Map<string, FeedItemRecord>();
    for (const i of items) unique.set(JSON.stringify([i.feedId, i.itemId]), i);
    const rows = [...unique.values()];
    if (rows.length === 0) return;
    const at = now.toISOString();
    await transaction(this.pool, async (c) => {
      for (let start = 0; start < rows.length; start += SAVE_BATCH) {
        const batch = rows.slice(start, start + SAVE_BATCH);
        const column = <K extends keyof FeedItemRecord>(k: K) => batch.map((i) => i[k]);
        await c.query(
          `INSERT INTO feed_items (feed_id, item_id, doc_id, link, title, published, content_hash, teaser, page_attempts, first_seen, last_seen)
           SELECT feed_id, item_id, doc_id, link, title, published, content_hash, teaser, page_attempts, $10, $10
           FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::int[])
             WITH ORDINALITY AS i(feed_id, item_id, doc_id, link, title, published, content_hash, teaser, page_attempts, n)
           ORDER BY n
           ON CONFLICT (feed_id, item_id) DO UPDATE SET doc_id = excluded.doc_id, link = excluded.link, title = excluded.title,
             published = excluded.published, content_hash = excluded.content_hash, teaser = excluded.teaser,
             page_attempts = excluded.page_attempts, last_seen = excluded.last_seen`,
          [
            column('feedId'),
            column('itemId'),
            column('docId'),
            column('link'),
            column('title'),
            column('published'),
            column('contentHash'),
            column('teaser'),
            column('pageAttempts'),
            at,
          ],
        );
      }
    });
  }

  async newestItems(feedId: number, limit: number): Promise<FeedItemRecord[]> {
    const r = await query(
      this.pool,
      `SELECT ${ITEM_COLUMNS} FROM feed_items WHERE feed_id = $1
       ORDER BY published IS NULL, published DESC, first_seen DESC, seq ASC LIMIT $2`,
      [feedId, limit],
    );
    return r.rows.map(toFeedItem);
  }
}
