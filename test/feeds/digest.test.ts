/**
 * A feed item reaching a channel: subscribed before it arrived, the item is
 * in the channel's next digest (as arrived at fetch time) and in /timeline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch.js';
import type { CommandContext } from '../../src/core/command.js';
import { deliverDigest } from '../../src/digest/deliver.js';
import type { DigestService } from '../../src/digest/service.js';
import type { App } from '../../src/app.js';
import type { BriefingEngine } from '../../src/engine.js';
import { openDigest, recordingPoster, tempDir, TestClock, writeArticle } from '../digest/helpers/setup.js';
import { conditional, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { rssFeed, STORIES } from './fixtures.js';

let dir: string;
let clock: TestClock;
let app: App;
let engine: BriefingEngine;
let service: DigestService;
let server: FeedServer;

beforeEach(async () => {
  dir = tempDir('feeds-digest-');
  const corpus = path.join(dir, 'corpus');
  writeArticle(corpus, 'warsaw-talks', {
    title: 'Ministers discuss Ukraine air defence in Warsaw',
    outlet: 'Eastern Ledger',
    date: '2025-03-10',
    body: ['UK Defence Secretary John Healey met European ministers in Warsaw on Monday to coordinate air defence deliveries to Ukraine.'],
  });
  clock = new TestClock('2025-03-11T07:00:00Z');
  ({ app, engine, service } = await openDigest({ corpus, db: path.join(dir, 'briefing.db'), clock }));
  await engine.refresh();
  server = await startFeedServer(clock.now);
  server.route('/feed.xml', conditional(() => rssFeed(server.origin, STORIES.slice(0, 1))));
});

afterEach(async () => {
  await engine.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('puts a polled item in the next digest of a channel subscribed before it arrived, and in /timeline', async () => {
  const ctx: CommandContext = { ...app.services, platform: 'slack', channel: 'C9', user: 'U1', canManageChannel: true, now: clock.now };
  clock.set('2025-03-11T07:30:00Z');
  await dispatch('briefing', { text: 'subscribe time:08:00 tz:Europe/London' }, ctx);
  const feeds = app.feeds;

  clock.set('2025-03-11T09:30:00Z');
  const added = await dispatch('briefing', { text: `feed add url:${server.url('/feed.xml')}` }, ctx);
  expect(added.intro).toContain('Newest item: UK commits £450 million drone package for Ukraine (2025-03-11)');
  expect((await feeds.list())[0]!.itemsSeen).toBe(1);

  const timeline = await dispatch('timeline', { text: '' }, ctx);
  const drones = timeline.items.find((i) => i.text.includes('£450 million'))!;
  expect(drones.date).toBe('2025-03-11');
  expect(drones.sources[0]).toMatchObject({ outlet: 'The Northern Courier', published: '2025-03-11', url: `${server.origin}/news/northern-courier-2025-0142` });

  const poster = recordingPoster('slack');
  clock.set('2025-03-12T08:00:00Z');
  await deliverDigest({ service, poster, sub: (await service.subscriptions.get('slack', 'C9'))!, slot: '2025-03-12', now: clock.now });
  const items = poster.posts[0]!.reply.items;
  const item = items.find((i) => i.text.includes('£450 million'));
  expect(item?.sources[0]).toMatchObject({ outlet: 'The Northern Courier' });
  // The corpus article that was there before the channel subscribed is not news to it.
  expect(items.some((i) => i.text.includes('Warsaw'))).toBe(false);
});
