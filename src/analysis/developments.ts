/**
 * Events → developments: one happening as a reader is told it. Clustering
 * (cluster.ts) merges reports of the same sentence-sized fact across
 * documents and folds a sentence leaning on the one before (events.ts);
 * here the facts one article gives about one happening on one day (the
 * package, then each of its parts; the visit, then who was met) become one
 * development: its lead is the most salient of them, the others are its
 * facts, and it cites every source.
 *
 * Two events are one development when they are on the same date, share a
 * reporting document, and share an amount, or a subject: two of the rarer
 * words they say (names set aside), or one with a named actor. An article
 * names its main actor in most of its sentences, so an actor alone is not
 * enough: a visit's peace talks and its partnership treaty are two. Events
 * of different documents, which clustering kept apart, are one only when
 * they share ACROSS_DOCUMENTS of the rarer words. A bare call or meeting
 * ("The Prime Minister spoke to X this morning.") is the frame of what its
 * readout says next: it joins a development of its document on its date,
 * and leads one only when its document says nothing else that day. A
 * speaker's own account with no figure or number in it ("We agreed to keep up the
 * pressure", "I also visited a school") is told with what the same document
 * reports that day, when it reports anything else: the statement or the
 * speech is one development, not one per sentence of it. A development is never chained through
 * a fact: each event joins the development whose lead it matches, so one
 * busy article cannot pull a whole day into one item.
 */
import type { Event } from '../core/model.js';
import { amountKeys } from './amounts.js';
import { isSpeakerAccount } from './attribution.js';
import { isBareContact } from './informativeness.js';
import { sourceSet } from './event-sources.js';
import { hasCount } from './sentence-kind.js';
import { contentStemSet, coreStems, entityKeys } from './text.js';

export interface Development {
  /** The event that speaks for it: its headline, date and id. */
  lead: Event;
  /** Further events reporting the same happening, most salient first. */
  facts: Event[];
  /** Every document reporting it, the lead's first. */
  sourceIds: string[];
  /** The lead's salience, lifted a little by each further fact. */
  salience: number;
}

/** A word used by more than this share of the events (and more than RARE_MIN_EVENTS of them) is the corpus's, not a subject's. */
const RARE_SHARE = 0.15;
const RARE_MIN_EVENTS = 3;
/** Rarer words two events of one document, each with a figure of its own, must share to be one development. */
const DISTINCT_FIGURES = 3;
/** Rarer words two events of different documents must share to be one development (clustering missed them). */
const ACROSS_DOCUMENTS = 4;
/** Salience each further fact adds (log-scaled): a well-documented happening matters more, not linearly. */
const PER_FACT = 0.3;

interface Features {
  docs: ReadonlySet<string>;
  entities: ReadonlySet<string>;
  amounts: ReadonlySet<string>;
  /** Carries a figure: an amount, or a count of things. */
  figure: boolean;
  core: ReadonlySet<string>;
}

/** What an event's words say about it, which depends on its text and entities alone (see readingOf). */
interface Reading {
  text: string;
  entities: readonly string[];
  core: ReadonlySet<string>;
  count: boolean;
  bare: boolean;
  account: boolean;
}

/**
 * Readings kept between calls: a timeline weighs the same couple of thousand
 * events on every call, and stemming and classifying their texts again was
 * about a third of a timeline's time at 10,000 articles. Bounded: cleared
 * when full (a corpus's events number in the thousands to tens of thousands).
 */
const READINGS_KEPT = 50_000;
const readings = new Map<string, Reading>();

function readingOf(e: Event): Reading {
  // By id, checked against the words it was read from: an id keeps its text unless the event was rebuilt.
  let r = readings.get(e.id);
  if (!r || r.text !== e.text || r.entities.join('\u0001') !== e.entities.join('\u0001')) {
    if (readings.size >= READINGS_KEPT) readings.clear();
    r = {
      text: e.text,
      entities: e.entities,
      core: withoutFigures(coreStems(contentStemSet(e.text), e.entities)),
      count: hasCount(e.text),
      bare: isBareContact(e.text),
      // A figure of any kind ("the mobilisation of 200 military personnel") is the speaker's news, not their account.
      account: !/\d/.test(e.text) && isSpeakerAccount(e.text),
    };
    readings.set(e.id, r);
  }
  return r;
}

/** Per event object (events are shared between queries until they change: store/event-cache.ts); only read, never changed. */
const featuresKept = new WeakMap<Event, Features>();

function featuresOf(e: Event): Features {
  let f = featuresKept.get(e);
  if (!f) {
    const r = readingOf(e);
    f = {
      docs: sourceSet(e),
      entities: entityKeys(e.entities),
      amounts: new Set(amountKeys(e.amounts)),
      figure: e.amounts.length > 0 || r.count,
      core: r.core,
    };
    featuresKept.set(e, f);
  }
  return f;
}

/** "£2.2 billion" and "£1.6 billion" share "billion": a magnitude is part of an amount (compared as amounts), not a word of the subject. */
const FIGURE_WORD = /^(?:million|billion|thousand|trillion|bn|per|cent|percent)$/;

function withoutFigures(core: Set<string>): Set<string> {
  for (const w of core) if (FIGURE_WORD.test(w)) core.delete(w);
  return core;
}

function intersects<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  // A widely reported event cites thousands of documents: walk the smaller set.
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
}

/**
 * Same subject: the rarer words two events share (a word most of the
 * events use, "Ukraine" in a Ukraine corpus, tells nothing): two of them, or
 * one with a shared actor.
 */
function sameDevelopment(a: Features, b: Features, rare: (stem: string) => boolean): boolean {
  let shared = 0;
  for (const w of a.core) if (b.core.has(w) && rare(w)) shared++;
  // Two outlets' ledes worded apart ("British troops could be sent to Ukraine for training …").
  if (!intersects(a.docs, b.docs)) return shared >= ACROSS_DOCUMENTS;
  if (intersects(a.amounts, b.amounts)) return true;
  // Each with its own figure (a loan, then 150 barrels in the same speech): a verb and a country in common are not one subject.
  if (a.figure && b.figure) return shared >= DISTINCT_FIGURES;
  return shared >= 2 || (shared >= 1 && intersects(a.entities, b.entities));
}

/**
 * Developments of these events, in the order of their leads (pass events
 * best first: the first of a happening leads it). `weight` ranks events when
 * the caller ranks by more than salience (a topic match). Developments
 * never span dates, so a caller needing only some dates' (`onDates`) gets
 * exactly those it would find among all of them: which words are rare is
 * still judged over every event.
 */
export function developmentsOf(
  events: readonly Event[],
  weight: (e: Event) => number = (e) => e.salience,
  onDates?: ReadonlySet<string>,
): Development[] {
  const byDate = new Map<string, Array<{ dev: Development; f: Features; cited: Set<string> | null }>>();
  const out: Development[] = [];
  const df = new Map<string, number>();
  for (const e of events) for (const w of readingOf(e).core) df.set(w, (df.get(w) ?? 0) + 1);
  const common = Math.max(RARE_MIN_EVENTS, RARE_SHARE * events.length);
  const wanted = onDates ? events.filter((e) => onDates.has(e.date)) : events;
  const bare = new Set(wanted.filter((e) => readingOf(e).bare));
  const account = new Set(wanted.filter((e) => e.amounts.length === 0 && readingOf(e).account));
  const ranked = [...wanted].sort((a, b) => Number(bare.has(a)) - Number(bare.has(b)) || weight(b) - weight(a));
  const features = ranked.map(featuresOf);
  const rare = (w: string) => (df.get(w) ?? 0) <= common;
  ranked.forEach((e, i) => {
    const f = features[i]!;
    const onDate = byDate.get(e.date) ?? [];
    const home = onDate.find((d) => sameDevelopment(d.f, f, rare) || ((bare.has(e) || account.has(e)) && intersects(d.f.docs, f.docs)));
    if (home) {
      home.dev.facts.push(e);
      // Copied only when a fact joins: most developments are their lead alone, and a lead may cite thousands.
      if (!home.cited) {
        home.cited = new Set(home.dev.lead.sourceIds);
        home.dev.sourceIds = [...home.dev.lead.sourceIds];
      }
      for (const id of e.sourceIds) {
        if (home.cited.has(id)) continue;
        home.cited.add(id);
        home.dev.sourceIds.push(id);
      }
      return;
    }
    // The lead's own list until a fact joins (it is never changed through here).
    const dev: Development = { lead: e, facts: [], sourceIds: e.sourceIds, salience: weight(e) };
    onDate.push({ dev, f, cited: null });
    byDate.set(e.date, onDate);
    out.push(dev);
  });
  // A speaker's account told with it is not another report of it: it adds nothing to how well documented it is.
  for (const d of out) {
    const reports = d.facts.filter((f) => !account.has(f)).length;
    d.salience = Math.round((d.salience + PER_FACT * Math.log(1 + reports)) * 10_000) / 10_000;
  }
  return out;
}
