/**
 * What a large event rebuild reads of each slice of documents: the slice's
 * event candidates (sentences read, dated, featurised) and how often each
 * name is said. On a thread of its own when the corpus is a file, so the
 * next slice is read while the rebuild folds this one in (the fold is
 * serial: each slice joins the events the earlier ones made). Candidates
 * are plain data and their features hashes, so they mean the same on any
 * thread.
 */
import type { DatabaseLocator } from '../store/repositories.js';
import type { Worker } from 'node:worker_threads';
import { byCandidateOrder, candidatesOf, type Candidate } from '../analysis/events.js';
import type { AnalysisSentence } from '../analysis/types.js';
import { logger } from '../core/log.js';
import type { CorpusRepository } from '../store/corpus.js';
import { startThread } from './thread.js';

export interface SliceReports {
  candidates: Candidate[];
  /** People and organisations by how often they are named (autocomplete ranks by it). */
  topics: Map<string, number>;
}

export interface SliceReader {
  read(docIds: string[]): Promise<SliceReports>;
  close(): Promise<void>;
}

/** Documents whose sentences are read at once: only candidates are kept, so memory follows a page, not the slice. */
const READ_PAGE_DOCS = 500;

/** A slice read on the calling thread, a page of documents at a time; candidates in byCandidateOrder. */
export async function readSlice(corpus: CorpusRepository, docIds: string[]): Promise<SliceReports> {
  const candidates: Candidate[] = [];
  const topics = new Map<string, number>();
  for (let start = 0; start < docIds.length; start += READ_PAGE_DOCS) {
    const sentences = await corpus.analysisSentences({ docIds: docIds.slice(start, start + READ_PAGE_DOCS) });
    for (const c of candidatesOf(sentences)) candidates.push(c);
    countTopics(topics, sentences);
  }
  return { candidates: candidates.sort(byCandidateOrder), topics };
}

export function countTopics(topics: Map<string, number>, sentences: AnalysisSentence[]): Map<string, number> {
  for (const s of sentences) {
    for (const name of [...s.people, ...s.organisations]) topics.set(name, (topics.get(name) ?? 0) + 1);
  }
  return topics;
}

/** Adds one count of names to another. */
export function addTopics(into: Map<string, number>, counts: Map<string, number>): void {
  for (const [name, n] of counts) into.set(name, (into.get(name) ?? 0) + n);
}

/**
 * A reader on a thread when asked for and the corpus is a file another
 * connection can open, else on this thread (a thread costs ~0.1 s to start:
 * not worth it for a handful of documents).
 */
export function openSliceReader(corpus: CorpusRepository, threaded = true): SliceReader {
  const locator = threaded ? corpus.locator() : null;
  return locator ? new ThreadSliceReader(locator, corpus) : { read: (ids) => readSlice(corpus, ids), close: async () => {} };
}

/** Reports from several readers' slices, as if read as one: candidates in byCandidateOrder, topic counts added up. */
export function mergeSlices(parts: SliceReports[]): SliceReports {
  const topics = new Map<string, number>();
  for (const p of parts) addTopics(topics, p.topics);
  return { candidates: parts.flatMap((p) => p.candidates).sort(byCandidateOrder), topics };
}

/** The slice thread's young generation in MB (V8's default lets it reach ~48 MB). */
const SLICE_THREAD_YOUNG_MB = 8;

/** What the slice thread answers (see event-slice-worker.ts). */
export type SliceAnswer = { id: number; ok: true; reports: SliceReports } | { id: number; ok: false; message: string };

interface PendingSlice {
  docIds: string[];
  resolve: (r: SliceReports) => void;
  reject: (e: Error) => void;
}

/**
 * Reads slices on a thread with its own read-only connection. If the
 * thread fails, what it held and everything after is read on this thread:
 * slower, never lost.
 */
class ThreadSliceReader implements SliceReader {
  private worker: Worker | null;
  private readonly pending = new Map<number, PendingSlice>();
  private nextId = 0;

  constructor(
    locator: DatabaseLocator,
    private readonly corpus: CorpusRepository,
  ) {
    const worker = startThread(new URL('./event-slice-worker.js', import.meta.url), {
      workerData: { locator },
      // Reading allocates short-lived rows at a steady rate: a small young generation costs no time and little memory.
      resourceLimits: { maxYoungGenerationSizeMb: SLICE_THREAD_YOUNG_MB },
    });
    worker.on('message', (answer: SliceAnswer) => {
      const p = this.pending.get(answer.id);
      if (!p) return;
      this.pending.delete(answer.id);
      if (answer.ok) p.resolve(answer.reports);
      else this.readHere(p, answer.message);
    });
    worker.on('error', (err: Error) => this.fail(err.message));
    worker.on('exit', (code: number) => this.fail(`exited with code ${code}`));
    this.worker = worker;
  }

  read(docIds: string[]): Promise<SliceReports> {
    if (!this.worker) return readSlice(this.corpus, docIds);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { docIds, resolve, reject });
      this.worker!.postMessage({ id, docIds });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private fail(why: string): void {
    if (!this.worker) return; // closed, or 'error' and 'exit' both reporting one failure
    this.worker = null;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      this.readHere(p, why);
    }
  }

  private readHere(p: PendingSlice, why: string): void {
    logger.warn({ why }, 'the event slice thread failed; its slices are read on the main thread');
    readSlice(this.corpus, p.docIds).then(p.resolve, p.reject);
  }
}
