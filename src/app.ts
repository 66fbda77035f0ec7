/**
 * The composition root: `createApp(config)` opens the database, builds the
 * repositories, the engine (ingest pipeline and queries), the digest and
 * feed services, and the command services every front end runs commands
 * with. `serve`, the CLI, the benchmark and the tests start here; nothing
 * else opens the database or builds a service, and nothing looks one up.
 */
import { ConfigError, type AppConfig } from './config.js';
import type { CommandServices } from './core/command.js';
import { setLogLevel } from './core/log.js';
import { defaultsFromConfig, DigestService } from './digest/service.js';
import { BriefingEngine } from './engine.js';
import { FeedService, type FeedEngine, type FeedServiceOptions } from './feeds/service.js';
import { createQueryPool, type QueryPool, type QueryPoolOptions } from './query-pool/pool.js';
import { migrations as corpusMigrations, type Migration } from './store/migrations.js';
import type { SeenRequests } from './store/seen-requests.js';
import { DatabaseOpenError, SqliteStore } from './store/sqlite.js';
import { SqliteOutbox } from './store/sqlite/digest-outbox.js';
import { digestMigrations } from './store/sqlite/digest-schema.js';
import { SqliteSubscriptions } from './store/sqlite/digest-subscriptions.js';
import { feedMigrations, SqliteFeedRepository } from './store/sqlite/feeds.js';
import { leaseMigrations, SqliteLeases } from './store/sqlite/leases.js';
import { seenRequestMigrations, SqliteSeenRequests } from './store/sqlite/seen-requests.js';
import { commandRegistry } from '../commands/index.js';

/** Every table group's migrations, in one list: each module owns its own, the database gets all of them. */
export const sqliteMigrations: Migration[] = [
  ...corpusMigrations,
  ...leaseMigrations,
  ...digestMigrations,
  ...feedMigrations,
  ...seenRequestMigrations,
];


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
  /** The command services alone, to hand to a front end. */
  services: CommandServices;
  close(): Promise<void>;
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  setLogLevel(config.logLevel);
  const store = openStore(config.dbPath);
  const writer = new BriefingEngine({
    corpusDir: config.corpusDir,
    store,
    topicFile: config.topicFile,
    parseThreads: config.parseThreads,
    now: options.now,
  });
  const queries = options.queryThreads
    ? createQueryPool(writer, config.dbPath, { topicFile: config.topicFile, ...(options.queryThreads === true ? {} : options.queryThreads) })
    : null;
  const engine: FeedEngine = queries ?? writer;
  const digest = new DigestService(
    engine,
    { subscriptions: new SqliteSubscriptions(store.db), outbox: new SqliteOutbox(store.db) },
    defaultsFromConfig(config),
  );
  const feeds = new FeedService(
    engine,
    { repository: new SqliteFeedRepository(store.db), leases: new SqliteLeases(store.db) },
    { ...config.feeds, ...options.feeds, now: options.now },
  );
  const services: CommandServices = { engine, digest, feeds, commands: commandRegistry };
  return {
    ...services,
    services,
    config,
    writer,
    engine,
    queries,
    seenRequests: new SqliteSeenRequests(store.db),
    async close() {
      // The pool closes its writer (and with it the store) after its threads.
      if (queries) await queries.close();
      else await writer.close();
    },
  };
}

/**
 * The SQLite file, migrated. A file that cannot be opened is the operator's
 * to fix: a configuration error naming the variable and the path (exit 2)
 * rather than SQLite's bare message.
 */
function openStore(dbPath: string): SqliteStore {
  try {
    return new SqliteStore(dbPath, { migrations: sqliteMigrations });
  } catch (err) {
    if (err instanceof DatabaseOpenError) {
      throw new ConfigError(
        `BRIEFING_DB (or --db) is ${err.file}, which cannot be opened (${err.reason}): point it at a writable file such as ./data/briefing.db.`,
      );
    }
    throw err;
  }
}

