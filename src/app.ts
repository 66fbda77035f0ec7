/**
 * The composition root: `createApp(config)` opens the database, builds the
 * repositories, the engine (ingest pipeline and queries), the digest and
 * feed services, and the command services every front end runs commands
 * with. `serve`, the CLI, the benchmark and the tests start here; nothing
 * else opens the database or builds a service, and nothing looks one up.
 */
import { ConfigError, type AppConfig } from './config.js';
import type { CommandServices } from './core/command.js';
import { DatabaseUnavailable } from './core/engine.js';
import { setLogLevel } from './core/log.js';
import { defaultsFromConfig, DigestService } from './digest/service.js';
import { BriefingEngine } from './engine.js';
import { FeedService, type FeedEngine, type FeedServiceOptions } from './feeds/service.js';
import { createQueryPool, type QueryPool, type QueryPoolOptions } from './query-pool/pool.js';
import { instanceName, RunOnce } from './run-once.js';
import { openDatabase } from './store/open.js';
import type { Repositories } from './store/repositories.js';
import type { SeenRequests } from './store/seen-requests.js';
import { DatabaseOpenError } from './store/sqlite/connection.js';
import { commandRegistry } from '../commands/index.js';

export interface AppOptions {
  /** The clock of the engine and the feed poller (tests drive it). */
  now?: () => Date;
  /** Fetcher settings beyond the configuration's (tests: a resolver, short deadlines). */
  feeds?: Omit<FeedServiceOptions, 'now'>;
  /**
   * Answer commands and digests on query threads over the database (serve):
   * acks and /health never wait on a query. Default: on the main thread.
   */
  queryThreads?: boolean | QueryPoolOptions;
  /** Lease timing for run-once work (tests of takeover shorten it). */
  leases?: { ttlMs?: number; renewMs?: number };
}

export interface App extends CommandServices {
  config: AppConfig;
  /** The one engine that writes: ingest of the corpus and of feed articles. */
  writer: BriefingEngine;
  /** What commands and digests query: the writer, or the query threads over it. */
  engine: FeedEngine;
  /** The query threads, when asked for (their queue length for /health). */
  queries: QueryPool | null;
  /** Platform requests already taken (Slack retries), shared by every instance on the database. */
  seenRequests: SeenRequests;
  /** Work that runs on one instance at a time among those on the database (corpus, digest sweep). */
  runOnce: RunOnce;
  /** The command services alone, to hand to a front end. */
  services: CommandServices;
  close(): Promise<void>;
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  setLogLevel(config.logLevel);
  const db = await open(config);
  const owner = instanceName();
  const runOnce = new RunOnce(db.leases, owner, options.leases);
  const writer = new BriefingEngine({
    corpusDir: config.corpusDir,
    // The corpus's repositories, closing the database with the engine (the last to close, see close below).
    repositories: { corpus: db.corpus, events: db.events, meta: db.meta, close: db.close },
    runOnce,
    topicFile: config.topicFile,
    parseThreads: config.parseThreads,
    now: options.now,
  });
  const locator = db.corpus.locator();
  const queries =
    options.queryThreads && locator
      ? createQueryPool(writer, locator, { topicFile: config.topicFile, ...(options.queryThreads === true ? {} : options.queryThreads) })
      : null;
  const engine: FeedEngine = queries ?? writer;
  const digest = new DigestService(engine, { subscriptions: db.subscriptions, outbox: db.outbox, owner }, defaultsFromConfig(config));
  const feeds = new FeedService(engine, { repository: db.feeds, leases: db.leases, owner }, { ...config.feeds, ...options.feeds, now: options.now });
  // With threads, read-only commands run whole on them (their Reply is all that crosses back).
  const services: CommandServices = { engine, digest, feeds, commands: commandRegistry, readThreads: queries ?? undefined };
  return {
    ...services,
    services,
    config,
    writer,
    engine,
    queries,
    seenRequests: db.seenRequests,
    runOnce,
    async close() {
      await runOnce.stop();
      // The pool closes its writer (and with it the database) after its threads.
      if (queries) await queries.close();
      else await writer.close();
    },
  };
}

/**
 * The database, migrated. One that cannot be opened or reached is the
 * operator's to fix: a configuration error naming the variable (exit 2)
 * rather than the driver's bare message. The URL is never repeated: it may
 * hold a password.
 */
async function open(config: AppConfig): Promise<Repositories> {
  try {
    return await openDatabase({ url: config.databaseUrl, file: config.dbPath });
  } catch (err) {
    if (err instanceof DatabaseOpenError) {
      throw new ConfigError(
        `BRIEFING_DB (or --db) is ${err.file}, which cannot be opened (${err.reason}): point it at a writable file such as ./data/briefing.db.`,
      );
    }
    if (err instanceof DatabaseUnavailable) {
      throw new ConfigError(`BRIEFING_DATABASE_URL names a PostgreSQL server that does not answer (${reason(err)}): start it, or correct the host, port, user and database.`);
    }
    throw err;
  }
}

function reason(err: DatabaseUnavailable): string {
  const cause = (err.cause as Error | undefined)?.message ?? err.message;
  return cause.replace(/postgres(?:ql)?:\/\/\S+/gi, '(the URL)');
}
