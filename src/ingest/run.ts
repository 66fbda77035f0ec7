/**
 * The ingest run: walk the corpus, parse new and changed files (on worker
 * threads when there are many, see parsers.ts) while writing them in order,
 * retire deleted ones, then do what needs the whole corpus: repeated banners
 * and reprints, publication dates inferred from documents sharing quotes,
 * and the events the answers are built from.
 *
 * Crash safety: every file's rows are written atomically together with the
 * mark that the events are stale; the corpus-level steps run whenever the
 * events are stale, so a run killed at any point is completed by the next one.
 */
import { markRepetition, markRepetitionNear, type MarksChange } from './repetition-marks.js';
import { withNeighbours } from '../core/partial-date.js';
import fs from 'node:fs';
import { assignToEvents, byCandidateOrder, byDocumentPosition, type Candidate, candidatesOf, eventsOfCandidates, EventFeatures, memberKey, NewReports } from '../analysis/events.js';
import type { AnalysisSentence } from '../analysis/types.js';
import type { IngestProblem, IngestProgress, IngestReport, TopicChange } from '../core/engine.js';
import type { Event, StoredDocument } from '../core/model.js';
import { logger } from '../core/log.js';
import type { CorpusRepository, FileRecord } from '../store/corpus.js';
import { TOPIC_PROFILE_HASH, type MetaRepository } from '../store/meta.js';
import { marksFollowRules, recordRepetitionRules } from '../store/repetition-rules.js';
import type { Repositories } from '../store/repositories.js';
import { isFeedDocumentPath, oneFilePerId, walkCorpus, type CorpusFile } from './corpus.js';
import type { RawArticle } from './formats/article.js';
import { documentId } from './document-id.js';
import { addTopics, countTopics, mergeSlices, openSliceReader, readSlice, type SliceReports } from './event-slices.js';
import { JOBS_PER_THREAD, MIN_FILES_FOR_THREADS, openParser, type FileParser, type ParsedFile, type ParseJob } from './parsers.js';
import { readForIngest } from './read.js';
import { SkipFile } from './skip.js';
import { scoreRelevance } from '../topic/relevance.js';
import { profileHash, type TopicProfile } from '../topic/profile.js';
import { judgedText } from './verdict.js';

/** What ingest writes and reads: the corpus, its events, and meta (the topic profile's hash). */
export type IngestRepositories = Pick<Repositories, 'corpus' | 'events' | 'meta'>;

/** Quoted passages two documents must share before one's date is inferred from the other's. */
const MIN_SHARED_QUOTE_KEYS = 2;
/**
 * A passage quoted by more documents than this is everyone's quote: its
 * first report can be months older than the article at hand, so it dates
 * nothing (and counting pairs through it grows with the square of the corpus).
 */
const MAX_QUOTE_HOLDERS = 50;

export interface IngestOptions {
  topic: TopicProfile;
  /** Worker threads for parsing a large run (default: one per core, at most 4; 1 parses on this thread). */
  parseThreads?: number;
  progress?: IngestProgress;
  now?: () => Date;
  /**
   * Stop early (SIGTERM): the file being written is finished and committed,
   * nothing further is started, and the report says `interrupted`. The
   * corpus-level steps are left to the next run, which the events-stale
   * mark already makes complete them.
   */
  signal?: AbortSignal;
  /** See REFRESH_MAX_DOCS (tests make it small to exercise a large poll's path). */
  refreshMaxDocs?: number;
  /** Existing events' features kept between runs that fold new documents in (the engine keeps one). */
  eventFeatures?: EventFeatures;
}

/** The run's signal fired: unwinds to ingestCorpus, which reports what was written. */
class Interrupted extends Error {}

function stopIfAsked(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Interrupted();
}

/**
 * Files parsed, then written in one transaction: one commit per batch
 * instead of per file, and index pages dirtied by many files written once
 * (10,000 articles: 32 → 256 files a batch, 4% off the cold ingest). A crash
 * loses at most one batch, whose files are parsed again by the next run.
 */
const WRITE_BATCH_FILES = 256;
/** Files to parse, more than the corpus already holds, from which sentences are indexed in bulk. */
const BULK_LOAD_MIN_FILES = 256;

export async function ingestCorpus(repos: IngestRepositories, corpusDir: string, options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const report: IngestReport = {
    added: 0,
    changed: 0,
    unchanged: 0,
    removed: 0,
    skipped: [],
    warnings: [],
    durationMs: 0,
    events: 'unchanged',
  };
  const { files, collisions } = oneFilePerId(walkCorpus(corpusDir), documentId);
  for (const c of collisions) {
    report.warnings.push({
      path: c.ignored,
      message: `gives the same document id "${c.id}" as ${c.kept}, so only ${c.kept} is read: rename one of the two files`,
    });
  }
  // A bulk load killed half-way: its sentences are indexed before anything else.
  await repos.corpus.endLargeLoad();
  const known = await repos.corpus.fileRecords();
  await recordProfileOfEmpty(repos.meta, known.size === 0, options.topic);
  // Events were complete before this run: new documents can be folded into them.
  const eventsWereCurrent = (await repos.events.current());
  const addedDocs = new Set<string>();
  let existingTouched = await repetitionRulesChanged(repos, known.size === 0);
  // Only the names (and hashes) of changed files are kept here, not their bytes:
  // a cold ingest of 100,000 articles would otherwise hold the corpus in memory.
  const toParse: Array<{ file: CorpusFile; hash: string | null }> = [];
  const touchedFiles: Array<{ path: string; mtimeMs: number }> = [];
  for (const file of files) {
    const record = known.get(file.relPath);
    // The size and modification time it had when read: unchanged without
    // reading it (as git and rsync decide). A skipped file is read again: a
    // fix of its permissions changes no modification time.
    if (record?.status === 'ingested' && record.size === file.size && record.mtimeMs === file.mtimeMs) {
      report.unchanged += 1;
      continue;
    }
    // A new file is not hashed here: the parser reads it anyway and hashes what it parsed.
    const hash = record ? hashOf(file) : null;
    if (record && record.contentHash === hash) {
      report.unchanged += 1;
      const mtimeMs = settledTime(file.mtimeMs);
      if (mtimeMs !== null && record.mtimeMs !== mtimeMs) touchedFiles.push({ path: file.relPath, mtimeMs });
      continue;
    }
    toParse.push({ file, hash });
  }
  if (touchedFiles.length > 0) await repos.corpus.updateFileTimes(touchedFiles);

  const progress = toParse.length > 0 ? options.progress : undefined;
  progress?.start(toParse.length);
  const parser = openParser(toParse.length, options.topic, options.parseThreads);
  // Mostly new text (a first ingest): indexed for search in one pass at the end of the parse loop.
  const bulk = toParse.length >= BULK_LOAD_MIN_FILES && toParse.length > known.size;
  if (bulk) await repos.corpus.beginLargeLoad();
  const skip = async (file: CorpusFile, record: FileRecord, isNew: boolean, err: unknown) => {
    const message =
      err instanceof SkipFile
        ? err.message
        : `could not be parsed (${(err as Error).message.split('\n')[0]}): fix or remove the file`;
    if (!(err instanceof SkipFile)) logger.warn({ err, path: file.relPath }, 'parser failed');
    await repos.corpus.writeSkipped({ ...record, status: 'skipped', message });
    report.skipped.push({ path: file.relPath, message });
    if (!isNew) existingTouched = true;
  };
  try {
    // Files are parsed ahead (on worker threads in a large run) while the
    // results are written in order, a batch per transaction.
    const ahead = new ParseAhead(
      parser,
      toParse.map(({ file }) => ({ relPath: file.relPath, absPath: file.absPath, size: file.size })),
    );
    for (let start = 0; start < toParse.length; start += WRITE_BATCH_FILES) {
      const parsedBatch: Array<{ file: CorpusFile; record: FileRecord; isNew: boolean; parsed: ParsedFile }> = [];
      for (const { file, hash } of toParse.slice(start, start + WRITE_BATCH_FILES)) {
        const isNew = !known.has(file.relPath);
        const record: FileRecord = {
          path: file.relPath,
          contentHash: hash ?? '',
          size: file.size,
          mtimeMs: settledTime(file.mtimeMs),
          status: 'ingested',
          message: null,
        };
        // Asked to stop: this batch is written with the files parsed so far.
        if (options.signal?.aborted) break;
        try {
          const parsed = await ahead.next();
          // The hash recorded is of the bytes parsed (read again by the parser).
          parsedBatch.push({ file, record: { ...record, contentHash: parsed.hash }, isNew, parsed });
        } catch (err) {
          // Hashed now, so an unchanged file that cannot be ingested is not reported again by every run.
          await skip(file, { ...record, contentHash: hash ?? hashOf(file) }, isNew, err);
          progress?.tick(file.relPath);
        }
      }
      const ingestedAt = now().toISOString();
      const errors = await repos.corpus.writeFiles(
        parsedBatch.map(({ file, record, parsed }) => ({
          file: { ...record, status: 'ingested' as const, format: file.format },
          documents: parsed.writes,
          ingestedAt,
        })),
      );
      for (const [i, { file, record, isNew, parsed }] of parsedBatch.entries()) {
        const err = errors[i];
        if (err) {
          await skip(file, record, isNew, err);
        } else {
          for (const message of parsed.result.warnings) report.warnings.push({ path: file.relPath, message });
          if (isNew) {
            report.added += 1;
            for (const d of parsed.result.documents) addedDocs.add(d.id);
          } else {
            report.changed += 1;
            existingTouched = true;
          }
        }
        progress?.tick(file.relPath);
      }
      stopIfAsked(options.signal);
    }
    progress?.stop();
    if (bulk) await step('search index', () => repos.corpus.endLargeLoad());
    stopIfAsked(options.signal);

    const present = new Set(files.map((f) => f.relPath));
    for (const path of known.keys()) {
      // Feed items are documents without a file: they leave with their feed, not with the corpus folder.
      if (!present.has(path) && !isFeedDocumentPath(path)) {
        await repos.corpus.retireFile(path);
        report.removed += 1;
      }
    }

    stopIfAsked(options.signal);
    const topicChange = await step('topic profile', () => rejudgeIfProfileChanged(repos, options.topic));
    if (topicChange) {
      report.topic = topicChange;
      if (topicChange.nowOnTopic + topicChange.nowOffTopic > 0) existingTouched = true;
    }

    ({ events: report.events } = await completeCorpus(repos, corpusDir, options, parser, report.warnings, {
      eventsWereCurrent,
      existingTouched,
      removed: report.removed,
      addedDocs,
    }));
  } catch (err) {
    if (!(err instanceof Interrupted)) throw err;
    progress?.stop();
    report.interrupted = true;
  } finally {
    await parser.close();
  }
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

/** What a run changed, for deciding how the events are brought up to date. */
interface RunChanges {
  /** Events were complete before this run: new documents can be folded into them. */
  eventsWereCurrent: boolean;
  /** A document that was already there changed or left. */
  existingTouched: boolean;
  removed: number;
  addedDocs: Set<string>;
}

/**
 * The corpus-level steps after documents were written: repeated banners and
 * reprints, dates inferred from shared quotes, titles judged again without
 * banners, then the events — extended when only new documents came in,
 * rebuilt otherwise. Nothing when the events are current.
 */
async function completeCorpus(
  repos: IngestRepositories,
  corpusDir: string,
  options: IngestOptions,
  parser: FileParser,
  warnings: IngestProblem[],
  changes: RunChanges,
): Promise<{ events: IngestReport['events']; touched: Set<string> | null }> {
  if ((await repos.events.current())) return { events: 'unchanged', touched: new Set() };
  const { addedDocs } = changes;
  // Only documents added to a corpus that was complete: repetition and dates
  // are judged again only where the new documents can change them (a 10-item
  // poll into 100,000 articles must not cost a pass over all of them).
  const near = changes.eventsWereCurrent && !changes.existingTouched && changes.removed === 0 && addedDocs.size > 0 ? [...addedDocs] : null;
  // Each step reports the documents it changed; only those are judged again.
  // A stop between steps leaves the events stale, so the next run redoes them all.
  const marks = new Map<string, MarksChange>();
  const repeated = await step(near ? 'repetition near new documents' : 'repetition', () =>
    near ? markRepetitionNear(repos.corpus, near, marks) : markRepetition(repos.corpus),
  );
  if (!near) await recordRepetitionRules(repos.meta);
  stopIfAsked(options.signal);
  const marked = new Set([
    ...repeated,
    ...(await step('date inference', () => inferDatesFromSharedQuotes(repos.corpus, corpusDir, options, warnings, parser, near))),
  ]);
  stopIfAsked(options.signal);
  // The parse threads' memory is given back before events are built.
  await parser.close();
  const rejudged = await step('titles', () => rejudgeWithoutBanners(repos.corpus, options.topic, marked));
  stopIfAsked(options.signal);
  const touched = new Set([...marked, ...rejudged]);
  // Only new documents changed: fold them into the events of their dates.
  // Anything else (an edit, a removal, a banner or reprint newly found in an
  // older document, a crash mid-run) rebuilds every event.
  const older = near ? await step('events: older documents changed', () => olderChangingEvents(repos, [...touched].filter((id) => !addedDocs.has(id)), marks, new Set([...marked].filter((id) => !repeated.has(id))))) : [];
  // What the steps changed, when they ran near the new documents only; a whole-corpus pass may have changed any.
  const changed = near ? touched : null;
  if (near && older.length === 0) {
    await step('events extended', () => extendEvents(repos, near, options.eventFeatures));
    return { events: 'extended', touched: changed };
  }
  // New documents made older ones banners or reprints (or undid it): the
  // events of the dates those and the new ones report are built again.
  if (near && older.length <= MAX_OLDER_REFRESHED && (await step(`events around ${older.length} older documents`, () => refreshEventsAround(repos, near, older, options.refreshMaxDocs ?? REFRESH_MAX_DOCS, options.eventFeatures)))) {
    return { events: 'extended', touched: changed };
  }
  await step('events rebuilt', () => rebuildEvents(repos));
  return { events: 'rebuilt', touched: changed };
}

/** An article that is not a corpus file (a feed item), to be written as one document. */
export interface ArticleWrite {
  /** Its record's path: a feed document path (corpus.ts), never a corpus file's. */
  path: string;
  docId: string;
  article: RawArticle;
  /** Fingerprint of what it was made from: the same hash again is the same document. */
  contentHash: string;
}

export interface ArticlesReport {
  added: string[];
  changed: string[];
  /** Articles with no usable text, by document id. */
  skipped: IngestProblem[];
  warnings: IngestProblem[];
  events: IngestReport['events'];
  /**
   * Every document the write added or changed, by id, older ones whose marks,
   * dates or titles the new ones changed included; null when a whole-corpus
   * pass ran (any may have changed). Readers keeping documents drop these.
   */
  documentsChanged: string[] | null;
}

/** Articles parsed on this thread between yields to the event loop: a long back-fill does not hold up command answers. */
const ARTICLES_PER_SLICE = 25;

/**
 * Write articles that came from elsewhere than the corpus folder (feeds)
 * through the same pipeline as files — parse (furniture, dates, relevance),
 * one write per batch, then the corpus-level steps — so new ones are folded
 * into the events of their dates without a whole-corpus pass. `ingestedAt`
 * is when they arrived (the digest's "new since").
 */
export async function ingestArticles(
  repos: IngestRepositories,
  corpusDir: string,
  articles: ArticleWrite[],
  options: IngestOptions & { ingestedAt: string },
): Promise<ArticlesReport> {
  const report: ArticlesReport = { added: [], changed: [], skipped: [], warnings: [], events: 'unchanged', documentsChanged: null };
  await repos.corpus.endLargeLoad();
  const eventsWereCurrent = (await repos.events.current());
  // Only these articles' records: a poll of ten into 100,000 articles reads ten.
  const known = await repos.corpus.fileRecords(articles.map((a) => a.path));
  const empty = !(await repos.corpus.hasFiles());
  await recordProfileOfEmpty(repos.meta, empty, options.topic);
  const addedDocs = new Set<string>();
  let existingTouched = await repetitionRulesChanged(repos, empty);
  // A large poll (a feed's back-fill) is parsed on worker threads, as a large
  // ingest of files is; a few articles on this thread (a thread's start, with
  // its lexicon, costs about a second).
  const parser = openParser(articles.length, options.topic, options.parseThreads);
  const ahead = new ParseAhead(
    parser,
    articles.map((item) => ({ relPath: item.path, absPath: '', size: 0, article: { docId: item.docId, raw: item.article, hash: item.contentHash } })),
  );
  try {
    for (let start = 0; start < articles.length; start += WRITE_BATCH_FILES) {
      const batch: Array<{ item: ArticleWrite; parsed: ParsedFile }> = [];
      for (const [k, item] of articles.slice(start, start + WRITE_BATCH_FILES).entries()) {
        // Parsed on this thread, a long back-fill must not hold up command answers.
        if (parser.threads === 1 && k > 0 && k % ARTICLES_PER_SLICE === 0) await new Promise((r) => setImmediate(r));
        try {
          batch.push({ item, parsed: await ahead.next() });
        } catch (err) {
          const message = err instanceof SkipFile ? err.message : `could not be parsed (${(err as Error).message.split('\n')[0]})`;
          report.skipped.push({ path: item.docId, message });
          if (known.has(item.path)) {
            await repos.corpus.writeSkipped({ path: item.path, contentHash: item.contentHash, size: 0, mtimeMs: null, status: 'skipped', message });
            existingTouched = true;
          }
        }
      }
      const errors = await repos.corpus.writeFiles(
        batch.map(({ item, parsed }) => ({
          file: { path: item.path, contentHash: item.contentHash, size: 0, mtimeMs: null, status: 'ingested' as const, message: null, format: 'html' as const },
          documents: parsed.writes,
          ingestedAt: options.ingestedAt,
        })),
      );
      for (const [i, { item, parsed }] of batch.entries()) {
        const err = errors[i];
        if (err) {
          report.skipped.push({ path: item.docId, message: `could not be written (${err.message.split('\n')[0]})` });
          continue;
        }
        for (const message of parsed.result.warnings) report.warnings.push({ path: item.docId, message });
        if (known.get(item.path)?.status === 'ingested') {
          report.changed.push(item.docId);
          existingTouched = true;
        } else {
          report.added.push(item.docId);
          for (const d of parsed.result.documents) addedDocs.add(d.id);
        }
      }
    }
    const completed = await completeCorpus(repos, corpusDir, options, parser, report.warnings, {
      eventsWereCurrent,
      existingTouched,
      removed: 0,
      addedDocs,
    });
    report.events = completed.events;
    report.documentsChanged = completed.touched && [...new Set([...report.added, ...report.changed, ...completed.touched])];
  } finally {
    await parser.close();
  }
  return report;
}

/** A corpus-wide step, timed in the debug log (LOG_LEVEL=debug): where a slow ingest spends its time. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  const memory = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  logger.debug(
    { step: name, ms: Math.round(performance.now() - started), rssMb: mb(memory.rss), heapUsedMb: mb(memory.heapUsed), heapTotalMb: mb(memory.heapTotal) },
    'ingest step',
  );
  return result;
}

/**
 * A modification time safe to recognise the file by later, or null. File
 * systems stamp times in coarse ticks (milliseconds to 2 s): a file written
 * again within the tick it was read in keeps its time, so a time that recent
 * is not recorded (git's "racily clean" files); the next run hashes the file
 * and records its time then.
 */
function settledTime(mtimeMs: number): number | null {
  return Date.now() - mtimeMs > SETTLED_MS ? mtimeMs : null;
}
const SETTLED_MS = 2_000;

/** A file's content hash, or a marker that it could not be read (the parse then says why). */
function hashOf(file: CorpusFile): string {
  try {
    return readForIngest(file.absPath, file.size).hash;
  } catch (err) {
    return `unreadable: ${(err as Error).message}`;
  }
}

/**
 * Jobs handed to the parser ahead of the one awaited, at most a fixed
 * number in flight: the workers stay busy while the main thread writes, and
 * memory holds a window of results, not the corpus.
 */
class ParseAhead {
  private readonly inFlight: Array<Promise<ParsedFile>> = [];
  private submitted = 0;
  private readonly window: number;

  constructor(
    private readonly parser: FileParser,
    private readonly jobs: ParseJob[],
  ) {
    this.window = Math.max(WRITE_BATCH_FILES * 2, parser.threads * JOBS_PER_THREAD);
  }

  next(): Promise<ParsedFile> {
    while (this.inFlight.length < this.window && this.submitted < this.jobs.length) {
      const job = this.parser.parse(this.jobs[this.submitted++]!);
      // A rejection is handled when the job's turn comes; until then it must not count as unhandled.
      job.catch(() => undefined);
      this.inFlight.push(job);
    }
    const head = this.inFlight.shift();
    if (!head) return Promise.reject(new Error('no file left to parse'));
    return head;
  }
}

/**
 * A document that states no publication date, but quotes the same words as
 * dated documents, was published no earlier than the first of them reported
 * those words: that date is its inferred publication date. Relative mentions
 * ("on Wednesday") are then resolved against it by parsing again with a hint.
 */
async function inferDatesFromSharedQuotes(
  corpus: CorpusRepository,
  corpusDir: string,
  options: IngestOptions,
  warnings: IngestProblem[],
  /** The run's parser: its threads, still up, parse again (starting threads costs about a second). */
  runParser: FileParser,
  /** Only documents were added, these: only they and their quote neighbours can take a date now. */
  near: string[] | null,
): Promise<Set<string>> {
  const neighbours = near
    ? await corpus.quoteNeighboursNear(near, MIN_SHARED_QUOTE_KEYS, MAX_QUOTE_HOLDERS)
    : await corpus.quoteNeighbours(MIN_SHARED_QUOTE_KEYS, MAX_QUOTE_HOLDERS);
  const hints = new Map<string, string>();
  for (const n of neighbours) {
    if (n.shared < MIN_SHARED_QUOTE_KEYS) continue;
    const current = hints.get(n.docId);
    if (!current || n.neighbourPublished < current) hints.set(n.docId, n.neighbourPublished);
  }
  const docs: Array<{ doc: StoredDocument; absPath: string; size: number; mtimeMs: number }> = [];
  for (const docId of hints.keys()) {
    const doc = await corpus.document(docId);
    const absPath = `${corpusDir}/${doc?.path}`;
    if (doc && doc.publishedFrom === 'unknown' && fs.existsSync(absPath)) {
      const { size, mtimeMs } = fs.statSync(absPath);
      docs.push({ doc, absPath, size, mtimeMs });
    }
  }
  // Parsed again with the hint, all at once (on threads when there are many), written in order.
  const reuse = runParser.threads > 1 || docs.length < MIN_FILES_FOR_THREADS;
  const parser = reuse ? runParser : openParser(docs.length, options.topic, options.parseThreads);
  try {
    return await reparseWithHints(corpus, parser, docs, hints, warnings);
  } finally {
    if (!reuse) await parser.close();
  }
}

async function reparseWithHints(
  corpus: CorpusRepository,
  parser: FileParser,
  docs: Array<{ doc: StoredDocument; absPath: string; size: number; mtimeMs: number }>,
  hints: Map<string, string>,
  warnings: IngestProblem[],
): Promise<Set<string>> {
  const touched = new Set<string>();
  let sameSentences = true;
  const ahead = new ParseAhead(
    parser,
    docs.map(({ doc, absPath, size }) => ({ relPath: doc.path, absPath, size, publishedHint: hints.get(doc.id)! })),
  );
  for (const { doc, size, mtimeMs } of docs) {
    try {
      const { hash, result, writes } = await ahead.next();
      if (hash !== doc.contentHash) continue; // changed since: the next run parses it afresh
      const kept = await corpus.rewriteKeepingRepetition({
        file: { path: doc.path, contentHash: hash, size, mtimeMs: settledTime(mtimeMs), status: 'ingested', message: null, format: doc.format },
        documents: writes,
        ingestedAt: doc.ingestedAt,
      });
      if (!kept) sameSentences = false;
      for (const d of result.documents) touched.add(d.id);
    } catch (err) {
      warnings.push({ path: doc.path, message: `date inference skipped: ${(err as Error).message}` });
    }
  }
  // The hint changes dates, not sentences: the marks were kept, and judging
  // repetition again over the whole corpus (30 s at 100,000 articles) is
  // needed only if some sentence changed.
  if (touched.size > 0 && !sameSentences) for (const id of await markRepetition(corpus)) touched.add(id);
  return touched;
}

/**
 * A banner found only across documents was part of the text when the parser
 * chose the title and judged relevance: judge both again without it, for
 * the documents whose banners or text changed in this run (`ids`).
 */
async function rejudgeWithoutBanners(corpus: CorpusRepository, topic: TopicProfile, ids: Set<string>): Promise<Set<string>> {
  const changed = new Set<string>();
  const docs = ids.size > 0 ? await corpus.documentsWithBanners(ids) : [];
  for (const doc of docs) {
    const judged = judgedText(doc);
    if (!judged) continue;
    const { relevance, relevant } = scoreRelevance(judged.text, topic);
    if (judged.title !== doc.title || relevant !== doc.relevant) changed.add(doc.id);
    await corpus.updateVerdict(doc.id, { title: judged.title, relevance, relevant });
  }
  return changed;
}

/**
 * Repetition marks judged under other rules (store/repetition-rules.ts):
 * the events are marked stale and the run counts as touching older
 * documents, so it judges the whole corpus, which records the rules. An
 * empty database has nothing judged otherwise: the rules are recorded now.
 */
async function repetitionRulesChanged(repos: IngestRepositories, empty: boolean): Promise<boolean> {
  if (empty) {
    await recordRepetitionRules(repos.meta);
    return false;
  }
  if (await marksFollowRules(repos.meta)) return false;
  await repos.events.markStale();
  return true;
}

/**
 * An empty database: everything is judged by this run under this profile,
 * whichever way its first documents come in (files or a feed).
 */
async function recordProfileOfEmpty(meta: MetaRepository, empty: boolean, topic: TopicProfile): Promise<void> {
  if (empty && (await meta.get(TOPIC_PROFILE_HASH)) === null) await meta.set(TOPIC_PROFILE_HASH, profileHash(topic));
}

const REJUDGE_PAGE_DOCS = 500;

/**
 * Verdicts were given under the profile whose hash the database records.
 * Another profile (BRIEFING_TOPIC_FILE changed, or edited) re-judges every
 * document and marks events for a rebuild; a database without a record but
 * with documents is re-judged too, since its profile is not known.
 */
async function rejudgeIfProfileChanged(repos: IngestRepositories, topic: TopicProfile): Promise<TopicChange | undefined> {
  const hash = profileHash(topic);
  const previous = await repos.meta.get(TOPIC_PROFILE_HASH);
  if (previous === hash) return undefined;
  const ids = (await repos.corpus.documents()).map((d) => d.id);
  let nowOnTopic = 0;
  let nowOffTopic = 0;
  // A page of documents' sentences at a time: the whole corpus's would not fit in memory at 100,000 articles.
  for (let start = 0; start < ids.length; start += REJUDGE_PAGE_DOCS) {
    for (const doc of await repos.corpus.documentTexts(ids.slice(start, start + REJUDGE_PAGE_DOCS))) {
      const judged = judgedText(doc);
      if (!judged) continue;
      const { relevance, relevant } = scoreRelevance(judged.text, topic);
      if (relevant !== doc.relevant) relevant ? nowOnTopic++ : nowOffTopic++;
      await repos.corpus.updateVerdict(doc.id, { title: judged.title, relevance, relevant });
    }
  }
  if (nowOnTopic + nowOffTopic > 0) await repos.events.markStale();
  await repos.meta.set(TOPIC_PROFILE_HASH, hash);
  if (previous === null && ids.length === 0) return undefined;
  return { profile: topic.name, hash, previousHash: previous, rejudged: ids.length, nowOnTopic, nowOffTopic };
}

/**
 * Fold the sentences of new documents into the events of their dates (and the
 * day either side), leaving every other event as it is: the cost follows the
 * new documents, not the corpus.
 */
async function extendEvents(repos: Pick<IngestRepositories, 'corpus' | 'events'>, docIds: string[], features: EventFeatures | undefined): Promise<void> {
  const sentences = await repos.corpus.analysisSentences({ docIds });
  await foldIntoEvents(repos, NewReports.of(sentences, features), topicWeights(sentences));
}

/**
 * Fold these new reports into the events of their dates (and the day either
 * side: `existing`, read when not given); only the events they joined or
 * made are written.
 */
async function foldIntoEvents(repos: Pick<IngestRepositories, 'corpus' | 'events'>, reports: NewReports, topics: Map<string, number>, existing?: Event[]): Promise<void> {
  // Without members (most of what a read of 7,000 events costs): the reports are new documents', never members yet, and the few events they join get theirs below.
  existing ??= await step('events of their dates read', () => repos.events.on([...reports.joinableDates()], { members: false }));
  const events = await step(`${existing.length} events and ${reports.candidates.length} reports clustered`, async () => assignToEvents(existing, reports));
  // An event no new sentence joined comes back as the same object: only the others are written.
  const unchanged = new Set(existing);
  const written = events.filter((e) => !unchanged.has(e));
  // A joined event keeps the members it held, and its search text is what it
  // had with its new members' texts added (its members' texts read again
  // were 1 s of a 1,000-item poll).
  const had = new Set(existing.map((e) => e.id));
  const held = await step('members of the events they joined read', () => repos.events.heldParts(written.filter((e) => had.has(e.id)).map((e) => e.id)));
  const texts: MemberTexts = new Map(reports.candidates.map((c) => [memberKey(c.s), c.s.text]));
  /** A joined event's members beside those it held: the reports' sentences it took. */
  const joinedBy = new Map<string, Event['members']>();
  const complete = written.map((e) => {
    const parts = held.get(e.id);
    if (!parts) return e;
    const keys = new Set(parts.members.map(memberKey));
    const added = e.members.filter((m) => !keys.has(memberKey(m)));
    joinedBy.set(e.id, added);
    return { ...e, members: [...parts.members, ...added].sort(byDocumentPosition) };
  });
  const searchText = (e: Event): string => {
    const parts = held.get(e.id);
    if (!parts) return searchTextOf(e, texts);
    const added = joinedBy.get(e.id)!.flatMap((m) => texts.get(memberKey(m)) ?? []);
    return [parts.searchText, ...added, ...e.entities.filter((name) => !parts.searchText.includes(name))].join(' ');
  };
  await step(`${complete.length} events written`, () => repos.events.upsert(complete, searchText, topics));
}

/**
 * The older documents (`older`, changed in this run) whose change can change
 * an event. A change of banner paragraphs alone changes none when the
 * document's event candidates are its sentences the events already hold,
 * and every paragraph whose marks changed comes after all of them: a
 * candidate is judged from its own sentence and those before it (the lede,
 * a speaker, a headline leaning on the previous sentence), never after.
 * Most documents a new one makes a banner carrier are like that; a new
 * reprint, a date or a verdict changed are not (`otherwise`: changed by a
 * step other than repetition).
 */
async function olderChangingEvents(repos: Pick<IngestRepositories, 'corpus' | 'events'>, older: string[], marks: Map<string, MarksChange>, otherwise: Set<string>): Promise<string[]> {
  const quietCandidates = older.filter((id) => {
    const m = marks.get(id);
    return m && !otherwise.has(id) && m.was.duplicateOf === m.now.original;
  });
  if (quietCandidates.length === 0) return older;
  const heldBy = new Map<string, Set<number>>();
  for (const e of await repos.events.citing(quietCandidates)) {
    for (const m of e.members) {
      const set = heldBy.get(m.docId) ?? new Set<number>();
      set.add(m.index);
      heldBy.set(m.docId, set);
    }
  }
  const sentences = await repos.corpus.analysisSentences({ docIds: quietCandidates });
  const byDoc = new Map<string, AnalysisSentence[]>();
  for (const s of sentences) byDoc.set(s.docId, [...(byDoc.get(s.docId) ?? []), s]);
  const quiet = new Set<string>();
  for (const id of quietCandidates) {
    const m = marks.get(id)!;
    const docSentences = byDoc.get(id) ?? [];
    const held = heldBy.get(id) ?? new Set<number>();
    const members = new Set<number>();
    for (const c of candidatesOf(docSentences)) for (const index of [c.s.index, ...(c.also ?? []).map((a) => a.index)]) members.add(index);
    if (members.size !== held.size || [...members].some((i) => !held.has(i))) continue;
    const flipped = new Set([...m.was.banners, ...m.now.paragraphs].filter((p) => m.was.banners.includes(p) !== m.now.paragraphs.includes(p)));
    const lastMember = Math.max(-1, ...docSentences.filter((s) => members.has(s.index)).map((s) => s.paragraph));
    if ([...flipped].every((p) => p > lastMember)) quiet.add(id);
  }
  return older.filter((id) => !quiet.has(id));
}

/**
 * Documents whose events a poll builds again around what it changed before
 * it folds its new documents in instead (reading and clustering them costs
 * about as much as a rebuild of that many documents).
 */
const REFRESH_MAX_DOCS = 5_000;

/** Older documents changed by new ones past which every event is rebuilt (the dates they touch are most of the corpus's). */
const MAX_OLDER_REFRESHED = 2_000;

/**
 * The events of every date the new documents (`added`) and the older
 * documents they changed (`older`: now a reprint or carrying a banner, or
 * no longer) report, and the day either side, built again from their
 * members (the older documents' sentences as they are now) and the new
 * sentences: what a rebuild gives those dates. When those dates hold more
 * than `maxDocs` documents (a back-fill of a thousand items spans most of
 * the corpus's dates), only the older documents' dates are built again and
 * the new documents' other sentences are folded into the events of their
 * dates as extendEvents does, so the cost follows the change, not the
 * corpus. False when even the older documents' dates are past `maxDocs`.
 */
async function refreshEventsAround(
  repos: Pick<IngestRepositories, 'corpus' | 'events'>,
  added: string[],
  older: string[],
  maxDocs: number,
  features: EventFeatures | undefined,
): Promise<boolean> {
  const sentences = await repos.corpus.analysisSentences({ docIds: [...added, ...older] });
  const candidates = candidatesOf(sentences);
  const addedSet = new Set(added);
  const addedTopics = topicWeights(sentences.filter((s) => addedSet.has(s.docId)));
  const olderDates = new Set<string>();
  for (const c of candidates) if (!addedSet.has(c.s.docId)) for (const d of withNeighbours(c.when.date)) olderDates.add(d);
  for (const e of await repos.events.citing(older)) for (const d of withNeighbours(e.date)) olderDates.add(d);
  const allDates = new Set(olderDates);
  for (const c of candidates) if (addedSet.has(c.s.docId)) for (const d of withNeighbours(c.when.date)) allDates.add(d);
  const changed = new Set([...added, ...older]);
  // Without members: a date's documents are its events' sources; members are read for the dates built again.
  const onAll = await step(`events of ${allDates.size} dates read`, () => repos.events.on([...allDates], { members: false }));
  if (await rebuildDates(repos, allDates, onAll, changed, candidates, addedTopics, maxDocs)) return true;
  const onOlder = onAll.filter((e) => olderDates.has(e.date));
  const rebuilt = await rebuildDates(repos, olderDates, onOlder, changed, candidates.filter((c) => olderDates.has(c.when.date)), addedTopics, maxDocs);
  if (!rebuilt) return false;
  const outside = new NewReports(candidates.filter((c) => addedSet.has(c.s.docId) && !olderDates.has(c.when.date)), features);
  if (outside.candidates.length === 0) return true;
  // The events as they are now (what a read of their dates would give, in its order): the swap replaced those of the older dates and any others with a rebuilt one's id.
  const replaced = new Set([...onOlder, ...rebuilt].map((e) => e.id));
  const joinable = outside.joinableDates();
  const now = [...onAll.filter((e) => !replaced.has(e.id)), ...rebuilt].filter((e) => joinable.has(e.date)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await step(`${outside.candidates.length} other new reports folded in`, () => foldIntoEvents(repos, outside, new Map(), now));
  return true;
}

/**
 * The events of `dates` (`onDates`, read without members) built again from
 * their members that are not in `changed` documents and from `fresh` (the
 * changed documents' candidates of those dates), as a rebuild would build
 * them, and written in their place; null, with nothing read or written,
 * when their members come from more than `maxDocs` documents.
 */
async function rebuildDates(
  repos: Pick<IngestRepositories, 'corpus' | 'events'>,
  dates: Set<string>,
  onDates: Event[],
  changed: Set<string>,
  fresh: Candidate[],
  topics: Map<string, number>,
  maxDocs: number,
): Promise<Event[] | null> {
  // An event's sources are the documents of its members.
  const memberDocs = new Set<string>();
  for (const e of onDates) for (const id of e.sourceIds) if (!changed.has(id)) memberDocs.add(id);
  if (memberDocs.size > maxDocs) return null;
  const existing = await step(`events of ${dates.size} dates read with members`, () => repos.events.on([...dates]));
  // Their members, as candidates again (read with their whole documents: ledes and headlines are judged per document).
  const members = new Set<string>();
  for (const e of existing) for (const m of e.members) if (!changed.has(m.docId)) members.add(memberKey(m));
  const kept = candidatesOf(await step(`sentences of ${memberDocs.size} documents read`, () => repos.corpus.analysisSentences({ docIds: [...memberDocs] }))).filter((c) => members.has(memberKey(c.s)));
  const candidates = [...kept, ...fresh].sort(byCandidateOrder);
  // The texts a rebuild gives the search text (the candidates', as rebuildEvents).
  const texts: MemberTexts = new Map(candidates.map((c) => [memberKey(c.s), c.s.text]));
  const events = eventsOfCandidates(candidates);
  await step('dates built again', () => repos.events.swap(existing.map((e) => e.id), events, (e) => searchTextOf(e, texts), topics));
  return events;
}

/** How a rebuild is cut up (tests use small sizes to exercise the large-corpus paths). */
export interface RebuildSizes {
  singleBuildMaxDocs: number;
  sliceDocs: number;
  writeEvents: number;
  threadedReadMinDocs: number;
}

/**
 * Rebuild every event from the corpus's dated sentences, with the topic
 * suggestions. The corpus is read a page of documents at a time: only the
 * event candidates (with their texts, for the search index) stay in memory.
 */
export async function rebuildEvents(
  repos: Pick<IngestRepositories, 'corpus' | 'events'>,
  sizes: RebuildSizes = { singleBuildMaxDocs: SINGLE_BUILD_MAX_DOCS, sliceDocs: REBUILD_SLICE_DOCS, writeEvents: REBUILD_WRITE_EVENTS, threadedReadMinDocs: THREADED_READ_MIN_DOCS },
): Promise<void> {
  const ids = await repos.corpus.analysisDocumentIds();
  if (ids.length > sizes.singleBuildMaxDocs) return rebuildInSlices(repos, ids, sizes);
  // Half the documents are read, and their candidates found, on a thread of
  // their own while this thread does the other half (10,000 articles: 1.9 →
  // ~1 s of the 4.9 s build); then every pair of reports is considered at once.
  const reader = openSliceReader(repos.corpus, ids.length >= sizes.threadedReadMinDocs);
  let read: SliceReports;
  try {
    const half = Math.ceil(ids.length / 2);
    const theirs = reader.read(ids.slice(half));
    theirs.catch(() => undefined); // handled below
    const mine = await readSlice(repos.corpus, ids.slice(0, half));
    read = mergeSlices([mine, await theirs]);
  } finally {
    await reader.close();
  }
  const events = eventsOfCandidates(read.candidates);
  const texts: MemberTexts = new Map(read.candidates.map((c) => [memberKey(c.s), c.s.text]));
  await repos.events.replace(events, (e) => searchTextOf(e, texts), read.topics);
}

/** Below this many documents a single-pass rebuild reads on this thread only (a thread costs more than it saves). */
const THREADED_READ_MIN_DOCS = 2_000;

/**
 * Up to this many documents, events are built in one pass over the whole
 * corpus (every pair of reports considered at once). Beyond, the candidates
 * of a whole corpus no longer fit a modest memory budget (100,000 articles:
 * 2.9 GB), so events are built a slice of documents at a time.
 */
const SINGLE_BUILD_MAX_DOCS = 10_000;
/** Documents per slice of a large rebuild. */
const REBUILD_SLICE_DOCS = 10_000;

/** Events written per transaction at the end of a large rebuild (their member texts are read at once). */
const REBUILD_WRITE_EVENTS = 10_000;

/**
 * A large corpus's events, built as if its documents had arrived a slice at
 * a time in publication order: each slice is folded into the events the
 * earlier ones made (the incremental path every new article takes). The
 * events are held in memory, by date, with their word features, between
 * slices (re-reading and re-featurising most of them for every slice was
 * most of the rebuild's time), and written once at the end. Each slice is
 * read and its candidates found on a thread of their own while the slice
 * before is folded in (event-slices.ts; 100,000 articles: 63 → 44 s).
 * Memory follows the events and two slices, not the corpus. The events stay
 * stale until the last are written, so a run killed half-way rebuilds again.
 */
async function rebuildInSlices(
  repos: Pick<IngestRepositories, 'corpus' | 'events'>,
  ids: string[],
  sizes: { sliceDocs: number; writeEvents: number },
): Promise<void> {
  await repos.events.clear();
  const held = new EventsByDate();
  const features = new EventFeatures();
  const topics = new Map<string, number>();
  const slices: string[][] = [];
  for (let start = 0; start < ids.length; start += sizes.sliceDocs) slices.push(ids.slice(start, start + sizes.sliceDocs));
  const reader = openSliceReader(repos.corpus);
  try {
    let next = reader.read(slices[0] ?? []);
    for (const [k, slice] of slices.entries()) {
      const current = next;
      // The next slice is read (on the reader's thread) while this one is folded in.
      if (k + 1 < slices.length) {
        next = reader.read(slices[k + 1]!);
        next.catch(() => undefined); // handled when its turn comes
      }
      await step(`events slice ${k + 1} (${slice.length} documents)`, async () => {
        const read = await current;
        addTopics(topics, read.topics);
        const reports = new NewReports(read.candidates, features);
        const dates = reports.joinableDates();
        held.replace(dates, assignToEvents(held.on(dates), reports));
      });
    }
  } finally {
    await reader.close();
  }
  const events = held.all();
  for (let start = 0; start < events.length; start += sizes.writeEvents) {
    const chunk = events.slice(start, start + sizes.writeEvents);
    const texts = await memberTexts(repos.corpus, chunk);
    await repos.events.upsert(chunk, (e) => searchTextOf(e, texts), start === 0 ? topics : new Map(), false);
  }
  await repos.events.markCurrent();
}

/** Events held in memory by date during a rebuild. */
class EventsByDate {
  private readonly byDate = new Map<string, Event[]>();

  /** The events of these dates, by id (the order the repository gives: clustering depends on input order). */
  on(dates: Set<string>): Event[] {
    const out: Event[] = [];
    for (const d of dates) out.push(...(this.byDate.get(d) ?? []));
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The events of these dates are now `events` (every one dated within them). */
  replace(dates: Set<string>, events: Event[]): void {
    for (const d of dates) this.byDate.delete(d);
    for (const e of events) {
      const list = this.byDate.get(e.date);
      if (list) list.push(e);
      else this.byDate.set(e.date, [e]);
    }
  }

  all(): Event[] {
    return [...this.byDate.values()].flat();
  }
}

type MemberTexts = Map<string, string>;

/** The texts of these events' member sentences, by member key. */
async function memberTexts(corpus: CorpusRepository, events: Event[]): Promise<MemberTexts> {
  const texts: MemberTexts = new Map();
  for (const s of await corpus.sentenceTexts(events.flatMap((e) => e.members))) texts.set(memberKey(s), s.text);
  return texts;
}

/** What a topic filter searches: every member sentence and the entities. */
function searchTextOf(e: Event, texts: MemberTexts): string {
  return [...e.members.map((m) => texts.get(memberKey(m)) ?? ''), ...e.entities].join(' ');
}

/** How often each person and organisation is named: autocomplete ranks by it. */
function topicWeights(sentences: AnalysisSentence[]): Map<string, number> {
  return countTopics(new Map(), sentences);
}

