/**
 * ChannelPoster for Slack: each digest page is one `chat.postMessage`,
 * tagged with message metadata (the digest's key and the page number) so
 * that `findPosted` can see in `conversations.history` which pages already
 * went out. The client must be createPostingClient's: one attempt per call,
 * 429s reported, not waited out (see ../poster.ts). It is the poster's own,
 * so a rate-limited digest channel does not hold up slash-command answers.
 */
import type { SlackWebClient as WebClient } from './client.js';
import type { Reply } from '../../core/reply.js';
import { PostError, type ChannelPoster, type DigestKey, type PostPage, type PostResult } from '../poster.js';
import { renderPagesWithItems } from './blocks/render.js';

export const DIGEST_EVENT_TYPE = 'briefing_digest';

/** Slack allows about one message per second per channel. */
const DEFAULT_PAGE_GAP_MS = 1_100;
const HISTORY_PAGES = 10;

export interface SlackPosterOptions {
  /** Pause before every page but the first (tests shorten it). */
  pageGapMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface DigestMetadata {
  event_type?: string;
  event_payload?: { key?: unknown; page?: unknown };
}

export function createSlackPoster(client: WebClient, options: SlackPosterOptions = {}): ChannelPoster {
  const gap = options.pageGapMs ?? DEFAULT_PAGE_GAP_MS;
  const sleep = options.sleep ?? realSleep;
  return {
    platform: 'slack',

    paginate(reply: Reply, key: DigestKey): PostPage[] {
      let pages: ReturnType<typeof renderPagesWithItems>;
      try {
        pages = renderPagesWithItems(reply);
      } catch (err) {
        throw new PostError(`Could not render the digest for Slack: ${(err as Error).message}.`, false);
      }
      return pages.map(({ message, items }, index) => ({
        index,
        items,
        body: {
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: {
            event_type: DIGEST_EVENT_TYPE,
            event_payload: { key: key.idempotencyKey, slot: key.slot, page: index + 1, pages: pages.length },
          },
        },
      }));
    },

    async postPage(channel: string, page: PostPage, _key: DigestKey): Promise<PostResult> {
      if (page.index > 0 && gap > 0) await sleep(gap);
      const res = await call(`chat.postMessage to ${channel}`, () =>
        client.chat.postMessage({ ...(page.body as object), channel } as Parameters<WebClient['chat']['postMessage']>[0]),
      );
      if (!res.ts) throw new PostError(`Slack accepted the digest for ${channel} but returned no message ts.`, false);
      return { messageId: res.ts };
    },

    async findPosted(channel: string, key: DigestKey & { since: Date }): Promise<Map<number, string>> {
      const found = new Map<number, string>();
      let cursor: string | undefined;
      for (let i = 0; i < HISTORY_PAGES; i++) {
        const res = await call(`conversations.history of ${channel}`, () =>
          client.conversations.history({
            channel,
            oldest: (key.since.getTime() / 1000).toFixed(6),
            include_all_metadata: true,
            limit: 200,
            cursor,
          }),
        );
        for (const m of res.messages ?? []) {
          const meta = m.metadata as DigestMetadata | undefined;
          if (meta?.event_type !== DIGEST_EVENT_TYPE || meta.event_payload?.key !== key.idempotencyKey || !m.ts) continue;
          const index = Number(meta.event_payload?.page ?? 1) - 1;
          // History lists newest first: keep the oldest message of a page, the one a reader saw first.
          if (Number.isInteger(index) && index >= 0) found.set(index, m.ts);
        }
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return found;
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
  const e = err as {
    code?: string;
    data?: { error?: string };
    statusCode?: number;
    retryAfter?: number;
    message?: string;
    original?: { code?: string; name?: string };
  };
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
    const after = typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
    return new PostError(`Slack rate-limited ${what}${after !== undefined ? ` (retry after ${after} s)` : ''}.`, true, after !== undefined ? after * 1000 : undefined);
  }
  const cause = e.original?.name === 'CanceledError' || e.original?.code === 'ECONNABORTED' || e.original?.code === 'ERR_CANCELED'
    ? 'no answer in time'
    : e.message ?? String(err);
  return new PostError(`Could not reach Slack for ${what}: ${cause}.`, true);
}
