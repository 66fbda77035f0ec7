/**
 * The HTTP interactions endpoint, end to end on loopback: signed requests into
 * the shared server, real Ed25519, real @discordjs/rest talking to a fake
 * Discord API that records what the user would see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../src/platforms/discord/app.js';
import { limitViolations } from '../../../src/platforms/discord/embeds/limits.js';
import { createHttpServer, type HttpServer } from '../../../src/platforms/server.js';
import { openTestEngine, type TestEngine } from './helpers/engine.js';
import { startFakeDiscord, type FakeDiscord, type Recorded } from './helpers/fake-discord.js';
import { APP_ID, autocomplete, buttonClick, int, makeSigner, ping, slashCommand, str, type Signer } from './helpers/interactions.js';

const NOW = new Date('2025-03-15T12:00:00Z');
const nowSeconds = () => String(Math.floor(NOW.getTime() / 1000));

let fake: FakeDiscord;
let engine: TestEngine;
let server: HttpServer;
let signer: Signer;
let url: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeDiscord();
  engine = await openTestEngine();
  signer = makeSigner();
  server = createHttpServer(() => ({ ready: true }));
  const adapter = await startDiscord({
    services: engine.services,
    token: 'test-bot-token',
    applicationId: APP_ID,
    publicKey: signer.publicKeyHex,
    mode: 'http',
    apiUrl: fake.api,
    server,
    now: () => NOW,
    interactionRetryPausesMs: [150, 300, 600],
  });
  stop = adapter.stop;
  const port = await server.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${port}/discord/interactions`;
});

afterAll(async () => {
  await stop?.();
  await server?.close();
  await fake?.close();
  await engine?.close();
});

async function send(interaction: object, opts: { timestamp?: string; signer?: Signer; tamper?: (body: string) => string } = {}) {
  const body = JSON.stringify(interaction);
  const timestamp = opts.timestamp ?? nowSeconds();
  const signature = (opts.signer ?? signer).sign(timestamp, body);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp },
    body: opts.tamper ? opts.tamper(body) : body,
  });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : text };
}

const originalEdit = (token: string) => (r: Recorded) =>
  r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${token}/messages/@original`;

describe('signature and PING', () => {
  it('answers a signed PING with PONG', async () => {
    const res = await send(ping());
    expect(res).toEqual({ status: 200, json: { type: 1 } });
  });

  it('refuses a signature made with another key', async () => {
    const res = await send(ping(), { signer: makeSigner() });
    expect(res.status).toBe(401);
  });

  it('refuses a body changed after signing', async () => {
    const res = await send(slashCommand('timeline'), { tamper: (b) => b.replace('timeline', 'sources') });
    expect(res.status).toBe(401);
  });

  it('refuses a correctly signed request older than five minutes', async () => {
    const stale = String(Math.floor(NOW.getTime() / 1000) - 301);
    const res = await send(ping(), { timestamp: stale });
    expect(res.status).toBe(401);
  });

  it('answers 400, not 500, to a signed body that is null or a command without data', async () => {
    const sendRaw = async (body: string) => {
      const timestamp = nowSeconds();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature-ed25519': signer.sign(timestamp, body), 'x-signature-timestamp': timestamp },
        body,
      });
      return { status: res.status, text: await res.text() };
    };
    const { data: _data, ...withoutData } = slashCommand('timeline');
    for (const body of ['null', '[]', '"text"', '{}', JSON.stringify(withoutData), JSON.stringify({ ...withoutData, data: null })]) {
      const res = await sendRaw(body);
      expect(res.status, body.slice(0, 40)).toBe(400);
      expect(res.text).toMatch(/interaction/);
    }
    expect(fake.requests.some((r) => r.path.includes(withoutData.token))).toBe(false);
  });

  it('refuses a request without signature headers', async () => {
    const res = await fetch(url, { method: 'POST', body: JSON.stringify(ping()) });
    expect(res.status).toBe(401);
  });
});

describe('/timeline', () => {
  it('is deferred, then the original response is edited with dated entries and their sources', async () => {
    const interaction = slashCommand('timeline', [str('from', '2025-01-01'), str('to', '2025-01-31')]);
    const res = await send(interaction);
    expect(res).toEqual({ status: 200, json: { type: 5 } });

    const edit = await fake.waitFor(originalEdit(interaction.token));
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(limitViolations(edit.body)).toEqual([]);
    const embed = edit.body.embeds[0];
    expect(embed.title).toBe('Timeline');
    const fields = embed.fields as Array<{ name: string; value: string }>;
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields) {
      // Dated at the precision the text supports, inside the asked range, each with a source line.
      expect(f.name).toMatch(/^2025(-01(-\d\d)?)?$/);
      expect(f.value).toMatch(/\n— \S/);
    }
    const loan = fields.find((f) => f.value.includes('£2.26 billion loan'));
    expect(loan?.name).toBe('2025-01-02');
    expect(loan?.value).toContain('— Eastern Wire, 2025-01-31');
  });

  it('links a source whose URL is known', async () => {
    const interaction = slashCommand('timeline', [str('topic', 'drones'), str('from', '2025-02-01')]);
    await send(interaction);
    const edit = await fake.waitFor(originalEdit(interaction.token));
    const values = (edit.body.embeds[0].fields as Array<{ name: string; value: string }>).map((f) => f.value).join('\n');
    expect(values).toContain('[Harbour Gazette, 2025-03-04](https://harbour-gazette.example/news/uk-drones-ukraine?ref=rss)');
  });

  it('pages with a Next button that shows the next entries', async () => {
    const interaction = slashCommand('timeline', [int('limit', 25)]);
    await send(interaction);
    const first = await fake.waitFor(originalEdit(interaction.token));
    const page1 = first.body.embeds[0];
    expect(page1.footer.text).toMatch(/Page 1\/\d/);
    const [prev, next] = first.body.components[0].components;
    expect(prev.disabled).toBe(true);
    expect(next.label).toContain('Next');
    expect(next.custom_id.length).toBeLessThanOrEqual(100);

    const click = buttonClick(next.custom_id);
    const ack = await send(click);
    expect(ack.json).toEqual({ type: 6 });
    const second = await fake.waitFor(originalEdit(click.token));
    const page2 = second.body.embeds[0];
    expect(page2.footer.text).toMatch(/Page 2\/\d/);
    expect(limitViolations(second.body)).toEqual([]);
    const lastOnPage1 = page1.fields.at(-1).name as string;
    const firstOnPage2 = page2.fields[0].name as string;
    expect(firstOnPage2 >= lastOnPage1).toBe(true);
    expect(page2.fields.map((f: { value: string }) => f.value)).not.toContain(page1.fields.at(-1).value);
    expect(second.body.components[0].components[0].disabled).toBe(false);
  });

  it('answers bad input at once, privately, with what is wrong and the usage', async () => {
    const interaction = slashCommand('timeline', [str('from', '2025-13-45')]);
    const res = await send(interaction);
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags & 64).toBe(64);
    expect(res.json.data.allowed_mentions).toEqual({ parse: [] });
    expect(res.json.data.embeds[0].description).toContain('from:2025-13-45 is not a date');
    expect(res.json.data.embeds[0].description).toContain('Usage: /timeline');
    expect(fake.requests.some((r) => r.path.includes(interaction.token))).toBe(false);
  });

  it('makes an error found after deferring private: the public placeholder is removed', async () => {
    const interaction = slashCommand('timeline', [str('from', '2025-03'), str('to', '2025-01')]);
    const res = await send(interaction);
    expect(res.json).toEqual({ type: 5 });
    const followUp = await fake.waitFor((r) => r.method === 'POST' && r.path === `/webhooks/${APP_ID}/${interaction.token}`);
    expect(followUp.body.flags & 64).toBe(64);
    expect(followUp.body.embeds[0].description).toContain('from:2025-03 is after to:2025-01');
    expect(fake.requests.some((r) => r.method === 'DELETE' && r.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`)).toBe(true);
    expect(fake.requests.some(originalEdit(interaction.token))).toBe(false);
  });

  it('waits out a 429 on the edit and then delivers the answer', async () => {
    const interaction = slashCommand('timeline', [str('topic', 'Interflex')]);
    fake.failNext(originalEdit(interaction.token), 429, { retryAfter: 0.01 });
    await send(interaction);
    const edits = () => fake.requests.filter(originalEdit(interaction.token));
    await fake.waitFor((r) => edits().length === 2 && r === edits()[1]);
    const [limited, retried] = edits();
    expect(retried!.body).toEqual(limited!.body);
    expect(retried!.body.embeds[0].fields.map((f: { value: string }) => f.value).join(' ')).toContain('Operation Interflex');
  });

  it('backs off between retries of an edit Discord keeps failing with 500, and delivers when it recovers', async () => {
    const interaction = slashCommand('timeline', [str('topic', 'Interflex')]);
    const edits = () => fake.requests.filter(originalEdit(interaction.token));
    fake.failNext(originalEdit(interaction.token), 500, { times: 3, body: { message: 'Internal Server Error', code: 0 } });
    await send(interaction);
    await fake.waitFor((r) => edits().length === 4 && r === edits()[3]);
    const gaps = edits().slice(1).map((r, i) => r.at - edits()[i]!.at);
    // The endpoint's pauses (150, 300, 600 ms), not the REST client's immediate retries.
    expect(gaps[0]).toBeGreaterThanOrEqual(120);
    expect(gaps[1]).toBeGreaterThanOrEqual(270);
    expect(gaps[2]).toBeGreaterThanOrEqual(570);
    expect(edits()[3]!.body.embeds[0].fields.map((f: { value: string }) => f.value).join(' ')).toContain('Operation Interflex');
  });

  it('cannot ping: @everyone, @here and user mentions in article text are inert and mentions are disabled', async () => {
    const interaction = slashCommand('search', [str('query', 'memo')]);
    await send(interaction);
    const edit = await fake.waitFor(originalEdit(interaction.token));
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(edit.body.embeds);
    expect(text).toContain('@\\u200beveryone'.replace('\\u200b', '\u200b'));
    expect(text).toContain('@\u200bhere');
    expect(text).toContain('<\u200b@123456789012345678');
    expect(text).not.toMatch(/@everyone|@here|<@\d/);
  });
});

describe('autocomplete', () => {
  it('answers at once with at most 25 topic choices for the typed prefix', async () => {
    const res = await send(autocomplete('timeline', [str('topic', 'u', true)]));
    expect(res.json.type).toBe(8);
    const choices = res.json.data.choices as Array<{ name: string; value: string }>;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      // Topics whose words start with what was typed.
      expect(c.name).toMatch(/\bu/i);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('offers nothing for an option that has no autocomplete', async () => {
    const res = await send(autocomplete('timeline', [str('from', '2025', true)]));
    expect(res.json).toEqual({ type: 8, data: { choices: [] } });
  });
});

describe('private replies', () => {
  it('acknowledges a private command (help) privately and answers in that private message', async () => {
    const interaction = slashCommand('help');
    const res = await send(interaction);
    expect(res.json).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitFor(originalEdit(interaction.token));
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    const values = edit.body.embeds[0].fields.map((f: { value: string }) => f.value).join('\n');
    expect(values).toContain('/timeline');
    // Nothing public was shown and then removed.
    expect(fake.requests.some((r) => r.method === 'DELETE' && r.path.includes(interaction.token))).toBe(false);
  });
});

describe('/briefing subcommands and channel permissions', () => {
  const followUpOf = (token: string) => (r: Recorded) => r.method === 'POST' && r.path === `/webhooks/${APP_ID}/${token}`;
  const subscribe = (permissions: string) =>
    slashCommand('briefing', [{ name: 'subscribe', type: 1, options: [str('time', '07:30'), str('tz', 'Europe/London')] }], permissions);

  it('refuses, privately, a member who cannot manage the channel', async () => {
    const interaction = subscribe(String(0x400n | 0x800n)); // View Channel + Send Messages only
    await send(interaction);
    const followUp = await fake.waitFor(followUpOf(interaction.token));
    expect(followUp.body.flags & 64).toBe(64);
    expect(followUp.body.embeds[0].description).toContain('Only people who can manage this channel');
  });

  it('subscribes the channel for a member with Manage Channels, and settings then show it', async () => {
    const interaction = subscribe(String(0x10n | 0x400n));
    await send(interaction);
    const edit = await fake.waitFor(originalEdit(interaction.token));
    expect(edit.body.embeds[0].title).toBe('Digest subscribed');
    expect(edit.body.embeds[0].description).toContain('07:30 Europe/London');

    const settings = slashCommand('briefing', [{ name: 'settings', type: 1, options: [] }]);
    expect((await send(settings)).json).toEqual({ type: 5, data: { flags: 64 } });
    const shown = await fake.waitFor(originalEdit(settings.token));
    expect(shown.body.embeds[0].description).toContain('07:30 Europe/London');
  });
});
