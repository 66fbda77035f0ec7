/**
 * Sentences → events. A sentence becomes an event candidate when it has a
 * date (see event-date.ts) and is a statement rather than a fragment,
 * question, boilerplate or bare opinion quote; candidates reporting the same
 * happening are merged across documents (cluster.ts); each event is spoken
 * for by its most informative member and ranked by salience.
 *
 * Output order: best first (salience desc, then date, then id). The engine
 * sorts the timeline by date itself.
 */
import { createHash } from 'node:crypto';
import type { Amount, DatePrecision, Event } from '../core/model.js';
import { amountKeys, mergeAmounts } from './amounts.js';
import { clusterItem, clusterItems, type ClusterItem } from './cluster.js';
import { eventDateOf, type DatingContext, type EventDate } from './event-date.js';
import { dayNumber, precisionOf, withNeighbours } from '../core/partial-date.js';
import { resolveContinuation } from './attribution.js';
import { headlineOf, leansOnPrevious, type Neighbours } from './headline.js';
import { headlineScore, isBareContact, judgeSentence } from './informativeness.js';
import { salienceOf } from './salience.js';
import {
  hasWeakPronounOpener,
  isBareQuote,
  isFactLike,
  isFragment,
  isQuestion,
  needsPreviousSentence,
} from './sentence-kind.js';
import { contentStemSet, entityKeys } from './text.js';
import type { AnalysisDoc, AnalysisSentence } from './types.js';

/** What an event keeps of a member sentence: a whole corpus of candidates is held while clustering. */
type MemberSentence = Pick<AnalysisSentence, 'docId' | 'index' | 'text' | 'amounts' | 'doc'>;

/** A sentence that reports a dated happening, with its clustering features: plain data (it crosses threads). */
export interface Candidate extends ClusterItem {
  s: MemberSentence;
  when: EventDate;
  entities: string[];
  rank: number;
  /**
   * What the event shows when this member speaks for it, the sentence made to
   * stand alone (headline.ts); absent when that is the sentence as it is
   * (candidates of a whole corpus are held at once: no second copy of each text).
   */
  headline?: string;
  /**
   * Further sentences of the same document reporting the same development,
   * folded into this one: a sentence leaning on this one ("It includes £92
   * million for the navy") on the same date. Its facts, not another event.
   */
  also?: Array<{ index: number; amounts: Amount[] }>;
  /** Its document's first statement: what the writer judged the news. */
  lede?: true;
}

/** A sentence's key: document and position. */
export const memberKey = (m: { docId: string; index: number }) => `${m.docId}\u0000${m.index}`;

/** Sentences (or members) in document order: by document id, then position. */
export function byDocumentPosition(a: { docId: string; index: number }, b: { docId: string; index: number }): number {
  return cmp(a.docId, b.docId) || a.index - b.index;
}

/** Why a sentence is not an event, or null when it is one (with its date). */
export function eventCandidateDate(s: AnalysisSentence, context: DatingContext = {}): EventDate | null {
  if (s.boilerplate) return null;
  // Cheapest test first (this runs on every sentence of the corpus): no date
  // mention and no usable publication day can never be dated.
  if (s.dates.length === 0 && (!s.doc.published || s.doc.publishedFrom === 'unknown')) return null;
  const text = s.text.trim();
  if (isFragment(text) || isQuestion(text) || needsPreviousSentence(text)) return null;
  const when = eventDateOf(s, context);
  if (!when) return null;
  // Opinion inside quotation marks, or a line leaning on the previous one
  // ("His comments mark a change …"), with no fact in it is not a happening.
  if ((isBareQuote(text) || hasWeakPronounOpener(text)) && !isFactLike(text, s.amounts.length)) return null;
  // Ceremony, procedure, rhetoric, recap and furniture are talk around a development, not one.
  if (!judgeSentence({ text, amountCount: s.amounts.length, entityCount: s.people.length + s.organisations.length }).reports) return null;
  return when;
}

function toCandidate(s: AnalysisSentence, when: EventDate, neighbours: Neighbours, lede: boolean): Candidate {
  const entities = [...s.people, ...s.organisations];
  const keys = entityKeys(entities);
  const features = clusterItem({
    date: when.date,
    day: when.precision === 'day' ? dayNumber(when.date) : null,
    text: s.text,
    entities,
    entityKeys: keys,
    amountKeys: amountKeys(s.amounts),
  });
  const member: MemberSentence = { docId: s.docId, index: s.index, text: s.text, amounts: s.amounts, doc: s.doc };
  const headline = headlineOf(s, neighbours);
  const item: Candidate = { ...features, s: member, when, entities, rank: 0 };
  if (headline !== s.text) item.headline = headline;
  if (lede) item.lede = true;
  item.rank = headlineScore({
    text: headline,
    amountCount: s.amounts.length,
    entityCount: keys.size,
    statesDate: when.from === 'mention',
    publishedStated: s.doc.publishedFrom === 'stated',
    lede,
  });
  return item;
}

/** The order candidates are clustered in (clustering depends on input order): date, document, position. */
export function byCandidateOrder(a: Candidate, b: Candidate): number {
  return cmp(a.date, b.date) || cmp(a.s.docId, b.s.docId) || a.s.index - b.s.index;
}

/**
 * The event candidates of these sentences (every sentence of a document in
 * the same call: ledes are judged per document), one per (document,
 * position), in byCandidateOrder.
 */
export function candidatesOf(sentences: AnalysisSentence[]): Candidate[] {
  const ledes = ledeIndexes(sentences);
  const ordered = [...sentences].sort(byDocumentPosition);
  const byPosition = new Map<string, AnalysisSentence>();
  for (const s of ordered) if (!byPosition.has(memberKey(s))) byPosition.set(memberKey(s), s);
  const neighbours: Neighbours = (s, offset) => byPosition.get(memberKey({ docId: s.docId, index: s.index + offset }));
  const byKey = new Map<string, Candidate>();
  /** The candidate a folded sentence went into, by the folded sentence's key. */
  const hostOf = new Map<string, Candidate>();
  for (const stored of ordered) {
    const key = memberKey(stored);
    if (byKey.has(key) || hostOf.has(key)) continue;
    // "He added: “…”" stands alone once its speaker is named (attribution.ts).
    const s = withSpeaker(stored, neighbours);
    const lede = ledes.get(s.docId) === s.index;
    const when = eventCandidateDate(s, { lede });
    if (!when) continue;
    // A sentence leaning on the one before, about the same day: a further fact of that development.
    const before = memberKey({ docId: s.docId, index: s.index - 1 });
    const host = byKey.get(before) ?? hostOf.get(before);
    if (host && host.when.date === when.date && leansOnPrevious(s.text, byPosition.get(before)?.text)) {
      (host.also ??= []).push({ index: s.index, amounts: s.amounts });
      hostOf.set(key, host);
      continue;
    }
    byKey.set(key, toCandidate(s, when, neighbours, lede));
  }
  return [...byKey.values()].sort(byCandidateOrder);
}

/** A carried-on quotation ("He added: “…”") with the speaker an earlier sentence names put in place of the pronoun. */
function withSpeaker(s: AnalysisSentence, neighbours: Neighbours): AnalysisSentence {
  if (!needsPreviousSentence(s.text)) return s;
  const earlier: string[] = [];
  for (let back = 1; back <= 3; back++) {
    const prev = neighbours(s, -back);
    if (!prev) break;
    if (!prev.boilerplate) earlier.push(prev.text);
  }
  const text = resolveContinuation(s.text, earlier);
  return text ? { ...s, text } : s;
}

/**
 * Each document's first statement (not boilerplate, not a fragment): its
 * lede. A readout's opening call ("The Prime Minister spoke to X this
 * morning.") is its frame, not its news: the lede is what follows.
 */
function ledeIndexes(sentences: AnalysisSentence[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of sentences) {
    if (s.boilerplate || isFragment(s.text) || isQuestion(s.text) || isBareContact(s.text)) continue;
    const at = out.get(s.docId);
    if (at === undefined || s.index < at) out.set(s.docId, s.index);
  }
  return out;
}

/** Events of these sentences (every sentence of a document must be in the same call). */
export function buildEvents(sentences: AnalysisSentence[]): Event[] {
  return eventsOfCandidates(candidatesOf(sentences));
}

/** Events of these candidates (in byCandidateOrder), every pair of reports considered at once. */
export function eventsOfCandidates(cands: Candidate[]): Event[] {
  const events = clusterItems(cands).map((g) => eventOf(g.map((i) => cands[i]!)));
  return finalise(events);
}

/**
 * Best first, ids unique. An event in `keeping` (already stored: digests and
 * links cite it) keeps its id; another event whose id is taken gets the
 * first free suffix ("-2", "-3", …), best first, so it is deterministic.
 */
function finalise(events: Event[], keeping: ReadonlySet<Event> = new Set()): Event[] {
  events.sort(byBestFirst);
  const taken = new Set<string>();
  for (const e of keeping) taken.add(e.id);
  // The next suffix to try for an id: many reports alike must not make this quadratic.
  const nextSuffix = new Map<string, number>();
  for (const e of events) {
    if (keeping.has(e)) continue;
    if (taken.has(e.id)) {
      let n = nextSuffix.get(e.id) ?? 2;
      while (taken.has(`${e.id}-${n}`)) n++;
      nextSuffix.set(e.id, n + 1);
      e.id = `${e.id}-${n}`;
    }
    taken.add(e.id);
  }
  return events;
}

function byBestFirst(a: Event, b: Event): number {
  return b.salience - a.salience || cmp(a.date, b.date) || cmp(a.id, b.id);
}

/** Representative first: most informative, then stated date, earliest published, doc id, position. */
function byRepresentative(a: Candidate, b: Candidate): number {
  return b.rank - a.rank || byDocQuality(a.s.doc, b.s.doc) || a.s.index - b.s.index;
}

/** "Best source first": a stated publication date, then earliest published, then id. */
export function byDocQuality(a: AnalysisDoc, b: AnalysisDoc): number {
  const from = { stated: 0, inferred: 1, unknown: 2 } as const;
  return (
    from[a.publishedFrom] - from[b.publishedFrom] ||
    cmp(a.published ?? '\uffff', b.published ?? '\uffff') ||
    cmp(a.id, b.id)
  );
}

/** Every sentence of these candidates, folded ones too, by document and position. */
function membersOf(cands: Candidate[]): Array<{ docId: string; index: number }> {
  return cands
    .flatMap((m) => [{ docId: m.s.docId, index: m.s.index }, ...(m.also ?? []).map((a) => ({ docId: m.s.docId, index: a.index }))])
    .sort(byDocumentPosition);
}

function headlineOfMember(c: Candidate): string {
  return c.headline ?? c.s.text.trim();
}

function eventOf(members: Candidate[]): Event {
  const ordered = [...members].sort(byRepresentative);
  const rep = ordered[0]!;
  const { date, precision } = eventDate(members);
  const docs = uniqueDocs(members).sort(byDocQuality);
  const entities = mergeEntities(ordered.map((m) => m.entities));
  const amounts = mergeAmounts(ordered.flatMap((m) => [m.s.amounts, ...(m.also ?? []).map((a) => a.amounts)]));
  const meanRelevance = docs.reduce((n, d) => n + (d.relevance ?? 0), 0) / docs.length;
  return {
    id: eventId(date, rep.s.text, amounts),
    date,
    precision,
    text: headlineOfMember(rep),
    sourceIds: docs.map((d) => d.id),
    members: membersOf(members),
    entities,
    amounts,
    salience: salienceOf({
      sourceCount: docs.length,
      memberCount: members.reduce((n, m) => n + 1 + (m.also?.length ?? 0), 0),
      meanRelevance,
      hasAmounts: amounts.length > 0,
      precision,
      entityCount: entityKeys(entities).size,
      text: headlineOfMember(rep),
      headlineRank: rep.rank,
      lede: members.some((m) => m.lede),
    }),
    firstSeen: members.map((m) => m.s.doc.ingestedAt).sort()[0] ?? '',
  };
}

/**
 * The event's date: what its sentences state beats the publication day
 * standing in; among those, the most common date, then the earliest.
 */
function eventDate(members: Candidate[]): { date: string; precision: DatePrecision } {
  const stated = members.filter((m) => m.when.from === 'mention');
  const pool = stated.length ? stated : members;
  const counts = new Map<string, number>();
  for (const m of pool) counts.set(m.when.date, (counts.get(m.when.date) ?? 0) + 1);
  const [date] = [...counts.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0]!;
  return { date, precision: precisionOf(date)! };
}

function uniqueDocs(members: Candidate[]): AnalysisDoc[] {
  const out = new Map<string, AnalysisDoc>();
  for (const m of members) if (!out.has(m.s.docId)) out.set(m.s.docId, m.s.doc);
  return [...out.values()];
}

/**
 * People and organisations of all members, each named once in its fullest
 * form ("Healey" folds into "John Healey"), most mentioned first.
 */
export function mergeEntities(lists: string[][]): string[] {
  const count = new Map<string, { name: string; n: number }>();
  for (const list of lists) {
    for (const raw of list) {
      const name = raw.trim();
      if (!name) continue;
      const k = name.toLowerCase();
      const c = count.get(k);
      if (c) c.n++;
      else count.set(k, { name, n: 1 });
    }
  }
  const all = [...count.values()];
  const kept = all.filter(
    (e) => !all.some((o) => o !== e && o.name.length > e.name.length && o.name.toLowerCase().endsWith(` ${e.name.toLowerCase()}`)),
  );
  for (const e of kept) {
    for (const o of all) if (!kept.includes(o) && e.name.toLowerCase().endsWith(` ${o.name.toLowerCase()}`)) e.n += o.n;
  }
  return kept.sort((a, b) => b.n - a.n || cmp(a.name, b.name)).map((e) => e.name);
}

/**
 * Stable for the same happening across runs: the date, the amounts and the
 * stemmed content words of the representative sentence, hashed.
 */
export function eventId(date: string, text: string, amounts: Amount[]): string {
  const terms = [...contentStemSet(text)].sort().join(' ');
  const basis = `${date}|${amountKeys(amounts).join(',')}|${terms}`;
  return `ev_${createHash('sha1').update(basis).digest('hex').slice(0, 16)}`;
}

/**
 * The word features of existing events, worked out once per event object
 * and kept while the caller folds slice after slice into the same events (a
 * large rebuild): an event no slice joined is not featurised again. An event
 * that grows comes back as a new object, so its features are worked out anew.
 *
 * With `keep`, features are also kept by event id for at most that many
 * events, across the objects a store reads afresh (a feed poll reads its
 * dates' events again each time: their features were a third of a 10-item
 * poll into 100,000 articles); an event whose date, text, entities or
 * amounts differ from when they were kept is worked out again.
 */
export class EventFeatures {
  private readonly items = new WeakMap<Event, ClusterItem>();
  private readonly byId = new Map<string, { basis: string; item: ClusterItem }>();

  constructor(private readonly keep = 0) {}

  of(e: Event): ClusterItem {
    let item = this.items.get(e);
    if (item) return item;
    const basis = this.keep > 0 ? featureBasis(e) : '';
    const kept = this.keep > 0 ? this.byId.get(e.id) : undefined;
    if (kept && kept.basis === basis) item = kept.item;
    else {
      item = clusterItem({
        date: e.date,
        day: e.precision === 'day' ? dayNumber(e.date) : null,
        text: e.text,
        entities: e.entities,
        entityKeys: entityKeys(e.entities),
        amountKeys: amountKeys(e.amounts),
        fixed: true,
      });
      if (this.keep > 0) this.remember(e.id, basis, item);
    }
    this.items.set(e, item);
    return item;
  }

  private remember(id: string, basis: string, item: ClusterItem): void {
    // Oldest kept first dropped: Map keeps insertion order.
    this.byId.delete(id);
    this.byId.set(id, { basis, item });
    if (this.byId.size > this.keep) this.byId.delete(this.byId.keys().next().value!);
  }
}

/** Everything an event's features are worked out from (EventFeatures.of). */
function featureBasis(e: Event): string {
  return JSON.stringify([e.date, e.precision, e.text, e.entities, amountKeys(e.amounts)]);
}

/**
 * New sentences' event candidates, each judged once: first the dates of the
 * events they can join (the caller loads those events), then folded into
 * them by assignToEvents. `features` may carry the existing events'
 * features over from an earlier slice (see EventFeatures).
 */
export class NewReports {
  constructor(
    /** In byCandidateOrder (as candidatesOf and readSlice give them). */
    readonly candidates: Candidate[],
    readonly features: EventFeatures = new EventFeatures(),
  ) {}

  static of(sentences: AnalysisSentence[], features?: EventFeatures): NewReports {
    return new NewReports(candidatesOf(sentences), features);
  }

  /**
   * Each candidate's date and, for a day, the day either side: events of
   * other dates cannot change, so an incremental caller loads only these.
   */
  joinableDates(): Set<string> {
    const dates = new Set<string>();
    for (const { when } of this.candidates) for (const d of withNeighbours(when.date)) dates.add(d);
    return dates;
  }
}

/**
 * Incremental clustering: fold new sentences into existing events of their
 * date window, or make new events. Existing events keep their id and
 * representative text (digests and links rely on them); their sources,
 * members, entities, amounts and salience grow. Returns every event, existing
 * and new, best first; an existing event no new sentence joined comes back as
 * the same object, and every existing event keeps its id. `existing` is not
 * mutated.
 */
export function assignToEvents(existing: Event[], news: NewReports | AnalysisSentence[]): Event[] {
  const reports = news instanceof NewReports ? news : NewReports.of(news);
  const known = new Set<string>();
  for (const e of existing) for (const m of e.members) known.add(memberKey(m));
  // Ledes were judged on the whole input, so leaving out known sentences cannot promote another one.
  const fresh = reports.candidates.filter((c) => !known.has(memberKey(c.s)));
  const features = reports.features;

  const items: ClusterItem[] = [...existing.map((e) => features.of(e)), ...fresh];
  const groups = clusterItems(items);

  const out: Event[] = [];
  const kept = new Set<Event>();
  for (const g of groups) {
    const old = g.filter((i) => i < existing.length).map((i) => existing[i]!);
    const added = g.filter((i) => i >= existing.length).map((i) => fresh[i - existing.length]!);
    const base = old[0];
    const event = !base ? eventOf(added) : added.length === 0 ? base : grow(base, added);
    if (base) kept.add(event);
    out.push(event);
  }
  return finalise(out, kept);
}

function grow(base: Event, added: Candidate[]): Event {
  const newDocs = uniqueDocs(added)
    .filter((d) => !base.sourceIds.includes(d.id))
    .sort(byDocQuality);
  const sourceIds = [...base.sourceIds, ...newDocs.map((d) => d.id)];
  const entities = mergeEntities([base.entities, ...added.map((a) => a.entities)]);
  const amounts = mergeAmounts([base.amounts, ...added.flatMap((a) => [a.s.amounts, ...(a.also ?? []).map((x) => x.amounts)])]);
  const members = [...base.members, ...membersOf(added)].sort(byDocumentPosition);
  // Relevance of the old sources is not carried on Event; grow the corroboration part only.
  const salience =
    Math.round((base.salience + 1.2 * (Math.log(1 + sourceIds.length) - Math.log(1 + base.sourceIds.length))) * 10_000) /
    10_000;
  const firstSeen = [base.firstSeen, ...added.map((a) => a.s.doc.ingestedAt)].filter(Boolean).sort()[0] ?? '';
  return { ...base, sourceIds, entities, amounts, members, salience, firstSeen };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
