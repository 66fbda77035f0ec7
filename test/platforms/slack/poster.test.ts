/**
 * Digest posting through the real WebClient against the fake Slack API:
 * what lands in the channel, rate limits, and crash recovery by metadata.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/reply.js';
import { POST_ATTEMPT_TIMEOUT_MS, PostError, type ChannelPoster, type DigestKey } from '../../../src/platforms/poster.js';
import { createSlackPoster, DIGEST_EVENT_TYPE } from '../../../src/platforms/slack/poster.js';
import { createPostingClient } from '../../../src/platforms/slack/client.js';
import { boltLogger } from '../../../src/platforms/slack/logger.js';
import { SLACK_LIMITS, limitViolation } from '../../../src/platforms/slack/blocks/limits.js';
import { startFakeSlack, type FakeSlack } from './helpers/fake-slack.js';

const source = { id: 'harbour/ferry-contract', title: 'Coastal ferry contract signed', outlet: 'The Harbour Gazette', published: '2031-03-06', url: 'https://harbour.example/f' };

function digest(items: number): Reply {
  return {
    kind: 'digest',
    title: 'Daily briefing — 2031-03-07',
    intro: `${items} new developments since the last digest.`,
    items: Array.from({ length: items }, (_, i) => ({
      date: '2031-03-04',
      text: `Development ${i}: the regional council signed the ferry contract after eleven months of talks, and the shipyard confirmed the timetable for the new vessels and berths.`,
      sources: [source],
    })),
  };
}

describe('Slack ChannelPoster', () => {
  /** Every page of `reply`, in order, as the outbox would post them: the first page's ts. */
  async function postAll(channel: string, reply: Reply, key: DigestKey): Promise<{ messageId: string }> {
    let first: string | undefined;
    for (const page of poster.paginate(reply, key)) {
      const { messageId } = await poster.postPage(channel, page, key);
      first ??= messageId;
    }
    return { messageId: first! };
  }

  let fake: FakeSlack;
  let poster: ChannelPoster;
  const sleeps: number[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    poster = createSlackPoster(createPostingClient('xoxb-test-token', fake.apiUrl, boltLogger(), POST_ATTEMPT_TIMEOUT_MS), {
      pageGapMs: 1_100,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
  });
  afterAll(() => fake.close());

  it('posts a digest with unfurls off and the idempotency key in message metadata', async () => {
    const result = await postAll('C0DIGEST', digest(3), { idempotencyKey: 'slack:C0DIGEST:2031-03-07', slot: '2031-03-07' });
    const [call] = fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C0DIGEST');
    expect(call!.args).toMatchObject({
      channel: 'C0DIGEST',
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { key: 'slack:C0DIGEST:2031-03-07', slot: '2031-03-07' } },
    });
    expect(JSON.stringify(call!.args.blocks)).toContain('Development 2: the regional council signed the ferry contract');
    expect(result.messageId).toMatch(/^\d+\.\d+$/);
  });

  it('splits a long digest into several messages within the limits, paced per channel', async () => {
    sleeps.length = 0;
    const before = fake.callsOf('chat.postMessage').length;
    const result = await postAll('C0LONG', digest(120), { idempotencyKey: 'slack:C0LONG:2031-03-07', slot: '2031-03-07' });
    const calls = fake.callsOf('chat.postMessage').slice(before);
    expect(calls.length).toBeGreaterThan(1);
    expect(sleeps).toEqual(Array(calls.length - 1).fill(1_100));
    let items = 0;
    for (const call of calls) {
      const blocks = call.args.blocks as never[];
      expect(limitViolation(blocks)).toBeNull();
      expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.blocksJson);
      items += (JSON.stringify(blocks).match(/Development \d+:/g) ?? []).length;
    }
    expect(items).toBe(120);
    expect(calls.every((c) => (c.args.metadata as { event_payload: { key: string } }).event_payload.key === 'slack:C0LONG:2031-03-07')).toBe(true);
    // The digest's message id is the first page's ts.
    expect(result.messageId).toBe(calls[0]!.response!.ts);
  });

  it('reports a 429 at once with its Retry-After, sent once, not waited out or retried underneath', async () => {
    fake.rateLimit('chat.postMessage', 1, 7);
    const before = fake.calls.length;
    const started = Date.now();
    const error = await postAll('C0BUSY', digest(1), { idempotencyKey: 'slack:C0BUSY:2031-03-07', slot: '2031-03-07' }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(PostError);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 7_000, message: 'Slack rate-limited chat.postMessage to C0BUSY (retry after 7 s).' });
    expect(fake.calls.slice(before).map((c) => c.method)).toEqual(['chat.postMessage#429']);
  });

  it('sends a post Slack answered with an error once: no client retries underneath', async () => {
    fake.fail('chat.postMessage', 'internal_error');
    const before = fake.callsOf('chat.postMessage').length;
    const error = await postAll('C0ERR', digest(1), { idempotencyKey: 'slack:C0ERR:2031-03-07', slot: '2031-03-07' }).catch((e: unknown) => e);
    fake.fail('chat.postMessage', null);
    expect(error).toMatchObject({ retryable: true });
    expect(fake.callsOf('chat.postMessage').length - before).toBe(1);
  });

  it('finds the digest already posted for a key in conversations.history (crash recovery)', async () => {
    fake.history.set('C0SEEN', [
      { ts: '1780000300.000200', text: 'page 2', metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { key: 'slack:C0SEEN:2031-03-07', slot: '2031-03-07', page: 2 } } },
      { ts: '1780000200.000100', text: 'page 1', metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { key: 'slack:C0SEEN:2031-03-07', slot: '2031-03-07', page: 1 } } },
      { ts: '1780000100.000100', text: 'yesterday', metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { key: 'slack:C0SEEN:2031-03-06', slot: '2031-03-06', page: 1 } } },
      { ts: '1780000050.000100', text: 'someone chatting' },
    ]);
    const since = new Date(1_780_000_000 * 1000);
    const found = await poster.findPosted('C0SEEN', { idempotencyKey: 'slack:C0SEEN:2031-03-07', slot: '2031-03-07', since });
    expect(found).toEqual(new Map([[0, '1780000200.000100'], [1, '1780000300.000200']]));
    const call = fake.callsOf('conversations.history').at(-1)!;
    expect(call.args).toMatchObject({ channel: 'C0SEEN', include_all_metadata: true, oldest: '1780000000.000000' });

    const missing = await poster.findPosted('C0SEEN', { idempotencyKey: 'slack:C0SEEN:2031-03-08', slot: '2031-03-08', since });
    expect(missing.size).toBe(0);
  });

  it('turns a Slack refusal into a final PostError that says how to fix it', async () => {
    fake.fail('chat.postMessage', 'not_in_channel');
    const err = await postAll('C0PRIVATE', digest(1), { idempotencyKey: 'k', slot: '2031-03-07' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect((err as PostError).retryable).toBe(false);
    expect((err as PostError).message).toBe(
      'Slack refused chat.postMessage to C0PRIVATE: not_in_channel (invite the bot to the channel (/invite @Briefing) or give it chat:write.public).',
    );
  });
});
