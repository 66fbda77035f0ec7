/**
 * `/briefing feed …` as managers meet it: signed Discord interactions into
 * the real endpoint (deferred privately, the reply edited in), autocomplete
 * of `feed:`, and the typed form (Slack, console) through dispatch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch.js';
import { startDiscord } from '../../src/platforms/discord/app.js';
import { createHttpServer, type HttpServer } from '../../src/platforms/server.js';
import { openTestEngine, type TestEngine } from '../platforms/discord/helpers/engine.js';
import { startFakeDiscord, type FakeDiscord, type Recorded } from '../platforms/discord/helpers/fake-discord.js';
import { APP_ID, autocomplete, makeSigner, slashCommand, str, type Signer } from '../platforms/discord/helpers/interactions.js';
import { conditional, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { rssFeed, STORIES } from './fixtures.js';

const NOW = new Date('2025-03-15T12:00:00Z');
const MANAGER = String(0x10n | 0x400n);
const MEMBER = String(0x400n | 0x800n);

let fake: FakeDiscord;
let engine: TestEngine;
let server: HttpServer;
let feedServer: FeedServer;
let signer: Signer;
let url: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeDiscord();
  feedServer = await startFeedServer(() => NOW);
  feedServer.route('/feed.xml', conditional(() => rssFeed(feedServer.origin, STORIES)));
  engine = await openTestEngine(() => NOW);
  signer = makeSigner();
  server = createHttpServer(() => ({ ready: true }));
  const adapter = await startDiscord({ services: engine.services, token: 't', applicationId: APP_ID, publicKey: signer.publicKeyHex, mode: 'http', apiUrl: fake.api, server, now: () => NOW });
  stop = adapter.stop;
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/discord/interactions`;
});

afterAll(async () => {
  await stop?.();
  await server?.close();
  await fake?.close();
  await feedServer?.close();
  await engine?.close();
});

async function send(interaction: object) {
  const body = JSON.stringify(interaction);
  const timestamp = String(Math.floor(NOW.getTime() / 1000));
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature-ed25519': signer.sign(timestamp, body), 'x-signature-timestamp': timestamp },
    body,
  });
  return { status: res.status, json: JSON.parse(await res.text()) };
}

const originalEdit = (token: string) => (r: Recorded) => r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${token}/messages/@original`;
/** Discord shows `feed` as a group: `/briefing feed add url:…`, never an `action:` option. */
const feedCommand = (action: string, options: ReturnType<typeof str>[], permissions = MANAGER) =>
  slashCommand('briefing', [{ name: 'feed', type: 2, options: [{ name: action, type: 1, options }] }], permissions);

describe('/briefing feed on Discord', () => {
  it('adds a feed for a manager, privately, answering with its title and newest item', async () => {
    const interaction = feedCommand('add', [str('url', feedServer.url('/feed.xml'))]);
    expect((await send(interaction)).json).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitFor(originalEdit(interaction.token));
    const embed = edit.body.embeds[0];
    // Discord markdown is escaped in what article text brings (the parentheses here).
    embed.description = embed.description.replace(/\\(.)/g, '$1');
    expect(embed.title).toBe('Feed added');
    expect(embed.description).toContain('Added #1 The Northern Courier.');
    expect(embed.description).toContain('Newest item: British instructors to train Ukrainian pilots in Lincolnshire (2025-03-12)');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('autocompletes feed: with the feeds by number and title', async () => {
    const res = await send(autocomplete('briefing', [{ name: 'feed', type: 2, options: [{ name: 'remove', type: 1, options: [str('feed', 'north', true)] }] }]));
    expect(res.json).toEqual({ type: 8, data: { choices: [{ name: '#1 The Northern Courier', value: '1' }] } });
  });

  it('refuses, privately, a member who cannot manage the channel', async () => {
    const interaction = feedCommand('list', [], MEMBER);
    expect((await send(interaction)).json).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitFor(originalEdit(interaction.token));
    expect(edit.body.embeds[0].description).toContain("Only people who can manage this channel can manage the bot's feeds");
  });

  it('lists and removes, the typed way too (Slack, console)', async () => {
    const ctx = { ...engine.services, platform: 'slack' as const, channel: 'C1', user: 'U1', canManageChannel: true, now: () => NOW };
    const listed = await dispatch('briefing', { text: 'feed list' }, ctx);
    expect(listed.ephemeral).toBe(true);
    expect(listed.items[0]!.text).toMatch(/^#1 The Northern Courier — ok; 2 items; last fetch 2025-03-15 12:00 UTC/);
    const bad = await dispatch('briefing', { text: 'feed add url:ftp://example.org/feed.xml' }, ctx);
    expect(bad.intro).toBe('ftp URLs are not fetched: give an http or https address');
    const removed = await dispatch('briefing', { text: 'feed remove feed:1' }, ctx);
    expect(removed.intro).toMatch(/#1 The Northern Courier is no longer polled/);
    expect((await dispatch('briefing', { text: 'feed list' }, ctx)).intro).toMatch(/^No feeds yet/);
  });
});
