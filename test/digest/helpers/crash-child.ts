/**
 * A digest process that dies (SIGKILL) at a chosen moment, posting through
 * the platform's real poster: CRASH=after-post once page CRASH_PAGE (1-based,
 * default 1) is posted, before the outbox could mark it; CRASH=before-post
 * when about to post page CRASH_PAGE (the pages before it posted and
 * marked; page 1: right after claiming the slot). Configured by environment
 * (see exactly-once.test.ts and pages.test.ts).
 */
import { deliverDigest } from '../../../src/digest/deliver.js';
import type { ChannelPoster } from '../../../src/platforms/poster.js';
import { openTestApp } from '../../helpers/app.js';
import { adapterServer, DISCORD_PUBLIC_KEY, SLACK_SECRET } from './setup.js';

const env = {
  CRASH: process.env.CRASH ?? 'after-post',
  CRASH_PLATFORM: process.env.CRASH_PLATFORM ?? 'slack',
  CRASH_CORPUS: process.env.CRASH_CORPUS ?? '',
  CRASH_DB: process.env.CRASH_DB ?? '',
  CRASH_API_URL: process.env.CRASH_API_URL ?? '',
  CRASH_CHANNEL: process.env.CRASH_CHANNEL ?? '',
  CRASH_SLOT: process.env.CRASH_SLOT ?? '',
  CRASH_PAGE: Number(process.env.CRASH_PAGE ?? '1'),
};
const platform = env.CRASH_PLATFORM as 'slack' | 'discord';

const app = await openTestApp({ corpusDir: env.CRASH_CORPUS, dbPath: env.CRASH_DB });
const service = app.digest;

let real: ChannelPoster;
if (platform === 'slack') {
  const { startSlack } = await import('../../../src/platforms/slack/app.js');
  real = (await startSlack({ services: app.services, botToken: 'xoxb-test', signingSecret: SLACK_SECRET, apiUrl: env.CRASH_API_URL, server: adapterServer(), poster: { pageGapMs: 0 } })).poster;
} else {
  const { startDiscord } = await import('../../../src/platforms/discord/app.js');
  real = (
    await startDiscord({ services: app.services, token: 'discord-test', applicationId: '123', publicKey: DISCORD_PUBLIC_KEY, mode: 'http', apiUrl: env.CRASH_API_URL, server: adapterServer() })
  ).poster;
}

const dying: ChannelPoster = {
  platform: real.platform,
  paginate: (reply, key) => real.paginate(reply, key),
  async postPage(channel, page, key) {
    const last = page.index + 1 === env.CRASH_PAGE;
    if (last && env.CRASH === 'before-post') process.kill(process.pid, 'SIGKILL');
    const result = await real.postPage(channel, page, key);
    if (last) process.kill(process.pid, 'SIGKILL');
    return result;
  },
  findPosted: (channel, key) => real.findPosted(channel, key),
};

const { sub } = await service.effectiveSubscription(platform, env.CRASH_CHANNEL);
await deliverDigest({ service, poster: dying, sub, slot: env.CRASH_SLOT });
process.stdout.write('survived\n');
process.exit(0);
