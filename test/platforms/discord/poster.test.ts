/**
 * Digest posting through @discordjs/rest to the fake API: nonce and
 * enforce_nonce, splitting within limits, crash recovery, rate limits.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { REST } from '@discordjs/rest';
import { limitViolations } from '../../../src/platforms/discord/embeds/limits.js';
import { createDiscordPoster } from '../../../src/platforms/discord/poster.js';
import { closeRest, createPostingRest } from '../../../src/platforms/discord/rest.js';
import { POST_ATTEMPT_TIMEOUT_MS, PostError, type ChannelPoster, type DigestKey } from '../../../src/platforms/poster.js';
import type { Reply } from '../../../src/core/reply.js';
import { startFakeDiscord, type FakeDiscord } from './helpers/fake-discord.js';

let fake: FakeDiscord;
let rest: REST;
let poster: ChannelPoster;

beforeAll(async () => {
  fake = await startFakeDiscord();
  rest = createPostingRest('test-bot-token', fake.api, POST_ATTEMPT_TIMEOUT_MS);
  poster = createDiscordPoster(rest);
});

afterAll(async () => {
  closeRest(rest);
  await fake?.close();
});

afterEach(() => {
  fake.returnNonces = false;
});

const digest: Reply = {
  kind: 'digest',
  title: 'Daily digest — 2025-03-15',
  intro: '2 new developments since yesterday.',
  items: [
    {
      date: '2025-03-14',
      text: 'Norway and the UK agreed to fund @everyone-proof radar repairs for Ukraine, a statement said.',
      sources: [{ id: 'baltic/radar', title: 'Radar repairs funded', outlet: 'Baltic Courier', published: '2025-03-14', url: 'https://baltic.example/radar' }],
    },
    {
      date: '2025-03',
      text: 'Deliveries of armoured vehicles resumed in March.',
      sources: [{ id: 'wire/vehicles', title: 'Vehicles resume', outlet: null, published: null }],
    },
  ],
};

/** Every page of `reply`, in order, as the outbox would post them: the first page's message id. */
async function postAll(channel: string, reply: Reply, key: DigestKey): Promise<{ messageId: string }> {
  let first: string | undefined;
  for (const page of poster.paginate(reply, key)) {
      const { messageId } = await poster.postPage(channel, page, key);
      first ??= messageId;
    }
  return { messageId: first! };
}

const posts = (channel: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`);

describe('post', () => {
  it('posts embeds with a nonce from the idempotency key, enforce_nonce and no mentions', async () => {
    const result = await postAll('100000000000000001', digest, { idempotencyKey: 'discord:100000000000000001:2025-03-15', slot: '2025-03-15' });
    const [sent] = posts('100000000000000001');
    expect(sent!.body.enforce_nonce).toBe(true);
    expect(typeof sent!.body.nonce).toBe('string');
    expect(sent!.body.nonce.length).toBeLessThanOrEqual(25);
    expect(sent!.body.allowed_mentions).toEqual({ parse: [] });
    const embed = sent!.body.embeds[0];
    expect(embed.title).toBe('Daily digest — 2025-03-15');
    expect(embed.fields[0]).toEqual({
      name: '2025-03-14',
      value: 'Norway and the UK agreed to fund @\u200beveryone-proof radar repairs for Ukraine, a statement said.\n— [Baltic Courier, 2025-03-14](https://baltic.example/radar)',
    });
    expect(embed.fields[1].value).toContain('— “Vehicles resume”');
    expect(result.messageId).toBe(fake.messages.get('100000000000000001')![0]!.id);
  });

  it('does not post twice when the same post is retried', async () => {
    const options = { idempotencyKey: 'discord:100000000000000002:2025-03-15', slot: '2025-03-15' };
    const first = await postAll('100000000000000002', digest, options);
    const again = await postAll('100000000000000002', digest, options);
    expect(again.messageId).toBe(first.messageId);
    expect(fake.messages.get('100000000000000002')).toHaveLength(1);
    expect(posts('100000000000000002')).toHaveLength(2);
  });

  it('splits an answer too big for one message into several, each within every limit', async () => {
    const sources = Array.from({ length: 12 }, (_, i) => ({
      id: `outlet-${i}/story`,
      title: `A long headline about support for Ukraine number ${i} `.repeat(3),
      outlet: `Outlet ${i}`,
      published: '2025-03-14',
      url: `https://outlet-${i}.example/story/${'x'.repeat(60)}`,
    }));
    const huge: Reply = {
      kind: 'digest',
      title: `Daily digest ${'with a very long heading '.repeat(20)}`,
      intro: 'Intro line. '.repeat(500),
      items: Array.from({ length: 45 }, (_, i) => ({
        date: `2025-02-${String((i % 28) + 1).padStart(2, '0')}`,
        text: `Item ${i}: ${'The ministry said support would continue, officials confirmed. '.repeat(25)}`,
        sources,
      })),
      footer: 'Footer hint. '.repeat(300),
    };
    await postAll('100000000000000003', huge, { idempotencyKey: 'discord:100000000000000003:2025-03-15', slot: '2025-03-15' });
    const sent = posts('100000000000000003');
    expect(sent.length).toBeGreaterThan(1);
    const nonces = new Set(sent.map((r) => r.body.nonce));
    expect(nonces.size).toBe(sent.length);
    const names: string[] = [];
    for (const r of sent) {
      expect(limitViolations(r.body)).toEqual([]);
      expect(r.body.allowed_mentions).toEqual({ parse: [] });
      expect(r.body.nonce.length).toBeLessThanOrEqual(25);
      for (const f of r.body.embeds[0].fields) {
        names.push(f.name);
        // Every item keeps at least its first source.
        expect(f.value).toContain('[Outlet 0, 2025-03-14]');
      }
    }
    expect(names).toEqual(huge.items.map((i) => i.date));
  });

  it('reports a 429 at once with its retry_after, without waiting or sending it again (the outbox decides)', async () => {
    const channel = '100000000000000004';
    fake.failNext((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`, 429, { retryAfter: 3 });
    const started = Date.now();
    const error = await postAll(channel, digest, { idempotencyKey: `discord:${channel}:2025-03-15`, slot: '2025-03-15' }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(PostError);
    expect((error as PostError).retryable).toBe(true);
    expect((error as PostError).retryAfterMs).toBeGreaterThanOrEqual(2_000);
    expect(posts(channel)).toHaveLength(1);
    expect(fake.messages.get(channel) ?? []).toHaveLength(0);
  });

  it('sends a post that failed with a 500 once, not again underneath', async () => {
    const channel = '100000000000000008';
    fake.failNext((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`, 500);
    const error = await postAll(channel, digest, { idempotencyKey: `discord:${channel}:2025-03-15`, slot: '2025-03-15' }).catch((e: unknown) => e);
    expect((error as PostError).retryable).toBe(true);
    expect(posts(channel)).toHaveLength(1);
  });

  it('reports a missing permission as a non-retryable PostError saying what to fix', async () => {
    const channel = '100000000000000007';
    fake.failNext((r) => r.path === `/channels/${channel}/messages`, 403);
    const error = await postAll(channel, digest, { idempotencyKey: `discord:${channel}:2025-03-15`, slot: '2025-03-15' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect((error as PostError).retryable).toBe(false);
    expect((error as PostError).message).toContain('Send Messages');
  });
});

/** A digest long enough for several messages. */
function longDigest(): Reply {
  const item = digest.items![0]!;
  return {
    ...digest,
    items: Array.from({ length: 40 }, (_, i) => ({ ...item, text: `${i + 1}. ${'A long development about radar repairs funded for Ukraine. '.repeat(12)}` })),
  };
}

/** `n` messages from other users, straight into the fake's channel, each newer than the last. */
async function chatter(channel: string, n: number): Promise<void> {
  const list = fake.messages.get(channel) ?? [];
  fake.messages.set(channel, list);
  let id = BigInt(list.at(-1)?.id ?? '1300000000000000000');
  for (let i = 0; i < n; i++) {
    id += 1n;
    list.push({ id: String(id), channel_id: channel, timestamp: new Date().toISOString(), nonce: undefined, embeds: [], content: `chatter ${i}` });
  }
}

/**
 * A poster with its own REST client: @discordjs/rest allows 50 requests a
 * second per client, and the paging tests read many pages right after the
 * other tests' posts.
 */
function ownPoster(): { poster: ChannelPoster; close(): void } {
  const own = createPostingRest('test-bot-token', fake.api, POST_ATTEMPT_TIMEOUT_MS);
  return { poster: createDiscordPoster(own), close: () => closeRest(own) };
}

describe('findPosted', () => {
  it('finds the first message of a post by its reference after Discord has dropped the nonce', async () => {
    const channel = '100000000000000010';
    const options = { idempotencyKey: `discord:${channel}:2025-03-15`, slot: '2025-03-15' };
    const posted = await postAll(channel, digest, options);
    // Another message arrives after ours.
    await postAll(channel, digest, { idempotencyKey: `discord:${channel}:2025-03-16`, slot: '2025-03-16' });
    const found = await poster.findPosted(channel, { ...options, since: new Date(Date.now() - 3_600_000) });
    expect(found).toEqual(new Map([[0, posted.messageId]]));
    const list = fake.requests.filter((r) => r.method === 'GET' && r.path === `/channels/${channel}/messages`);
    expect(list.at(-1)!.query.get('limit')).toBe('100');
  });

  it('finds it by nonce while Discord still returns it', async () => {
    fake.returnNonces = true;
    const channel = '100000000000000011';
    const options = { idempotencyKey: `discord:${channel}:2025-03-15`, slot: '2025-03-15' };
    const posted = await postAll(channel, digest, options);
    // Strip the footer reference so only the nonce can match.
    for (const m of fake.messages.get(channel)!) m.embeds = [];
    expect(await poster.findPosted(channel, { ...options, since: new Date(0) })).toEqual(new Map([[0, posted.messageId]]));
  });

  it('looks past the newest 100 messages, paging back with `before`', async () => {
    const { poster, close } = ownPoster();
    onTestFinished(close);
    const channel = '100000000000000013';
    const options = { idempotencyKey: `discord:${channel}:2025-03-15`, slot: '2025-03-15' };
    const pages = poster.paginate(longDigest(), options);
    expect(pages.length).toBeGreaterThan(1);
    const ids: string[] = [];
    for (const page of pages) ids.push((await poster.postPage(channel, page, options)).messageId);
    // A busy channel: 250 messages from others after the digest.
    await chatter(channel, 250);
    const found = await poster.findPosted(channel, { ...options, since: new Date(Date.now() - 3_600_000) });
    expect(found).toEqual(new Map(ids.map((id, i) => [i, id])));
    const reads = fake.requests.filter((r) => r.method === 'GET' && r.path === `/channels/${channel}/messages`);
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads.slice(1).every((r) => r.query.get('before') !== null)).toBe(true);
  });

  it('stops paging at messages older than `since`, and after a bounded number of reads', async () => {
    const { poster, close } = ownPoster();
    onTestFinished(close);
    const channel = '100000000000000014';
    const options = { idempotencyKey: `discord:${channel}:2025-03-15`, slot: '2025-03-15' };
    await chatter(channel, 300);
    const before = fake.requests.length;
    // Everything is older than `since`: one read shows it, no more.
    await poster.findPosted(channel, { ...options, since: new Date(Date.now() + 3_600_000) });
    expect(fake.requests.slice(before).filter((r) => r.method === 'GET')).toHaveLength(1);
    // A channel far busier than any digest's window: the reads are bounded.
    await chatter(channel, 1_500);
    const mark = fake.requests.length;
    expect((await poster.findPosted(channel, { ...options, since: new Date(0) })).size).toBe(0);
    const reads = fake.requests.slice(mark).filter((r) => r.method === 'GET');
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.length).toBeLessThanOrEqual(10);
  });

  it('finds nothing when the slot was not posted, or only before `since`', async () => {
    const channel = '100000000000000012';
    await postAll(channel, digest, { idempotencyKey: `discord:${channel}:2025-03-14`, slot: '2025-03-14' });
    expect(
      (await poster.findPosted(channel, { idempotencyKey: `discord:${channel}:2025-03-15`, slot: '2025-03-15', since: new Date(0) })).size,
    ).toBe(0);
    expect(
      (
        await poster.findPosted(channel, {
          idempotencyKey: `discord:${channel}:2025-03-14`,
          slot: '2025-03-14',
          since: new Date(Date.now() + 3_600_000),
        })
      ).size,
    ).toBe(0);
  });
});
