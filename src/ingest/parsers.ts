/**
 * Where files are parsed: on the calling thread for a handful of files, or
 * on a pool of worker threads for many, so a cold ingest parses on every
 * core while the main thread writes to the database. Both take the same
 * jobs and give the same results; the ingest run does not know which.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startThread } from './thread.js';
import type { DocumentWrite } from '../store/corpus.js';
import type { TopicProfile } from '../topic/profile.js';
import { quoteKeys, sentenceHash } from './corpus.js';
import type { ParseResult } from './parse.js';
import type { RawArticle } from './formats/article.js';
import { readForIngest } from './read.js';
import { logger } from '../core/log.js';
import { SkipFile } from './skip.js';

export interface ParseJob {
  /** Path under the corpus dir ('/' separators): the document id comes from it. */
  relPath: string;
  absPath: string;
  size: number;
  /** Publication date to assume when the text states none. */
  publishedHint?: string;
  /** An article that is no file (a feed item): parsed as it is, `absPath` and `size` unused; `hash` is its fingerprint. */
  article?: { docId: string; raw: RawArticle; hash: string };
}

export interface ParsedFile {
  /** Hash of the bytes parsed (all of the file). */
  hash: string;
  result: ParseResult;
  /** The rows to store (sentence hashes and quote keys computed on the parsing thread too). */
  writes: DocumentWrite[];
}

/** A parse result with what the store needs besides it. */
export function parsedFile(hash: string, result: ParseResult): ParsedFile {
  const writes = result.documents.map((doc) => ({
    doc,
    sentenceHashes: doc.sentences.map((s) => sentenceHash(s.text)),
    quoteKeys: quoteKeys(doc.sentences.map((s) => s.text).join(' ')),
  }));
  return { hash, result, writes };
}

/** A job parsed with the parser module (this thread's or a worker's). */
export function parseJob(parser: Pick<typeof import('./parse.js'), 'parseArticle' | 'parseDocument'>, job: ParseJob, topic: TopicProfile): ParsedFile {
  if (job.article) return parsedFile(job.article.hash, parser.parseArticle(job.article.docId, job.article.raw, { topic }));
  const { bytes, hash } = readForIngest(job.absPath, job.size);
  return parsedFile(hash, parser.parseDocument({ relPath: job.relPath, bytes }, { topic, publishedHint: job.publishedHint }));
}

/**
 * Parses files. `parse` rejects with SkipFile or another Error for a file
 * that cannot be ingested (the run records it and goes on).
 */
export interface FileParser {
  /** Threads parsing at once. */
  readonly threads: number;
  parse(job: ParseJob): Promise<ParsedFile>;
  close(): Promise<void>;
}

/** Below this many files, worker start-up (each loads the NLP lexicon, ~1 s) costs more than it saves. */
export const MIN_FILES_FOR_THREADS = 100;
/** Jobs queued per worker: enough to keep it busy while results are written, bounded in memory. */
export const JOBS_PER_THREAD = 16;

/** Worker threads a large ingest uses when not configured: one per core, at most 4. */
export function defaultParseThreads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/** The parser for a run of `files` files: threads when there are many and more than one is allowed. */
export function openParser(files: number, topic: TopicProfile, threads = defaultParseThreads()): FileParser {
  return files >= MIN_FILES_FOR_THREADS && threads > 1 ? new ParsePool(threads, topic) : new InlineParser(topic);
}

/** Parses on the calling thread; loads the parser (and compromise) at the first file. */
export class InlineParser implements FileParser {
  readonly threads = 1;
  private parser: Promise<typeof import('./parse.js')> | null = null;

  constructor(private readonly topic: TopicProfile) {}

  async parse(job: ParseJob): Promise<ParsedFile> {
    this.parser ??= import('./parse.js');
    return parseJob(await this.parser, job, this.topic);
  }

  async close(): Promise<void> {}
}

/** What a parse worker answers (see parse-worker.ts). */
export type WorkerAnswer =
  | { id: number; ok: true; file: ParsedFile }
  | { id: number; ok: false; skip: boolean; message: string };

interface Pending {
  job: ParseJob;
  worker: Worker;
  resolve: (file: ParsedFile) => void;
  reject: (err: Error) => void;
}

/**
 * Old-generation heap of one parse thread. A parser's live set is small (the
 * lexicon and one article, ~20 MB); without a cap V8 lets each thread's
 * garbage grow to hundreds of MB. A file too big for it kills only that
 * thread: the file is parsed again on the main thread, which has no cap.
 */
const THREAD_HEAP_MB = 96;
/**
 * Each thread's young generation (new objects), in MB. V8's default lets it
 * reach ~48 MB per thread; a parse allocates short-lived objects at a steady
 * rate, so a small one costs no time (10,000 articles: same ingest time) and
 * cut the parse loop's peak RSS from ~380 to ~320 MB with two threads.
 */
const THREAD_YOUNG_MB = 8;
/** Threads replaced after dying before the pool gives up on threads and parses on the main thread. */
const MAX_RESPAWNS = 3;

export class ParsePool implements FileParser {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly load = new Map<Worker, number>();
  private readonly inline: InlineParser;
  private nextId = 0;
  private respawns = 0;
  private closing = false;

  get threads(): number {
    return Math.max(1, this.workers.length);
  }

  constructor(
    size: number,
    private readonly topic: TopicProfile,
  ) {
    this.inline = new InlineParser(topic);
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  parse(job: ParseJob): Promise<ParsedFile> {
    if (this.workers.length === 0) return this.inline.parse(job);
    // The least busy worker; ties go to the first, so the order is fixed.
    const worker = this.workers.reduce((a, b) => (this.load.get(b)! < this.load.get(a)! ? b : a));
    const id = this.nextId++;
    this.load.set(worker, this.load.get(worker)! + 1);
    return new Promise<ParsedFile>((resolve, reject) => {
      this.pending.set(id, { job, worker, resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  /** Idempotent: the run closes the pool as soon as it is done with it, and again on the way out. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = startThread(new URL('./parse-worker.js', import.meta.url), {
      workerData: { topic: this.topic },
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB, maxYoungGenerationSizeMb: THREAD_YOUNG_MB },
    });
    this.load.set(worker, 0);
    worker.on('message', (answer: WorkerAnswer) => {
      const p = this.pending.get(answer.id);
      if (!p) return;
      this.pending.delete(answer.id);
      this.load.set(worker, this.load.get(worker)! - 1);
      if (answer.ok) p.resolve(answer.file);
      else p.reject(answer.skip ? new SkipFile(answer.message) : new Error(answer.message));
    });
    worker.on('error', (err: Error) => this.replace(worker, err.message));
    worker.on('exit', (code: number) => {
      if (!this.closing) this.replace(worker, `exited with code ${code}`);
    });
    return worker;
  }

  /**
   * A thread died (out of memory on a huge file, a crash): what it held is
   * parsed on the main thread and a new thread takes its place.
   */
  private replace(worker: Worker, why: string): void {
    const at = this.workers.indexOf(worker);
    if (at < 0) return; // 'error' and 'exit' both report one death
    logger.warn({ why }, 'a parser thread died; its files are parsed on the main thread');
    this.workers.splice(at, 1);
    this.load.delete(worker);
    if (!this.closing && this.respawns < MAX_RESPAWNS) {
      this.respawns += 1;
      this.workers.push(this.spawn());
    }
    for (const [id, p] of this.pending) {
      if (p.worker !== worker) continue;
      this.pending.delete(id);
      this.inline.parse(p.job).then(p.resolve, p.reject);
    }
  }
}

