/**
 * What the digest needs from a platform: post a Reply to a channel, and after
 * a crash find out whether a slot's message already went out. Implemented by
 * the Slack, Discord and console adapters.
 */
import type { Reply } from '../core/reply.js';
import type { Platform } from '../core/model.js';

export interface PostOptions {
  /** Unique per (platform, channel, slot): becomes Discord's nonce / Slack's metadata. */
  idempotencyKey: string;
  /** The digest slot, YYYY-MM-DD. */
  slot: string;
}

export interface PostResult {
  /** Platform message id (Slack ts, Discord snowflake) of the first message. */
  messageId: string;
}

/** A platform failure: `retryable` for 5xx, 429 and network errors. */
export class PostError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'PostError';
  }
}

export interface ChannelPoster {
  readonly platform: Platform;
  post(channel: string, reply: Reply, options: PostOptions): Promise<PostResult>;
  /** The message already posted for this key, if the platform can tell (crash recovery). */
  findPosted(channel: string, options: PostOptions & { since: Date }): Promise<PostResult | null>;
}
