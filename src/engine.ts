/**
 * The engine: the corpus answers every command and the digest ask for,
 * assembled from the repositories (what was ingested) and analysis (how to read it).
 */
import { summarizeDevelopments } from './analysis/development-summary.js';
import { DEFAULT_SUMMARY_SENTENCES, summarize, TextFacts } from './analysis/summary.js';
import { hasCount } from './analysis/sentence-kind.js';
import { contentStemSet, setCosine } from './analysis/text.js';
import { chooseTimeline } from './analysis/timeline.js';
import { topicMatcher } from './analysis/topic.js';
import { eventDateOf } from './analysis/event-date.js';
import { EventFeatures } from './analysis/events.js';
import { dayNumber, fromDayNumber, periodOf } from './core/partial-date.js';
import type { AnalysisSentence } from './analysis/types.js';
import type {
  CorpusStats,
  Engine,
  EventQuery,
  IngestProgress,
  IngestReport,
  RangeQuery,
  SummaryResult,
  TimelineQuery,
  TimelineResult,
} from './core/engine.js';
import type { Event, SearchHit, SourceDocument, SourceRef } from './core/model.js';
import { ingestArticles, ingestCorpus, type ArticlesReport, type ArticleWrite } from './ingest/run.js';
import { loadTopicProfile } from './topic/profile.js';
import { parseSearchQuery, type SearchQuery } from './store/search-query.js';
import { judgedText } from './ingest/verdict.js';
import { explainRelevance } from './topic/relevance.js';
import type { CorpusRepositories } from './store/repositories.js';
import { markCorpusChanged } from './store/corpus-generation.js';
import { DocumentCache } from './store/document-cache.js';
import { EventCache } from './store/event-cache.js';
import { CORPUS_LEASE, type RunOnce } from './run-once.js';

export interface EngineOptions {
  corpusDir: string;
  /**
   * The corpus, its events and meta, opened (and migrated) by the composition
   * root (src/app.ts), or read-only for a query thread; closed with the engine.
   */
  repositories: CorpusRepositories;
  /**
   * Ingest of the corpus folder runs on one instance at a time among those
   * sharing the database (the corpus lease); absent, this engine is the
   * only writer (tests, a query thread's read-only engine).
   */
  runOnce?: Pick<RunOnce, 'hold'>;
  /** Topic profile JSON (BRIEFING_TOPIC_FILE); default: UK support for Ukraine. */
  topicFile?: string;
  /** Worker threads a large ingest parses on (BRIEFING_PARSE_THREADS; default one per core, at most 4). */
  parseThreads?: number;
  now?: () => Date;
  /**
   * Answer queries over a database another engine (the writer) keeps up to
   * date: a read-only connection, no migrations, no ingest (query threads).
   */
  readOnly?: boolean;
}

const DEFAULT_TIMELINE_LIMIT = 20;
/** Events a summary's developments are chosen from: the most salient (or best matching) this many. */
const SUMMARY_EVENTS = 400;
/** What a development's figures (a sum, or a count of things) add to its importance for a summary (salience.ts already counts a sum once). */
const SUMMARY_FIGURE_BONUS = 0.6;
/** Fewer developments than this, and the summary adds sentences (an undated corpus has few). */
const MIN_SUMMARY_POINTS = 5;
/** A sentence this similar to a point already made repeats it. */
const SUMMARY_REPEATS = 0.55;
/** Candidate sentences a summary considers (the newest first): enough for MMR, bounded for speed. */
const SUMMARY_CANDIDATES = 2000;
/** Distinct sentence texts whose summary facts (words, stems) are kept between summaries (~1 kB each). */
const SUMMARY_FACTS_KEPT = 20_000;
/** Existing events whose word features are kept between polls folding new documents in (~0.7 kB each). */
const EVENT_FEATURES_KEPT = 50_000;
/**
 * A topic timeline ranks finely (salience × topic match) only the most
 * salient matching events: this many, or this many per entry asked for.
 */
const TIMELINE_CANDIDATES = 400;
/**
 * Events a timeline without a topic weighs dates over: the most salient this
 * many (a date's weight is its reports; the least salient events change no
 * date's rank), bounded for speed.
 */
const TIMELINE_POOL = 2000;
const TIMELINE_CANDIDATES_PER_ENTRY = 10;

export class BriefingEngine implements Engine {
  readonly repositories: CorpusRepositories;
  private readonly topic: ReturnType<typeof loadTopicProfile>;
  private readonly now: () => Date;
  /** The documents answers cite, kept until the corpus changes. */
  private readonly documents: DocumentCache;
  /** Words and stems of sentence texts, kept between summaries (they depend on the text alone). */
  private readonly summaryFacts = new TextFacts(SUMMARY_FACTS_KEPT);
  private readonly eventFeatures = new EventFeatures(EVENT_FEATURES_KEPT);
  /** Events read without members, kept until the events change. */
  private readonly eventCache: EventCache;
  /** One ingest at a time: a digest and a command may both ask for a refresh. */
  private refreshing: Promise<IngestReport> | null = null;
  /** The ingest running now (corpus refresh or feed articles): the next one waits for it. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: EngineOptions) {
    this.repositories = options.repositories;
    this.eventCache = new EventCache(options.repositories.events);
    this.documents = new DocumentCache(options.repositories.corpus, options.repositories.meta);
    this.topic = loadTopicProfile(options.topicFile);
    this.now = options.now ?? (() => new Date());
  }

  get corpusDir(): string {
    return this.options.corpusDir;
  }

  refresh(progress?: IngestProgress, signal?: AbortSignal): Promise<IngestReport> {
    if (this.options.readOnly) return Promise.reject(new Error('a read-only engine does not ingest; its writer does'));
    const ingest = async () => {
      const report = await ingestCorpus(this.repositories, this.options.corpusDir, {
        topic: this.topic,
        parseThreads: this.options.parseThreads,
        eventFeatures: this.eventFeatures,
        progress,
        now: this.now,
        signal,
      });
      if (report.added || report.changed || report.removed || report.topic) await markCorpusChanged(this.repositories.meta, null);
      return report;
    };
    const { runOnce } = this.options;
    this.refreshing ??= this.oneWriter(async () => {
      if (!runOnce) return ingest();
      // A CLI run ingesting is waited for; an instance keeping the corpus (serve) is left to it.
      const held = await runOnce.hold(CORPUS_LEASE, ingest, { waitForOneOff: true });
      return held.ran ? held.value : ingestedElsewhere(held.holder);
    }).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Write articles that are not corpus files (feed items), arrived at `ingestedAt`, through the same ingest path. */
  ingestArticles(articles: ArticleWrite[], ingestedAt: string): Promise<ArticlesReport> {
    if (this.options.readOnly) return Promise.reject(new Error('a read-only engine does not ingest; its writer does'));
    return this.oneWriter(async () => {
      const report = await ingestArticles(this.repositories, this.options.corpusDir, articles, {
        topic: this.topic,
        parseThreads: this.options.parseThreads,
        eventFeatures: this.eventFeatures,
        now: this.now,
        ingestedAt,
      });
      if (report.added.length || report.changed.length) await markCorpusChanged(this.repositories.meta, report.documentsChanged);
      return report;
    });
  }

  /**
   * One ingest at a time (a corpus refresh and a feed poll both run the
   * corpus-level steps). What was read of the documents is dropped by the
   * corpus generation an ingest that changed them writes (store/document-cache.ts).
   */
  private oneWriter<T>(run: () => Promise<T>): Promise<T> {
    const result = this.writing.then(run, run);
    this.writing = result.catch(() => undefined);
    return result;
  }

  async timeline(query: TimelineQuery): Promise<TimelineResult> {
    const limit = query.limit ?? DEFAULT_TIMELINE_LIMIT;
    // Dates are chosen by how much of the coverage points at them, so the
    // choice needs more than the few events shown: the most salient pool.
    const pool = Math.max(TIMELINE_POOL, limit * TIMELINE_CANDIDATES_PER_ENTRY);
    let events: Event[];
    let total: number;
    let weight: ((e: Event) => number) | undefined;
    if (query.topic) {
      // The best few hundred by salience are ranked, not every match (a common
      // word matches most events); the total is still counted exactly.
      const ranked = await this.rankedMatches(query, Math.max(TIMELINE_CANDIDATES, limit * TIMELINE_CANDIDATES_PER_ENTRY));
      events = ranked.map((r) => r.e);
      const byEvent = new Map(ranked.map((r) => [r.e, r.rank]));
      weight = (e) => byEvent.get(e) ?? e.salience;
      total = await this.matchingCount(query);
    } else {
      const [from, to] = rangeBounds(query);
      events = await this.eventCache.find({ from, to, limit: pool, members: false });
      total = await this.repositories.events.count({ from, to });
    }
    // The default answer is the story; a caller asking for a limit may see what its articles recall too.
    const chosen = chooseTimeline(events, limit, weight, { background: query.limit === undefined ? 'omit' : 'last' });
    const docs = await this.documents.of(chosen.flatMap((d) => d.sourceIds));
    return {
      total,
      entries: chosen.map((d) => ({
        date: d.lead.date,
        precision: d.lead.precision,
        text: d.lead.text,
        sources: this.refs(d.sourceIds, docs),
        eventId: d.lead.id,
        facts: d.facts.map((f) => f.text),
      })),
    };
  }

  async summary(query: RangeQuery): Promise<SummaryResult> {
    const [from, to] = rangeBounds(query);
    const match = query.topic ? parseSearchQuery(query.topic) : null;
    if (query.topic && !match) return { topic: query.topic, sentences: [] };
    // Points are developments, the most important first, across the story.
    const ranked = query.topic
      ? await this.rankedMatches(query, SUMMARY_EVENTS)
      : (await this.eventCache.find({ from, to, limit: SUMMARY_EVENTS, members: false })).map((e) => ({ e, rank: e.salience }));
    // A summary's points are its facts: a development with figures in it (a sum, or a count: "107 properties have flooded") tells more than a call or a visit.
    for (const r of ranked) if (r.e.amounts.length || hasCount(r.e.text)) r.rank += SUMMARY_FIGURE_BONUS;
    const rankOf = new Map(ranked.map((r) => [r.e, r.rank]));
    const points: Array<{ text: string; docIds: string[]; facts: string[] }> = summarizeDevelopments(
      ranked.map((r) => r.e),
      DEFAULT_SUMMARY_SENTENCES,
      (e) => rankOf.get(e) ?? e.salience,
    ).map((p) => ({ text: p.text, docIds: p.sourceIds, facts: p.development.facts.map((f) => f.text) }));
    // A corpus with few dated developments (undated documents) is summarised from its sentences too.
    if (points.length < MIN_SUMMARY_POINTS) {
      const sentences = from || to ? await this.sentencesDatedWithin(from, to, match ?? undefined) : await this.repositories.corpus.analysisSentences({ match: match ?? undefined, limit: SUMMARY_CANDIDATES });
      const said = points.map((p) => contentStemSet(p.text));
      for (const p of summarize(sentences, { topic: query.topic, facts: this.summaryFacts })) {
        if (points.length >= DEFAULT_SUMMARY_SENTENCES) break;
        const stems = contentStemSet(p.text);
        if (said.some((s) => setCosine(s, stems) >= SUMMARY_REPEATS)) continue;
        said.push(stems);
        points.push({ ...p, facts: [] });
      }
    }
    const docs = await this.documents.of(points.flatMap((p) => p.docIds));
    return {
      topic: query.topic ?? null,
      sentences: points.map((p) => ({ text: p.text, sources: this.refs(p.docIds, docs), facts: p.facts })),
    };
  }


  /**
   * Summary candidates whose happening is dated within [from, to], the same
   * meaning `from`/`to` have for the timeline (the event's date, not the
   * article's). A sentence is never dated after its article (event-date.ts,
   * rule 1), so an article published before `from` cannot qualify; one
   * published after `to` can (it recalls the period), hence the second read.
   */
  private async sentencesDatedWithin(from: string | undefined, to: string | undefined, match: SearchQuery | undefined) {
    const within = (s: AnalysisSentence) => {
      const date = eventDateOf(s)?.date;
      if (!date) return false;
      const [start, end] = periodOf(date);
      return (!from || start >= from) && (!to || end <= to);
    };
    const reported = await this.repositories.corpus.analysisSentences({ from, to, match, limit: SUMMARY_CANDIDATES });
    const recalled = to
      ? await this.repositories.corpus.analysisSentences({ from: fromDayNumber(dayNumber(to)! + 1), match, limit: SUMMARY_CANDIDATES })
      : [];
    return [...reported, ...recalled].filter(within);
  }

  async explainRelevance(id: string) {
    const [document] = await this.sourcesOf([id]);
    if (!document) return null;
    const [stored] = await this.repositories.corpus.documentTexts([id]);
    const judged = stored && judgedText(stored);
    const explanation = explainRelevance(judged ? judged.text : document.title, this.topic);
    return { document, profile: this.topic.name, explanation };
  }

  async sources(): Promise<SourceDocument[]> {
    return this.repositories.corpus.sourceDocuments();
  }

  async sourcesOf(ids: readonly string[]): Promise<SourceDocument[]> {
    const docs = await this.documents.of(ids);
    const out: SourceDocument[] = [];
    for (const id of ids) {
      const d = docs.get(id);
      // A copy: callers may keep or change what they are given.
      if (d) out.push({ ...d });
    }
    return out;
  }

  async search(query: string, limit = 10): Promise<SearchHit[]> {
    const match = parseSearchQuery(query);
    return match ? this.repositories.corpus.searchSentences(match, limit) : [];
  }

  async events(query: EventQuery): Promise<Event[]> {
    return this.matchingEvents(query);
  }

  async suggestTopics(prefix: string, limit: number): Promise<string[]> {
    return this.repositories.events.suggestTopics(prefix.trim(), limit);
  }

  async stats(): Promise<CorpusStats> {
    const s = await this.repositories.corpus.stats();
    return { ...s, events: await this.repositories.events.count() };
  }

  async close(): Promise<void> {
    await this.writing;
    await this.repositories.close();
  }

  /**
   * Events matching the query, best first. With `candidates`, only that many
   * of the most salient matches are ranked, and without their members (a
   * timeline shows a few); without, all of them (the digest needs every match
   * in its window).
   */
  private async matchingEvents(query: EventQuery, candidates?: number): Promise<Event[]> {
    return (await this.rankedMatches(query, candidates)).map((r) => r.e);
  }

  /** matchingEvents with each event's rank (salience, lifted by the topic match when there is a topic). */
  private async rankedMatches(query: EventQuery, candidates?: number): Promise<Array<{ e: Event; rank: number }>> {
    const match = query.topic ? parseSearchQuery(query.topic) : null;
    if (query.topic && !match) return [];
    const [from, to] = rangeBounds(query);
    const events = await this.eventCache.find({
      from,
      to,
      match: match ?? undefined,
      arrivedSince: query.arrivedSince,
      arrivedUntil: query.arrivedUntil,
      limit: candidates,
      // A timeline shows an event's text and sources, never its member sentences.
      members: candidates === undefined,
    });
    if (!query.topic) return events.map((e) => ({ e, rank: e.salience }));
    // FTS found the candidates; the matcher ranks them (entity-aware, stemmed).
    const score = topicMatcher(query.topic);
    return events.map((e) => ({ e, rank: e.salience * (1 + score(e.text, e.entities)) })).sort((a, b) => b.rank - a.rank);
  }

  /** How many events `matchingEvents` would rank without a bound. */
  private async matchingCount(query: EventQuery): Promise<number> {
    const match = query.topic ? parseSearchQuery(query.topic) : null;
    if (query.topic && !match) return 0;
    const [from, to] = rangeBounds(query);
    return this.repositories.events.count({
      from,
      to,
      match: match ?? undefined,
      arrivedSince: query.arrivedSince,
      arrivedUntil: query.arrivedUntil,
    });
  }

  private refs(ids: readonly string[], docs: Map<string, Readonly<SourceDocument>>): SourceRef[] {
    const out: SourceRef[] = [];
    for (const id of ids) {
      const d = docs.get(id);
      if (d) out.push({ id: d.id, title: d.title, outlet: d.outlet, published: d.published, url: d.url });
    }
    return out;
  }
}

/** A refresh another instance does for this one: nothing read here. */
function ingestedElsewhere(holder: string): IngestReport {
  return { added: 0, changed: 0, unchanged: 0, removed: 0, skipped: [], warnings: [], durationMs: 0, events: 'unchanged', ingestedBy: holder };
}

function rangeBounds(query: RangeQuery): [string | undefined, string | undefined] {
  return [
    query.from ? periodOf(query.from)[0] : undefined,
    query.to ? periodOf(query.to)[1] : undefined,
  ];
}
