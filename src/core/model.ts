/**
 * The data model of the briefing engine. These types are the documentation of
 * what flows from ingest through the store and analysis to the commands.
 */

/** How precisely the text supports a date. Never print more than this. */
export type DatePrecision = 'day' | 'month' | 'year';

/** `YYYY-MM-DD` (day), `YYYY-MM` (month) or `YYYY` (year). */
export type IsoPartialDate = string;

/** How a document's publication date was known. */
export type PublishedFrom = 'stated' | 'inferred' | 'unknown';

export type DocumentFormat = 'txt' | 'md' | 'html' | 'json';

/** A date mentioned in a sentence, resolved against the publication date. */
export interface DateMention {
  /** The words in the sentence, e.g. "on Wednesday", "in October". */
  text: string;
  /** Resolved date at `precision`: "2024-12-18", "2024-10", "2014". */
  date: IsoPartialDate;
  precision: DatePrecision;
}

/** A money amount in a sentence, normalised. */
export interface Amount {
  /** As written: "£225 million", "225 million pounds", "$50 billion". */
  text: string;
  /** ISO 4217 code: GBP, USD, EUR, … */
  currency: string;
  /** Value in whole units: 225_000_000. */
  value: number;
}

/** One sentence of a parsed document, in reading order. */
export interface ParsedSentence {
  /** 0-based position in the document's kept text. */
  index: number;
  /** 0-based paragraph number (boilerplate is removed per paragraph). */
  paragraph: number;
  text: string;
  dates: DateMention[];
  people: string[];
  organisations: string[];
  amounts: Amount[];
}

/**
 * The output of parsing one document (pure: no I/O, no corpus knowledge).
 * Corpus-level steps (repeated-banner removal, date inference from documents
 * sharing quotes) happen in the ingest run, which may re-parse with a hint.
 */
export interface ParsedDocument {
  /** Path under the corpus folder without the extension (`#n` suffix for the n-th item of a JSON array). */
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  /** `YYYY-MM-DD` or null. Never a file time. */
  published: string | null;
  publishedFrom: PublishedFrom;
  sentences: ParsedSentence[];
  /** Relevance to the topic profile, 0..1, and the verdict. */
  relevance: number;
  relevant: boolean;
  /** One-line notes for the operator: "truncated at 5 MB", "impossible front-matter date 2024-13-45". */
  warnings: string[];
}

/** A document as the store keeps it. */
export interface StoredDocument {
  id: string;
  path: string;
  format: DocumentFormat;
  contentHash: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: string | null;
  publishedFrom: PublishedFrom;
  relevance: number;
  relevant: boolean;
  /** Id of the document this one is a reprint of, if any. */
  duplicateOf: string | null;
  ingestedAt: string;
}

/** A sentence as the store keeps it, with its document's facts for analysis. */
export interface StoredSentence extends ParsedSentence {
  docId: string;
  /** Normalised-text hash: equal hashes are the same words. */
  hash: string;
  /** Removed as boilerplate (repeated banner, page furniture). Never shown. */
  boilerplate: boolean;
}

/** What a citation shows: the JSON `source` shape of docs/cli.md. */
export interface SourceRef {
  id: string;
  title: string;
  outlet: string | null;
  published: string | null;
  url?: string | null;
}

/**
 * One happening, merged across the sentences and documents that report it.
 * Its `id` is stable for the same happening across runs (digests rely on it).
 */
export interface Event {
  id: string;
  date: IsoPartialDate;
  precision: DatePrecision;
  /** The representative sentence, in the article's own words. */
  text: string;
  /** Document ids, best source first. */
  sourceIds: string[];
  /** (docId, sentence index) of every sentence merged into this event. */
  members: Array<{ docId: string; index: number }>;
  /** People, organisations and amounts mentioned; used for topic filters and novelty. */
  entities: string[];
  amounts: Amount[];
  salience: number;
  /** Earliest ingest time of its member documents (digest: "arrived since"). */
  firstSeen: string;
}

export interface TimelineEntry {
  date: IsoPartialDate;
  precision: DatePrecision;
  text: string;
  sources: SourceRef[];
  eventId: string;
  /** Further facts of the same development (other sentences of it), most salient first. */
  facts: string[];
}

export interface SummarySentence {
  text: string;
  sources: SourceRef[];
  /** A development's further facts (as a timeline entry's), most salient first; empty for a point made from a sentence. */
  facts: string[];
}

export interface SearchHit {
  text: string;
  date: IsoPartialDate | null;
  source: SourceRef;
}

/** Document listing for `/sources` (JSON `sources.documents[]`). */
export interface SourceDocument extends SourceRef {
  publishedFrom: PublishedFrom;
  relevant: boolean;
}

export type Platform = 'console' | 'cli' | 'slack' | 'discord';

/** A channel's daily-digest subscription. */
export interface Subscription {
  platform: Platform;
  channel: string;
  /** "08:00" in `timezone`. */
  time: string;
  timezone: string;
  topic: string | null;
  /** Post a short "nothing new" line when there is nothing new. */
  postWhenEmpty: boolean;
  createdAt: string;
  createdBy: string | null;
}

export type DigestStatus = 'posted' | 'already-posted' | 'dry-run' | 'empty';

export interface DigestItem {
  eventId: string;
  date: IsoPartialDate;
  text: string;
  sources: SourceRef[];
}

export interface Digest {
  platform: Platform;
  channel: string;
  /** The local calendar day the digest is for: YYYY-MM-DD. */
  slot: string;
  status: DigestStatus;
  items: DigestItem[];
  late: boolean;
}

/**
 * A feed the corpus is fed from (RSS, Atom, JSON Feed), as stored: where it
 * is, how it was declared, and how polling it goes.
 */
export interface Feed {
  id: number;
  /** Current address (a permanent redirect replaces it); never holds credentials when shown (displayUrl). */
  url: string;
  /** Stable part of its documents' ids. */
  key: string;
  title: string | null;
  siteUrl: string | null;
  /** BRIEFING_FEEDS (config), BRIEFING_FEEDS_FILE / import (file), or a command (chat, CLI). */
  origin: 'config' | 'file' | 'command';
  addedBy: string | null;
  addedAt: string;
  /** new: never polled; failing: the last poll(s) failed (since, with the last error); gone: 410, no longer polled. */
  status: 'new' | 'ok' | 'failing' | 'gone';
  failingSince: string | null;
  lastError: string | null;
  failures: number;
  lastFetch: string | null;
  lastSuccess: string | null;
  nextFetch: string | null;
  etag: string | null;
  lastModified: string | null;
  itemsSeen: number;
}
