/**
 * Start-up: Socket Mode builds the same listeners as HTTP mode (it cannot
 * connect here), bad configuration fails with one fixable line, and a token
 * Slack rejects stops start-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommands } from '../../../commands/index.js';
import { createSlackApp, startSlack } from '../../../src/platforms/slack/app.js';
import { slackCommandName } from '../../../src/platforms/slack/command-names.js';
import { createManageCheck } from '../../../src/platforms/slack/permissions.js';
import { createWebClient } from '../../../src/platforms/slack/client.js';
import { boltLogger } from '../../../src/platforms/slack/logger.js';
import { createHttpServer } from '../../../src/platforms/server.js';
import type { App } from '../../../src/app.js';
import { makeCorpus, openEngine, type TestCorpus } from './helpers/engine.js';
import { harbourArticle, regionalTopic } from './helpers/fixtures.js';
import { startFakeSlack, type FakeSlack } from './helpers/fake-slack.js';

describe('Slack start-up and modes', () => {
  let corpus: TestCorpus;
  let engine: App;
  let fake: FakeSlack;

  beforeAll(async () => {
    corpus = await makeCorpus([harbourArticle], regionalTopic);
    engine = await openEngine(corpus);
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
    await engine.close();
    await corpus.cleanup();
  });

  it('Socket Mode constructs with the same listeners as HTTP mode', () => {
    const socket = createSlackApp({ services: engine.services, botToken: 'xoxb-t', appToken: 'xapp-1-test', apiUrl: fake.apiUrl });
    const http = createSlackApp({ services: engine.services, botToken: 'xoxb-t', signingSecret: 'secret', apiUrl: fake.apiUrl });
    expect(socket.mode).toBe('socket');
    expect(http.mode).toBe('http');
    expect(socket.listeners).toEqual(http.listeners);
    for (const c of allCommands()) expect(socket.listeners).toContain(slackCommandName(c.definition.name));
    expect(socket.listeners).toContain('action:briefing_share');
  });

  it('names the missing setting in one line', () => {
    expect(() => createSlackApp({ services: engine.services, botToken: 'xoxb-t' })).toThrow(
      /^Slack needs SLACK_SIGNING_SECRET \(HTTP mode\) or SLACK_APP_TOKEN \(Socket Mode\)/,
    );
    expect(() => createSlackApp({ services: engine.services, botToken: '', signingSecret: 's' })).toThrow(/^SLACK_BOT_TOKEN is empty/);
  });

  it('stops start-up when Slack rejects the bot token', async () => {
    const rejecting = await startFakeSlack();
    rejecting.fail('auth.test', 'invalid_auth');
    const server = createHttpServer(() => ({ ready: true }));
    await expect(
      startSlack({ services: engine.services, botToken: 'xoxb-revoked', signingSecret: 's', apiUrl: rejecting.apiUrl, server }),
    ).rejects.toThrow('Slack rejected SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions.');
    await rejecting.close();
  });

  it('lets workspace admins, owners and SLACK_ADMIN_USERS manage channel settings, nobody else', async () => {
    fake.users.set('U0ADMIN', { is_admin: true });
    fake.users.set('U0OWNER', { is_owner: true });
    fake.users.set('U0MEMBER', {});
    const canManage = createManageCheck(createWebClient('xoxb-t', fake.apiUrl, boltLogger()), ['U0LISTED'], () => new Date('2031-03-07T09:00:00Z'));
    const lookupsBefore = fake.callsOf('users.info').length;
    expect(await canManage('U0ADMIN')).toBe(true);
    expect(await canManage('U0OWNER')).toBe(true);
    expect(await canManage('U0MEMBER')).toBe(false);
    expect(await canManage('U0UNKNOWN')).toBe(false);
    expect(await canManage('U0LISTED')).toBe(true);
    expect(await canManage(undefined)).toBe(false);
    // Listed users need no lookup; repeated questions are cached.
    expect(await canManage('U0ADMIN')).toBe(true);
    expect(fake.callsOf('users.info').slice(lookupsBefore).map((c) => c.args.user)).toEqual(['U0ADMIN', 'U0OWNER', 'U0MEMBER', 'U0UNKNOWN']);
  });
});
