/**
 * One poll of a feed: fetch it (conditionally), read its items, turn the new
 * and changed ones into corpus documents, and record how it went.
 *
 * - One process at a time per feed: the poll runs only under the feed's
 *   lease (`feed:<id>`, src/store/lease.ts, in the shared database); a
 *   poll finding it held elsewhere reports "busy".
 * - Items: an item seen before with the same content hash is nothing; a
 *   changed one replaces its document; a new one becomes a document whose id
 *   comes from the feed's key and the item's id. An item whose canonical
 *   link another feed already brought in is recorded against that document
 *   (one article, one document). The first poll takes every item listed.
 * - Article text: the item's own content when it holds an article
 *   (FULL_TEXT_WORDS or more, in its content or description); otherwise the linked page, read with the
 *   HTML format's readability stack (its article:published_time / JSON-LD
 *   date too); a page that cannot be fetched or yields no article leaves the
 *   item as its teaser, retried at later polls (at most MAX_PAGE_ATTEMPTS).
 *   At most MAX_PAGES_PER_POLL pages are fetched per poll: the items past
 *   that wait for the next poll (so a long back-fill arrives in additions,
 *   never as teasers replaced later).
 * - Schedule: after a success the next poll is one interval later (plus up
 *   to 10% jitter, so feeds added together spread out); after a failure the
 *   interval doubles per consecutive failure, capped at a day, and never
 *   before a Retry-After; 410 Gone stops polling (status "gone").
 */
import { createHash } from 'node:crypto';
import type { Feed } from '../core/model.js';
import type { RawArticle } from '../ingest/formats/article.js';
import { readHtml } from '../ingest/formats/html.js';
import { FEED_DOCUMENT_PREFIX } from '../ingest/corpus.js';
import type { ArticlesReport, ArticleWrite } from '../ingest/run.js';
import { displayUrl, PAGE_ACCEPT, type Fetcher } from './fetch.js';
import { parseFeedBody, plain, type FeedItem, type ParsedFeed } from './parse-feed.js';
import type { Leases } from '../store/lease.js';
import type { FeedItemRecord, FeedPollState, FeedRepository } from '../store/feeds.js';

/**
 * An item's own text (its content, else its description) of at least this
 * many words is the article; fewer is a teaser (a lead sentence or two is
 * 20–60 words, a short news article 150 and more).
 */
export const FULL_TEXT_WORDS = 80;
/** A linked page yielding fewer words than this has no article to extract. */
const MIN_PAGE_WORDS = 40;
export const MAX_PAGES_PER_POLL = 30;
export const MAX_PAGE_ATTEMPTS = 5;
const PAGE_FETCHES_AT_ONCE = 4;
const DAY_MS = 24 * 3600 * 1000;
/** Longer than any poll can take (a feed and its pages, each within the fetch deadline). */
export const LEASE_MS = 10 * 60 * 1000;
const JITTER = 0.1;

export interface PollerDeps {
  feeds: FeedRepository;
  leases: Leases;
  fetcher: Fetcher;
  /** Writes articles into the corpus (the engine's ingest path for non-file documents). */
  ingest: (articles: ArticleWrite[], ingestedAt: string) => Promise<ArticlesReport>;
  now: () => Date;
  /** BRIEFING_FEED_INTERVAL in ms. */
  intervalMs: number;
  /** This process's name on the leases it takes. */
  owner: string;
  random?: () => number;
}

export type PollOutcome = 'ok' | 'not-modified' | 'failed' | 'gone' | 'busy';

export interface FeedPollReport {
  feed: { id: number; url: string; title: string | null };
  outcome: PollOutcome;
  new: number;
  updated: number;
  unchanged: number;
  /** Items left for the next poll (pages beyond this poll's share). */
  deferred: number;
  /** Items kept as teasers because their page could not be read. */
  teasers: number;
  error: string | null;
  /** The failure is in the address or what it serves (private, not a feed, redirect loop): retrying as is will not help. */
  permanent: boolean;
  /** For an HTML page given as a feed: the feeds it links to. */
  alternates: string[];
  warnings: string[];
  nextFetch: string | null;
  /** The document ids written (new and updated). */
  documents: string[];
  /** How the corpus's events took them: folded in ('extended'), all rebuilt, or nothing written. */
  events: 'extended' | 'rebuilt' | 'unchanged';
}

export class FeedPoller {
  private readonly random: () => number;

  constructor(private readonly deps: PollerDeps) {
    this.random = deps.random ?? Math.random;
  }

  /** Poll every feed that is due (every feed not gone, due or not, when `all`), one after the other. */
  async pollDue(options: { all?: boolean } = {}): Promise<FeedPollReport[]> {
    const feeds = options.all ? (await this.deps.feeds.list()).filter((f) => f.status !== 'gone') : await this.deps.feeds.due(this.deps.now());
    const reports: FeedPollReport[] = [];
    for (const feed of feeds) reports.push(await this.poll(feed, options.all === true));
    return reports;
  }

  /** Poll one feed now; unless `force`, only if it is still due once its lease is held. */
  async poll(feed: Feed, force = true): Promise<FeedPollReport> {
    const { leases, owner } = this.deps;
    const report = emptyReport(feed);
    const lease = `feed:${feed.id}`;
    if (!(await leases.acquire(lease, owner, LEASE_MS))) {
      report.outcome = 'busy';
      report.error = 'another process is polling this feed now';
      return report;
    }
    try {
      // As it is now: another process may have polled it (or removed it) since it was listed.
      const current = await this.deps.feeds.get(feed.id);
      if (!current) {
        report.outcome = 'busy';
        report.error = 'the feed was removed meanwhile';
        return report;
      }
      if (!force && current.nextFetch && current.nextFetch > this.deps.now().toISOString()) {
        report.outcome = 'busy';
        report.error = 'polled by another process meanwhile';
        report.nextFetch = current.nextFetch;
        return report;
      }
      await this.pollHeld(current, report);
    } finally {
      await leases.release(lease, owner);
    }
    return report;
  }

  private async pollHeld(feed: Feed, report: FeedPollReport): Promise<void> {
    const { feeds, fetcher } = this.deps;
    const startedAt = this.deps.now();
    const result = await fetcher.fetch(feed.url, { etag: feed.etag, lastModified: feed.lastModified });
    if (result.kind !== 'failed' && result.kind !== 'gone' && result.permanentUrl && result.permanentUrl !== feed.url) {
      await feeds.moveTo(feed.id, result.permanentUrl);
      report.feed.url = displayUrl(result.permanentUrl);
    }
    if (result.kind === 'gone') {
      report.outcome = 'gone';
      report.error = `${displayUrl(feed.url)} answered 410 Gone: the publisher removed the feed; remove it, or add its new address`;
      await feeds.saveState(feed.id, { ...stateOf(feed), status: 'gone', lastFetch: startedAt.toISOString(), lastError: report.error, nextFetch: null });
      return;
    }
    if (result.kind === 'failed') {
      report.permanent = result.permanent;
      return this.failed(feed, report, result.message, result.retryAfter, startedAt);
    }
    if (result.kind === 'not-modified') {
      report.outcome = 'not-modified';
      return this.succeeded(feed, report, startedAt, { etag: feed.etag, lastModified: feed.lastModified });
    }
    const parsed = parseFeedBody(result.text, result.url, startedAt);
    if (parsed.kind !== 'feed') report.permanent = true;
    if (parsed.kind === 'html') {
      report.alternates = parsed.alternates;
      const offer = parsed.alternates.length
        ? `it links to ${parsed.alternates.length === 1 ? 'the feed' : 'the feeds'} ${parsed.alternates.join(', ')}: add that instead`
        : 'and links to no feed: find the page\'s RSS or Atom address';
      return this.failed(feed, report, `${displayUrl(feed.url)} is a web page, not a feed; ${offer}`, null, startedAt);
    }
    if (parsed.kind === 'invalid') return this.failed(feed, report, `${displayUrl(feed.url)}: ${parsed.message}`, null, startedAt);
    const { feed: content } = parsed;
    report.warnings.push(...content.warnings);
    if (content.title || content.siteUrl) {
      await feeds.setTitle(feed.id, content.title, content.siteUrl);
      report.feed.title = content.title ?? report.feed.title;
    }
    try {
      await this.takeItems(feed, content, report, startedAt);
    } catch (err) {
      return this.failed(feed, report, `items could not be stored (${(err as Error).message.split('\n')[0]})`, null, startedAt);
    }
    report.outcome = 'ok';
    // Validators are kept only once every item is in: a crash before, items
    // left for the next poll, or teasers to retry would otherwise be 304'd away.
    const complete = report.deferred === 0 && report.teasers === 0;
    return this.succeeded(feed, report, startedAt, complete ? { etag: result.etag, lastModified: result.lastModified } : { etag: null, lastModified: null });
  }

  private async takeItems(feed: Feed, content: ParsedFeed, report: FeedPollReport, fetchedAt: Date): Promise<void> {
    const { feeds } = this.deps;
    const stored = await feeds.items(feed.id);
    const outlet = content.title ?? feed.title;
    const articles: ArticleWrite[] = [];
    const records: FeedItemRecord[] = [];
    // `stored`: the teaser of this same item is already the document (a page tried again).
    const needPage: Array<{ item: FeedItem; record: FeedItemRecord; docId: string; stored: boolean }> = [];
    for (const item of content.items) {
      const hash = itemHash(item);
      const prior = stored.get(item.id);
      const retryPage = prior?.teaser === true && prior.pageAttempts < MAX_PAGE_ATTEMPTS;
      if (prior && prior.contentHash === hash && !retryPage) {
        report.unchanged += 1;
        continue;
      }
      const ownDocId = documentIdOf(feed, item.id);
      if (prior && prior.docId && prior.docId !== ownDocId) {
        // Another feed's document: that feed keeps it up to date.
        report.unchanged += 1;
        continue;
      }
      const record: FeedItemRecord = {
        feedId: feed.id,
        itemId: item.id,
        docId: ownDocId,
        link: item.link,
        title: item.title,
        published: isoOrNull(item.published),
        contentHash: hash,
        teaser: false,
        pageAttempts: prior?.pageAttempts ?? 0,
      };
      if (!prior && item.link) {
        const other = await feeds.documentForLink(item.link, feed.id);
        if (other) {
          records.push({ ...record, docId: other });
          report.new += 1;
          continue;
        }
      }
      const own = item.content ?? item.summary;
      const full = own ? articleFromHtml(own) : null;
      if (full && wordCount(full.body) >= FULL_TEXT_WORDS) {
        articles.push(this.write(feed, ownDocId, item, full, outlet, hash));
        records.push(record);
      } else if (item.link) {
        needPage.push({ item, record, docId: ownDocId, stored: retryPage && prior?.contentHash === hash && prior.docId === ownDocId });
      } else {
        articles.push(this.write(feed, ownDocId, item, teaserOf(item), outlet, hash));
        records.push(record);
      }
    }
    const fetchNow = needPage.slice(0, MAX_PAGES_PER_POLL);
    report.deferred = needPage.length - fetchNow.length;
    await eachAtMost(PAGE_FETCHES_AT_ONCE, fetchNow, async ({ item, record, docId, stored }) => {
      const page = await this.page(item.link!);
      if (page) {
        articles.push(this.write(feed, docId, item, page, outlet, record.contentHash));
        records.push({ ...record, teaser: false });
      } else {
        report.teasers += 1;
        // The same teaser written again would count as an edited document,
        // which rebuilds every event: it stays as it is until its page reads.
        if (stored) report.unchanged += 1;
        else articles.push(this.write(feed, docId, item, teaserOf(item), outlet, record.contentHash));
        records.push({ ...record, teaser: true, pageAttempts: record.pageAttempts + 1 });
      }
    });
    const written = articles.length > 0 ? await this.deps.ingest(articles, fetchedAt.toISOString()) : null;
    if (written) {
      report.new += written.added.length;
      report.updated += written.changed.length;
      report.documents.push(...written.added, ...written.changed);
      report.events = written.events;
      for (const s of written.skipped) report.warnings.push(`${s.path}: ${s.message}`);
      const skipped = new Set(written.skipped.map((s) => s.path));
      // An item with no usable text is still seen (not tried again until it changes).
      for (const r of records) if (r.docId && skipped.has(r.docId)) r.docId = null;
    }
    await feeds.saveItems(records, fetchedAt);
  }

  private write(feed: Feed, docId: string, item: FeedItem, article: RawArticle, outlet: string | null, hash: string): ArticleWrite {
    return {
      path: docId,
      docId,
      contentHash: hash,
      article: {
        ...article,
        title: item.title ?? article.title,
        outlet: outlet ?? article.outlet,
        url: item.link ?? article.url,
        published: item.published ?? article.published,
        publishedField: item.published ? 'feed item date' : article.publishedField,
      },
    };
  }

  /** The article of a linked page, or null when it cannot be fetched or holds none. */
  private async page(link: string): Promise<RawArticle | null> {
    const result = await this.deps.fetcher.fetch(link, {}, PAGE_ACCEPT);
    if (result.kind !== 'ok') return null;
    if (result.contentType && !/html|xml/i.test(result.contentType)) return null;
    const article = readHtml(result.text);
    return wordCount(article.body) >= MIN_PAGE_WORDS ? article : null;
  }

  private async failed(feed: Feed, report: FeedPollReport, message: string, retryAfter: Date | null, at: Date): Promise<void> {
    const failures = feed.failures + 1;
    const backoff = Math.min(this.deps.intervalMs * 2 ** (failures - 1), DAY_MS);
    let next = at.getTime() + this.jittered(backoff);
    if (retryAfter) next = Math.max(next, retryAfter.getTime());
    report.outcome = 'failed';
    report.error = message;
    report.nextFetch = new Date(next).toISOString();
    await this.deps.feeds.saveState(feed.id, {
      ...stateOf(feed),
      status: 'failing',
      failingSince: feed.status === 'failing' && feed.failingSince ? feed.failingSince : at.toISOString(),
      lastError: message,
      failures,
      lastFetch: at.toISOString(),
      nextFetch: report.nextFetch,
    });
  }

  private async succeeded(feed: Feed, report: FeedPollReport, at: Date, validators: { etag: string | null; lastModified: string | null }): Promise<void> {
    report.nextFetch = new Date(at.getTime() + this.jittered(this.deps.intervalMs)).toISOString();
    await this.deps.feeds.saveState(feed.id, {
      status: 'ok',
      failingSince: null,
      lastError: null,
      failures: 0,
      lastFetch: at.toISOString(),
      lastSuccess: at.toISOString(),
      nextFetch: report.nextFetch,
      etag: validators.etag,
      lastModified: validators.lastModified,
    });
  }

  private jittered(ms: number): number {
    return Math.round(ms * (1 + JITTER * this.random()));
  }
}

function emptyReport(feed: Feed): FeedPollReport {
  return {
    feed: { id: feed.id, url: displayUrl(feed.url), title: feed.title },
    outcome: 'ok',
    new: 0,
    updated: 0,
    unchanged: 0,
    deferred: 0,
    teasers: 0,
    error: null,
    permanent: false,
    alternates: [],
    warnings: [],
    nextFetch: null,
    documents: [],
    events: 'unchanged',
  };
}

function stateOf(feed: Feed): FeedPollState {
  return {
    status: feed.status,
    failingSince: feed.failingSince,
    lastError: feed.lastError,
    failures: feed.failures,
    lastFetch: feed.lastFetch,
    lastSuccess: feed.lastSuccess,
    nextFetch: feed.nextFetch,
    etag: feed.etag,
    lastModified: feed.lastModified,
  };
}

/** A feed document's id: the feed's stable key and a hash of the item's id. */
export function documentIdOf(feed: Pick<Feed, 'key'>, itemId: string): string {
  return `${FEED_DOCUMENT_PREFIX}${feed.key}/${createHash('sha256').update(itemId).digest('hex').slice(0, 16)}`;
}

/** What an item's document is made from: the same hash again is the same document. */
function itemHash(item: FeedItem): string {
  return createHash('sha256')
    .update(JSON.stringify([item.title, item.link, item.published, item.author, item.content, item.summary]))
    .digest('hex');
}

function articleFromHtml(html: string): RawArticle {
  if (!/<[a-z!/]/i.test(html)) {
    return { title: null, body: html.trim(), published: null, publishedField: null, outlet: null, url: null, warnings: [] };
  }
  return readHtml(`<!doctype html><html><head><title></title></head><body><article>${html}</article></body></html>`);
}

/** The item as the feed gives it: its summary (or short content), else its title alone. */
function teaserOf(item: FeedItem): RawArticle {
  const source = item.content ?? item.summary;
  const body = source ? articleFromHtml(source).body : '';
  return {
    title: item.title,
    body: body.trim() !== '' ? body : (plain(item.title) ?? ''),
    published: item.published,
    publishedField: item.published ? 'feed item date' : null,
    outlet: null,
    url: item.link,
    warnings: [],
  };
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function isoOrNull(date: string | null): string | null {
  if (!date) return null;
  const at = Date.parse(date);
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}

async function eachAtMost<T>(limit: number, items: T[], run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
