/**
 * The engine's queries, answered on worker threads so that the main thread
 * (HTTP acks, /health, timers) never waits on them. A query on 10,000
 * articles takes tens of milliseconds of synchronous SQLite and ranking; 200
 * of them at once on the one event loop kept Slack and Discord acks waiting
 * for seconds.
 *
 * Each thread holds a read-only engine over the same database file (WAL lets
 * readers run beside the writer) and answers one query at a time; queries
 * wait in one queue for the next free thread. The queue is bounded: past
 * `maxWaiting` a query fails at once with EngineBusyError, which commands
 * answer with "busy, try again in a moment" rather than an answer that
 * arrives after the platform gave up. The digest's `events` query is never
 * shed (a digest retries on its own schedule, not the asker's).
 *
 * Read-only commands (timeline, summary, search, sources, help) run whole
 * on a thread (`runRead`): parsing, the query and the Reply built from it,
 * trimmed for chat (core/reply.ts chatReply). Copying a raw engine result
 * back (a timeline event carries every article citing it, hundreds) and
 * collecting it was most of the main thread's work during a burst.
 *
 * What the asker does with an answer (render it, post it) runs on the main
 * thread, so answers are handed back one per turn of the event loop: between
 * two of them Node reads the sockets, and an ack or /health arriving during
 * a burst waits for one answer's rendering at most, not for all of them.
 *
 * Ingest stays with the writer engine on the main thread; the threads see
 * what it wrote by the corpus generation (store/corpus-generation.ts).
 */
import type { ArticlesReport, ArticleWrite } from '../ingest/run.js';
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  DatabaseUnavailable,
  EngineBusyError,
  type CorpusStats,
  type Engine,
  type EventQuery,
  type IngestProgress,
  type IngestReport,
  type RangeQuery,
  type SummaryResult,
  type TimelineQuery,
  type TimelineResult,
} from '../core/engine.js';
import type { CommandArgs, CommandThreads, PortableAsker } from '../core/command.js';
import type { Event, SearchHit, SourceDocument } from '../core/model.js';
import type { Reply } from '../core/reply.js';
import { logger } from '../core/log.js';
import type { BriefingEngine } from '../engine.js';
import { startThread } from '../ingest/thread.js';
import type { DatabaseLocator } from '../store/repositories.js';
import type { QueryAnswer, QueryMessage, QueryMethod, QueryResult, QueryWorkerData } from './protocol.js';

export interface QueryPoolOptions {
  /** Query threads; default one per core beyond the main thread's, 1 to 4. */
  threads?: number;
  /** Queries that may wait for a thread before new ones are refused as busy. */
  maxWaiting?: number;
  topicFile?: string;
}

/** About 30 s of waiting at a typical query's cost on one thread: beyond that an answer is too late to be useful. */
export const DEFAULT_MAX_WAITING = 1_000;

export function defaultQueryThreads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

/** A query or a command, as the message a thread is sent (its id given when a thread takes it). */
type Work = { kind: 'query'; method: QueryMethod; args: unknown[] } | { kind: 'command'; name: string; args: CommandArgs; asker: PortableAsker };

interface Job {
  work: Work;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  id: number;
}

export class QueryPool implements Engine, CommandThreads {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  /** Answers ready to hand back, one per event-loop turn (see above). */
  private readonly settled: Array<() => void> = [];
  private handingBack = false;
  private readonly maxWaiting: number;
  private readonly data: QueryWorkerData;
  private closed = false;

  constructor(
    private readonly writer: BriefingEngine,
    locator: DatabaseLocator,
    options: QueryPoolOptions = {},
  ) {
    this.maxWaiting = options.maxWaiting ?? DEFAULT_MAX_WAITING;
    this.data = { corpusDir: writer.corpusDir, locator, topicFile: options.topicFile };
    const threads = options.threads ?? defaultQueryThreads();
    for (let i = 0; i < threads; i++) this.slots.push(this.startSlot());
  }

  get corpusDir(): string {
    return this.writer.corpusDir;
  }

  /** Queries waiting for a thread now (for /health and the bench). */
  get queued(): number {
    return this.waiting.length;
  }

  /** On the writer; the threads see the new documents by the corpus generation (store/corpus-generation.ts). */
  refresh(progress?: IngestProgress, signal?: AbortSignal): Promise<IngestReport> {
    return this.writer.refresh(progress, signal);
  }

  /** Feed articles, written by the writer (the threads see them as above). */
  ingestArticles(articles: ArticleWrite[], ingestedAt: string): Promise<ArticlesReport> {
    return this.writer.ingestArticles(articles, ingestedAt);
  }

  timeline(query: TimelineQuery): Promise<TimelineResult> {
    return this.ask('timeline', [query]);
  }

  summary(query: RangeQuery): Promise<SummaryResult> {
    return this.ask('summary', [query]);
  }

  sources(): Promise<SourceDocument[]> {
    return this.ask('sources', []);
  }

  sourcesOf(ids: readonly string[]): Promise<SourceDocument[]> {
    return this.ask('sourcesOf', [ids]);
  }

  explainRelevance(id: string): Promise<QueryResult<'explainRelevance'>> {
    return this.ask('explainRelevance', [id]);
  }

  search(query: string, limit?: number): Promise<SearchHit[]> {
    return this.ask('search', [query, limit]);
  }

  events(query: EventQuery): Promise<Event[]> {
    return this.ask('events', [query], { shed: false });
  }

  suggestTopics(prefix: string, limit: number): Promise<string[]> {
    return this.ask('suggestTopics', [prefix, limit]);
  }

  stats(): Promise<CorpusStats> {
    return this.ask('stats', []);
  }

  /** A read-only command run whole on a thread (see CommandThreads); shed like a query when too many wait. */
  runRead(name: string, args: CommandArgs, asker: PortableAsker): Promise<Reply> {
    return this.enqueue({ kind: 'command', name, args, asker }, true);
  }

  /** Stop the threads (queries still waiting fail); the writer stays open. */
  async closeThreads(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new Error('the engine is closing'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  async close(): Promise<void> {
    await this.closeThreads();
    await this.writer.close();
  }

  private ask<M extends QueryMethod>(method: M, args: unknown[], { shed = true } = {}): Promise<QueryResult<M>> {
    return this.enqueue({ kind: 'query', method, args }, shed);
  }

  /** The thread's answer is what the worker computes for this kind of work (worker.ts); the protocol carries it untyped. */
  private enqueue<T>(work: Work, shed: boolean): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the engine is closed'));
    if (shed && this.waiting.length >= this.maxWaiting) return Promise.reject(new EngineBusyError());
    return new Promise((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.next();
    });
  }

  private handBack(settle: () => void): void {
    this.settled.push(settle);
    if (this.handingBack) return;
    this.handingBack = true;
    const one = () => {
      this.settled.shift()?.();
      // setImmediate from within an immediate runs on the next turn, after the poll for I/O.
      if (this.settled.length) setImmediate(one);
      else this.handingBack = false;
    };
    setImmediate(one);
  }

  /** Hand waiting queries to idle threads. */
  private next(): void {
    for (const slot of this.slots) {
      if (slot.job || this.waiting.length === 0) continue;
      const job = this.waiting.shift()!;
      slot.job = job;
      slot.id += 1;
      slot.worker.postMessage({ ...job.work, id: slot.id } satisfies QueryMessage);
    }
  }

  private startSlot(): Slot {
    const worker = startThread(new URL('./worker.js', import.meta.url), {
      workerData: this.data,
      // A query's working set is small; the young generation stays small too (see heap.ts).
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
    const slot: Slot = { worker, job: null, id: 0 };
    worker.on('message', (answer: QueryAnswer) => {
      const job = slot.job;
      if (!job || answer.id !== slot.id) return;
      slot.job = null;
      this.handBack(() => (answer.ok ? job.resolve(answer.value) : job.reject(threadError(answer))));
      this.next();
    });
    worker.on('error', (err) => {
      logger.error({ err: err.message }, 'query thread failed; starting another');
    });
    worker.on('exit', () => {
      if (this.closed) return;
      slot.job?.reject(new Error('the query thread stopped'));
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.startSlot();
      this.next();
    });
    // An idle thread must not keep the process alive (a failed start-up exits); serve's server does that.
    worker.unref();
    return slot;
  }
}

export function createQueryPool(writer: BriefingEngine, locator: DatabaseLocator, options?: QueryPoolOptions): QueryPool {
  return new QueryPool(writer, locator, options);
}

/** A thread's failure as the asker would have seen it on the main thread (one kind kept: the database not answering). */
function threadError(answer: Extract<QueryAnswer, { ok: false }>): Error {
  return answer.name === 'DatabaseUnavailable' ? new DatabaseUnavailable(answer.message) : new Error(answer.message);
}
