/**
 * Rows to domain objects, shared by the store backends (corpus, digest
 * outbox and subscriptions, feeds): the columns are the same on both; a
 * flag is 1 on SQLite and true on PostgreSQL, JSON is text on both.
 */
import type { AnalysisDoc, AnalysisSentence } from '../analysis/types.js';
import type { Event, Feed, Platform, SourceDocument, StoredDocument } from '../core/model.js';
import type { Reply } from '../core/reply.js';
import type { OutboxItem, OutboxPage, OutboxRow, OutboxStatus, PageStatus } from './digest-outbox.js';
import type { DigestSubscription } from './digest-subscriptions.js';
import type { FeedItemRecord } from './feeds.js';

export type Row = Record<string, unknown>;

/** A boolean column as either backend returns it. */
export function isTrue(value: unknown): boolean {
  return value === 1 || value === true;
}

/** The document facts analysis needs, from a row with the documents table's columns. */
export function toDocFacts(r: Row, id: string): AnalysisDoc {
  return {
    id,
    title: r.title as string,
    outlet: (r.outlet as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    published: (r.published as string | null) ?? null,
    publishedFrom: r.published_from as StoredDocument['publishedFrom'],
    relevance: r.relevance as number,
    ingestedAt: r.ingested_at as string,
  };
}

/** The documents table's columns an answer cites a document by (toSourceDocument). */
export const SOURCE_COLUMNS = 'id, title, outlet, url, published, published_from, relevant';

export function toSourceDocument(r: Row): SourceDocument {
  return {
    id: r.id as string,
    title: r.title as string,
    outlet: (r.outlet as string | null) ?? null,
    published: (r.published as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    publishedFrom: r.published_from as SourceDocument['publishedFrom'],
    relevant: isTrue(r.relevant),
  };
}

export function toDocument(r: Row): StoredDocument {
  return {
    ...toDocFacts(r, r.id as string),
    path: r.path as string,
    format: r.format as StoredDocument['format'],
    contentHash: r.content_hash as string,
    relevant: isTrue(r.relevant),
    duplicateOf: (r.duplicate_of as string | null) ?? null,
  };
}

export function toAnalysisSentence(r: Row, docs: Map<string, AnalysisDoc>): AnalysisSentence {
  const docId = r.doc_id as string;
  let doc = docs.get(docId);
  if (!doc) {
    doc = toDocFacts(r, docId);
    docs.set(docId, doc);
  }
  return {
    docId: r.doc_id as string,
    index: r.idx as number,
    paragraph: r.paragraph as number,
    text: r.text as string,
    hash: r.hash as string,
    boilerplate: isTrue(r.boilerplate),
    dates: JSON.parse(r.dates as string),
    people: JSON.parse(r.people as string),
    organisations: JSON.parse(r.organisations as string),
    amounts: JSON.parse(r.amounts as string),
    doc,
  };
}

export function toEvent(r: Row): Event {
  return {
    id: r.id as string,
    date: r.date as string,
    precision: r.precision as Event['precision'],
    text: r.text as string,
    sourceIds: JSON.parse(r.source_ids as string),
    members: JSON.parse(r.members as string),
    entities: JSON.parse(r.entities as string),
    amounts: JSON.parse(r.amounts as string),
    salience: r.salience as number,
    firstSeen: r.first_seen as string,
  };
}

export function toOutboxRow(r: Row): OutboxRow {
  return {
    id: r.id as number,
    platform: r.platform as Platform,
    channel: r.channel as string,
    slot: r.slot as string,
    status: r.status as OutboxStatus,
    late: isTrue(r.late),
    windowFrom: r.window_from as string,
    windowUntil: r.window_until as string,
    overflow: isTrue(r.overflow),
    items: JSON.parse(r.items as string) as OutboxItem[],
    reply: JSON.parse(r.reply as string) as Reply,
    messageId: (r.message_id as string | null) ?? null,
    attempts: r.attempts as number,
    error: (r.error as string | null) ?? null,
    owner: (r.owner as string | null) ?? null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    postedAt: (r.posted_at as string | null) ?? null,
  };
}

export function toOutboxPage(r: Row): OutboxPage {
  return {
    outboxId: r.outbox_id as number,
    index: r.page as number,
    key: r.page_key as string,
    status: r.status as PageStatus,
    body: JSON.parse(r.body as string) as Record<string, unknown>,
    eventIds: JSON.parse(r.event_ids as string) as string[],
    messageId: (r.message_id as string | null) ?? null,
    postedAt: (r.posted_at as string | null) ?? null,
  };
}

export function toSubscription(r: Row): DigestSubscription {
  return {
    platform: r.platform as Platform,
    channel: r.channel as string,
    time: r.time as string,
    timezone: r.timezone as string,
    days: r.days ? (JSON.parse(r.days as string) as number[]) : null,
    topic: (r.topic as string | null) ?? null,
    postWhenEmpty: isTrue(r.post_when_empty),
    origin: r.origin as DigestSubscription['origin'],
    createdAt: r.created_at as string,
    createdBy: (r.created_by as string | null) ?? null,
    updatedAt: r.updated_at as string,
  };
}

export function toFeed(r: Row): Feed {
  return {
    id: r.id as number,
    url: r.url as string,
    key: r.key as string,
    title: (r.title as string | null) ?? null,
    siteUrl: (r.site_url as string | null) ?? null,
    origin: r.origin as Feed['origin'],
    addedBy: (r.added_by as string | null) ?? null,
    addedAt: r.added_at as string,
    status: r.status as Feed['status'],
    failingSince: (r.failing_since as string | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
    failures: r.failures as number,
    lastFetch: (r.last_fetch as string | null) ?? null,
    lastSuccess: (r.last_success as string | null) ?? null,
    nextFetch: (r.next_fetch as string | null) ?? null,
    etag: (r.etag as string | null) ?? null,
    lastModified: (r.last_modified as string | null) ?? null,
    itemsSeen: (r.items_seen as number | null) ?? 0,
  };
}

export function toFeedItem(r: Row): FeedItemRecord {
  return {
    feedId: r.feed_id as number,
    itemId: r.item_id as string,
    docId: (r.doc_id as string | null) ?? null,
    link: (r.link as string | null) ?? null,
    title: (r.title as string | null) ?? null,
    published: (r.published as string | null) ?? null,
    contentHash: r.content_hash as string,
    teaser: isTrue(r.teaser),
    pageAttempts: r.page_attempts as number,
  };
}
