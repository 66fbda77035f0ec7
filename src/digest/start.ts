/**
 * Start the digest for `briefing serve`: declare the configured channels,
 * schedule every subscription, catch up on slots missed while down, and
 * watch the corpus folder for new articles.
 */
import type { AppConfig } from '../config.js';
import { logger } from '../core/log.js';
import type { ChannelPoster } from '../platforms/poster.js';
import { DigestScheduler } from './scheduler.js';
import type { DigestService } from './service.js';
import { watchCorpus } from './watch.js';

export interface RunningDigest {
  scheduler: DigestScheduler;
  stop(): void;
  /** After stop: the deliveries running now finish (see DigestScheduler.drain). */
  drain(): Promise<void>;
}

/** `app`: what createApp built (src/app.ts); the digest's engine is the one its service queries. */
export async function startDigest(app: { digest: DigestService; config: AppConfig }, posters: ChannelPoster[]): Promise<RunningDigest> {
  const { digest: service, config } = app;
  const engine = service.engine;
  const platforms = new Set(posters.map((p) => p.platform));
  const declared = config.digestChannels.filter((c) => {
    if (platforms.has(c.platform)) return true;
    logger.warn({ channel: `${c.platform}:${c.channel}` }, 'BRIEFING_DIGEST_CHANNELS names a platform that is not configured; skipped');
    return false;
  });
  await service.subscriptions.syncConfigured(declared, service.defaults.schedule, new Date());
  const scheduler = new DigestScheduler({ service, posters });
  // Catch-up may wait on retries: it must not hold up answering commands.
  scheduler.start().then(
    (results) => {
      if (results.length) logger.info({ slots: results.map((r) => `${r.platform}:${r.channel} ${r.slot} ${r.status}`) }, 'digest catch-up');
    },
    (err: unknown) => logger.error({ err: (err as Error).message }, 'digest catch-up failed'),
  );
  const watch = watchCorpus(engine, config.corpusDir);
  return {
    scheduler,
    stop() {
      watch.close();
      scheduler.stop();
    },
    drain: () => scheduler.drain(),
  };
}
