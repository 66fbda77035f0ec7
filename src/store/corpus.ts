/**
 * The corpus: files read from the corpus folder (or feed articles written as
 * files), the documents parsed from them, their sentences and quoted
 * passages. Ingest writes it; analysis and the query engine read it.
 *
 * Every method is async (PostgreSQL implements it over a pool). Each write
 * method is one transaction: a crash leaves all of it or none of it. Any
 * write that adds, changes or removes documents also marks the events stale
 * (EventRepository.current() turns false) in that same transaction, so a
 * crash can never leave new documents with events that claim to be current.
 */
import type { AnalysisSentence } from '../analysis/types.js';
import type { DocumentFormat, ParsedDocument, SearchHit, SourceDocument, StoredDocument } from '../core/model.js';
import type { DatabaseLocator } from './repositories.js';
import type { SearchQuery } from './search-query.js';

export interface FileRecord {
  /** Path under the corpus folder (feed articles: a path under the feed's key). */
  path: string;
  contentHash: string;
  size: number;
  /** The file's modification time when it was read (null: not known, the file is hashed to tell). */
  mtimeMs?: number | null;
  status: 'ingested' | 'skipped';
  message: string | null;
}

export interface DocumentWrite {
  doc: ParsedDocument;
  /** Normalised hash per sentence, same order as doc.sentences. */
  sentenceHashes: string[];
  /** Keys of quoted passages (see ingest/quotes.ts). */
  quoteKeys: string[];
}

/** One file's write: the file and every document parsed from it. */
export interface FileWrite {
  file: FileRecord & { format: DocumentFormat };
  documents: DocumentWrite[];
  /** ISO time the documents arrived (events' firstSeen, the digest's "arrived since"). */
  ingestedAt: string;
}

export interface SentenceQuery {
  /** Documents published on or after / on or before (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** Only sentences matching this search. */
  match?: SearchQuery;
  /** Cap on rows returned; under a cap the newest documents come first. */
  limit?: number;
  /** Only these documents. */
  docIds?: string[];
}

/** A document's title, verdict and sentences, to judge its relevance again or explain it. */
export interface DocumentText {
  id: string;
  title: string;
  relevant: boolean;
  sentences: Array<{ text: string; boilerplate: boolean }>;
}

/** One paragraph of a document carrying some sentence another document carries too (repetition's input). */
export interface ParagraphRow {
  docId: string;
  paragraph: number;
  /** Sentences in the paragraph. */
  n: number;
  /** Space-separated hashes of its sentences other documents share (null: none). */
  shared: string | null;
}

/** What repetition decided for one document: its banner paragraphs, and what it is a reprint of. */
export interface RepetitionMarks {
  paragraphs: number[];
  original: string | null;
}

/** The marks every document carries now. */
export interface CurrentMarks {
  banners: Array<{ docId: string; paragraph: number }>;
  duplicates: Iterable<[copy: string, original: string]>;
}

export interface CorpusStats {
  documents: number;
  relevant: number;
  /** Sentences that are not boilerplate. */
  sentences: number;
  firstPublished: string | null;
  lastPublished: string | null;
}

/** One sentence as repetition sees it: its document, paragraph and hash. */
export interface ParagraphHash {
  docId: string;
  paragraph: number;
  hash: string;
}

/** The documents carrying a sentence hash: how many, and the first of them in arrival order (ingested_at, then id). */
export interface HashHolders {
  count: number;
  first: string[];
}

/**
 * Where a document sorts for repetition: `order` puts originals before their
 * copies ("published|ingestedAt|id", undated: "9999|…"); `arrival` is its
 * rank by arrival (ingested_at, then id, from 0), the order holders of a
 * sentence are ranked in (a document arriving later joins the end of every
 * holder list, so it cannot change which holders older documents see first).
 */
export interface RepetitionRank {
  order: string;
  arrival: number;
}

/** A document's repetition marks and where it sorts among copies ("published|ingestedAt|id", originals first). */
export interface RepetitionState {
  order: string;
  /** Paragraphs whose sentences are marked as banner. */
  banners: number[];
  duplicateOf: string | null;
}

export interface CorpusRepository {
  // --- files -----------------------------------------------------------
  /** Every file's record, or only those of `paths` (a feed poll writes a few into a corpus of 100,000). */
  fileRecords(paths?: readonly string[]): Promise<Map<string, FileRecord>>;
  /** Whether any file (ingested or skipped) is recorded: an empty database is judged by its first run. */
  hasFiles(): Promise<boolean>;
  /** Record the modification times of files found unchanged by their hash (touched, copied back). */
  updateFileTimes(files: Array<{ path: string; mtimeMs: number }>): Promise<void>;
  /** Replace everything ingested from the file by its documents (one transaction). */
  writeFile(write: FileWrite): Promise<void>;
  /**
   * Many files in one transaction, each file atomic on its own (a file that
   * fails rolls back alone): per item, the error that kept it out, or null.
   */
  writeFiles(items: FileWrite[]): Promise<Array<Error | null>>;
  /**
   * `writeFile` for a file parsed again with the same text (a date hint): the
   * repetition marks of its documents are kept when each document's sentences
   * are the same. False when some document's sentences differ: repetition must
   * then be judged again.
   */
  rewriteKeepingRepetition(write: FileWrite): Promise<boolean>;
  /**
   * A large load of new files begins: the implementation may stop indexing
   * sentences for search one row at a time (SQLite's index merges grow with
   * it, and so do secondary indexes) until `endLargeLoad` indexes them all in
   * one pass. Recorded in the database, so a load a killed run left is ended
   * by the next `endLargeLoad` (ingest calls it before anything else). Once
   * begun, a second call does nothing.
   */
  beginLargeLoad(): Promise<void>;
  /** Index everything a large load wrote and go back to indexing row by row; nothing to do outside one. */
  endLargeLoad(): Promise<void>;
  /** Record a file that could not be ingested (removes any documents it held). */
  writeSkipped(file: FileRecord): Promise<void>;
  /** Remove a file that left the corpus, with its documents. */
  retireFile(path: string): Promise<void>;

  // --- documents ---------------------------------------------------------
  /** Every document, dated ones by publication date then id, undated last. */
  documents(): Promise<StoredDocument[]>;
  document(id: string): Promise<StoredDocument | null>;
  /**
   * Documents as answers cite them: every one in the order of documents(),
   * or those of `ids` in no particular order (ids not in the corpus left out).
   */
  sourceDocuments(ids?: readonly string[]): Promise<SourceDocument[]>;
  /** Ids of the documents analysis reads (relevant, not reprints), oldest first, undated last. */
  analysisDocumentIds(): Promise<string[]>;
  /** Every document's (or those of `ids`) title, verdict and sentences, in id order. */
  documentTexts(ids?: Iterable<string>): Promise<DocumentText[]>;
  /** documentTexts, only of documents that carry banner (boilerplate) sentences. */
  documentsWithBanners(ids?: Iterable<string>): Promise<DocumentText[]>;
  updateVerdict(id: string, verdict: { title: string; relevance: number; relevant: boolean }): Promise<void>;
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

  // --- repetition marks (the judgement is ingest's: ingest/repetition.ts) --
  /**
   * Ingest's input for judging repetition: one row per paragraph of every
   * document that carries a sentence another document carries too, ordered
   * by document then paragraph. May be streamed (SQLite): consume it before
   * the next call on this repository.
   */
  sharedParagraphs(): Promise<Iterable<ParagraphRow>>;
  /** Per document, where it sorts among copies and by arrival (RepetitionRank). */
  repetitionOrder(): Promise<Map<string, RepetitionRank>>;
  /** The banner paragraphs and reprint marks documents carry now. */
  currentMarks(): Promise<CurrentMarks>;
  /** Give these documents exactly these marks (others keep theirs); one transaction. */
  writeMarks(changed: Map<string, RepetitionMarks>): Promise<void>;
  /** Repetition judged near some documents (ingest/repetition-marks.ts markRepetitionNear): the sentences of these, by document id, paragraph, position. */
  paragraphHashes(docIds: string[]): Promise<ParagraphHash[]>;
  /**
   * Per hash, its holders: how many documents, and the first `first` of them
   * by arrival (ingested_at, then id: RepetitionRank's `arrival`, the order
   * the whole-corpus judgement ranks holders in).
   */
  hashHolders(hashes: string[], first: number): Promise<Map<string, HashHolders>>;
  /** Per hash, the documents carrying it in two sentences or more (hashes none repeats are absent). */
  holdersRepeating(hashes: string[]): Promise<Map<string, string[]>>;
  /** These documents' marks and copy order (those not found are absent). */
  repetitionStates(docIds: string[]): Promise<Map<string, RepetitionState>>;

  // --- sentences -----------------------------------------------------------
  /**
   * Analysis input: non-boilerplate sentences of relevant, non-duplicate
   * documents, dated documents in publication order (newest first under a
   * limit), then undated ones; each document's sentences in order.
   */
  analysisSentences(query?: SentenceQuery): Promise<AnalysisSentence[]>;
  /** The texts of these sentences (event members), in no particular order. */
  sentenceTexts(sentences: Array<{ docId: string; index: number }>): Promise<Array<{ docId: string; index: number; text: string }>>;
  /**
   * Sentences matching the search, best first (relevance; ties: newest
   * publication), from relevant non-duplicate documents, never boilerplate;
   * never fewer than `limit` when that many match.
   */
  searchSentences(query: SearchQuery, limit: number): Promise<SearchHit[]>;

  stats(): Promise<CorpusStats>;

  /**
   * Where another thread can open its own read-only view of this corpus
   * (store/open.ts openReader) to read what analysis and queries read while
   * this connection works; null for a corpus in memory.
   */
  locator(): DatabaseLocator | null;
}
