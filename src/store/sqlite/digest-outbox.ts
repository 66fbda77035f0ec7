/**
 * The digest outbox in SQLite (digest_outbox, digest_outbox_pages,
 * digest_sent_items; migrations 100-101 in digest-schema.ts). The protocol
 * and what exactly-once relies on are in the contract, ../digest-outbox.ts.
 * SQLite is one machine: heartbeats and staleness use the caller's clock
 * (`now`), and a takeover is a compare-and-set on the heartbeat and status
 * (every write transaction takes the file's write lock first).
 */
import type Database from 'better-sqlite3';
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
import { toOutboxPage, toOutboxRow, type Row } from '../rows.js';




export class SqliteOutbox implements OutboxRepository {
  constructor(private readonly db: Database.Database) {}

  async find(platform: Platform, channel: string, slot: string): Promise<OutboxRow | null> {
    const r = this.db
      .prepare('SELECT * FROM digest_outbox WHERE platform = ? AND channel = ? AND slot = ?')
      .get(platform, channel, slot) as Row | undefined;
    return r ? toOutboxRow(r) : null;
  }

  async byId(id: number): Promise<OutboxRow | null> {
    return this.byIdSync(id);
  }

  private byIdSync(id: number): OutboxRow | null {
    const r = this.db.prepare('SELECT * FROM digest_outbox WHERE id = ?').get(id) as Row | undefined;
    return r ? toOutboxRow(r) : null;
  }

  /**
   * Step 1: the row and its pages, in one transaction; the row when this
   * call created it (it owns the slot), null when another got there first.
   */
  async claim(row: NewOutboxRow, pages: NewOutboxPage[], slotKey: string, now: Date): Promise<OutboxRow | null> {
    const at = now.toISOString();
    return this.db.transaction(() => {
      const result = this.db
        .prepare(
          `INSERT INTO digest_outbox
             (platform, channel, slot, status, late, window_from, window_until, overflow, items, reply, owner, created_at, updated_at)
           VALUES (@platform, @channel, @slot, @status, @late, @windowFrom, @windowUntil, @overflow, @items, @reply, @owner, @at, @at)
           ON CONFLICT (platform, channel, slot) DO NOTHING`,
        )
        .run({
          platform: row.platform,
          channel: row.channel,
          slot: row.slot,
          status: row.status,
          late: row.late ? 1 : 0,
          windowFrom: row.windowFrom,
          windowUntil: row.windowUntil,
          overflow: row.overflow ? 1 : 0,
          items: JSON.stringify(row.items),
          reply: JSON.stringify(row.reply),
          owner: row.owner,
          at,
        });
      if (result.changes !== 1) return null;
      const id = Number(result.lastInsertRowid);
      this.insertPages(id, row.items, pages, slotKey);
      return this.byIdSync(id);
    }).immediate();
  }

  /**
   * Pages for a row claimed before pages were stored (an upgrade with a
   * digest in flight). Only when it has none, so concurrent callers agree.
   */
  async ensurePages(row: OutboxRow, paginate: () => NewOutboxPage[], slotKey: string): Promise<OutboxPage[]> {
    const stored = this.pagesSync(row.id);
    if (stored.length > 0 || row.status === 'skipped') return stored;
    const pages = paginate();
    return this.db.transaction(() => {
      if (this.pagesSync(row.id).length === 0) this.insertPages(row.id, row.items, pages, slotKey);
      return this.pagesSync(row.id);
    }).immediate();
  }

  private insertPages(outboxId: number, items: OutboxItem[], pages: NewOutboxPage[], slotKey: string): void {
    const insert = this.db.prepare(
      `INSERT INTO digest_outbox_pages (outbox_id, page, page_key, status, body, event_ids)
       VALUES (?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING`,
    );
    for (const p of pages) {
      const eventIds = p.items.flatMap((i) => (items[i] ? [items[i]!.eventId] : []));
      insert.run(outboxId, p.index, pageKey(slotKey, p.index), JSON.stringify(p.body), JSON.stringify(eventIds));
    }
  }

  async pages(outboxId: number): Promise<OutboxPage[]> {
    return this.pagesSync(outboxId);
  }

  private pagesSync(outboxId: number): OutboxPage[] {
    return (this.db.prepare('SELECT * FROM digest_outbox_pages WHERE outbox_id = ? ORDER BY page').all(outboxId) as Row[]).map(toOutboxPage);
  }

  /**
   * Heartbeat and fence before each attempt: false when the row is no longer
   * pending or no longer ours (another process took it over): do not post.
   */
  async beginAttempt(id: number, owner: string, now: Date): Promise<boolean> {
    return (
      this.db
        .prepare(`UPDATE digest_outbox SET attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'pending' AND owner = ?`)
        .run(now.toISOString(), id, owner).changes === 1
    );
  }

  /**
   * Step 2's end: the page is in the channel (posted now, or found there), and
   * the channel now knows its items. One transaction; also a heartbeat.
   * A fact, so it needs no ownership; false when the page was already marked.
   */
  async markPagePosted(id: number, index: number, messageId: string, now: Date): Promise<boolean> {
    const at = now.toISOString();
    return this.db.transaction(() => {
      const row = this.byIdSync(id);
      if (!row) return false;
      const changed = this.db
        .prepare(
          `UPDATE digest_outbox_pages SET status = 'posted', message_id = ?, posted_at = ?
           WHERE outbox_id = ? AND page = ? AND status = 'pending'`,
        )
        .run(messageId, at, id, index).changes;
      if (changed !== 1) return false;
      const page = this.pagesSync(id).find((p) => p.index === index)!;
      const byId = new Map(row.items.map((item) => [item.eventId, item]));
      const insert = this.db.prepare(
        `INSERT INTO digest_sent_items (platform, channel, event_id, text, entities, amounts, date, slot, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, channel, event_id) DO NOTHING`,
      );
      for (const eventId of page.eventIds) {
        const item = byId.get(eventId);
        if (!item) continue;
        insert.run(row.platform, row.channel, item.eventId, item.text, JSON.stringify(item.entities), JSON.stringify(item.amounts), item.date, row.slot, at);
      }
      this.db.prepare(`UPDATE digest_outbox SET updated_at = ? WHERE id = ? AND status = 'pending'`).run(at, id);
      return true;
    }).immediate();
  }

  /** Step 3: every page is in the channel; the row is posted, with page 1's message id. */
  async markPosted(id: number, now: Date): Promise<boolean> {
    const at = now.toISOString();
    return (
      this.db
        .prepare(
          `UPDATE digest_outbox
           SET status = 'posted', posted_at = ?, updated_at = ?, error = NULL,
               message_id = (SELECT message_id FROM digest_outbox_pages WHERE outbox_id = digest_outbox.id ORDER BY page LIMIT 1)
           WHERE id = ? AND status = 'pending'
             AND NOT EXISTS (SELECT 1 FROM digest_outbox_pages WHERE outbox_id = digest_outbox.id AND status <> 'posted')`,
        )
        .run(at, at, id).changes === 1
    );
  }

  /** After a page's last retry: the slot is given up; the items of its unposted pages stay eligible. */
  async markFailed(id: number, owner: string, error: string, now: Date): Promise<void> {
    this.db
      .prepare(`UPDATE digest_outbox SET status = 'failed', error = ?, updated_at = ? WHERE id = ? AND status = 'pending' AND owner = ?`)
      .run(error, now.toISOString(), id, owner);
  }

  /** Record an attempt's error while the row stays pending (visible in settings); also a heartbeat. */
  async noteError(id: number, owner: string, error: string, now: Date): Promise<void> {
    this.db
      .prepare(`UPDATE digest_outbox SET error = ?, updated_at = ? WHERE id = ? AND status = 'pending' AND owner = ?`)
      .run(error, now.toISOString(), id, owner);
  }

  /**
   * Take over a row nobody is working on: a pending row whose heartbeat is
   * older than `how.staleAfterMs`, or (when asked) a failed one. Compare-and-set,
   * so of several recovering processes exactly one wins.
   */
  async takeOver(row: OutboxRow, owner: string, now: Date, how: TakeOver): Promise<boolean> {
    const staleBefore = new Date(now.getTime() - how.staleAfterMs);
    const reopenFailed = how.reopenFailed ?? false;
    const eligible =
      (row.status === 'pending' && row.updatedAt < staleBefore.toISOString()) || (reopenFailed && row.status === 'failed');
    if (!eligible) return false;
    return (
      this.db
        .prepare(
          `UPDATE digest_outbox SET status = 'pending', owner = ?, updated_at = ?
           WHERE id = ? AND status = ? AND updated_at = ?`,
        )
        .run(owner, now.toISOString(), row.id, row.status, row.updatedAt).changes === 1
    );
  }

  async stalePending(now: Date, staleAfterMs: number): Promise<OutboxRow[]> {
    const staleBefore = new Date(now.getTime() - staleAfterMs);
    return (
      this.db
        .prepare(`SELECT * FROM digest_outbox WHERE status = 'pending' AND updated_at < ? ORDER BY id`)
        .all(staleBefore.toISOString()) as Row[]
    ).map(toOutboxRow);
  }

  /** The last digest that settled a window (posted, or skipped as empty). */
  async lastSettled(platform: Platform, channel: string): Promise<OutboxRow | null> {
    const r = this.db
      .prepare(
        `SELECT * FROM digest_outbox WHERE platform = ? AND channel = ? AND status IN ('posted', 'skipped')
         ORDER BY window_until DESC, id DESC LIMIT 1`,
      )
      .get(platform, channel) as Row | undefined;
    return r ? toOutboxRow(r) : null;
  }

  async lastFailure(platform: Platform, channel: string): Promise<OutboxRow | null> {
    const r = this.db
      .prepare(
        `SELECT * FROM digest_outbox WHERE platform = ? AND channel = ? AND (status = 'failed' OR (status = 'pending' AND error IS NOT NULL))
         ORDER BY updated_at DESC, id DESC LIMIT 1`,
      )
      .get(platform, channel) as Row | undefined;
    return r ? toOutboxRow(r) : null;
  }

  /** What the channel was already told, newest first (bounded: novelty looks back this far). */
  async known(platform: Platform, channel: string, limit = 2000): Promise<{ ids: Set<string>; items: KnownItem[] }> {
    const rows = this.db
      .prepare(
        `SELECT event_id, text, entities, amounts, date FROM digest_sent_items
         WHERE platform = ? AND channel = ? ORDER BY sent_at DESC LIMIT ?`,
      )
      .all(platform, channel, limit) as Row[];
    return {
      ids: new Set(rows.map((r) => r.event_id as string)),
      items: rows.map((r) => ({
        text: r.text as string,
        entities: JSON.parse(r.entities as string) as string[],
        amounts: JSON.parse(r.amounts as string) as Amount[],
        date: r.date as string,
      })),
    };
  }
}
