/**
 * PostgreSQL restarted under a running `briefing serve` (a failover, an
 * upgrade): while it is down a command gets one line saying the database
 * is not answering, the process stays up, and once the server is back the
 * bot reconnects by itself and answers as before. On a server of the
 * test's own (the machine's shared one cannot be stopped).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { privatePostgresProblem, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';
import { makeSigner } from '../platforms/discord/helpers/interactions.js';
import { startFakeDiscord, type FakeDiscord } from '../platforms/discord/helpers/fake-discord.js';
import { startServe, type ServeChild } from '../platforms/helpers/serve-child.js';
import { startFakeSlack, type FakeSlack } from '../platforms/slack/helpers/fake-slack.js';
import { postSigned, SIGNING_SECRET, slashCommandBody } from '../platforms/slack/helpers/signed.js';

const problem = privatePostgresProblem();
if (problem) console.warn(`skipped "database restarted under a running bot": ${problem}; run the tests as root on a machine with PostgreSQL 15`);

(problem ? describe.skip : describe)('database restarted under a running bot', () => {
  let root: string;
  let server: PrivatePostgres;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let bot: ServeChild;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'db-restart-'));
    cpSync(join(ROOT, 'seeds'), join(root, 'corpus'), { recursive: true });
    server = await startPrivatePostgres();
    slack = await startFakeSlack();
    discord = await startFakeDiscord();
    bot = await startServe({
      corpus: join(root, 'corpus'),
      databaseUrl: server.url,
      slackApiUrl: slack.apiUrl,
      slackSigningSecret: SIGNING_SECRET,
      discordPublicKey: makeSigner().publicKeyHex,
      discordApiUrl: discord.api,
    });
  }, 180_000);

  afterAll(async () => {
    await bot?.stop();
    await slack?.close();
    await discord?.close();
    server?.destroy();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const ask = async (id: string) => {
    const body = slashCommandBody({ command: '/timeline', text: 'limit:3', responseUrl: slack.responseUrl(id) });
    expect((await postSigned(`${bot.base}/slack/events`, body)).status).toBe(200);
    return JSON.stringify((await slack.waitForResponse(id)).body);
  };

  it('answers one line while the server is down, and as before once it is back', async () => {
    const before = await ask('before');
    expect(before).toMatch(/20\d\d/);

    server.stop();
    const during = await ask('during');
    expect(during).toMatch(/cannot reach its database right now; try \/timeline again in a moment/);
    expect(during).not.toMatch(/\bat .+\.ts:\d+/);
    expect(bot.child.exitCode).toBeNull();
    expect((await fetch(`${bot.base}/health`)).status).toBe(200);

    server.start();
    // The pool drops the dead connections and opens new ones on the next query.
    let after = '';
    for (let i = 0; i < 20 && !/20\d\d/.test(after); i++) {
      after = await ask(`after-${i}`);
      if (!/20\d\d/.test(after)) await new Promise((r) => setTimeout(r, 500));
    }
    expect(after).toBe(before);
    expect(bot.child.exitCode).toBeNull();
  }, 180_000);
});
