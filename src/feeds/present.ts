/**
 * How feeds and polls are shown: one line of status per feed, and the JSON
 * shapes of `briefing feeds … --json` (docs/cli.md; fields may be added,
 * never renamed). URLs are shown without credentials.
 */
import type { Feed } from '../core/model.js';
import { displayUrl } from './fetch.js';
import type { FeedPollReport } from './poll.js';
import type { FeedItemRecord } from '../store/feeds.js';

/** "2025-03-12 12:00 UTC" */
export function shortTime(iso: string | null): string {
  return iso ? iso.replace(/:\d\d(\.\d{3})?Z$/, ' UTC').replace('T', ' ') : 'never';
}

/** ok · failing since … (last error) · gone · not polled yet */
export function describeStatus(feed: Feed): string {
  switch (feed.status) {
    case 'new':
      return 'not polled yet';
    case 'ok':
      return 'ok';
    case 'gone':
      return `gone (${feed.lastError ?? 'the server answered 410 Gone'})`;
    case 'failing':
      return `failing since ${shortTime(feed.failingSince)} (${feed.failures} attempt${feed.failures === 1 ? '' : 's'}): ${feed.lastError ?? 'unknown error'}`;
  }
}

export function feedLine(feed: Feed): string {
  const name = feed.title ?? displayUrl(feed.url);
  const next = feed.status === 'gone' ? 'not polled' : `next ${shortTime(feed.nextFetch)}`;
  return `#${feed.id} ${name} — ${displayUrl(feed.url)} — ${describeStatus(feed)}; ${feed.itemsSeen} item${feed.itemsSeen === 1 ? '' : 's'} seen; last fetch ${shortTime(feed.lastFetch)}, ${next}`;
}

export function pollLine(r: FeedPollReport): string {
  const name = `#${r.feed.id} ${r.feed.title ?? r.feed.url}`;
  switch (r.outcome) {
    case 'not-modified':
      return `${name}: not modified`;
    case 'ok':
      return `${name}: ${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged${r.teasers ? `, ${r.teasers} kept as teasers (page not readable yet)` : ''}${r.deferred ? `, ${r.deferred} left for the next poll` : ''}`;
    case 'gone':
      return `${name}: gone — ${r.error}`;
    case 'busy':
      return `${name}: skipped — ${r.error}`;
    case 'failed':
      return `${name}: error — ${r.error}${r.nextFetch ? ` (next try ${shortTime(r.nextFetch)})` : ''}`;
  }
}

export interface FeedJson {
  id: number;
  url: string;
  title: string | null;
  origin: Feed['origin'];
  status: Feed['status'];
  failingSince: string | null;
  lastError: string | null;
  lastFetch: string | null;
  nextFetch: string | null;
  itemsSeen: number;
}

export function feedJson(feed: Feed): FeedJson {
  return {
    id: feed.id,
    url: displayUrl(feed.url),
    title: feed.title,
    origin: feed.origin,
    status: feed.status,
    failingSince: feed.failingSince,
    lastError: feed.lastError,
    lastFetch: feed.lastFetch,
    nextFetch: feed.nextFetch,
    itemsSeen: feed.itemsSeen,
  };
}

export function pollJson(r: FeedPollReport) {
  return {
    id: r.feed.id,
    url: r.feed.url,
    title: r.feed.title,
    outcome: r.outcome,
    new: r.new,
    updated: r.updated,
    unchanged: r.unchanged,
    notModified: r.outcome === 'not-modified',
    teasers: r.teasers,
    deferred: r.deferred,
    error: r.error,
    alternates: r.alternates,
    warnings: r.warnings,
    nextFetch: r.nextFetch,
  };
}

export function itemJson(item: FeedItemRecord | null) {
  return item ? { title: item.title, url: item.link, published: item.published, document: item.docId } : null;
}
