/**
 * The engine facade: what commands, adapters and the digest may ask of the
 * corpus. Implemented by `src/engine.ts` over the store and analysis.
 */
import type { RelevanceExplanation } from '../topic/relevance.js';
import type {
  Event,
  SearchHit,
  SourceDocument,
  SummarySentence,
  TimelineEntry,
} from './model.js';

export interface RangeQuery {
  /** Free-text topic or query: "training", "peacekeepers", "Healey". */
  topic?: string;
  /** Inclusive bounds, YYYY-MM-DD / YYYY-MM / YYYY. */
  from?: string;
  to?: string;
}

export interface TimelineQuery extends RangeQuery {
  limit?: number;
}

export interface TimelineResult {
  entries: TimelineEntry[];
  /** Matching events before `limit` was applied. */
  total: number;
}

export interface SummaryResult {
  topic: string | null;
  sentences: SummarySentence[];
}

export interface IngestProblem {
  /** Path under the corpus folder. */
  path: string;
  /** One line: what is wrong and how to fix it. */
  message: string;
}

export interface IngestReport {
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  /** Files not ingested at all (empty, binary, unparseable). */
  skipped: IngestProblem[];
  /** Files ingested in part or with a caveat (truncated, impossible date). */
  warnings: IngestProblem[];
  durationMs: number;
  /** How events were brought up to date: all rebuilt, new documents folded in, or nothing to do. */
  events: 'rebuilt' | 'extended' | 'unchanged';
  /** Present when the topic profile differs from the one the database was judged with: every document was judged again. */
  topic?: TopicChange;
  /** Stopped early by its signal (SIGTERM): what it wrote is committed; the next run does the rest. */
  interrupted?: boolean;
  /** Another instance on the database holds the corpus (its lease): nothing was read here; it keeps the corpus current. */
  ingestedBy?: string;
}

export interface TopicChange {
  /** The profile's name and a hash of its content. */
  profile: string;
  hash: string;
  /** The hash recorded before, null when the database had none. */
  previousHash: string | null;
  rejudged: number;
  nowOnTopic: number;
  nowOffTopic: number;
}

export interface IngestProgress {
  start(total: number): void;
  tick(path: string): void;
  stop(): void;
}

export interface CorpusStats {
  documents: number;
  relevant: number;
  sentences: number;
  events: number;
  /** Earliest and latest publication dates of relevant documents. */
  firstPublished: string | null;
  lastPublished: string | null;
}

export interface EventQuery extends RangeQuery {
  /** Only events whose documents were ingested at or after this ISO time. */
  arrivedSince?: string;
  /** Only events whose documents were ingested at or before this ISO time. */
  arrivedUntil?: string;
}

/**
 * The engine has more queries waiting than it will take on: the asker is
 * told to try again in a moment rather than kept waiting past any deadline.
 */
export class EngineBusyError extends Error {
  override name = 'EngineBusyError';
  constructor() {
    super('too many queries waiting');
  }
}

/**
 * The database did not answer (a PostgreSQL restart or failover, a lost
 * connection): the asker gets one line and tries again; the process goes
 * on and reconnects by itself.
 */
export class DatabaseUnavailable extends Error {
  override name = 'DatabaseUnavailable';
  constructor(message = 'The database is not answering; try again in a moment.', options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * Every query is async so that a store over a network database (Postgres for
 * several instances) can implement the same contract as SQLite.
 */
export interface Engine {
  /** Ingest new or changed corpus files (incremental; cheap when nothing changed). */
  /** `signal` stops the ingest after the file being written (see IngestOptions.signal). */
  refresh(progress?: IngestProgress, signal?: AbortSignal): Promise<IngestReport>;
  timeline(query: TimelineQuery): Promise<TimelineResult>;
  summary(query: RangeQuery): Promise<SummaryResult>;
  sources(): Promise<SourceDocument[]>;
  /** The documents of these ids, in their order (an unknown id is left out): a digest cites a few of a large corpus. */
  sourcesOf(ids: readonly string[]): Promise<SourceDocument[]>;
  /** Why a document is on or off topic: each facet's hits and the score against the threshold; null for an unknown id. */
  explainRelevance(id: string): Promise<{ document: SourceDocument; profile: string; explanation: RelevanceExplanation } | null>;
  search(query: string, limit?: number): Promise<SearchHit[]>;
  /** Events of relevant documents, best first (digest and novelty use this). */
  events(query: EventQuery): Promise<Event[]>;
  /** Frequent people, organisations and topic words starting with `prefix` (autocomplete). */
  suggestTopics(prefix: string, limit: number): Promise<string[]>;
  stats(): Promise<CorpusStats>;
  close(): Promise<void>;
}
