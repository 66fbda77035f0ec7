/**
 * The storage contract of the engine. SQLite (better-sqlite3, WAL) implements
 * it today; every method is async so a Postgres store for several instances
 * can implement the same interface later. Each write method is one
 * transaction: a crash leaves either all of it or none of it.
 */
import type {
  DocumentFormat,
  Event,
  SearchHit,
  StoredDocument,
} from '../core/model.js';
import type { AnalysisSentence } from '../analysis/types.js';
import type { SearchQuery } from './search-query.js';
import type { DatabaseLocator } from './repositories.js';

// The old store's types are the repositories' (src/store/corpus.ts, events.ts) until the SQLite corpus and events
// move behind those interfaces and this contract goes.
import type { CurrentMarks, DocumentWrite, FileRecord, FileWrite, ParagraphRow, RepetitionMarks, SentenceQuery } from './corpus.js';
import type { EventQuery as EventRowQuery } from './events.js';
export type { DocumentWrite, EventRowQuery, FileRecord, FileWrite, SentenceQuery };

/** One sentence as repetition sees it: its document, paragraph and hash. */
export interface ParagraphHash {
  docId: string;
  paragraph: number;
  hash: string;
}

/** The documents carrying a sentence hash: how many, and the first of them in document-id order. */
export interface HashHolders {
  count: number;
  first: string[];
}

/** A document's repetition marks and where it sorts among copies ("published|ingestedAt|id", originals first). */
export interface RepetitionState {
  order: string;
  /** Paragraphs whose sentences are marked as banner. */
  banners: number[];
  duplicateOf: string | null;
}

export interface Store {
  fileRecords(): Promise<Map<string, FileRecord>>;
  /** Record the modification times of files found unchanged by their hash (touched, copied back). */
  updateFileTimes(files: Array<{ path: string; mtimeMs: number }>): Promise<void>;
  /** Replace everything ingested from `path` by `documents` (one transaction). */
  writeFile(file: FileRecord & { format: DocumentFormat }, documents: DocumentWrite[], ingestedAt: string): Promise<void>;
  /**
   * `writeFile` for a file parsed again with the same text (a date hint): the
   * marks repetition set on its documents (banner sentences, reprint of) are
   * kept when each document's sentences are the same, since those verdicts
   * depend on the sentences alone. False when some document's sentences
   * differ: repetition must then be judged again.
   */
  rewriteKeepingRepetition(file: FileRecord & { format: DocumentFormat }, documents: DocumentWrite[], ingestedAt: string): Promise<boolean>;
  /**
   * `writeFile` for many files in one transaction, each file atomic on its
   * own: the result holds, per item, the error that kept it out, or null.
   */
  writeFiles(items: FileWrite[]): Promise<Array<Error | null>>;
  /**
   * A large first load: sentences stop being indexed for full-text search
   * one row at a time (the index's merges grow with it) until `endBulkLoad`
   * indexes them all in one pass. Recorded in the database, so a run killed
   * in between is finished by the next run's `endBulkLoad`.
   */
  beginBulkLoad(): Promise<void>;
  /** Index every sentence and go back to indexing row by row; nothing to do outside a bulk load. */
  endBulkLoad(): Promise<void>;
  /** Record a file that could not be ingested (keeps any earlier documents out). */
  writeSkipped(file: FileRecord): Promise<void>;
  /** Remove a file that left the corpus, with its documents. */
  retireFile(path: string): Promise<void>;

  documents(): Promise<StoredDocument[]>;
  document(id: string): Promise<StoredDocument | null>;
  /**
   * Undated documents and the dated documents sharing at least `minShared`
   * (default 1) quoted passages with them, counting only passages quoted by
   * at most `maxHolders` documents (default: all).
   */
  quoteNeighbours(minShared?: number, maxHolders?: number): Promise<Array<{ docId: string; neighbourPublished: string; shared: number }>>;
  /**
   * `quoteNeighbours` for the undated documents among `docIds` and those
   * sharing a quoted passage with them (passages quoted by at most
   * `maxHolders` + `docIds.length` documents): what documents just written
   * change, without a pass over every quote of the corpus.
   */
  quoteNeighboursNear(docIds: string[], minShared: number, maxHolders: number): Promise<Array<{ docId: string; neighbourPublished: string; shared: number }>>;
  /** Repetition's input and its marks (the judgement is ingest's: ingest/repetition-marks.ts); see CorpusRepository. */
  sharedParagraphs(): Promise<Iterable<ParagraphRow>>;
  repetitionOrder(): Promise<Map<string, string>>;
  currentMarks(): Promise<CurrentMarks>;
  writeMarks(changed: Map<string, RepetitionMarks>): Promise<void>;
  /** Repetition judged near some documents (markRepetitionNear): the sentences of these, by document id, paragraph, position. */
  paragraphHashes(docIds: string[]): Promise<ParagraphHash[]>;
  /** Per hash, its holders: how many documents, and the first `first` of them (by document id, as sharedParagraphs orders them). */
  hashHolders(hashes: string[], first: number): Promise<Map<string, HashHolders>>;
  /** These documents' marks and copy order (those not found are absent). */
  repetitionStates(docIds: string[]): Promise<Map<string, RepetitionState>>;
  /** Documents with banner sentences: their title and relevance were judged with the banner in. */
  documentsWithBanners(ids?: Iterable<string>): Promise<Array<{ id: string; title: string; relevant: boolean; sentences: Array<{ text: string; boilerplate: boolean }> }>>;
  /** Every document's (or those of `ids`) title, verdict and sentences, to judge relevance again or explain it. */
  documentTexts(ids?: Iterable<string>): Promise<Array<{ id: string; title: string; relevant: boolean; sentences: Array<{ text: string; boilerplate: boolean }> }>>;
  updateVerdict(id: string, verdict: { title: string; relevance: number; relevant: boolean }): Promise<void>;
  /** Analysis input: non-boilerplate sentences of relevant, non-duplicate documents. */
  analysisSentences(query?: SentenceQuery): Promise<AnalysisSentence[]>;
  /**
   * Where another thread can open this database read-only (store/open.ts
   * openReader) to read what analysis and queries read while this one
   * works; null for a store in memory.
   */
  locator(): DatabaseLocator | null;
  /** Ids of the documents analysis reads (relevant, not reprints), oldest first, undated last. */
  analysisDocumentIds(): Promise<string[]>;
  /** Remove every event and topic suggestion, leaving the events stale (a rebuild follows). */
  clearEvents(): Promise<void>;
  /** The texts of these sentences (event members), in no particular order. */
  sentenceTexts(sentences: Array<{ docId: string; index: number }>): Promise<Array<{ docId: string; index: number; text: string }>>;

  replaceEvents(events: Event[], searchText: (e: Event) => string, topics: Map<string, number>): Promise<void>;
  events(query: EventRowQuery): Promise<Event[]>;
  /** Events dated exactly one of these (YYYY-MM-DD, YYYY-MM or YYYY). */
  eventsOn(dates: string[]): Promise<Event[]>;
  /** Add or replace these events (by id) and add to topic weights, leaving the rest. */
  upsertEvents(
    events: Event[],
    searchText: (e: Event) => string,
    topics: Map<string, number>,
    /** false while a rebuild is still adding events: they stay stale until it is done. */
    complete?: boolean,
  ): Promise<void>;
  /** Events citing any of these documents (as a source). */
  eventsCiting(docIds: string[]): Promise<Event[]>;
  /**
   * In one transaction: remove the events `removed` (ids), add or replace
   * `events`, add to topic weights, and mark the events current (a part of
   * the dates rebuilt around documents that changed).
   */
  swapEvents(removed: string[], events: Event[], searchText: (e: Event) => string, topics: Map<string, number>): Promise<void>;
  /** Events matching `query` (all events without one). */
  eventCount(query?: EventRowQuery): Promise<number>;
  searchSentences(query: SearchQuery, limit: number): Promise<SearchHit[]>;
  suggestTopics(prefix: string, limit: number): Promise<string[]>;
  stats(): Promise<{ documents: number; relevant: number; sentences: number; firstPublished: string | null; lastPublished: string | null }>;

  /** Whether the events reflect every document written (see events-freshness.ts); corpus writes mark them stale themselves. */
  eventsCurrent(): Promise<boolean>;
  markEventsStale(): Promise<void>;
  /** After a rebuild that added its events in chunks (upsertEvents with complete false). */
  markEventsCurrent(): Promise<void>;

  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}
