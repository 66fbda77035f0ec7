/**
 * Channel posts for the daily digest, one message per page. Each message
 * carries a nonce for its page ("<reference>-<page>") with
 * `enforce_nonce: true`: Discord then returns the message already created
 * with that nonce instead of posting it twice (it keeps nonces for a few
 * minutes only). For crash recovery beyond that, every page also carries
 * its reference in its footer ("ref <reference>-<page>"), which `findPosted`
 * looks for among the channel's messages since the digest's first attempt
 * (paging back through history, a bounded number of reads).
 *
 * The REST client must be createPostingRest's: no retries of its own and
 * rate limits reported rather than waited out (see ../poster.ts).
 */
import { createHash } from 'node:crypto';
import type { REST } from '@discordjs/rest';
import { Routes, type APIMessage, type RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { Reply } from '../../core/reply.js';
import type { ChannelPoster, DigestKey, PostPage, PostResult } from '../poster.js';
import { DISCORD_LIMITS } from './embeds/limits.js';
import { renderMessages } from './embeds/render.js';
import { toPostError } from './errors.js';

/** Messages per history read (Discord's maximum per request). */
const RECENT_MESSAGES = 100;
/**
 * History reads one `findPosted` makes at most, paging back with `before`
 * until a message older than `since`: 1,000 messages in the channel since
 * the digest's first attempt, far more than a channel gets in the outbox's
 * recovery window, while a recovery still finishes in seconds.
 */
const HISTORY_READS = 10;

/** 16 hex characters of the key's hash: short enough for the nonce, unique enough per slot. */
export function referenceFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16);
}

/** Page `page` (1-based) of the digest: "<reference>-<page>", at most 25 characters. */
export function nonceFor(idempotencyKey: string, page: number): string {
  const nonce = `${referenceFor(idempotencyKey)}-${page}`;
  if (nonce.length > DISCORD_LIMITS.nonce) throw new Error(`nonce ${nonce} is over ${DISCORD_LIMITS.nonce} characters`);
  return nonce;
}

const markerFor = (idempotencyKey: string, page: number) => `ref ${referenceFor(idempotencyKey)}-${page}`;

/** Which page (0-based) of the digest `reference` a message is, or null when it is not one. */
function pageOf(m: APIMessage, reference: string): number | null {
  for (const e of m.embeds) {
    const footer = e.footer?.text ?? '';
    const marked = new RegExp(`\\bref ${reference}(?:-(\\d+))?\\b`).exec(footer);
    if (!marked) continue;
    // Digests posted before pages had their own reference carry "Page n/m" only.
    const page = marked[1] ?? /\bPage (\d+)\/\d+/.exec(footer)?.[1] ?? '1';
    return Number(page) - 1;
  }
  const nonce = typeof m.nonce === 'string' ? new RegExp(`^${reference}-(\\d+)$`).exec(m.nonce) : null;
  return nonce ? Number(nonce[1]) - 1 : null;
}

export function createDiscordPoster(rest: REST): ChannelPoster {
  return {
    platform: 'discord',

    paginate(reply: Reply, key: DigestKey): PostPage[] {
      return renderMessages(reply, (page) => markerFor(key.idempotencyKey, page + 1)).map((message, index) => {
        const body: RESTPostAPIChannelMessageJSONBody = {
          embeds: message.embeds,
          allowed_mentions: message.allowed_mentions,
          nonce: nonceFor(key.idempotencyKey, index + 1),
          enforce_nonce: true,
        };
        return { index, items: message.items, body: body as Record<string, unknown> };
      });
    },

    async postPage(channel: string, page: PostPage): Promise<PostResult> {
      try {
        const sent = (await rest.post(Routes.channelMessages(channel), { body: page.body })) as APIMessage;
        return { messageId: sent.id };
      } catch (err) {
        throw toPostError(err, channel);
      }
    },

    async findPosted(channel: string, key: DigestKey & { since: Date }): Promise<Map<number, string>> {
      const reference = referenceFor(key.idempotencyKey);
      const since = key.since.getTime();
      const found = new Map<number, { id: string }>();
      let before: string | undefined;
      for (let read = 0; read < HISTORY_READS; read++) {
        const query = new URLSearchParams({ limit: String(RECENT_MESSAGES) });
        if (before) query.set('before', before);
        let batch: APIMessage[];
        try {
          batch = (await rest.get(Routes.channelMessages(channel), { query })) as APIMessage[];
        } catch (err) {
          throw toPostError(err, channel);
        }
        for (const m of batch) {
          if (Date.parse(m.timestamp) < since) continue;
          const page = pageOf(m, reference);
          if (page === null || page < 0) continue;
          // The oldest message of a page is the one a reader saw first.
          const seen = found.get(page);
          if (!seen || BigInt(m.id) < BigInt(seen.id)) found.set(page, { id: m.id });
        }
        if (batch.length < RECENT_MESSAGES) break;
        const oldest = batch.reduce((a, b) => (BigInt(b.id) < BigInt(a.id) ? b : a));
        // Messages come newest first: past `since`, nothing older can be ours.
        if (Date.parse(oldest.timestamp) < since) break;
        before = oldest.id;
      }
      return new Map([...found].map(([page, m]) => [page, m.id]));
    },
  };
}
