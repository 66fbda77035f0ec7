/**
 * What the digest needs from a platform: split a Reply into the messages
 * (pages) it becomes, post one page, and find out which pages of a digest
 * are already in the channel. Implemented by the Slack, Discord and console
 * adapters.
 *
 * The outbox (src/digest/outbox.ts) decides when to post and when to retry,
 * so a poster makes exactly one HTTP attempt per call, never retries inside
 * (a client retry after the platform applied a post but the answer was lost
 * is a second message), never waits out a rate limit (it reports
 * `retryAfterMs` instead), and gives up on an attempt after
 * POST_ATTEMPT_TIMEOUT_MS.
 */
import type { Reply } from '../core/reply.js';
import type { Platform } from '../core/model.js';

/**
 * Longest a single platform call may take (connect, send, answer). The
 * outbox's stale window (a minute) must hold the longest gap between two
 * heartbeats — a retry pause plus a history read — with room to spare, so
 * an attempt is always over before another process may take the row over.
 */
export const POST_ATTEMPT_TIMEOUT_MS = 10_000;

/** One digest, as the platform will carry it. */
export interface DigestKey {
  /** Unique per (platform, channel, slot): briefing-digest:<platform>:<channel>:<slot>. */
  idempotencyKey: string;
  /** The digest slot, YYYY-MM-DD. */
  slot: string;
}

/** One message of a digest, ready to post. */
export interface PostPage {
  /** 0-based position in the digest. */
  index: number;
  /**
   * The platform's message body (JSON-serialisable, channel excluded), with
   * the digest's key and this page's number in it so `findPosted` can
   * recognise it. Stored in the outbox: a recovery posts the same bytes.
   */
  body: Record<string, unknown>;
  /** Indexes into `reply.items` of the items this page shows. */
  items: number[];
}

export interface PostResult {
  /** Platform message id (Slack ts, Discord snowflake). */
  messageId: string;
}

/** A platform failure: `retryable` for 5xx, 429, timeouts and network errors. */
export class PostError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The platform asked to wait this long before trying again (429 Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PostError';
  }
}

export interface ChannelPoster {
  readonly platform: Platform;
  /** The pages `reply` becomes, in order, each within the platform's limits. Deterministic. */
  paginate(reply: Reply, key: DigestKey): PostPage[];
  /** Post one page: one attempt, no retries, bounded by POST_ATTEMPT_TIMEOUT_MS. */
  postPage(channel: string, page: PostPage, key: DigestKey): Promise<PostResult>;
  /**
   * The pages of this digest already in the channel, page index → message id
   * (empty when none, or when the platform keeps no history it can read).
   */
  findPosted(channel: string, key: DigestKey & { since: Date }): Promise<Map<number, string>>;
}
