/**
 * SIGTERM to a running `briefing serve` (a deploy, a scale-down): commands
 * already acknowledged still get their answers before the process exits 0,
 * and new requests meanwhile are refused with 503 rather than dropped.
 * Each answer is made to need a retry (the fake fails its first attempt), so
 * the answer is still in flight when the signal arrives.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { startFakeDiscord, type FakeDiscord } from './discord/helpers/fake-discord.js';
import { APP_ID, makeSigner, slashCommand } from './discord/helpers/interactions.js';
import { startServe, type ServeChild } from './helpers/serve-child.js';
import { startFakeSlack, type FakeSlack } from './slack/helpers/fake-slack.js';
import { postSigned, SIGNING_SECRET, slashCommandBody } from './slack/helpers/signed.js';

let root: string;
let slack: FakeSlack;
let discord: FakeDiscord;
const signer = makeSigner();
const children: ServeChild[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'serve-drain-'));
  cpSync(join(ROOT, 'seeds'), join(root, 'corpus'), { recursive: true });
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
});

afterAll(async () => {
  for (const c of children) await c.stop();
  await slack?.close();
  await discord?.close();
  rmSync(root, { recursive: true, force: true });
});

async function serve(): Promise<ServeChild> {
  const child = await startServe({
    corpus: join(root, 'corpus'),
    db: join(root, 'briefing.db'),
    slackApiUrl: slack.apiUrl,
    slackSigningSecret: SIGNING_SECRET,
    discordPublicKey: signer.publicKeyHex,
    discordApiUrl: discord.api,
  });
  children.push(child);
  return child;
}

const exitOf = (child: ServeChild) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.child.exitCode !== null || child.child.signalCode !== null) resolve({ code: child.child.exitCode, signal: child.child.signalCode });
    else child.child.once('exit', (code, signal) => resolve({ code, signal }));
  });

it('answers an acknowledged Slack command before exiting 0, and refuses new requests meanwhile', async () => {
  const bot = await serve();
  // The first answer is refused (Retry-After 2 s): the answer is in flight when SIGTERM comes.
  slack.failResponses('drain', 500, 1, 2);
  const body = slashCommandBody({ command: '/sources', text: '', responseUrl: slack.responseUrl('drain') });
  expect((await postSigned(`${bot.base}/slack/events`, body)).status).toBe(200);
  await new Promise<void>((resolve) => {
    const check = () => (slack.attemptsAt('drain').length > 0 ? resolve() : setTimeout(check, 20));
    check();
  });
  const exited = exitOf(bot);
  bot.child.kill('SIGTERM');
  // Draining: a new command is refused, not taken and then dropped.
  await new Promise((r) => setTimeout(r, 200));
  const late = await postSigned(`${bot.base}/slack/events`, slashCommandBody({ command: '/sources', text: '', responseUrl: slack.responseUrl('late') })).catch(() => null);
  if (late) expect(late.status).toBe(503);
  expect(await exited).toEqual({ code: 0, signal: null });
  const answers = slack.responsesTo('drain');
  expect(answers).toHaveLength(1);
  expect(JSON.stringify(answers[0]!.body)).toMatch(/document/i);
  expect(slack.responsesTo('late')).toHaveLength(0);
}, 180_000);

it('edits an acknowledged Discord interaction with its answer before exiting 0', async () => {
  const bot = await serve();
  const interaction = slashCommand('sources');
  const edit = (r: { method: string; path: string }) => r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`;
  // The first edit fails with a 500: the endpoint backs off 1 s and tries again, after the signal.
  discord.failNext(edit, 500, { body: { message: 'fake failure', code: 0 } });
  const raw = JSON.stringify(interaction);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${bot.base}/discord/interactions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature-ed25519': signer.sign(timestamp, raw), 'x-signature-timestamp': timestamp },
    body: raw,
  });
  expect(res.status).toBe(200);
  await discord.waitFor(edit);
  const exited = exitOf(bot);
  bot.child.kill('SIGTERM');
  expect(await exited).toEqual({ code: 0, signal: null });
  expect(discord.requests.filter(edit)).toHaveLength(2);
}, 180_000);
