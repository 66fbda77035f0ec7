/**
 * Where files are parsed: on the calling thread for a handful of files, or
 * on a pool of worker threads for many, so a cold ingest parses on every
 * core while the main thread writes to the database. Both take the same
 * jobs and give the same results; the ingest run does not know which.
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { TopicProfile } from '../topic/profile.js';
import type { ParseResult } from './parse.js';
import { readForIngest } from './read.js';
import { SkipFile } from './skip.js';

export interface ParseJob {
  /** Path under the corpus dir ('/' separators): the document id comes from it. */
  relPath: string;
  absPath: string;
  size: number;
  /** Publication date to assume when the text states none. */
  publishedHint?: string;
}

export interface ParsedFile {
  /** Hash of the bytes parsed (all of the file). */
  hash: string;
  result: ParseResult;
}

/**
 * Parses files. `parse` rejects with SkipFile or another Error for a file
 * that cannot be ingested (the run records it and goes on), and with
 * ParserStopped when the parser itself died (the run stops: nothing is
 * recorded for the files in flight, so the next run parses them again).
 */
export interface FileParser {
  /** Threads parsing at once. */
  readonly threads: number;
  parse(job: ParseJob): Promise<ParsedFile>;
  close(): Promise<void>;
}

export class ParserStopped extends Error {
  override name = 'ParserStopped';
}

/** Below this many files, worker start-up (each loads the NLP lexicon, ~1 s) costs more than it saves. */
const MIN_FILES_FOR_THREADS = 100;
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
    const { parseDocument } = await this.parser;
    const { bytes, hash } = readForIngest(job.absPath, job.size);
    const result = parseDocument({ relPath: job.relPath, bytes }, { topic: this.topic, publishedHint: job.publishedHint });
    return { hash, result };
  }

  async close(): Promise<void> {}
}

/** What a parse worker answers (see parse-worker.ts). */
export type WorkerAnswer =
  | { id: number; ok: true; file: ParsedFile }
  | { id: number; ok: false; skip: boolean; message: string };

interface Pending {
  resolve: (file: ParsedFile) => void;
  reject: (err: Error) => void;
}

export class ParsePool implements FileParser {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private readonly load = new Map<Worker, number>();
  private nextId = 0;
  private stopped: ParserStopped | null = null;
  private closing = false;

  get threads(): number {
    return this.workers.length;
  }

  constructor(size: number, topic: TopicProfile) {
    this.workers = Array.from({ length: size }, () => this.spawn(topic));
  }

  parse(job: ParseJob): Promise<ParsedFile> {
    if (this.stopped) return Promise.reject(this.stopped);
    // The least busy worker; ties go to the first, so the order is fixed.
    const worker = this.workers.reduce((a, b) => (this.load.get(b)! < this.load.get(a)! ? b : a));
    const id = this.nextId++;
    this.load.set(worker, this.load.get(worker)! + 1);
    return new Promise<ParsedFile>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  /** Idempotent: the run closes the pool as soon as it is done with it, and again on the way out. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private spawn(topic: TopicProfile): Worker {
    const worker = startWorker(topic);
    this.load.set(worker, 0);
    worker.on('message', (answer: WorkerAnswer) => {
      const p = this.pending.get(answer.id);
      if (!p) return;
      this.pending.delete(answer.id);
      this.load.set(worker, this.load.get(worker)! - 1);
      if (answer.ok) p.resolve(answer.file);
      else p.reject(answer.skip ? new SkipFile(answer.message) : new Error(answer.message));
    });
    worker.on('error', (err) => this.fail(`a parser thread failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(`a parser thread exited (code ${code})`);
    });
    return worker;
  }

  /** A dead worker stops the pool and fails every file in flight: the run ends, and the next one redoes them. */
  private fail(message: string): void {
    this.stopped ??= new ParserStopped(`${message}; run the ingest again to parse the remaining files`);
    for (const p of this.pending.values()) p.reject(this.stopped);
    this.pending.clear();
  }
}

/** tsx's ESM loader API, found through its package's export map (tests and the benchmark only). */
function tsxLoaderUrl(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exported = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'];
  return pathToFileURL(path.join(path.dirname(manifest), exported!.import.default)).href;
}

/**
 * The worker runs compiled JavaScript in production (dist/); from TypeScript
 * sources (tests, the benchmark under tsx) it first registers tsx's loader,
 * since a worker does not inherit the parent's module hooks.
 */
function startWorker(topic: TopicProfile): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSources ? './parse-worker.ts' : './parse-worker.js', import.meta.url);
  if (!fromSources) return new Worker(entry, { workerData: { topic } });
  const boot = `import(${JSON.stringify(tsxLoaderUrl())}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData: { topic } });
}
