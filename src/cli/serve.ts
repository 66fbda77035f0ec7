/**
 * `briefing serve` (npm start): ingest the corpus, then connect the platforms
 * that are configured — Slack, Discord, both on one HTTP server — and start
 * the digest schedules. With no platform configured, the local console.
 */
import path from 'node:path';
import type { AppConfig } from '../config.js';
import { logger, logTo } from '../core/log.js';
import { startDigest } from '../digest/start.js';
import { startFeedPolling } from '../feeds/scheduler.js';
import { FeedService, registerFeedService, type FeedEngine } from '../feeds/service.js';
import type { BriefingEngine } from '../engine.js';
import { createConsolePoster } from '../platforms/console/poster.js';
import { runConsole } from '../platforms/console/repl.js';
import type { ChannelPoster } from '../platforms/poster.js';
import { createHttpServer } from '../platforms/server.js';
import { SqliteSeenRequests } from '../store/seen-requests.js';
import { createQueryPool } from '../query-pool/pool.js';
import { openEngine } from './open-engine.js';
import { terminalProgress } from './progress.js';
import { count } from '../core/plural.js';
import { describeTopicChange } from '../core/present.js';

export async function serve(config: AppConfig): Promise<number> {
  const consoleMode = !config.slack && !config.discord;
  const engine = await openEngine(config);
  // JSON lines on the terminal would land in the middle of the prompt.
  const logFile = consoleMode ? logTo(path.join(path.dirname(path.resolve(config.dbPath)), 'briefing.log')) : undefined;
  const report = await engine.refresh(terminalProgress(process.stderr));
  for (const p of report.skipped) process.stderr.write(`skipped ${p.path}: ${p.message}\n`);
  for (const p of report.warnings) process.stderr.write(`warning ${p.path}: ${p.message}\n`);
  if (report.topic) process.stderr.write(`${describeTopicChange(report.topic)}\n`);
  const stats = await engine.stats();
  const banner =
    `briefing-bot: ${count(stats.documents, 'article')} (${stats.relevant} on topic), ${count(stats.events, 'event')}` +
    (stats.firstPublished ? `, ${stats.firstPublished} to ${stats.lastPublished}` : '') +
    ` — corpus ${config.corpusDir}`;

  if (consoleMode) {
    const feeds = await startFeeds(engine, engine, config);
    const digest = startDigest(engine, config, [createConsolePoster()]);
    const polling = startFeedPolling(feeds);
    await runConsole({
      engine,
      banner: `${banner}\nLocal console mode (no Slack or Discord tokens set). Type /help, /timeline, /summary training, or exit.\nLogs: ${logFile}`,
    });
    digest.stop();
    await polling.stop();
    await engine.close();
    return 0;
  }

  // Commands and digests query on threads: acks and /health never wait on a query.
  const queries = createQueryPool(engine, config.dbPath, { topicFile: config.topicFile });
  // Feed articles are written by this engine through the pool, which tells its threads.
  const feeds = await startFeeds(queries, engine, config);
  const server = createHttpServer(() => ({ ready: true, documents: stats.documents, events: stats.events, queued: queries.queued }));
  const posters: ChannelPoster[] = [];
  const stops: Array<() => Promise<void>> = [];
  if (config.slack) {
    const { startSlack } = await import('../platforms/slack/app.js');
    const slack = await startSlack({ engine: queries, ...config.slack, server, seenRequests: new SqliteSeenRequests(engine.store.db) });
    posters.push(slack.poster);
    stops.push(slack.stop);
  }
  if (config.discord) {
    const { startDiscord } = await import('../platforms/discord/app.js');
    const discord = await startDiscord({ engine: queries, ...config.discord, server });
    posters.push(discord.poster);
    stops.push(discord.stop);
  }
  const port = await server.listen(config.port);
  logger.info({ port, platforms: posters.map((p) => p.platform) }, banner);
  const digest = startDigest(queries, config, posters);
  const polling = startFeedPolling(feeds);

  const shutdown = async () => {
    logger.info('shutting down');
    digest.stop();
    await polling.stop();
    for (const stop of stops) await stop().catch(() => undefined);
    await server.close();
    await queries.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return new Promise<number>(() => undefined);
}

/** Feeds as configuration declares them now, served to commands through `commandEngine`. */
async function startFeeds(commandEngine: FeedEngine, writer: BriefingEngine, config: AppConfig): Promise<FeedService> {
  const feeds = registerFeedService(new FeedService(commandEngine, writer.store.db, config.feeds));
  for (const problem of await feeds.declare(config.feeds)) process.stderr.write(`warning ${problem}\n`);
  return feeds;
}
