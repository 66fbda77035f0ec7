/**
 * The Slack adapter end to end on loopback: signed slash commands and button
 * clicks into the real Bolt receiver, answers read back from the fake
 * response URL and Web API exactly as Slack would receive them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.js';
import type { OptionDefinition } from '../../../src/core/command.js';
import { allCommands } from '../../../commands/index.js';
import { slackCommandName, offeredOnSlack } from '../../../src/platforms/slack/command-names.js';
import { SLACK_LIMITS, limitViolation } from '../../../src/platforms/slack/blocks/limits.js';
import { ACTION_NEXT, ACTION_PREVIOUS, ACTION_SHARE, decodeActionValue } from '../../../src/platforms/slack/blocks/actions.js';
import { makeCorpus, openEngine, type TestCorpus } from './helpers/engine.js';
import { bulkArticles, harbourArticle, mentionArticle, regionalTopic } from './helpers/fixtures.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { blockActionBody, postSigned, slashCommandBody } from './helpers/signed.js';
import type { ResponseUrlPost } from './helpers/fake-slack.js';

type Block = { type: string; text?: { text: string }; elements?: Array<{ text?: string; action_id?: string; value?: string }> };

/** Counts engine queries and can hold them, to prove the HTTP ack comes before the work. */
function instrument(engine: Engine) {
  const calls: string[] = [];
  let gate: Promise<void> | null = null;
  const wrapped = new Proxy(engine, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'refresh' || prop === 'close') return value;
      return async (...args: unknown[]) => {
        calls.push(String(prop));
        if (gate) await gate;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    engine: wrapped,
    calls,
    hold(): () => void {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

const blocksOf = (post: ResponseUrlPost) => post.body.blocks as Block[];
const sectionTexts = (blocks: Block[]) => blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
const buttons = (blocks: Block[]) => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

function expectWithinLimits(blocks: Block[]) {
  expect(limitViolation(blocks as never)).toBeNull();
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  for (const text of sectionTexts(blocks)) expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  for (const b of blocks.filter((x) => x.type === 'header')) expect(b.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
  expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.blocksJson);
}

describe('Slack adapter over HTTP', () => {
  let corpus: TestCorpus;
  let h: Harness;
  let probe: ReturnType<typeof instrument>;
  let n = 0;

  /** Send a signed slash command; returns the HTTP status and the response-url id it answers to. */
  async function slash(command: string, text: string, extra: { headers?: Record<string, string>; body?: string; timestamp?: number; secret?: string } = {}) {
    const id = `r${++n}`;
    const body = extra.body ?? slashCommandBody({ command, text, responseUrl: h.fake.responseUrl(id) });
    const res = await postSigned(h.eventsUrl, body, extra);
    return { status: res.status, id, body };
  }

  async function ask(command: string, text: string) {
    const sent = await slash(command, text);
    expect(sent.status).toBe(200);
    return h.fake.waitForResponse(sent.id);
  }

  async function click(actionId: string, value: string) {
    const id = `c${++n}`;
    const res = await postSigned(h.eventsUrl, blockActionBody({ actionId, value, responseUrl: h.fake.responseUrl(id) }));
    expect(res.status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    corpus = await makeCorpus([harbourArticle, mentionArticle, ...bulkArticles(12, 20)], regionalTopic);
    const app = await openEngine(corpus);
    probe = instrument(app.engine);
    h = await startHarness({ ...app.services, engine: probe.engine }, { adminUsers: ['U0LISTED'] });
    h.fake.users.set('U0READER', {});
  });

  afterAll(async () => {
    await h?.close();
    await probe?.engine.close();
    await corpus?.cleanup();
  });

  it('acknowledges /timeline before doing the work, then answers at the response URL with dated, sourced entries', async () => {
    const release = probe.hold();
    const before = probe.calls.length;
    const sent = await slash('/timeline', 'ferry');
    // The 200 arrived while the engine query is still held: ack() came first.
    expect(sent.status).toBe(200);
    expect(h.fake.responsesTo(sent.id)).toHaveLength(0);
    release();
    const post = await h.fake.waitForResponse(sent.id);
    expect(probe.calls.slice(before)).toContain('timeline');
    expect(post.body.response_type).toBe('ephemeral');
    const blocks = blocksOf(post);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Timeline: ferry' } });
    const texts = sectionTexts(blocks);
    expect(texts).toContain('*2031-03-04*  The regional council signed the ferry contract on 4 March 2031 after eleven months of talks.');
    expect(post.raw).toContain('<https://harbour.example/news/ferry-contract?id=7&amp;src=feed|The Harbour Gazette, 2031-03-06>');
    expect(buttons(blocks).map((b) => b.action_id)).toEqual([ACTION_SHARE]);
    expectWithinLimits(blocks);
  });

  it('rejects a wrong signature and a stale timestamp with 401 and does no work', async () => {
    const callsBefore = probe.calls.length;
    const forged = await slash('/timeline', 'ferry', { secret: 'not-the-signing-secret' });
    const stale = await slash('/timeline', 'ferry', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(forged.status).toBe(401);
    expect(stale.status).toBe(401);
    // A valid request after them is answered; by then the rejected ones would have been too.
    await ask('/sources', '');
    expect(h.fake.responsesTo(forged.id)).toHaveLength(0);
    expect(h.fake.responsesTo(stale.id)).toHaveLength(0);
    expect(probe.calls.slice(callsBefore)).toEqual(['sources']);
  });

  it('rejects a validly signed request dated more than 5 minutes in the future, and does no work', async () => {
    const callsBefore = probe.calls.length;
    const now = Math.floor(Date.now() / 1000);
    const soon = await slash('/timeline', 'ferry', { timestamp: now + 10 * 60 });
    const nextYear = await slash('/timeline', 'ferry', { timestamp: now + 365 * 24 * 3600 });
    expect(soon.status).toBe(401);
    expect(nextYear.status).toBe(401);
    await ask('/sources', '');
    expect(h.fake.responsesTo(soon.id)).toHaveLength(0);
    expect(h.fake.responsesTo(nextYear.id)).toHaveLength(0);
    expect(probe.calls.slice(callsBefore)).toEqual(['sources']);
  });

  it('accepts a signed form body whose content type names its charset', async () => {
    const sent = await slash('/timeline', 'ferry', { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });
    expect(sent.status).toBe(200);
    const post = await h.fake.waitForResponse(sent.id);
    expect(sectionTexts(blocksOf(post))).toContain('*2031-03-04*  The regional council signed the ferry contract on 4 March 2031 after eleven months of talks.');
  });

  it('answers a Slack retry of a request already handled only once', async () => {
    const first = await slash('/timeline', 'ferry');
    await h.fake.waitForResponse(first.id);
    const retry = await postSigned(h.eventsUrl, first.body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await ask('/sources', '');
    expect(h.fake.responsesTo(first.id)).toHaveLength(1);
  });

  it('renders article text inert: no channel, here or user pings, no injected links', async () => {
    const post = await ask('/timeline', 'from:2030-05-01 to:2030-05-31');
    const raw = post.raw;
    expect(sectionTexts(blocksOf(post)).some((t) => t.includes('protesters posted'))).toBe(true);
    expect(raw).not.toContain('<!channel>');
    expect(raw).not.toContain('<!here>');
    expect(raw).not.toContain('<@U0ADMIN1>');
    expect(raw).not.toContain('<https://evil.example');
    expect(raw).not.toMatch(/@(here|channel|everyone)\b/);
    expect(raw).toContain('&lt;!channel&gt;');
    expect(raw).toContain('&amp; slogans');
    // Slack links a bare URL too: outside the bot's own source links, no scheme:// survives intact.
    const texts = sectionTexts(blocksOf(post)).map((t) => t.replace(/<https:\/\/[^|>]+\|[^>]*>/g, ''));
    expect(texts.join('\n')).toContain('a copy at https:\u2060//evil.example/bare');
    for (const t of texts) expect(t).not.toMatch(/[a-z]:\/\//i);
  });

  it('paginates an answer too big for one message; Next and Previous page through it within the limits', async () => {
    const first = await ask('/timeline', 'rail limit:200');
    let blocks = blocksOf(first);
    expectWithinLimits(blocks);
    const pageLine = JSON.stringify(blocks).match(/Page 1 of (\d+)/);
    expect(pageLine).not.toBeNull();
    const pageCount = Number(pageLine![1]);
    expect(pageCount).toBeGreaterThan(1);
    const seen = new Set(sectionTexts(blocks).filter((t) => t.startsWith('*2029')));

    for (let page = 2; page <= pageCount; page++) {
      const next = buttons(blocks).find((b) => b.action_id === ACTION_NEXT);
      expect(next, `page ${page - 1} has a Next button`).toBeDefined();
      expect(decodeActionValue(next!.value)).toEqual({ command: 'timeline', text: 'rail limit:200', page: page - 1 });
      const id = await click(ACTION_NEXT, next!.value!);
      const post = await h.fake.waitForResponse(id);
      expect(post.body.replace_original).toBe(true);
      expect(post.body.response_type).toBe('ephemeral');
      blocks = blocksOf(post);
      expectWithinLimits(blocks);
      expect(JSON.stringify(blocks)).toContain(`Page ${page} of ${pageCount}`);
      for (const t of sectionTexts(blocks).filter((x) => x.startsWith('*2029'))) {
        expect(seen.has(t), 'no entry repeats on a later page').toBe(false);
        seen.add(t);
      }
    }
    // Every entry of the answer appears once across the pages.
    const expected = await probe.engine.timeline({ topic: 'rail', limit: 200 });
    expect(expected.entries.length).toBeGreaterThan(50);
    expect(seen.size).toBe(expected.entries.length);
    expect(buttons(blocks).map((b) => b.action_id)).toEqual([ACTION_PREVIOUS, ACTION_SHARE]);

    const back = await click(ACTION_PREVIOUS, buttons(blocks).find((b) => b.action_id === ACTION_PREVIOUS)!.value!);
    expect(JSON.stringify(blocksOf(await h.fake.waitForResponse(back)))).toContain(`Page ${pageCount - 1} of ${pageCount}`);
  });

  it('"Share in channel" posts the answer publicly as the bot and removes the preview', async () => {
    const preview = await ask('/timeline', 'ferry');
    const share = buttons(blocksOf(preview)).find((b) => b.action_id === ACTION_SHARE)!;
    const postsBefore = h.fake.callsOf('chat.postMessage').length;
    const id = await click(ACTION_SHARE, share.value!);
    const removed = await h.fake.waitForResponse(id);
    expect(removed.body.delete_original).toBe(true);
    const posted = h.fake.callsOf('chat.postMessage').slice(postsBefore);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.args.channel).toBe('C0NEWS');
    expect(posted[0]!.args.unfurl_links).toBe(false);
    const blocks = posted[0]!.args.blocks as Block[];
    expect(JSON.stringify(blocks)).toContain('Shared by <@U0READER> from /timeline ferry');
    expect(sectionTexts(blocks)).toContain('*2031-03-04*  The regional council signed the ferry contract on 4 March 2031 after eleven months of talks.');
    expect(buttons(blocks)).toHaveLength(0);
  });

  it('shares through the response URL where the bot may not post (private channel it is not in)', async () => {
    const preview = await ask('/timeline', 'ferry');
    const share = buttons(blocksOf(preview)).find((b) => b.action_id === ACTION_SHARE)!;
    h.fake.fail('chat.postMessage', 'not_in_channel');
    try {
      const id = await click(ACTION_SHARE, share.value!);
      const shared = await h.fake.waitForResponse(id, 1);
      expect(shared.body.response_type).toBe('in_channel');
      expect(sectionTexts(blocksOf(shared))).toContain('*2031-03-04*  The regional council signed the ferry contract on 4 March 2031 after eleven months of talks.');
      const removed = await h.fake.waitForResponse(id, 2);
      expect(removed.body.delete_original).toBe(true);
    } finally {
      h.fake.fail('chat.postMessage', null);
    }
  });

  it('answers bad input with an ephemeral one-line error and the usage, without a share button', async () => {
    const post = await ask('/timeline', 'colour:blue');
    expect(post.body.response_type).toBe('ephemeral');
    const blocks = blocksOf(post);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.text!.text).toContain(':warning: Unknown option "colour".');
    expect(blocks[0]!.text!.text).toContain('Usage: /timeline [topic:TEXT]');
    expect(buttons(blocks)).toHaveLength(0);
  });

  it('runs every command in commands/ as a Slack slash command', async () => {
    const sample: Record<OptionDefinition['type'], string> = {
      string: 'ferry', integer: '1', boolean: 'yes', date: '2031-03-04', time: '08:00', timezone: 'Europe/London',
    };
    const offered = allCommands().filter((c) => offeredOnSlack(c.definition));
    expect(offered.length).toBeGreaterThanOrEqual(5);
    for (const { definition } of offered) {
      const options = definition.subcommands?.[0]?.options ?? definition.options;
      const text = options.filter((o) => o.required).map((o) => `${o.name}:${sample[o.type]}`).join(' ');
      const post = await ask(slackCommandName(definition.name), text);
      const json = JSON.stringify(post.body.blocks);
      expect(json, `/${definition.name}`).not.toContain('Unknown command');
      expect(json, `/${definition.name}`).not.toContain('failed unexpectedly');
      expectWithinLimits(blocksOf(post));
    }
  });

  it('lets only channel managers change the digest: workspace admins and SLACK_ADMIN_USERS', async () => {
    h.fake.users.set('U0ADMIN', { is_admin: true });
    const as = async (user: string, channel: string, text: string) => {
      const id = `m${++n}`;
      const body = slashCommandBody({ command: '/briefing', text, responseUrl: h.fake.responseUrl(id), user, channel });
      expect((await postSigned(h.eventsUrl, body)).status).toBe(200);
      return h.fake.waitForResponse(id);
    };
    const refused = await as('U0READER', 'C0MEMBERS', 'subscribe time:07:30');
    expect(JSON.stringify(refused.body.blocks)).toContain('Only people who can manage this channel can change its digest');
    const byAdmin = await as('U0ADMIN', 'C0ADMINS', 'subscribe time:07:30 tz:Europe/London');
    expect(byAdmin.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(byAdmin.body.blocks)).toContain('Digest subscribed');
    expect(JSON.stringify(byAdmin.body.blocks)).toContain('07:30 Europe/London');
    // Settings stay with the person who asked: no share button.
    expect(buttons(blocksOf(byAdmin))).toHaveLength(0);
    const byListed = await as('U0LISTED', 'C0LISTED', 'subscribe');
    expect(JSON.stringify(byListed.body.blocks)).toContain('Digest subscribed');
  });

  it('answers commands without waiting on users.info; only a settings change asks it, and fails fast when it hangs', async () => {
    const asked = () => h.fake.calls.filter((c) => c.method.startsWith('users.info')).length;
    h.fake.breakMethod('users.info', 'stall');
    try {
      const before = asked();
      const id = `u${++n}`;
      const body = slashCommandBody({ command: '/timeline', text: 'ferry', responseUrl: h.fake.responseUrl(id), user: 'U0FRESH' });
      expect((await postSigned(h.eventsUrl, body)).status).toBe(200);
      const post = await h.fake.waitForResponse(id);
      expect(sectionTexts(blocksOf(post))).toContain('*2031-03-04*  The regional council signed the ferry contract on 4 March 2031 after eleven months of talks.');
      expect(asked()).toBe(before);

      const change = `u${++n}`;
      const subscribe = slashCommandBody({ command: '/briefing', text: 'subscribe time:07:30', responseUrl: h.fake.responseUrl(change), user: 'U0FRESH', channel: 'C0FRESH' });
      expect((await postSigned(h.eventsUrl, subscribe)).status).toBe(200);
      const refused = await h.fake.waitForResponse(change);
      expect(JSON.stringify(refused.body.blocks)).toContain('Only people who can manage this channel');
      expect(asked()).toBe(before + 1);
    } finally {
      h.fake.breakMethod('users.info', null);
    }
  }, 15_000);

  it('keeps the answer when the response URL fails once (500), and waits out a 429\'s Retry-After', async () => {
    const failing = async (status: number, retryAfter?: number) => {
      const id = `f${++n}`;
      h.fake.failResponses(id, status, 1, retryAfter);
      const body = slashCommandBody({ command: '/timeline', text: 'ferry', responseUrl: h.fake.responseUrl(id) });
      expect((await postSigned(h.eventsUrl, body)).status).toBe(200);
      const post = await h.fake.waitForResponse(id);
      expect(sectionTexts(blocksOf(post))).toContain('*2031-03-04*  The regional council signed the ferry contract on 4 March 2031 after eleven months of talks.');
      expect(JSON.stringify(post.body)).not.toContain('did not work');
      return h.fake.attemptsAt(id);
    };
    const after500 = await failing(500);
    expect(after500.map((a) => a.status)).toEqual([500, 200]);
    const after429 = await failing(429, 2);
    expect(after429.map((a) => a.status)).toEqual([429, 200]);
    expect(after429[1]!.at - after429[0]!.at).toBeGreaterThanOrEqual(1_900);
  }, 20_000);

  it('routes search to /briefing-search because Slack reserves /search', async () => {
    const post = await ask('/briefing-search', 'ferry contract');
    expect(sectionTexts(blocksOf(post)).join('\n')).toContain('The regional council signed the ferry contract');
  });

  it('refuses anything but POST on the events endpoint', async () => {
    const res = await fetch(h.eventsUrl);
    expect(res.status).toBe(405);
  });
});
