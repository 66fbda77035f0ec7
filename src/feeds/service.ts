/**
 * Feeds for one engine: the repository, the fetcher and the poller, and what
 * the CLI, chat and serve ask of them (add, list, remove, import, poll, the
 * feeds declared by configuration).
 *
 * Built once by the composition root (src/app.ts) and handed to front ends
 * in the command context (ctx.feeds).
 */
import type { Engine } from '../core/engine.js';
import type { Feed } from '../core/model.js';
import type { ArticlesReport, ArticleWrite } from '../ingest/run.js';
import type { Leases } from '../store/lease.js';
import { checkFetchableUrl, displayUrl, Fetcher } from './fetch.js';
import { readOpmlFile } from './opml.js';
import { FeedPoller, type FeedPollReport } from './poll.js';
import type { FeedItemRecord, FeedRepository } from '../store/feeds.js';
import type { Resolver } from './safe-address.js';

export const DEFAULT_FEED_INTERVAL_MS = 15 * 60_000;

/** The feeds' part of the configuration (config.ts reads it from the environment). */
export interface FeedsConfig {
  /** BRIEFING_FEEDS: feed URLs declared by configuration (re-declared at every start). */
  urls: string[];
  /** BRIEFING_FEEDS_FILE: an OPML file of feeds (re-declared at every start). */
  file?: string;
  /** BRIEFING_FEED_INTERVAL, in ms: each feed is polled at most this often. */
  intervalMs: number;
  /** BRIEFING_FETCH_ALLOW_PRIVATE=1: loopback and private addresses may be fetched (tests only). */
  allowPrivate: boolean;
  /** BRIEFING_CONTACT: named in the fetcher's User-Agent. */
  contact?: string;
}

export interface FeedServiceOptions extends Partial<Omit<FeedsConfig, 'urls' | 'file'>> {
  now?: () => Date;
  random?: () => number;
  resolve?: Resolver;
  /** Fetch deadline (tests shorten it). */
  timeoutMs?: number;
  maxBytes?: number;
}

/** What the feed service needs of an engine: its database and the ingest path for articles. */
export interface FeedEngine extends Engine {
  ingestArticles(articles: ArticleWrite[], ingestedAt: string): Promise<ArticlesReport>;
}

export type AddOutcome =
  | { ok: true; feed: Feed; created: boolean; poll: FeedPollReport | null; newest: FeedItemRecord | null }
  | { ok: false; error: string; alternates: string[] };

export type RemoveOutcome = { ok: true; feed: Feed } | { ok: false; error: string };

export interface ImportOutcome {
  added: Feed[];
  existing: Feed[];
  refused: Array<{ url: string; error: string }>;
}

export class FeedService {
  readonly repository: FeedRepository;
  readonly fetcher: Fetcher;
  readonly poller: FeedPoller;
  readonly intervalMs: number;
  /** This process's name on the leases it takes. */
  readonly owner: string;
  private readonly now: () => Date;

  constructor(
    readonly engine: FeedEngine,
    stores: { repository: FeedRepository; leases: Leases; owner: string },
    options: FeedServiceOptions = {},
  ) {
    const { leases } = stores;
    this.owner = stores.owner;
    this.now = options.now ?? (() => new Date());
    this.intervalMs = options.intervalMs ?? DEFAULT_FEED_INTERVAL_MS;
    this.repository = stores.repository;
    this.fetcher = new Fetcher({
      allowPrivate: options.allowPrivate ?? false,
      contact: options.contact,
      now: this.now,
      resolve: options.resolve,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes,
    });
    this.poller = new FeedPoller({
      feeds: this.repository,
      leases,
      fetcher: this.fetcher,
      ingest: (articles, ingestedAt) => engine.ingestArticles(articles, ingestedAt),
      now: this.now,
      intervalMs: this.intervalMs,
      owner: this.owner,
      random: options.random,
    });
  }

  list(): Promise<Feed[]> {
    return this.repository.list();
  }

  /**
   * Add a feed and poll it at once, so whoever added it sees its title and
   * newest item. An address that cannot be a feed (not http, private, a web
   * page, not a feed at all) is refused and not kept; one that fails for
   * now (server down) is kept and retried on its schedule.
   */
  async add(rawUrl: string, by: { origin?: Feed['origin']; addedBy?: string | null } = {}): Promise<AddOutcome> {
    const checked = checkFetchableUrl(rawUrl);
    if ('error' in checked) return { ok: false, error: checked.error, alternates: [] };
    const url = checked.url.href;
    const { feed, created } = await this.repository.add({ url, origin: by.origin ?? 'command', addedBy: by.addedBy ?? null }, this.now());
    if (!created) return { ok: true, feed, created, poll: null, newest: await this.newest(feed) };
    const poll = await this.poller.poll(feed);
    if (poll.outcome === 'failed' && poll.permanent) {
      await this.repository.remove(feed.id);
      return { ok: false, error: poll.error ?? 'not a feed', alternates: poll.alternates };
    }
    const now = (await this.repository.get(feed.id)) ?? feed;
    return { ok: true, feed: now, created, poll, newest: await this.newest(now) };
  }

  /** A feed by its id or its URL (as given, or as it would be stored). */
  async find(ref: string): Promise<Feed | null> {
    const text = ref.trim();
    if (/^\d+$/.test(text)) return this.repository.get(Number(text));
    const checked = checkFetchableUrl(text);
    const candidates = 'url' in checked ? [text, checked.url.href] : [text];
    const feeds = await this.repository.list();
    return feeds.find((f) => candidates.includes(f.url) || candidates.includes(displayUrl(f.url))) ?? null;
  }

  async remove(ref: string): Promise<RemoveOutcome> {
    const feed = await this.find(ref);
    if (!feed) return { ok: false, error: `No feed ${ref.trim()}: /briefing feed list (or briefing feeds list) shows the feeds and their ids.` };
    if (feed.origin === 'config') {
      return { ok: false, error: `${displayUrl(feed.url)} is declared in the bot's configuration (BRIEFING_FEEDS): ask the operator to remove it there.` };
    }
    if (feed.origin === 'file') {
      return { ok: false, error: `${displayUrl(feed.url)} is declared in the feeds file (BRIEFING_FEEDS_FILE): remove it from that file.` };
    }
    await this.repository.remove(feed.id);
    return { ok: true, feed };
  }

  /** Add every feed an OPML file lists (without polling them: the next poll does). */
  async importOpml(file: string): Promise<ImportOutcome> {
    const outcome: ImportOutcome = { added: [], existing: [], refused: [] };
    for (const entry of readOpmlFile(file)) {
      const checked = checkFetchableUrl(entry.url);
      if ('error' in checked) {
        outcome.refused.push({ url: displayUrl(entry.url), error: checked.error });
        continue;
      }
      const { feed, created } = await this.repository.add({ url: checked.url.href, title: entry.title, origin: 'command' }, this.now());
      (created ? outcome.added : outcome.existing).push(feed);
    }
    return outcome;
  }

  /**
   * The feeds configuration declares (BRIEFING_FEEDS, BRIEFING_FEEDS_FILE),
   * declared again: new ones are added, ones no longer declared are removed,
   * feeds added by a command are left alone. Returns one line per problem.
   */
  async declare(config: Pick<FeedsConfig, 'urls' | 'file'>): Promise<string[]> {
    const problems: string[] = [];
    const declareAll = async (origin: 'config' | 'file', urls: Array<{ url: string; title: string | null }>) => {
      const kept: string[] = [];
      for (const entry of urls) {
        const checked = checkFetchableUrl(entry.url);
        if ('error' in checked) {
          problems.push(`${origin === 'config' ? 'BRIEFING_FEEDS' : config.file}: ${checked.error}`);
          continue;
        }
        const url = checked.url.href;
        kept.push(url);
        await this.repository.add({ url, title: entry.title, origin }, this.now());
      }
      await this.repository.retireDeclared(origin, kept);
    };
    await declareAll('config', config.urls.map((url) => ({ url, title: null })));
    let fromFile: Array<{ url: string; title: string | null }> = [];
    if (config.file) {
      try {
        fromFile = readOpmlFile(config.file);
      } catch (err) {
        problems.push(`BRIEFING_FEEDS_FILE ${config.file}: ${(err as Error).message}`);
        return problems; // an unreadable file removes nothing it declared before
      }
    }
    await declareAll('file', fromFile);
    return problems;
  }

  /** Poll the feeds that are due (every feed with `all`). */
  poll(options: { all?: boolean } = {}): Promise<FeedPollReport[]> {
    return this.poller.pollDue(options);
  }

  async newest(feed: Feed): Promise<FeedItemRecord | null> {
    return (await this.repository.newestItems(feed.id, 1))[0] ?? null;
  }
}
