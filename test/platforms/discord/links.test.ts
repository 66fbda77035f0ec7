/**
 * Article text holding links, end to end on Discord: a signed /timeline into
 * the interactions endpoint, and a digest posted by the real CLI (a child
 * process) to the fake Discord API. Whatever the article wrote — two masked
 * links in one sentence, `<url>`, a bare URL, nested links — no part of what
 * the user is shown renders as a link except the bot's own source links.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { openTestApp } from '../../helpers/app.js';
import { startDiscord } from '../../../src/platforms/discord/app.js';
import { createHttpServer, type HttpServer } from '../../../src/platforms/server.js';
import { spawnCli } from '../../helpers/cli.js';
import { startFakeDiscord, type FakeDiscord, type Recorded } from './helpers/fake-discord.js';
import { APP_ID, CHANNEL_ID, makeSigner, slashCommand, str, type Signer } from './helpers/interactions.js';
import { embedTexts, renderedLinks, renderedText } from './helpers/links.js';

const NOW = new Date('2031-03-07T09:00:00Z');
const TWO_LINKS = 'On 4 March 2031 the regional council published [Official ferry statement](https://evil.example/1) and [Official ferry statement](https://evil.example/2) about the new ferry contract.';
const OTHER_FORMS = 'On 5 March 2031 the ferry operator pointed passengers to <https://evil.example/3> and to https://evil.example/4 for the new timetable, and to [[the map](https://evil.example/5)](https://evil.example/6).';
const ARTICLE = `Title: Ferry council publishes [statements](https://evil.example/7)\nSource: Valley Courier\n\n${TWO_LINKS}\n\n${OTHER_FORMS}\n`;
const TOPIC = {
  name: 'Regional ferries',
  description: 'Ferries and the councils that run them.',
  threshold: 0.3,
  facets: [{ name: 'ferries', required: true, weight: 2, saturation: 2, terms: { ferry: 1, 'council*': 1 } }],
};

let root: string;
let corpus: string;
let db: string;
let topicFile: string;
let app: App;
let fake: FakeDiscord;
let server: HttpServer;
let signer: Signer;
let url: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'discord-links-'));
  corpus = join(root, 'corpus');
  db = join(root, 'briefing.db');
  topicFile = join(root, 'topic.json');
  mkdirSync(corpus);
  writeFileSync(join(corpus, 'ferry.txt'), ARTICLE);
  writeFileSync(topicFile, JSON.stringify(TOPIC));
  // Ingested on the real clock: the CLI's digest window ends at its own now.
  app = await openTestApp({ corpusDir: corpus, dbPath: db, config: { topicFile } });
  await app.engine.refresh();
  fake = await startFakeDiscord();
  signer = makeSigner();
  server = createHttpServer(() => ({ ready: true }));
  const adapter = await startDiscord({
    services: app.services,
    token: 'test-bot-token',
    applicationId: APP_ID,
    publicKey: signer.publicKeyHex,
    mode: 'http',
    apiUrl: fake.api,
    server,
    now: () => NOW,
  });
  stop = adapter.stop;
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/discord/interactions`;
});

afterAll(async () => {
  await stop?.();
  await server?.close();
  await fake?.close();
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Every text the messages show, each checked to render no link at all, and what they read as. */
function expectNoLinks(bodies: Array<{ embeds: Parameters<typeof embedTexts>[0][] }>): string {
  const texts = bodies.flatMap((b) => b.embeds.flatMap(embedTexts));
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(renderedLinks(text), text).toEqual([]);
  return texts.map(renderedText).join('\n');
}

describe('article links on Discord', () => {
  it('are inert in a /timeline answer, which still reads as the article wrote it', async () => {
    const interaction = slashCommand('timeline', [str('topic', 'ferry')]);
    const body = JSON.stringify(interaction);
    const timestamp = String(Math.floor(NOW.getTime() / 1000));
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': signer.sign(timestamp, body), 'x-signature-timestamp': timestamp },
      body,
    });
    expect(res.status).toBe(200);
    const edit = await fake.waitFor((r: Recorded) => r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`);
    const shown = expectNoLinks([edit.body]);
    expect(shown).toContain(TWO_LINKS);
    expect(shown).toContain(OTHER_FORMS);
  });

  it('are inert in a digest the CLI posts to a channel', async () => {
    const child = spawnCli(['digest', '--platform', 'discord', '--channel', CHANNEL_ID, '--slot', '2031-03-07', '--corpus', corpus, '--db', db, '--json'], {
      DISCORD_TOKEN: 'test-bot-token',
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      DISCORD_API_URL: fake.api,
      BRIEFING_TOPIC_FILE: topicFile,
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c) => (stdout += c));
    child.stderr!.on('data', (c) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout).status).toBe('posted');
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`);
    expect(posts.length).toBeGreaterThan(0);
    const shown = expectNoLinks(posts.map((p) => p.body));
    expect(shown).toContain('[Official ferry statement](https://evil.example/2)');
  }, 60_000);
});
