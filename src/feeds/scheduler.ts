/**
 * Polling in `serve`: the feeds that are due are polled in the background,
 * on their own schedule (each feed's next fetch, kept in the database), so
 * a command is never waiting for a poll. The next wake-up is the earliest
 * next fetch, checked at least every minute (a feed added by another
 * process, or from chat, is picked up within it). Across processes sharing
 * the database each feed is polled by one at a time (the poller's lease).
 */
import { logger } from '../core/log.js';
import { pollLine } from './present.js';
import type { FeedService } from './service.js';

const MAX_SLEEP_MS = 60_000;
const MIN_SLEEP_MS = 1_000;

export interface FeedPolling {
  stop(): Promise<void>;
  /** Poll what is due now (a feed was just added), without waiting for the timer. */
  wake(): void;
}

export function startFeedPolling(feeds: FeedService, now: () => Date = () => new Date()): FeedPolling {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  // The parser (compromise and its lexicon, ~1 s) is loaded now, not by the first poll that brings an article.
  void import('../ingest/parse.js').catch(() => undefined);

  const schedule = async () => {
    if (stopped) return;
    const upcoming = (await feeds.list())
      .filter((f) => f.status !== 'gone')
      .map((f) => (f.nextFetch ? Date.parse(f.nextFetch) : now().getTime()));
    const soonest = upcoming.length ? Math.min(...upcoming) : Infinity;
    const wait = Math.max(MIN_SLEEP_MS, Math.min(MAX_SLEEP_MS, soonest - now().getTime()));
    timer = setTimeout(tick, wait);
  };

  const tick = () => {
    timer = null;
    if (stopped || running) return;
    running = (async () => {
      try {
        for (const report of await feeds.poll()) {
          if (report.outcome === 'failed' || report.outcome === 'gone') logger.warn({ feed: report.feed.id }, pollLine(report));
          else logger.info({ feed: report.feed.id, new: report.new, updated: report.updated }, pollLine(report));
        }
      } catch (err) {
        logger.error({ err }, 'feed polling failed; trying again at the next wake-up');
      } finally {
        running = null;
        await schedule().catch((err: unknown) => logger.error({ err }, 'feed polling could not schedule itself'));
      }
    })();
  };

  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    wake() {
      if (stopped || running) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(tick, 0);
    },
  };
}
