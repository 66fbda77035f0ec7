/**
 * `briefing serve` (npm start): ingest the corpus, then connect the platforms
 * that are configured — Slack, Discord, both on one HTTP server — and start
 * the digest schedules. With no platform configured, the local console.
 */
import path from 'node:path';
import { createApp, type App } from '../app.js';
import type { AppConfig } from '../config.js';
import { logger, logTo } from '../core/log.js';
import { startDigest } from '../digest/start.js';
import { startFeedPolling } from '../feeds/scheduler.js';
import { createConsolePoster } from '../platforms/console/poster.js';
import { runConsole } from '../platforms/console/repl.js';
import type { ChannelPoster } from '../platforms/poster.js';
import { createHttpServer } from '../platforms/server.js';
import { keepCorpus } from './keep-corpus.js';
import { terminalProgress } from './progress.js';
import { count } from '../core/plural.js';
import { describeTopicChange } from '../core/present.js';

/** How long a shutdown waits for work in flight: inside the 30 s a container gets between SIGTERM and SIGKILL. */
const DRAIN_MS = 20_000;

export async function serve(config: AppConfig): Promise<number> {
  const consoleMode = !config.slack && !config.discord;
  // Commands and digests query on threads (not in the console): acks and /health never wait on a query.
  const app = await createApp(config, { queryThreads: !consoleMode });
  // JSON lines on the terminal would land in the middle of the prompt.
  const logFile = consoleMode ? logTo(path.join(path.dirname(path.resolve(config.dbPath)), 'briefing.log')) : undefined;
  // SIGTERM during the start-up ingest: the file being written is finished, then a clean exit.
  const stopIngest = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => stopIngest.abort(signal);
  process.once('SIGTERM', onSignal).once('SIGINT', onSignal);
  // On the writer: the query threads do not keep the process alive (worker.unref), so nothing may wait on them yet.
  const corpus = await keepCorpus(app, { progress: terminalProgress(process.stderr), signal: stopIngest.signal });
  const { report } = corpus;
  process.off('SIGTERM', onSignal).off('SIGINT', onSignal);
  if (report.interrupted) {
    process.stderr.write(`briefing: stopped by ${String(stopIngest.signal.reason)} during the start-up ingest: files read so far are saved.\n`);
    await corpus.stop();
    await app.close();
    return 0;
  }
  if (report.ingestedBy) process.stderr.write(`briefing: the corpus is ingested and watched by another instance (${report.ingestedBy}); this one answers from the shared database.\n`);
  for (const p of report.skipped) process.stderr.write(`skipped ${p.path}: ${p.message}\n`);
  for (const p of report.warnings) process.stderr.write(`warning ${p.path}: ${p.message}\n`);
  if (report.topic) process.stderr.write(`${describeTopicChange(report.topic)}\n`);
  const stats = await app.writer.stats();
  const banner =
    `briefing-bot: ${count(stats.documents, 'article')} (${stats.relevant} on topic), ${count(stats.events, 'event')}` +
    (stats.firstPublished ? `, ${stats.firstPublished} to ${stats.lastPublished}` : '') +
    ` — corpus ${config.corpusDir}`;

  if (consoleMode) {
    await declareFeeds(app);
    const digest = await startDigest(app, [createConsolePoster(process.stdout, config.color)]);
    const polling = startFeedPolling(app.feeds);
    await runConsole({
      services: app.services,
      color: config.color,
      banner: `${banner}\nLocal console mode (no Slack or Discord tokens set). Type /help, /timeline, /summary training, or exit.\nLogs: ${logFile}`,
    });
    digest.stop();
    await polling.stop();
    await corpus.stop();
    await app.close();
    return 0;
  }

  try {
    return await servePlatforms(app, config, { banner, stats, corpus });
  } catch (err) {
    // A platform that cannot start: nothing (the folder watch, the leases) may keep the process alive.
    await corpus.stop();
    await app.close();
    throw err;
  }
}

async function servePlatforms(
  app: App,
  config: AppConfig,
  { banner, stats, corpus }: { banner: string; stats: { documents: number; events: number }; corpus: { stop(): Promise<void> } },
): Promise<number> {
  await declareFeeds(app);
  const server = createHttpServer(() => ({ ready: true, documents: stats.documents, events: stats.events, queued: app.queries?.queued ?? 0 }));
  const posters: ChannelPoster[] = [];
  const stops: Array<() => Promise<void>> = [];
  if (config.slack) {
    const { startSlack } = await import('../platforms/slack/app.js');
    const slack = await startSlack({ services: app.services, ...config.slack, server, seenRequests: app.seenRequests });
    posters.push(slack.poster);
    stops.push(slack.stop);
  }
  if (config.discord) {
    const { startDiscord } = await import('../platforms/discord/app.js');
    const discord = await startDiscord({ services: app.services, ...config.discord, server });
    posters.push(discord.poster);
    stops.push(discord.stop);
  }
  const port = await server.listen(config.port);
  logger.info({ port, platforms: posters.map((p) => p.platform) }, banner);
  const digest = await startDigest(app, posters);
  const polling = startFeedPolling(app.feeds);

  const shutdown = async () => {
    logger.info('shutting down');
    digest.stop();
    await polling.stop();
    // Another instance takes the corpus over at once rather than after the lease lapses.
    await corpus.stop();
    // Acked commands get their answers and digests being posted their last pages; new requests get 503.
    const running = await Promise.race([
      Promise.all([server.drain(DRAIN_MS), digest.drain()]).then(([requests]) => requests),
      new Promise<string>((resolve) => setTimeout(() => resolve('digest posts'), DRAIN_MS).unref()),
    ]);
    if (running) logger.warn({ running }, `shutting down with work still running after ${DRAIN_MS} ms`);
    for (const stop of stops) await stop().catch(() => undefined);
    await server.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return new Promise<number>(() => undefined);
}

/** Feeds as configuration declares them now (BRIEFING_FEEDS, BRIEFING_FEEDS_FILE). */
async function declareFeeds(app: App): Promise<void> {
  for (const problem of await app.feeds.declare(app.config.feeds)) process.stderr.write(`warning ${problem}\n`);
}
