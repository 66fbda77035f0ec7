/**
 * What channels receive: new facts in, repeats and off-topic news out,
 * catch-up marked late, and the scheduler's tasks per schedule. Posting goes
 * through the real Slack poster (startSlack) to a fake Slack on 127.0.0.1,
 * and the assertions read the messages that fake received.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlack } from '../../src/platforms/slack/app.js';
import { dispatch } from '../../src/core/dispatch.js';
import { deliverDigest } from '../../src/digest/deliver.js';
import { DigestScheduler, type CronLike } from '../../src/digest/scheduler.js';
import type { App } from '../../src/app.js';
import type { BriefingEngine } from '../../src/engine.js';
import type { DigestService } from '../../src/digest/service.js';
import type { ChannelPoster } from '../../src/platforms/poster.js';
import { startFakeSlack, type FakePlatform, type PostedMessage } from './helpers/fake-platforms.js';
import { adapterServer, copySeeds, openDigest, SLACK_SECRET, tempDir, TestClock, writeArticle } from './helpers/setup.js';

/** Everything a reader sees in one Slack message: header, sections, context. */
function visible(m: PostedMessage): string {
  return JSON.stringify(m.body.blocks ?? []) + String(m.body.text ?? '');
}

function header(m: PostedMessage): string {
  const blocks = (m.body.blocks ?? []) as Array<{ type: string; text?: { text: string } }>;
  return blocks.find((b) => b.type === 'header')?.text?.text ?? '';
}

const MISSILES = {
  title: 'UK to fund 5,000 air defence missiles for Ukraine',
  outlet: 'Northbridge Gazette',
  date: '2025-03-03',
  body: [
    'The UK will give Ukraine £1.6 billion to buy more than 5,000 air defence missiles, Prime Minister Keir Starmer announced on Sunday.',
    'The missiles will be built by Thales in Belfast, creating 200 jobs in Northern Ireland.',
    'Starmer said the deal would help Ukraine protect its critical infrastructure from Russian attacks.',
  ],
};

/** Repeats the missiles story in other words, from another outlet, plus one new fact. */
const MISSILES_AGAIN_PLUS_DRONES = {
  title: 'Britain backs Kyiv with missiles and drones',
  outlet: 'Harbour Times',
  date: '2025-03-04',
  body: [
    'Britain is to provide Ukraine with £1.6 billion for more than 5,000 air defence missiles, Keir Starmer said on Sunday.',
    'Defence Secretary John Healey confirmed on Monday that the UK will send £400 million worth of long-range drones to Ukraine by April.',
  ],
};

const FOOTBALL = {
  title: 'Sport England funds grassroots pitches',
  outlet: 'Local Sport Weekly',
  date: '2025-03-04',
  body: [
    'Sport England announced £25 million for new grassroots football pitches across the Midlands on Monday.',
    'The money will pay for 40 artificial pitches and changing rooms at community clubs.',
    'Club secretaries welcomed the funding, saying waiting lists for junior teams had doubled.',
  ],
};

describe('digest content', () => {
  let dir: string;
  let corpus: string;
  let clock: TestClock;
  let app: App;
  let engine: BriefingEngine;
  let service: DigestService;
  let slack: FakePlatform;
  let poster: ChannelPoster;
  let stopSlack: () => Promise<void>;

  beforeEach(async () => {
    dir = tempDir();
    corpus = path.join(dir, 'corpus');
    copySeeds(corpus);
    clock = new TestClock('2025-03-01T09:00:00Z');
    ({ app, engine, service } = await openDigest({ corpus, db: path.join(dir, 'briefing.db'), clock }));
    await engine.refresh();
    // Channels subscribe after the corpus was ingested.
    clock.set('2025-03-01T10:00:00Z');
    slack = await startFakeSlack();
    const started = await startSlack({ services: app.services, botToken: 'xoxb-test', signingSecret: SLACK_SECRET, apiUrl: slack.url, server: adapterServer(), poster: { pageGapMs: 0 } });
    poster = started.poster;
    stopSlack = started.stop;
  });

  afterEach(async () => {
    await stopSlack();
    await slack.close();
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function subscribe(text: string, channel = 'C100') {
    return dispatch('briefing', { text: `subscribe ${text}` }, { ...app.services, platform: 'slack', channel, user: 'U1', canManageChannel: true, now: clock.now });
  }

  it('a repeat in other words from another outlet is left out; the new fact is in; off-topic news never appears', async () => {
    await subscribe('time:08:00 tz:Europe/London');
    const sub = (await service.subscriptions.get('slack', 'C100'))!;

    clock.set('2025-03-03T07:00:00Z');
    writeArticle(corpus, 'gazette-missiles', MISSILES);
    clock.set('2025-03-03T08:00:00Z');
    const first = await deliverDigest({ service, poster, sub, slot: '2025-03-03', now: clock.now });
    expect(first.status).toBe('posted');

    clock.set('2025-03-03T15:00:00Z');
    writeArticle(corpus, 'harbour-missiles-drones', MISSILES_AGAIN_PLUS_DRONES);
    writeArticle(corpus, 'sport-pitches', FOOTBALL);
    clock.set('2025-03-04T08:00:00Z');
    const second = await deliverDigest({ service, poster, sub, slot: '2025-03-04', now: clock.now });
    expect(second.status).toBe('posted');

    expect(slack.posts).toHaveLength(2);
    const [day1, day2] = slack.posts.map(visible) as [string, string];
    expect(header(slack.posts[0]!)).toMatch(/^UK support for Ukraine — Monday 3 March 2025: \d+ new developments?$/);
    expect(day1).toContain('£1.6 billion');
    expect(day1).toContain('Northbridge Gazette');
    // Seeds arrived before the channel subscribed: not in its digest.
    expect(day1).not.toContain('Healey arrived in Kyiv');

    expect(header(slack.posts[1]!)).toMatch(/^UK support for Ukraine — Tuesday 4 March 2025: \d+ new developments?$/);
    expect(day2).toContain('£400 million');
    expect(day2).toContain('Harbour Times');
    expect(day2).not.toContain('1.6 billion');
    expect(day2).not.toContain('5,000');
    for (const text of [day1, day2]) {
      expect(text).not.toContain('football');
      expect(text).not.toContain('Sport England');
    }
    // What was sent is remembered per channel.
    const told = (await service.outbox.known('slack', 'C100')).items.map((i) => i.text).join(' ');
    expect(told).toContain('£400 million');
  });

  it('a topic subscription gets only events on its topic', async () => {
    await subscribe('topic:drones');
    const sub = (await service.subscriptions.get('slack', 'C100'))!;
    clock.set('2025-03-03T15:00:00Z');
    writeArticle(corpus, 'gazette-missiles', MISSILES);
    writeArticle(corpus, 'harbour-missiles-drones', MISSILES_AGAIN_PLUS_DRONES);
    clock.set('2025-03-04T08:00:00Z');
    await deliverDigest({ service, poster, sub, slot: '2025-03-04', now: clock.now });
    const text = visible(slack.posts[0]!);
    expect(header(slack.posts[0]!)).toMatch(/^drones — Tuesday 4 March 2025: 1 new development$/);
    expect(text).toContain('£400 million');
    expect(text).not.toContain('Thales');
  });

  it('nothing new: one short line, or nothing at all with quiet:yes', async () => {
    await subscribe('time:08:00', 'C100');
    await subscribe('time:08:00 quiet:yes', 'C200');
    clock.set('2025-03-02T08:00:00Z');
    for (const channel of ['C100', 'C200']) {
      const sub = (await service.subscriptions.get('slack', channel))!;
      await deliverDigest({ service, poster, sub, slot: '2025-03-02', now: clock.now });
    }
    expect(slack.posts.map((p) => p.channel)).toEqual(['C100']);
    expect(header(slack.posts[0]!)).toBe('UK support for Ukraine — Sunday 2 March 2025: nothing new');
    expect(visible(slack.posts[0]!)).toContain('No new developments since the last digest.');
  });

  it('catch-up after downtime posts the missed slot once, marked late', async () => {
    await subscribe('time:08:00 tz:Europe/London');
    clock.set('2025-03-03T07:00:00Z');
    writeArticle(corpus, 'gazette-missiles', MISSILES);
    // The process was down at 08:00; it starts again at 11:20.
    clock.set('2025-03-03T11:20:00Z');
    const tasks: string[] = [];
    const cron: CronLike = { schedule: (expr, _fn, o) => (tasks.push(`${expr} ${o.timezone}`), { destroy() {} }) };
    const scheduler = new DigestScheduler({ service, posters: [poster], now: clock.now, cron });
    const results = await scheduler.start();
    expect(results.map((r) => [r.slot, r.status, r.late])).toEqual([['2025-03-03', 'posted', true]]);
    // A second restart (or the periodic sweep) does not post it again.
    expect(await scheduler.sweep()).toEqual([]);
    scheduler.stop();
    expect(slack.posts).toHaveLength(1);
    expect(header(slack.posts[0]!)).toMatch(/^UK support for Ukraine — Monday 3 March 2025 \(late\): \d+ new developments?$/);
    expect(visible(slack.posts[0]!)).toContain('£1.6 billion');
    expect(tasks).toEqual(['0 8 * * * Europe/London', '* * * * * UTC']);
  });

  it('moving the time to one already past today waits for tomorrow; a pause in the subscription is not replayed', async () => {
    await subscribe('time:09:00');
    clock.set('2025-03-03T08:30:00Z');
    await subscribe('time:07:00');
    const scheduler = new DigestScheduler({ service, posters: [poster], now: clock.now, cron: { schedule: () => ({ destroy() {} }) } });
    expect(await scheduler.start()).toEqual([]);

    clock.set('2025-03-04T07:00:00Z');
    expect((await scheduler.sweep()).map((r) => [r.slot, r.status, r.late])).toEqual([['2025-03-04', 'posted', false]]);
    await dispatch('briefing', { text: 'unsubscribe' }, { ...app.services, platform: 'slack', channel: 'C100', canManageChannel: true, now: clock.now });
    clock.set('2025-03-04T12:00:00Z');
    writeArticle(corpus, 'gazette-missiles', MISSILES);
    await engine.refresh();
    clock.set('2025-03-05T06:00:00Z');
    await subscribe('time:07:00');
    clock.set('2025-03-05T07:00:00Z');
    expect((await scheduler.sweep()).map((r) => r.slot)).toEqual(['2025-03-05']);
    scheduler.stop();
    expect(slack.posts.map(header)).toEqual([
      'UK support for Ukraine — Tuesday 4 March 2025: nothing new',
      'UK support for Ukraine — Wednesday 5 March 2025: nothing new',
    ]);
  });

  it('no catch-up for a slot from before the channel subscribed', async () => {
    clock.set('2025-03-03T09:00:00Z');
    await subscribe('time:08:00');
    const scheduler = new DigestScheduler({ service, posters: [poster], now: clock.now, cron: { schedule: () => ({ destroy() {} }) } });
    expect(await scheduler.start()).toEqual([]);
    scheduler.stop();
    expect(slack.posts).toHaveLength(0);
  });

  it('one cron task per distinct time and zone, rebuilt when subscriptions change; DST days post once', async () => {
    const live = new Map<string, () => unknown>();
    const cron: CronLike = {
      schedule(expr, fn, o) {
        const key = `${expr} ${o.timezone}`;
        live.set(key, fn);
        return { destroy: () => live.delete(key) };
      },
    };
    const scheduler = new DigestScheduler({ service, posters: [poster], now: clock.now, cron });
    await scheduler.start();
    await subscribe('time:08:00 tz:Europe/London', 'C1');
    await subscribe('time:08:00 tz:Europe/London', 'C2');
    await subscribe('time:08:00 tz:America/New_York', 'C3');
    expect([...live.keys()].sort()).toEqual(['* * * * * UTC', '0 8 * * * America/New_York', '0 8 * * * Europe/London']);
    expect((await scheduler.groups()).find((g) => g.timezone === 'Europe/London')?.channels).toEqual(['slack:C1', 'slack:C2']);
    await dispatch('briefing', { text: 'unsubscribe' }, { ...app.services, platform: 'slack', channel: 'C3', canManageChannel: true, now: clock.now });
    expect([...live.keys()].sort()).toEqual(['* * * * * UTC', '0 8 * * * Europe/London']);

    // Fire the London task at its real instants around both DST changes, and
    // twice more when node-cron's repeated hour could fire it again.
    const fires = [
      '2025-03-29T08:00:00Z', '2025-03-30T07:00:00Z', '2025-03-30T08:00:00Z', '2025-03-31T07:00:00Z',
      '2025-10-25T07:00:00Z', '2025-10-26T08:00:00Z', '2025-10-26T08:00:30Z', '2025-10-27T08:00:00Z',
    ];
    for (const at of fires) {
      clock.set(at);
      await scheduler.fire('0 8 * * *|Europe/London');
    }
    scheduler.stop();
    expect(live.size).toBe(0);
    const slotsPosted = slack.posts.map((p) => `${p.channel} ${header(p).split(' — ')[1]!.split(':')[0]}`);
    expect(slotsPosted).toEqual([
      'C1 Saturday 29 March 2025', 'C2 Saturday 29 March 2025',
      'C1 Sunday 30 March 2025', 'C2 Sunday 30 March 2025',
      'C1 Monday 31 March 2025', 'C2 Monday 31 March 2025',
      'C1 Saturday 25 October 2025', 'C2 Saturday 25 October 2025',
      'C1 Sunday 26 October 2025', 'C2 Sunday 26 October 2025',
      'C1 Monday 27 October 2025', 'C2 Monday 27 October 2025',
    ]);
  });
});
