/**
 * SIGTERM to a running `briefing serve` (a deploy, a scale-down): commands
 * already acknowledged still get their answers before the process exits 0,
 * and new requests meanwhile are refused with 503 rather than dropped.
 * Each answer is made to need a retry (the fake fails its first attempt), so
 * the answer is still in flight when the signal arrives. A digest being
 * posted when the signal arrives posts its last page and is marked posted.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { startFakeDiscord, type FakeDiscord } from './discord/helpers/fake-discord.js';
import { APP_ID, makeSigner, slashCommand } from './discord/helpers/interactions.js';
import { startServe, type ServeChild } from './helpers/serve-child.js';
import { openSqlite } from '../../src/store/sqlite/open.js';
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

async function serve(db = join(root, 'briefing.db')): Promise<ServeChild> {
  const child = await startServe({
    corpus: join(root, 'corpus'),
    db,
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

it('finishes the digest it is posting before exiting 0', async () => {
  // Subscribed yesterday at 00:00 UTC: the start-up sweep posts today's slot at once (late).
  const db = join(root, 'digest.db');
  const repos = openSqlite(db);
  const yesterday = new Date(Date.now() - 86_400_000);
  await repos.subscriptions.save(
    { platform: 'slack', channel: 'C0DRAIN', time: '00:00', timezone: 'UTC', days: null, topic: null, postWhenEmpty: true, origin: 'command', createdBy: null },
    yesterday,
  );
  await repos.close();
  // Slack takes 3 s to answer each post: the first page is in flight when SIGTERM comes.
  slack.delayMethod('chat.postMessage', 3_000);
  try {
    const bot = await serve(db);
    const exited = exitOf(bot);
    await slack.waitForCall('chat.postMessage#delayed');
    bot.child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  } finally {
    slack.delayMethod('chat.postMessage', 0);
  }
  const posts = slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C0DRAIN');
  expect(posts.length).toBeGreaterThan(0);
  expect(new Set(posts.map((p) => String(p.args.text))).size).toBe(posts.length);
  const after = openSqlite(db);
  try {
    const row = await after.outbox.lastSettled('slack', 'C0DRAIN');
    expect(row?.status).toBe('posted');
    expect((await after.outbox.pages(row!.id)).every((p) => p.status === 'posted')).toBe(true);
  } finally {
    await after.close();
  }
}, 180_000);
