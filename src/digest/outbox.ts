/**
 * The digest outbox: exactly one post per (platform, channel, slot), across
 * processes sharing the SQLite file and across crashes.
 *
 * The protocol:
 *   1. INSERT the slot's row (status 'pending', with the exact payload)
 *      ON CONFLICT DO NOTHING: whoever inserts owns the slot; others stop.
 *   2. Post. Each attempt refreshes `updated_at` (a heartbeat).
 *   3. In one transaction: status 'posted' + message id, and the items into
 *      digest_sent_items. Or, after the last retry, status 'failed'.
 * A 'pending' row whose heartbeat is older than a minute belongs to a process
 * that died; a recovering process takes it over with a compare-and-set on
 * `updated_at` and asks the platform whether the message already went out.
 */
import type Database from 'better-sqlite3';
import type { Amount, Platform, SourceRef } from '../core/model.js';
import type { Reply } from '../core/reply.js';
import type { KnownItem } from '../analysis/novelty.js';

/** A digest item with what novelty needs to remember it. */
export interface OutboxItem {
  eventId: string;
  date: string;
  text: string;
  sources: SourceRef[];
  entities: string[];
  amounts: Amount[];
}

export type OutboxStatus = 'pending' | 'posted' | 'failed' | 'skipped';

export interface OutboxRow {
  id: number;
  platform: Platform;
  channel: string;
  slot: string;
  status: OutboxStatus;
  late: boolean;
  windowFrom: string;
  windowUntil: string;
  overflow: boolean;
  items: OutboxItem[];
  reply: Reply;
  messageId: string | null;
  attempts: number;
  error: string | null;
  owner: string | null;
  createdAt: string;
  updatedAt: string;
  postedAt: string | null;
}

export type NewOutboxRow = Pick<
  OutboxRow,
  'platform' | 'channel' | 'slot' | 'late' | 'windowFrom' | 'windowUntil' | 'overflow' | 'items' | 'reply' | 'owner'
> & { status: 'pending' | 'skipped' };

type Row = Record<string, unknown>;

function toRow(r: Row): OutboxRow {
  return {
    id: r.id as number,
    platform: r.platform as Platform,
    channel: r.channel as string,
    slot: r.slot as string,
    status: r.status as OutboxStatus,
    late: r.late === 1,
    windowFrom: r.window_from as string,
    windowUntil: r.window_until as string,
    overflow: r.overflow === 1,
    items: JSON.parse(r.items as string) as OutboxItem[],
    reply: JSON.parse(r.reply as string) as Reply,
    messageId: (r.message_id as string | null) ?? null,
    attempts: r.attempts as number,
    error: (r.error as string | null) ?? null,
    owner: (r.owner as string | null) ?? null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    postedAt: (r.posted_at as string | null) ?? null,
  };
}

export class Outbox {
  constructor(private readonly db: Database.Database) {}

  find(platform: Platform, channel: string, slot: string): OutboxRow | null {
    const r = this.db
      .prepare('SELECT * FROM digest_outbox WHERE platform = ? AND channel = ? AND slot = ?')
      .get(platform, channel, slot) as Row | undefined;
    return r ? toRow(r) : null;
  }

  byId(id: number): OutboxRow | null {
    const r = this.db.prepare('SELECT * FROM digest_outbox WHERE id = ?').get(id) as Row | undefined;
    return r ? toRow(r) : null;
  }

  /** Step 1: true when this call created the row, i.e. owns the slot. */
  claim(row: NewOutboxRow, now: Date): OutboxRow | null {
    const at = now.toISOString();
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
    return result.changes === 1 ? this.byId(Number(result.lastInsertRowid)) : null;
  }

  /** Heartbeat before each attempt: the row is alive, owned by `owner`. */
  beginAttempt(id: number, owner: string, now: Date): void {
    this.db
      .prepare(`UPDATE digest_outbox SET attempts = attempts + 1, owner = ?, updated_at = ? WHERE id = ? AND status = 'pending'`)
      .run(owner, now.toISOString(), id);
  }

  /** Step 3: posted, and the channel now knows these items. One transaction. */
  markPosted(id: number, messageId: string, now: Date): boolean {
    const at = now.toISOString();
    return this.db.transaction(() => {
      const row = this.byId(id);
      if (!row || row.status !== 'pending') return false;
      this.db
        .prepare(`UPDATE digest_outbox SET status = 'posted', message_id = ?, posted_at = ?, updated_at = ?, error = NULL WHERE id = ?`)
        .run(messageId, at, at, id);
      const insert = this.db.prepare(
        `INSERT INTO digest_sent_items (platform, channel, event_id, text, entities, amounts, date, slot, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, channel, event_id) DO NOTHING`,
      );
      for (const item of row.items) {
        insert.run(
          row.platform,
          row.channel,
          item.eventId,
          item.text,
          JSON.stringify(item.entities),
          JSON.stringify(item.amounts),
          item.date,
          row.slot,
          at,
        );
      }
      return true;
    })();
  }

  /** After the last retry: the slot is given up; its items stay eligible. */
  markFailed(id: number, error: string, now: Date): void {
    this.db
      .prepare(`UPDATE digest_outbox SET status = 'failed', error = ?, updated_at = ? WHERE id = ? AND status = 'pending'`)
      .run(error, now.toISOString(), id);
  }

  /** Record an attempt's error while the row stays pending (visible in settings). */
  noteError(id: number, error: string, now: Date): void {
    this.db.prepare('UPDATE digest_outbox SET error = ?, updated_at = ? WHERE id = ?').run(error, now.toISOString(), id);
  }

  /**
   * Take over a row nobody is working on: a pending row whose heartbeat is
   * older than `staleBefore`, or (when asked) a failed one. Compare-and-set,
   * so of several recovering processes exactly one wins.
   */
  takeOver(row: OutboxRow, owner: string, now: Date, staleBefore: Date, reopenFailed = false): boolean {
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

  stalePending(staleBefore: Date): OutboxRow[] {
    return (
      this.db
        .prepare(`SELECT * FROM digest_outbox WHERE status = 'pending' AND updated_at < ? ORDER BY id`)
        .all(staleBefore.toISOString()) as Row[]
    ).map(toRow);
  }

  /** The last digest that settled a window (posted, or skipped as empty). */
  lastSettled(platform: Platform, channel: string): OutboxRow | null {
    const r = this.db
      .prepare(
        `SELECT * FROM digest_outbox WHERE platform = ? AND channel = ? AND status IN ('posted', 'skipped')
         ORDER BY window_until DESC, id DESC LIMIT 1`,
      )
      .get(platform, channel) as Row | undefined;
    return r ? toRow(r) : null;
  }

  lastFailure(platform: Platform, channel: string): OutboxRow | null {
    const r = this.db
      .prepare(
        `SELECT * FROM digest_outbox WHERE platform = ? AND channel = ? AND (status = 'failed' OR (status = 'pending' AND error IS NOT NULL))
         ORDER BY updated_at DESC, id DESC LIMIT 1`,
      )
      .get(platform, channel) as Row | undefined;
    return r ? toRow(r) : null;
  }

  /** What the channel was already told, newest first (bounded: novelty looks back this far). */
  known(platform: Platform, channel: string, limit = 2000): { ids: Set<string>; items: KnownItem[] } {
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
