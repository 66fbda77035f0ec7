/**
 * The digest outbox on PostgreSQL (digest_outbox, digest_outbox_pages,
 * digest_sent_items; migrations 100-101 in digest-schema.ts). The protocol and what
 * exactly-once relies on are in the contract, ../digest-outbox.ts.
 *
 * Several instances on several machines share these rows, so heartbeats and
 * staleness are the database's clock: every write that is a heartbeat sets
 * heartbeat_at = now(), and "stale" means heartbeat_at older than now() minus
 * staleAfterMs. The `now` arguments only stamp the ISO text columns
 * (created_at, updated_at, posted_at, sent_at). A takeover locks the row with
 * FOR UPDATE SKIP LOCKED, so of several instances recovering it at once one
 * gets it and the others pass by without waiting.
 */
import type pg from 'pg';
import type { KnownItem } from '../../analysis/novelty.js';
import type { Amount, Platform } from '../../core/model.js';
import {
  pageKey,
  type NewOutboxPage,
  type NewOutboxRow,
  type OutboxItem,
  type OutboxPage,
  type OutboxRepository,
  type OutboxRow,
  type TakeOver,
} from '../digest-outbox.js';
import { query, transaction, unavailableOr, type Queryable } from './database.js';
import { toOutboxPage, toOutboxRow } from '../rows.js';


/** Every column but heartbeat_at, which stays inside the database (it is judged there). */
const ROW_COLUMNS = `id, platform, channel, slot, status, late, window_from, window_until, overflow, items, reply,
  message_id, attempts, error, owner, created_at, updated_at, posted_at`;

/** `now() - ms`: the staleness cut-off by the database's clock. */
const STALE_BEFORE = (param: string) => `now() - ${param}::double precision * interval '1 millisecond'`;



export class PostgresOutbox implements OutboxRepository {
  constructor(private readonly pool: pg.Pool) {}

  async find(platform: Platform, channel: string, slot: string): Promise<OutboxRow | null> {
    const r = await query(
      this.pool,
      `SELECT ${ROW_COLUMNS} FROM digest_outbox WHERE platform = $1 AND channel = $2 AND slot = $3`,
      [platform, channel, slot],
    );
    return r.rows[0] ? toOutboxRow(r.rows[0]) : null;
  }

  async byId(id: number): Promise<OutboxRow | null> {
    return onPool(this.pool, (db) => byId(db, id));
  }

  /**
   * Step 1: the row and its pages in one transaction. A concurrent claim of
   * the same slot waits on the unique key, then does nothing: null.
   */
  async claim(row: NewOutboxRow, pages: NewOutboxPage[], slotKey: string, now: Date): Promise<OutboxRow | null> {
    const at = now.toISOString();
    return transaction(this.pool, async (c) => {
      const inserted = await c.query<{ id: number }>(
        `INSERT INTO digest_outbox
           (platform, channel, slot, status, late, window_from, window_until, overflow, items, reply, owner, created_at, updated_at, heartbeat_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, now())
         ON CONFLICT (platform, channel, slot) DO NOTHING
         RETURNING id`,
        [
          row.platform,
          row.channel,
          row.slot,
          row.status,
          row.late,
          row.windowFrom,
          row.windowUntil,
          row.overflow,
          JSON.stringify(row.items),
          JSON.stringify(row.reply),
          row.owner,
          at,
        ],
      );
      const id = inserted.rows[0]?.id;
      if (id === undefined) return null;
      await insertPages(c, id, row.items, pages, slotKey);
      return byId(c, id);
    });
  }

  /**
   * Pages for a row claimed before pages were stored. The row is locked
   * while its pages are counted and written, so concurrent callers agree.
   */
  async ensurePages(row: OutboxRow, paginate: () => NewOutboxPage[], slotKey: string): Promise<OutboxPage[]> {
    const stored = await onPool(this.pool, (db) => pagesOf(db, row.id));
    if (stored.length > 0 || row.status === 'skipped') return stored;
    const pages = paginate();
    return transaction(this.pool, async (c) => {
      await c.query('SELECT 1 FROM digest_outbox WHERE id = $1 FOR UPDATE', [row.id]);
      if ((await pagesOf(c, row.id)).length === 0) await insertPages(c, row.id, row.items, pages, slotKey);
      return pagesOf(c, row.id);
    });
  }

  async pages(outboxId: number): Promise<OutboxPage[]> {
    return onPool(this.pool, (db) => pagesOf(db, outboxId));
  }

  /** Fence and heartbeat: one statement, so it holds against a takeover committed a moment before. */
  async beginAttempt(id: number, owner: string, now: Date): Promise<boolean> {
    const r = await query(
      this.pool,
      `UPDATE digest_outbox SET attempts = attempts + 1, updated_at = $1, heartbeat_at = now()
       WHERE id = $2 AND status = 'pending' AND owner = $3`,
      [now.toISOString(), id, owner],
    );
    return r.rowCount === 1;
  }

  /**
   * The page is in the channel: mark it and record its items as sent, in one
   * transaction. Two callers marking the same page: the second waits on the
   * page's row lock, then finds it posted and returns false.
   */
  async markPagePosted(id: number, index: number, messageId: string, now: Date): Promise<boolean> {
    const at = now.toISOString();
    return transaction(this.pool, async (c) => {
      const row = await byId(c, id);
      if (!row) return false;
      const marked = await c.query<{ event_ids: string }>(
        `UPDATE digest_outbox_pages SET status = 'posted', message_id = $1, posted_at = $2
         WHERE outbox_id = $3 AND page = $4 AND status = 'pending'
         RETURNING event_ids`,
        [messageId, at, id, index],
      );
      const page = marked.rows[0];
      if (!page) return false;
      const byEvent = new Map(row.items.map((item) => [item.eventId, item]));
      for (const eventId of JSON.parse(page.event_ids) as string[]) {
        const item = byEvent.get(eventId);
        if (!item) continue;
        await c.query(
          `INSERT INTO digest_sent_items (platform, channel, event_id, text, entities, amounts, date, slot, sent_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (platform, channel, event_id) DO NOTHING`,
          [row.platform, row.channel, item.eventId, item.text, JSON.stringify(item.entities), JSON.stringify(item.amounts), item.date, row.slot, at],
        );
      }
      await c.query(`UPDATE digest_outbox SET updated_at = $1, heartbeat_at = now() WHERE id = $2 AND status = 'pending'`, [at, id]);
      return true;
    });
  }

  async markPosted(id: number, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const r = await query(
      this.pool,
      `UPDATE digest_outbox o
       SET status = 'posted', posted_at = $1, updated_at = $1, heartbeat_at = now(), error = NULL,
           message_id = (SELECT message_id FROM digest_outbox_pages WHERE outbox_id = o.id ORDER BY page LIMIT 1)
       WHERE id = $2 AND status = 'pending'
         AND NOT EXISTS (SELECT 1 FROM digest_outbox_pages WHERE outbox_id = o.id AND status <> 'posted')`,
      [at, id],
    );
    return r.rowCount === 1;
  }

  async markFailed(id: number, owner: string, error: string, now: Date): Promise<void> {
    await query(
      this.pool,
      `UPDATE digest_outbox SET status = 'failed', error = $1, updated_at = $2, heartbeat_at = now()
       WHERE id = $3 AND status = 'pending' AND owner = $4`,
      [error, now.toISOString(), id, owner],
    );
  }

  async noteError(id: number, owner: string, error: string, now: Date): Promise<void> {
    await query(
      this.pool,
      `UPDATE digest_outbox SET error = $1, updated_at = $2, heartbeat_at = now()
       WHERE id = $3 AND status = 'pending' AND owner = $4`,
      [error, now.toISOString(), id, owner],
    );
  }

  /**
   * Take the row for `owner` when it is still as the caller saw it (same
   * status and last change) and nobody is working on it: pending with a
   * heartbeat older than staleAfterMs by the database's clock, or failed
   * when asked. The row is locked SKIP LOCKED: an instance that finds
   * another one taking it (or posting on it) at this moment gets false.
   */
  async takeOver(row: OutboxRow, owner: string, now: Date, how: TakeOver): Promise<boolean> {
    const reopenFailed = how.reopenFailed ?? false;
    if (row.status !== 'pending' && !(reopenFailed && row.status === 'failed')) return false;
    return transaction(this.pool, async (c) => {
      const eligible = await c.query(
        `SELECT id FROM digest_outbox
         WHERE id = $1 AND status = $2 AND updated_at = $3
           AND ((status = 'pending' AND heartbeat_at < ${STALE_BEFORE('$4')}) OR ($5 AND status = 'failed'))
         FOR UPDATE SKIP LOCKED`,
        [row.id, row.status, row.updatedAt, how.staleAfterMs, reopenFailed],
      );
      if (eligible.rowCount !== 1) return false;
      await c.query(
        `UPDATE digest_outbox SET status = 'pending', owner = $1, updated_at = $2, heartbeat_at = now() WHERE id = $3`,
        [owner, now.toISOString(), row.id],
      );
      return true;
    });
  }

  async stalePending(_now: Date, staleAfterMs: number): Promise<OutboxRow[]> {
    const r = await query(
      this.pool,
      `SELECT ${ROW_COLUMNS} FROM digest_outbox WHERE status = 'pending' AND heartbeat_at < ${STALE_BEFORE('$1')} ORDER BY id`,
      [staleAfterMs],
    );
    return r.rows.map(toOutboxRow);
  }

  async lastSettled(platform: Platform, channel: string): Promise<OutboxRow | null> {
    const r = await query(
      this.pool,
      `SELECT ${ROW_COLUMNS} FROM digest_outbox WHERE platform = $1 AND channel = $2 AND status IN ('posted', 'skipped')
       ORDER BY window_until DESC, id DESC LIMIT 1`,
      [platform, channel],
    );
    return r.rows[0] ? toOutboxRow(r.rows[0]) : null;
  }

  async lastFailure(platform: Platform, channel: string): Promise<OutboxRow | null> {
    const r = await query(
      this.pool,
      `SELECT ${ROW_COLUMNS} FROM digest_outbox
       WHERE platform = $1 AND channel = $2 AND (status = 'failed' OR (status = 'pending' AND error IS NOT NULL))
       ORDER BY updated_at DESC, id DESC LIMIT 1`,
      [platform, channel],
    );
    return r.rows[0] ? toOutboxRow(r.rows[0]) : null;
  }

  async known(platform: Platform, channel: string, limit = 2000): Promise<{ ids: Set<string>; items: KnownItem[] }> {
    const r = await query(
      this.pool,
      `SELECT event_id, text, entities, amounts, date FROM digest_sent_items
       WHERE platform = $1 AND channel = $2 ORDER BY sent_at DESC LIMIT $3`,
      [platform, channel, limit],
    );
    return {
      ids: new Set(r.rows.map((row) => row.event_id as string)),
      items: r.rows.map((row) => ({
        text: row.text as string,
        entities: JSON.parse(row.entities as string) as string[],
        amounts: JSON.parse(row.amounts as string) as Amount[],
        date: row.date as string,
      })),
    };
  }
}

// On the pool or inside a transaction's connection alike.

/** Reads on the pool, a lost connection reported as DatabaseUnavailable (transactions do this themselves). */
async function onPool<T>(pool: pg.Pool, work: (db: Queryable) => Promise<T>): Promise<T> {
  try {
    return await work(pool);
  } catch (err) {
    throw unavailableOr(err);
  }
}

async function byId(db: Queryable, id: number): Promise<OutboxRow | null> {
  const r = await db.query(`SELECT ${ROW_COLUMNS} FROM digest_outbox WHERE id = $1`, [id]);
  return r.rows[0] ? toOutboxRow(r.rows[0]) : null;
}

async function pagesOf(db: Queryable, outboxId: number): Promise<OutboxPage[]> {
  const r = await db.query('SELECT * FROM digest_outbox_pages WHERE outbox_id = $1 ORDER BY page', [outboxId]);
  return r.rows.map(toOutboxPage);
}

async function insertPages(c: Queryable, outboxId: number, items: OutboxItem[], pages: NewOutboxPage[], slotKey: string): Promise<void> {
  for (const p of pages) {
    const eventIds = p.items.flatMap((i) => (items[i] ? [items[i]!.eventId] : []));
    await c.query(
      `INSERT INTO digest_outbox_pages (outbox_id, page, page_key, status, body, event_ids)
       VALUES ($1, $2, $3, 'pending', $4, $5) ON CONFLICT DO NOTHING`,
      [outboxId, p.index, pageKey(slotKey, p.index), JSON.stringify(p.body), JSON.stringify(eventIds)],
    );
  }
}
