/**
 * Gateway mode: a real discord.js Client (REST pointed at the fake API)
 * receives raw INTERACTION_CREATE payloads as the websocket would deliver
 * them; discord.js builds its interaction objects and our handler answers
 * through them. We check what reaches the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import { attachGateway, createGatewayClient } from '../../../src/platforms/discord/gateway.js';
import { limitViolations } from '../../../src/platforms/discord/embeds/limits.js';
import { createPager } from '../../../src/platforms/discord/pager.js';
import { openTestEngine, type TestEngine } from './helpers/engine.js';
import { startFakeDiscord, type FakeDiscord, type Recorded } from './helpers/fake-discord.js';
import { APP_ID, autocomplete, buttonClick, int, slashCommand, str } from './helpers/interactions.js';

let fake: FakeDiscord;
let engine: TestEngine;
let client: Client;

beforeAll(async () => {
  fake = await startFakeDiscord();
  engine = await openTestEngine();
  client = createGatewayClient(fake.api);
  // login() would also open the websocket; the token is all REST needs here.
  client.rest.setToken('test-bot-token');
  attachGateway(client, { services: engine.services, pager: createPager(), now: () => new Date('2025-03-15T12:00:00Z') });
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
  await engine?.close();
});

/** What the gateway's INTERACTION_CREATE dispatch does with a packet. */
function deliver(raw: object): void {
  (client as unknown as { actions: { InteractionCreate: { handle(data: object): void } } }).actions.InteractionCreate.handle(raw);
}

const callback = (i: { id: string; token: string }) => (r: Recorded) =>
  r.method === 'POST' && r.path === `/interactions/${i.id}/${i.token}/callback`;
const originalEdit = (token: string) => (r: Recorded) =>
  r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${token}/messages/@original`;

describe('gateway interactions', () => {
  it('defers /timeline and edits the reply with dated, sourced entries', async () => {
    const interaction = slashCommand('timeline', [str('topic', 'drones'), str('from', '2025-02-01')]);
    deliver(interaction);
    const ack = await fake.waitFor(callback(interaction));
    expect(ack.body.type).toBe(5);
    const edit = await fake.waitFor(originalEdit(interaction.token));
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(limitViolations(edit.body)).toEqual([]);
    const fields = edit.body.embeds[0].fields as Array<{ name: string; value: string }>;
    expect(fields.map((f) => f.name)).toContain('2025-02-28');
    expect(fields.find((f) => f.name === '2025-02-28')!.value).toContain('Harbour Gazette, 2025-03-04');
  });

  it('answers autocomplete with at most 25 choices', async () => {
    const interaction = autocomplete('summary', [str('topic', 'Ukr', true)]);
    deliver(interaction);
    const ack = await fake.waitFor(callback(interaction));
    expect(ack.body.type).toBe(8);
    expect(ack.body.data.choices.length).toBeGreaterThan(0);
    expect(ack.body.data.choices.length).toBeLessThanOrEqual(25);
    expect(ack.body.data.choices.every((c: { name: string }) => /\bUkr/i.test(c.name))).toBe(true);
  });

  it('turns the page with a deferred update and an edit of the clicked message', async () => {
    const interaction = slashCommand('timeline', [int('limit', 25)]);
    deliver(interaction);
    const first = await fake.waitFor(originalEdit(interaction.token));
    const next = first.body.components[0].components[1];
    const click = buttonClick(next.custom_id);
    deliver(click);
    const ack = await fake.waitFor(callback(click));
    expect(ack.body.type).toBe(6);
    const edit = await fake.waitFor(originalEdit(click.token));
    expect(edit.body.embeds[0].footer.text).toMatch(/Page 2\//);
    expect(edit.body.embeds[0].fields[0].value).not.toBe(first.body.embeds[0].fields[0].value);
  });

  it('answers bad input privately at once', async () => {
    const interaction = slashCommand('timeline', [int('limit', 0)]);
    deliver(interaction);
    const ack = await fake.waitFor(callback(interaction));
    expect(ack.body.type).toBe(4);
    expect(ack.body.data.flags & 64).toBe(64);
    expect(ack.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(ack.body.data.embeds[0].description).toContain('limit:0 is not at least 1');
  });
});
