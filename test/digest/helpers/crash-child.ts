/**
 * A digest process that dies at a chosen moment: CRASH=after-post posts the
 * digest through the platform's real poster, then is SIGKILLed before it can
 * mark the outbox row; CRASH=before-post dies after claiming the slot, before
 * posting. Configured by environment (see exactly-once.test.ts).
 */
import { createEngine } from '../../../src/engine.js';
import { digestMigrations } from '../../../src/digest/schema.js';
import { createDigestService } from '../../../src/digest/service.js';
import { deliverDigest } from '../../../src/digest/deliver.js';
import type { ChannelPoster } from '../../../src/platforms/poster.js';
import { adapterServer, DEFAULTS, DISCORD_PUBLIC_KEY, SLACK_SECRET } from './setup.js';

const env = {
  CRASH: process.env.CRASH ?? 'after-post',
  CRASH_PLATFORM: process.env.CRASH_PLATFORM ?? 'slack',
  CRASH_CORPUS: process.env.CRASH_CORPUS ?? '',
  CRASH_DB: process.env.CRASH_DB ?? '',
  CRASH_API_URL: process.env.CRASH_API_URL ?? '',
  CRASH_CHANNEL: process.env.CRASH_CHANNEL ?? '',
  CRASH_SLOT: process.env.CRASH_SLOT ?? '',
};
const platform = env.CRASH_PLATFORM as 'slack' | 'discord';

const engine = await createEngine({ corpusDir: env.CRASH_CORPUS, dbPath: env.CRASH_DB, migrations: digestMigrations });
const service = createDigestService(engine, DEFAULTS);

let real: ChannelPoster;
if (platform === 'slack') {
  const { startSlack } = await import('../../../src/platforms/slack/app.js');
  real = (await startSlack({ engine, botToken: 'xoxb-test', signingSecret: SLACK_SECRET, apiUrl: env.CRASH_API_URL, server: adapterServer(), poster: { pageGapMs: 0 } })).poster;
} else {
  const { startDiscord } = await import('../../../src/platforms/discord/app.js');
  real = (
    await startDiscord({ engine, token: 'discord-test', applicationId: '123', publicKey: DISCORD_PUBLIC_KEY, mode: 'http', apiUrl: env.CRASH_API_URL, server: adapterServer() })
  ).poster;
}

const dying: ChannelPoster = {
  platform: real.platform,
  async post(channel, reply, options) {
    if (env.CRASH === 'before-post') process.kill(process.pid, 'SIGKILL');
    const result = await real.post(channel, reply, options);
    process.kill(process.pid, 'SIGKILL');
    return result;
  },
  findPosted: (channel, options) => real.findPosted(channel, options),
};

const { sub } = service.effectiveSubscription(platform, env.CRASH_CHANNEL);
await deliverDigest({ service, poster: dying, sub, slot: env.CRASH_SLOT });
process.stdout.write('survived\n');
process.exit(0);
