/**
 * Platform failures: retryable errors are retried with backoff (injected
 * sleep), a slot that still fails is stored and shown in /briefing settings,
 * the next slot still runs, and no item is lost or sent twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch.js';
import { deliverDigest } from '../../src/digest/deliver.js';
import { PostError } from '../../src/platforms/poster.js';
import type { App } from '../../src/app.js';
import type { BriefingEngine } from '../../src/engine.js';
import type { DigestService } from '../../src/digest/service.js';
import { openDigest, recordingPoster, tempDir, TestClock, writeArticle, type RecordingPoster } from './helpers/setup.js';

describe('digest faults', () => {
  let dir: string;
  let corpus: string;
  let clock: TestClock;
  let app: App;
  let engine: BriefingEngine;
  let service: DigestService;
  let poster: RecordingPoster;
  let sleeps: number[];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };

  beforeEach(async () => {
    dir = tempDir();
    corpus = path.join(dir, 'corpus');
    clock = new TestClock('2025-06-01T09:00:00Z');
    writeArticle(corpus, 'kyiv-pledge', {
      title: 'UK pledges artillery to Ukraine',
      outlet: 'Valley Courier',
      date: '2025-06-01',
      body: [
        'The UK will send Ukraine £150 million of artillery ammunition, Defence Secretary John Healey said in Kyiv on Sunday.',
        'Ukrainian defence minister Rustem Umerov thanked Britain for the support, saying the shells would reach the front within weeks.',
      ],
    });
    ({ app, engine, service } = await openDigest({ corpus, db: path.join(dir, 'briefing.db'), clock }));
    poster = recordingPoster('discord');
    sleeps = [];
    clock.set('2025-05-31T12:00:00Z');
    await dispatch('briefing', { text: 'subscribe time:08:00 tz:Europe/London' }, { ...app.services, platform: 'discord', channel: '42', canManageChannel: true, now: clock.now });
    clock.set('2025-06-01T09:00:00Z');
  });

  afterEach(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const sub = async () => (await service.subscriptions.get('discord', '42'))!;

  it('retryable failures are retried after 1 s and 5 s, then posted once', async () => {
    poster.failures.push(new PostError('Discord answered 503 for channel 42.', true), new PostError('Discord rate-limited the post to channel 42.', true));
    const result = await deliverDigest({ service, poster, sub: await sub(), slot: '2025-06-01', now: clock.now, sleep });
    expect(result.status).toBe('posted');
    expect(sleeps).toEqual([1_000, 5_000]);
    expect(poster.posts).toHaveLength(1);
    expect(poster.posts[0]!.reply.items.map((i) => i.text).join(' ')).toContain('£150 million');
    expect(await service.outbox.find('discord', '42', '2025-06-01')).toMatchObject({ status: 'posted', attempts: 3, messageId: 'm1' });
  });

  it('after the last retry the failure is stored and shown in settings; the next slot still runs with the items', async () => {
    for (let i = 0; i < 4; i++) poster.failures.push(new PostError('Discord answered 502 for channel 42.', true));
    const failed = await deliverDigest({ service, poster, sub: await sub(), slot: '2025-06-01', now: clock.now, sleep });
    expect(failed).toMatchObject({ status: 'failed', error: 'Discord answered 502 for channel 42.' });
    expect(sleeps).toEqual([1_000, 5_000, 30_000]);
    expect(poster.posts).toHaveLength(0);
    expect((await service.outbox.known('discord', '42')).ids.size).toBe(0);

    const settings = await dispatch('briefing', { text: 'settings' }, { ...app.services, platform: 'discord', channel: '42', now: clock.now });
    expect(settings.intro).toContain('Last failure: the digest for 2025-06-01 (not posted): Discord answered 502 for channel 42.');
    expect(settings.ephemeral).toBe(true);

    // The same slot is not retried by the scheduler's rules; the next one carries its items.
    expect((await deliverDigest({ service, poster, sub: await sub(), slot: '2025-06-01', now: clock.now, sleep })).status).toBe('failed');
    clock.set('2025-06-02T07:00:00Z');
    const next = await deliverDigest({ service, poster, sub: await sub(), slot: '2025-06-02', now: clock.now, sleep });
    expect(next.status).toBe('posted');
    expect(poster.posts).toHaveLength(1);
    expect(poster.posts[0]!.reply.title).toMatch(/^UK support for Ukraine — Monday 2 June 2025: \d+ new developments?$/);
    expect(poster.posts[0]!.reply.items.map((i) => i.text).join(' ')).toContain('£150 million');

    // And once sent, never again.
    clock.set('2025-06-03T07:00:00Z');
    await deliverDigest({ service, poster, sub: await sub(), slot: '2025-06-03', now: clock.now, sleep });
    expect(poster.posts[1]!.reply.title).toBe('UK support for Ukraine — Tuesday 3 June 2025: nothing new');
  });

  it('a refusal (missing access) is not retried', async () => {
    poster.failures.push(new PostError('Discord refused the post to channel 42: Missing Access (give the bot View Channel…)', false));
    const result = await deliverDigest({ service, poster, sub: await sub(), slot: '2025-06-01', now: clock.now, sleep });
    expect(result.status).toBe('failed');
    expect(sleeps).toEqual([]);
    expect(await service.outbox.find('discord', '42', '2025-06-01')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('a new article arriving after a failed slot joins the remaining items, each sent once', async () => {
    poster.failures.push(new PostError('Discord refused: Missing Access', false));
    await deliverDigest({ service, poster, sub: await sub(), slot: '2025-06-01', now: clock.now, sleep });
    clock.set('2025-06-01T20:00:00Z');
    writeArticle(corpus, 'navy-boats', {
      title: 'Royal Navy to train Ukrainian sailors',
      outlet: 'Coastal Post',
      date: '2025-06-01',
      body: [
        'The Royal Navy will train 300 Ukrainian sailors to crew minehunters in Scotland from July, the UK Ministry of Defence said on Sunday.',
        'Britain has given Ukraine military aid and training since the Russian invasion, and the minehunters will help Ukraine clear the Black Sea.',
      ],
    });
    clock.set('2025-06-02T07:00:00Z');
    await deliverDigest({ service, poster, sub: await sub(), slot: '2025-06-02', now: clock.now, sleep });
    const texts = poster.posts[0]!.reply.items.map((i) => i.text);
    expect(texts.join(' ')).toContain('£150 million');
    expect(texts.join(' ')).toContain('300 Ukrainian sailors');
    expect(new Set(texts).size).toBe(texts.length);
  });
});
