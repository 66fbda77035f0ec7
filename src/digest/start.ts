/**
 * Start the digest for `briefing serve`: declare the configured channels,
 * schedule every subscription and catch up on slots missed while down.
 * (The corpus folder is watched by the instance keeping the corpus:
 * cli/keep-corpus.ts.)
 */
import type { AppConfig } from '../config.js';
import { logger } from '../core/log.js';
import type { ChannelPoster } from '../platforms/poster.js';
import { DigestScheduler } from './scheduler.js';
import type { DigestService } from './service.js';
import type { RunOnce } from '../run-once.js';

export interface RunningDigest {
  scheduler: DigestScheduler;
  stop(): void;
  /** After stop: the deliveries running now finish (see DigestScheduler.drain). */
  drain(): Promise<void>;
}

/** `app`: what createApp built (src/app.ts); the digest's engine is the one its service queries. */
export async function startDigest(
  app: { digest: DigestService; config: AppConfig; runOnce: Pick<RunOnce, 'hold'> },
  posters: ChannelPoster[],
): Promise<RunningDigest> {
  const { digest: service, config } = app;
  const platforms = new Set(posters.map((p) => p.platform));
  const declared = config.digestChannels.filter((c) => {
    if (platforms.has(c.platform)) return true;
    logger.warn({ channel: `${c.platform}:${c.channel}` }, 'BRIEFING_DIGEST_CHANNELS names a platform that is not configured; skipped');
    return false;
  });
  await service.subscriptions.syncConfigured(declared, service.defaults.schedule, new Date());
  const scheduler = new DigestScheduler({ service, posters, runOnce: app.runOnce });
  // Catch-up may wait on retries: it must not hold up answering commands.
  scheduler.start().then(
    (results) => {
      if (results.length) logger.info({ slots: results.map((r) => `${r.platform}:${r.channel} ${r.slot} ${r.status}`) }, 'digest catch-up');
    },
    (err: unknown) => logger.error({ err: (err as Error).message }, 'digest catch-up failed'),
  );
  return {
    scheduler,
    stop() {
      scheduler.stop();
    },
    drain: () => scheduler.drain(),
  };
}
