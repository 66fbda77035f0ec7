/**
 * ChannelPoster for Slack: the digest posts through `chat.postMessage`, one
 * message per page, tagged with message metadata so that after a crash
 * `findPosted` can see in `conversations.history` that a slot already went
 * out. Rate limits (429 + Retry-After) are retried by the WebClient; this
 * poster has its own client so a rate-limited channel does not hold up the
 * answers to slash commands.
 */
import type { SlackWebClient as WebClient } from './client.js';
import type { Reply } from '../../core/reply.js';
import { PostError, type ChannelPoster, type PostOptions, type PostResult } from '../poster.js';
import { renderReply } from './blocks/render.js';

export const DIGEST_EVENT_TYPE = 'briefing_digest';

/** Slack allows about one message per second per channel. */
const DEFAULT_PAGE_GAP_MS = 1_100;
const HISTORY_PAGES = 10;

export interface SlackPosterOptions {
  /** Pause between the pages of one answer (tests shorten it). */
  pageGapMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSlackPoster(client: WebClient, options: SlackPosterOptions = {}): ChannelPoster {
  const gap = options.pageGapMs ?? DEFAULT_PAGE_GAP_MS;
  const sleep = options.sleep ?? realSleep;
  return {
    platform: 'slack',

    async post(channel: string, reply: Reply, opts: PostOptions): Promise<PostResult> {
      let pages: ReturnType<typeof renderReply>;
      try {
        pages = renderReply(reply);
      } catch (err) {
        throw new PostError(`Could not render the digest for Slack: ${(err as Error).message}.`, false);
      }
      let first: string | undefined;
      for (const [i, page] of pages.entries()) {
        if (i > 0 && gap > 0) await sleep(gap);
        const res = await call(`chat.postMessage to ${channel}`, () =>
          client.chat.postMessage({
            channel,
            text: page.text,
            blocks: page.blocks,
            unfurl_links: false,
            unfurl_media: false,
            metadata: {
              event_type: DIGEST_EVENT_TYPE,
              event_payload: { key: opts.idempotencyKey, slot: opts.slot, page: i + 1, pages: pages.length },
            },
          }),
        );
        first ??= res.ts;
      }
      if (!first) throw new PostError(`Slack accepted the digest for ${channel} but returned no message ts.`, false);
      return { messageId: first };
    },

    async findPosted(channel: string, opts: PostOptions & { since: Date }): Promise<PostResult | null> {
      let cursor: string | undefined;
      let found: { ts: string; page: number } | null = null;
      for (let i = 0; i < HISTORY_PAGES; i++) {
        const res = await call(`conversations.history of ${channel}`, () =>
          client.conversations.history({
            channel,
            oldest: (opts.since.getTime() / 1000).toFixed(6),
            include_all_metadata: true,
            limit: 200,
            cursor,
          }),
        );
        for (const m of res.messages ?? []) {
          const meta = m.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
          if (meta?.event_type !== DIGEST_EVENT_TYPE || meta.event_payload?.key !== opts.idempotencyKey || !m.ts) continue;
          const page = Number(meta.event_payload?.page ?? 1);
          // The first page's ts is the digest's message id, whatever order history lists them in.
          if (!found || page < found.page) found = { ts: m.ts, page };
        }
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return found ? { messageId: found.ts } : null;
    },
  };
}

/** Slack errors as PostError: platform refusals are final, transport trouble is retryable. */
async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toPostError(what, err);
  }
}

const HINTS: Record<string, string> = {
  not_in_channel: 'invite the bot to the channel (/invite @Briefing) or give it chat:write.public',
  channel_not_found: 'check the channel id; for a private channel invite the bot first',
  is_archived: 'the channel is archived; unsubscribe it with /briefing unsubscribe',
  invalid_auth: 'check SLACK_BOT_TOKEN',
  not_authed: 'check SLACK_BOT_TOKEN',
  account_inactive: 'the app was uninstalled; reinstall it and update SLACK_BOT_TOKEN',
  missing_scope: 'reinstall the app from slack/manifest.json so it has every scope',
};

export function toPostError(what: string, err: unknown): PostError {
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number; message?: string };
  if (e.code === 'slack_webapi_platform_error') {
    const code = e.data?.error ?? 'unknown_error';
    const retryable = code === 'ratelimited' || code === 'internal_error' || code === 'fatal_error' || code === 'service_unavailable';
    return new PostError(`Slack refused ${what}: ${code}${HINTS[code] ? ` (${HINTS[code]})` : ''}.`, retryable);
  }
  if (e.code === 'slack_webapi_http_error') {
    const status = e.statusCode ?? 0;
    return new PostError(`Slack answered ${what} with HTTP ${status}.`, status >= 500 || status === 429);
  }
  if (e.code === 'slack_webapi_rate_limited_error') {
    return new PostError(`Slack rate-limited ${what}.`, true);
  }
  return new PostError(`Could not reach Slack for ${what}: ${e.message ?? String(err)}.`, true);
}
