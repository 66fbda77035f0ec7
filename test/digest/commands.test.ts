/**
 * /briefing and /digest as a user meets them: through `dispatch`, the path
 * every platform adapter takes, with a real engine and SQLite file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch.js';
import type { CommandContext } from '../../src/core/command.js';
import { deliverDigest } from '../../src/digest/deliver.js';
import type { App } from '../../src/app.js';
import type { BriefingEngine } from '../../src/engine.js';
import type { DigestService } from '../../src/digest/service.js';
import { openDigest, recordingPoster, tempDir, TestClock, writeArticle, DEFAULTS } from './helpers/setup.js';

describe('/briefing and /digest', () => {
  let dir: string;
  let corpus: string;
  let clock: TestClock;
  let app: App;
  let engine: BriefingEngine;
  let service: DigestService;

  beforeEach(async () => {
    dir = tempDir();
    corpus = path.join(dir, 'corpus');
    writeArticle(corpus, 'warsaw-talks', {
      title: 'Ministers discuss Ukraine air defence in Warsaw',
      outlet: 'Eastern Ledger',
      date: '2025-02-10',
      body: [
        'UK Defence Secretary John Healey met European ministers in Warsaw on Monday to coordinate air defence deliveries to Ukraine.',
        'Britain pledged a further £80 million for radar systems to protect Ukrainian cities, the Ministry of Defence said.',
      ],
    });
    clock = new TestClock('2025-02-10T09:00:00Z');
    ({ app, engine, service } = await openDigest({ corpus, db: path.join(dir, 'briefing.db'), clock }));
    await engine.refresh();
  });

  afterEach(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({
    ...app.services,
    platform: 'discord',
    channel: '900',
    user: 'U7',
    canManageChannel: true,
    now: clock.now,
    ...over,
  });

  it('subscribe, settings with the next run in the channel zone, unsubscribe', async () => {
    const sub = await dispatch('briefing', { text: 'subscribe time:07:30 tz:America/New_York topic:"air defence" quiet:yes' }, ctx());
    expect(sub.kind).toBe('settings');
    expect(sub.intro).toContain('07:30 America/New_York, every day, about "air defence", quiet on days with nothing new');
    // 09:00 UTC on 10 Feb is 04:00 in New York: today's 07:30 is still to come (12:30 UTC).
    expect(sub.intro).toContain('Next digest: Monday 10 February 2025 at 07:30 America/New_York (2025-02-10 12:30 UTC).');

    const settings = await dispatch('briefing', { text: 'settings' }, ctx({ canManageChannel: false }));
    expect(settings.ephemeral).toBe(true);
    expect(settings.intro).toContain('This channel gets the daily digest at 07:30 America/New_York');
    expect(settings.intro).toContain('Next digest: Monday 10 February 2025 at 07:30 America/New_York');
    expect(await service.subscriptions.get('discord', '900')).toMatchObject({ time: '07:30', timezone: 'America/New_York', topic: 'air defence', postWhenEmpty: false, createdBy: 'U7' });

    // Changing one setting keeps the others.
    await dispatch('briefing', { text: 'subscribe time:06:45' }, ctx());
    expect(await service.subscriptions.get('discord', '900')).toMatchObject({ time: '06:45', timezone: 'America/New_York', topic: 'air defence' });

    const stop = await dispatch('briefing', { text: 'unsubscribe' }, ctx());
    expect(stop.title).toBe('Digest stopped');
    expect(await service.subscriptions.get('discord', '900')).toBeNull();
    const after = await dispatch('briefing', { text: 'settings' }, ctx());
    expect(after.intro).toContain('This channel does not get the daily digest.');
  });

  it('people who cannot manage the channel get an ephemeral refusal and change nothing', async () => {
    for (const text of ['subscribe time:09:00', 'unsubscribe']) {
      const reply = await dispatch('briefing', { text }, ctx({ canManageChannel: false }));
      expect(reply.kind).toBe('error');
      expect(reply.ephemeral).toBe(true);
      expect(reply.intro).toMatch(/^Only people who can manage this channel can change its digest/);
    }
    expect(await service.subscriptions.get('discord', '900')).toBeNull();
    // Unknown permission (an adapter that could not tell) is a refusal too.
    expect((await dispatch('briefing', { text: 'subscribe' }, ctx({ canManageChannel: undefined }))).kind).toBe('error');
  });

  it.each([
    ['subscribe time:25:00', /^time:25:00 is not a time of day/],
    ['subscribe time:8am', /^time:8am is not a time of day/],
    ['subscribe tz:Mars/Olympus', /^tz:Mars\/Olympus is not a time zone/],
    ['subscribe cron:"61 8 * * *"', /^cron "61 8 \* \* \*" is not a daily cron expression/],
    ['subscribe cron:"*/5 * * * *"', /^cron "\*\/5 \* \* \* \*" is not a daily cron expression/],
    ['subscribe time:08:00 cron:"0 8 * * *"', /^Give time: or cron:, not both\./],
    ['subscribe topic:"!!!"', /^topic:!!! has no words to look for/],
    ['subscribe quiet:maybe', /^quiet:maybe is not yes or no/],
  ])('"/briefing %s" is a one-line error naming the value', async (text, expected) => {
    const reply = await dispatch('briefing', { text }, ctx());
    expect(reply.kind).toBe('error');
    const [message, usageLine] = reply.intro!.split('\n');
    expect(message).toMatch(expected);
    expect(usageLine).toMatch(/^Usage: \/briefing subscribe/);
    expect(await service.subscriptions.get('discord', '900')).toBeNull();
  });

  it('cron: weekdays only', async () => {
    const reply = await dispatch('briefing', { text: 'subscribe cron:"30 7 * * 1-5" tz:Europe/Berlin' }, ctx());
    expect(reply.intro).toContain('07:30 Europe/Berlin, Mon–Fri');
    // Friday 14 Feb 2025 after 07:30 Berlin: next is Monday.
    clock.set('2025-02-14T12:00:00Z');
    const settings = await dispatch('briefing', { text: 'settings' }, ctx());
    expect(settings.intro).toContain('Next digest: Monday 17 February 2025 at 07:30 Europe/Berlin');
  });

  it('/digest previews the next digest (ephemeral), marks nothing, and matches what is then posted', async () => {
    clock.set('2025-02-10T08:00:00Z');
    await dispatch('briefing', { text: 'subscribe time:08:00 tz:Europe/London' }, ctx());
    clock.set('2025-02-10T10:00:00Z');
    writeArticle(corpus, 'kyiv-drones', {
      title: 'UK drone factory deal for Ukraine',
      outlet: 'Midlands Star',
      date: '2025-02-10',
      body: [
        'The UK and Ukraine agreed on Monday to build drones together in Britain, with £30 million from the UK government to start production.',
        'Ukrainian officials said British military support had helped Ukraine hold the front line against Russia.',
      ],
    });
    const preview = await dispatch('digest', { text: '' }, ctx({ canManageChannel: false }));
    expect(preview.ephemeral).toBe(true);
    expect(preview.kind).toBe('digest');
    expect(preview.title).toEqual(expect.stringMatching(/^Preview: UK support for Ukraine — Tuesday 11 February 2025: \d+ new developments?$/));
    expect(preview.intro).toContain('Preview of the digest due Tuesday 11 February 2025 at 08:00 Europe/London');
    expect(preview.items.map((i) => i.text).join(' ')).toContain('£30 million');
    const drones = preview.items.find((i) => i.text.includes('£30 million'))!;
    expect(drones.date).toBe('2025-02-10');
    expect(drones.sources[0]).toMatchObject({ id: 'kyiv-drones', outlet: 'Midlands Star', published: '2025-02-10' });
    expect(preview.data).toMatchObject({ status: 'dry-run', slot: '2025-02-11', platform: 'discord', channel: '900' });
    expect(await service.outbox.find('discord', '900', '2025-02-11')).toBeNull();
    expect((await service.outbox.known('discord', '900')).ids.size).toBe(0);

    const poster = recordingPoster('discord');
    clock.set('2025-02-11T08:00:00Z');
    await deliverDigest({ service, poster, sub: (await service.subscriptions.get('discord', '900'))!, slot: '2025-02-11', now: clock.now });
    expect(poster.posts[0]!.reply.items).toEqual(preview.items);
  });

  it('/briefing help explains the digest with the defaults; /briefing needs a channel', async () => {
    const help = await dispatch('briefing', { text: '' }, ctx());
    expect(help.kind).toBe('help');
    expect(help.intro).toContain('default 08:00 Europe/London, every day');
    const noChannel = await dispatch('briefing', { text: 'subscribe' }, ctx({ channel: undefined }));
    expect(noChannel.intro).toMatch(/^\/briefing subscribe works in a channel/);
  });

  it('channels declared in configuration are subscribed with the defaults and cannot be unsubscribed by command', async () => {
    const added = await service.subscriptions.syncConfigured(
      [
        { platform: 'slack', channel: 'C123' },
        { platform: 'discord', channel: '456' },
      ],
      DEFAULTS.schedule,
      clock.now(),
    );
    expect(added).toEqual({ added: 2, removed: 0, rescheduled: 0 });
    expect(await service.subscriptions.get('slack', 'C123')).toMatchObject({ time: '08:00', timezone: 'Europe/London', origin: 'config' });
    const refused = await dispatch('briefing', { text: 'unsubscribe' }, ctx({ channel: '456' }));
    expect(refused.intro).toMatch(/^This channel's digest is set in the bot's configuration \(BRIEFING_DIGEST_CHANNELS=discord:456\)/);
    // Dropped from configuration: gone at the next start.
    expect(await service.subscriptions.syncConfigured([{ platform: 'slack', channel: 'C123' }], DEFAULTS.schedule, clock.now())).toEqual({ added: 0, removed: 1, rescheduled: 0 });
    expect(await service.subscriptions.get('discord', '456')).toBeNull();
  });

  it('a declared channel takes the declared schedule at every start, even after a command changed it; topic and quiet are kept', async () => {
    const declared = [{ platform: 'slack' as const, channel: 'C777' }];
    // Subscribed by command at 06:15 before the operator declared it.
    await dispatch('briefing', { text: 'subscribe time:06:15 topic:training quiet:yes' }, ctx({ platform: 'slack', channel: 'C777' }));
    const before = (await service.subscriptions.get('slack', 'C777'))!;
    expect(before).toMatchObject({ time: '06:15', topic: 'training', origin: 'command' });

    // Restart with the same configuration: the declared schedule again.
    clock.advance(60_000);
    expect(await service.subscriptions.syncConfigured(declared, DEFAULTS.schedule, clock.now())).toEqual({ added: 0, removed: 0, rescheduled: 1 });
    expect(await service.subscriptions.get('slack', 'C777')).toMatchObject({ time: '08:00', timezone: 'Europe/London', days: null, origin: 'config', topic: 'training', postWhenEmpty: false });
    // Declared: the schedule cannot be changed by command (it would not last); the topic can.
    const refused = await dispatch('briefing', { text: 'subscribe time:06:15' }, ctx({ platform: 'slack', channel: 'C777' }));
    expect(refused.intro).toMatch(/^This channel's schedule is set in the bot's configuration \(BRIEFING_DIGEST_CHANNELS=slack:C777, BRIEFING_DIGEST_CRON and BRIEFING_TZ\)/);
    const topic = await dispatch('briefing', { text: 'subscribe topic:drones' }, ctx({ platform: 'slack', channel: 'C777' }));
    expect(topic.title).toBe('Digest updated');
    expect(await service.subscriptions.get('slack', 'C777')).toMatchObject({ time: '08:00', topic: 'drones', origin: 'config' });

    // Another declared schedule, an unchanged one: the subscriptions contract (test/store/subscriptions-contract.ts).
  });
});
