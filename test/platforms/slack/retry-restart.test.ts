/**
 * A Slack retry that arrives after a restart: the first `briefing serve`
 * (a child process) answers a slash command and is killed; a second one on
 * the same database gets Slack's retry of that command (same trigger_id,
 * X-Slack-Retry-Num) and must acknowledge it without answering again.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';
import { startFakeDiscord, type FakeDiscord } from '../discord/helpers/fake-discord.js';
import { startServeOnFakes, type ServeChild } from '../helpers/serve-child.js';
import { startFakeSlack, type FakeSlack } from './helpers/fake-slack.js';
import { postSigned, slashCommandBody } from './helpers/signed.js';

let root: string;
let slack: FakeSlack;
let discord: FakeDiscord;
const children: ServeChild[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'slack-restart-'));
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

const serve = async () => {
  const child = await startServeOnFakes(root, { slackApiUrl: slack.apiUrl, discordApiUrl: discord.api });
  children.push(child);
  return child;
};

it('answers a command once when Slack retries it after the process restarted', async () => {
  const first = await serve();
  const body = slashCommandBody({ command: '/sources', text: '', responseUrl: slack.responseUrl('before-restart'), triggerId: 'trig.restart.1' });
  expect((await postSigned(`${first.base}/slack/events`, body)).status).toBe(200);
  await slack.waitForResponse('before-restart');
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));

  const second = await serve();
  const retry = await postSigned(`${second.base}/slack/events`, body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
  expect(retry.status).toBe(200);
  // A new command after the retry is answered; had the retry run, its answer would be in by then too.
  const fresh = slashCommandBody({ command: '/sources', text: '', responseUrl: slack.responseUrl('after-restart') });
  expect((await postSigned(`${second.base}/slack/events`, fresh)).status).toBe(200);
  await slack.waitForResponse('after-restart');
  expect(slack.responsesTo('before-restart')).toHaveLength(1);
}, 120_000);
