/**
 * Channel posts for the daily digest. Each message carries a nonce derived
 * from the idempotency key with `enforce_nonce: true`: Discord then returns
 * the message already created with that nonce instead of posting it twice
 * when a post is retried (Discord keeps nonces for a few minutes only).
 * For crash recovery beyond that, every message also carries a short
 * reference in its footer, which `findPosted` looks for among the channel's
 * recent messages. @discordjs/rest waits out 429s per route (and globally
 * when Discord says so) without holding up other routes.
 */
import { createHash } from 'node:crypto';
import type { REST } from '@discordjs/rest';
import { Routes, type APIMessage, type RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { Reply } from '../../core/reply.js';
import type { ChannelPoster, PostOptions, PostResult } from '../poster.js';
import { DISCORD_LIMITS } from './embeds/limits.js';
import { renderMessages } from './embeds/render.js';
import { toPostError } from './errors.js';

/** How many recent messages `findPosted` reads (Discord's maximum per request). */
const RECENT_MESSAGES = 50;

/** 16 hex characters of the key's hash: short enough for the nonce, unique enough per slot. */
export function referenceFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16);
}

/** The n-th message's nonce: "<reference>-<n>", at most 25 characters. */
export function nonceFor(idempotencyKey: string, index: number): string {
  const nonce = `${referenceFor(idempotencyKey)}-${index}`;
  if (nonce.length > DISCORD_LIMITS.nonce) throw new Error(`nonce ${nonce} is over ${DISCORD_LIMITS.nonce} characters`);
  return nonce;
}

const markerFor = (idempotencyKey: string) => `ref ${referenceFor(idempotencyKey)}`;

export function createDiscordPoster(rest: REST): ChannelPoster {
  return {
    platform: 'discord',
    async post(channel: string, reply: Reply, options: PostOptions): Promise<PostResult> {
      const messages = renderMessages(reply, markerFor(options.idempotencyKey));
      let first: string | undefined;
      for (const [i, message] of messages.entries()) {
        const body: RESTPostAPIChannelMessageJSONBody = {
          embeds: message.embeds,
          allowed_mentions: message.allowed_mentions,
          nonce: nonceFor(options.idempotencyKey, i),
          enforce_nonce: true,
        };
        let sent: APIMessage;
        try {
          sent = (await rest.post(Routes.channelMessages(channel), { body })) as APIMessage;
        } catch (err) {
          throw toPostError(err, channel);
        }
        first ??= sent.id;
      }
      return { messageId: first! };
    },

    async findPosted(channel: string, options: PostOptions & { since: Date }): Promise<PostResult | null> {
      const reference = referenceFor(options.idempotencyKey);
      const marker = markerFor(options.idempotencyKey);
      let recent: APIMessage[];
      try {
        recent = (await rest.get(Routes.channelMessages(channel), {
          query: new URLSearchParams({ limit: String(RECENT_MESSAGES) }),
        })) as APIMessage[];
      } catch (err) {
        throw toPostError(err, channel);
      }
      const ours = recent.filter(
        (m) =>
          Date.parse(m.timestamp) >= options.since.getTime() &&
          ((typeof m.nonce === 'string' && m.nonce.startsWith(`${reference}-`)) ||
            m.embeds.some((e) => e.footer?.text.includes(marker))),
      );
      if (ours.length === 0) return null;
      // Discord lists newest first; the first message of the post is the oldest match.
      const oldest = ours.reduce((a, b) => (BigInt(a.id) < BigInt(b.id) ? a : b));
      return { messageId: oldest.id };
    },
  };
}
