/**
 * The digest outbox: each page of the digest for a (platform, channel, slot)
 * posted exactly once, in order, across processes and instances sharing the
 * database and across crashes, plus what each channel was already told
 * (novelty and no-repeat read it).
 *
 * What exactly-once relies on (every implementation must keep all of it):
 *   1. The unique key (platform, channel, slot). `claim` inserts the row and
 *      its pages in one transaction, ON CONFLICT DO NOTHING: whoever inserts
 *      owns the slot; every other caller gets null and stops.
 *   2. Each page has its own unique key (`pageKey(slotKey, index)`), state
 *      and stored body: a recovery posts the same bytes, or recognises them.
 *   3. Fencing: `beginAttempt` (before every post) succeeds only while the
 *      row is pending and owned by the caller, and is the heartbeat.
 *   4. Takeover of a stale row: a pending row whose last heartbeat is older
 *      than `staleAfterMs` belongs to a process that died; `takeOver` moves
 *      it to the caller atomically so that of several recovering processes
 *      exactly one wins (SQLite: compare-and-set on the heartbeat and status;
 *      PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED` then update), and the
 *      old owner's next fence fails.
 *   5. Database time for heartbeats and staleness wherever several clocks
 *      may meet (PostgreSQL: now(), heartbeat_at TIMESTAMPTZ). The `now`
 *      arguments are the caller's clock: the timestamps recorded as text
 *      (createdAt, postedAt, sentAt) and, on SQLite (one machine, one
 *      clock; tests drive it), the heartbeat too.
 *   6. `markPagePosted` marks the page and records *its* items as sent in one
 *      transaction; it needs no ownership (the page is in the channel: a
 *      fact) and returns false when the page was already marked.
 */
import type { KnownItem } from '../analysis/novelty.js';
import type { Amount, Platform, SourceRef } from '../core/model.js';
import type { Reply } from '../core/reply.js';

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
  /** The last change or heartbeat, ISO. On PostgreSQL staleness is judged by the database's own heartbeat column, not this. */
  updatedAt: string;
  postedAt: string | null;
}

export type PageStatus = 'pending' | 'posted';

/** One message of a digest. */
export interface OutboxPage {
  outboxId: number;
  /** 0-based. */
  index: number;
  key: string;
  status: PageStatus;
  body: Record<string, unknown>;
  eventIds: string[];
  messageId: string | null;
  postedAt: string | null;
}

/** A page as the poster split it: its body and the indexes (into the row's items) it shows. */
export interface NewOutboxPage {
  index: number;
  body: Record<string, unknown>;
  items: number[];
}

export type NewOutboxRow = Pick<
  OutboxRow,
  'platform' | 'channel' | 'slot' | 'late' | 'windowFrom' | 'windowUntil' | 'overflow' | 'items' | 'reply' | 'owner'
> & { status: 'pending' | 'skipped' };

/** Page n's key (1-based in the key, as readers count pages). */
export function pageKey(slotKey: string, index: number): string {
  return `${slotKey}:p${index + 1}`;
}

export interface TakeOver {
  /** A pending row is taken only when its last heartbeat is older than this. */
  staleAfterMs: number;
  /** Also take a failed row (a manual retry). */
  reopenFailed?: boolean;
}

export interface OutboxRepository {
  find(platform: Platform, channel: string, slot: string): Promise<OutboxRow | null>;
  byId(id: number): Promise<OutboxRow | null>;
  /** Step 1: the row and its pages in one transaction; the row when this call created it, null when another got there first. */
  claim(row: NewOutboxRow, pages: NewOutboxPage[], slotKey: string, now: Date): Promise<OutboxRow | null>;
  /** Pages for a row claimed before pages were stored; inserted only when it has none, so concurrent callers agree. */
  ensurePages(row: OutboxRow, paginate: () => NewOutboxPage[], slotKey: string): Promise<OutboxPage[]>;
  /** A row's pages in order. */
  pages(outboxId: number): Promise<OutboxPage[]>;
  /** Heartbeat and fence before each attempt: false when the row is no longer pending or no longer `owner`'s: do not post. */
  beginAttempt(id: number, owner: string, now: Date): Promise<boolean>;
  /** The page is in the channel: mark it and record its items as sent (one transaction; also a heartbeat). */
  markPagePosted(id: number, index: number, messageId: string, now: Date): Promise<boolean>;
  /** Every page posted: the row becomes posted with page 1's message id. False when some page is not, or it was not pending. */
  markPosted(id: number, now: Date): Promise<boolean>;
  /** After a page's last retry (only while `owner`'s and pending): the slot is given up; unposted pages' items stay eligible. */
  markFailed(id: number, owner: string, error: string, now: Date): Promise<void>;
  /** Record an attempt's error while the row stays pending (only while `owner`'s); also a heartbeat. */
  noteError(id: number, owner: string, error: string, now: Date): Promise<void>;
  /**
   * Take over `row` for `owner` if nobody is working on it (stale pending,
   * or failed when asked); true for exactly one of several callers.
   */
  takeOver(row: OutboxRow, owner: string, now: Date, how: TakeOver): Promise<boolean>;
  /** Pending rows whose last heartbeat is older than `staleAfterMs`, by id. */
  stalePending(now: Date, staleAfterMs: number): Promise<OutboxRow[]>;
  /** The last digest that settled a window (posted, or skipped as empty), by window end. */
  lastSettled(platform: Platform, channel: string): Promise<OutboxRow | null>;
  /** The latest failed row, or pending row with an error. */
  lastFailure(platform: Platform, channel: string): Promise<OutboxRow | null>;
  /** What the channel was already told, newest first, at most `limit` (default 2000). */
  known(platform: Platform, channel: string, limit?: number): Promise<{ ids: Set<string>; items: KnownItem[] }>;
}
