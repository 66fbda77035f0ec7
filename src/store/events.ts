/**
 * Events (developments: sentences merged across and within articles) and the
 * topic names offered for autocomplete, as analysis last built them from the
 * corpus. Rebuildable from the corpus at any time; ingest keeps them current.
 *
 * Whether the events are current is one flag with two named operations:
 * corpus writes mark them stale (CorpusRepository, in the same transaction
 * as the write), `replace`, a completing `upsert` and `markCurrent` mark them
 * current, and
 * ingest asks `current()` to know whether it may fold new documents in or
 * must rebuild. No module reads or writes the flag any other way.
 */
import type { Event } from '../core/model.js';
import type { SearchQuery } from './search-query.js';

export interface EventQuery {
  /** Full-day bounds, YYYY-MM-DD: events whose whole period (day, month or year) lies within them. */
  from?: string;
  to?: string;
  /** Only events whose search text (member sentences, entities) matches. */
  match?: SearchQuery;
  /** Only events first seen (ISO time) at or after / at or before. */
  arrivedSince?: string;
  arrivedUntil?: string;
  /** At most this many, best first (salience desc, then date, then id); all when absent. */
  limit?: number;
  /**
   * false: leave `members` empty. Only tracing an event back to its sentences
   * needs them, and a big event has thousands.
   */
  members?: boolean;
}

/** The text an event is found by (its member sentences' words and its entities), computed by the caller. */
export type SearchTextOf = (e: Event) => string;

/** What an event holds beside what event reads give (see heldParts). */
export interface HeldParts {
  members: Event['members'];
  searchText: string;
}

export interface EventRepository {
  /** True when the events reflect every document written so far (see the module comment). */
  current(): Promise<boolean>;
  /** Mark the events stale without touching them (a changed topic profile re-judged documents). */
  markStale(): Promise<void>;
  /** Remove every event and topic name, leaving the events stale (a rebuild follows). */
  clear(): Promise<void>;
  /** Replace all events and topic weights, and mark them current; one transaction. */
  replace(events: Event[], searchText: SearchTextOf, topics: Map<string, number>): Promise<void>;
  /**
   * Add or replace these events (by id) and add to the topic weights,
   * leaving the rest; one transaction. `complete` false: a rebuild is still
   * adding events and they stay stale until a call with `complete` true.
   */
  upsert(events: Event[], searchText: SearchTextOf, topics: Map<string, number>, complete?: boolean): Promise<void>;
  /** After a rebuild that added its events in chunks (`upsert` with `complete` false): they are current now. */
  markCurrent(): Promise<void>;

  /** Events citing any of these documents (as a source). */
  citing(docIds: string[]): Promise<Event[]>;
  /**
   * In one transaction: remove the events `removed` (ids), add or replace
   * `events`, add to topic weights, and mark the events current (a part of
   * the dates rebuilt around documents that changed).
   */
  swap(removed: string[], events: Event[], searchText: SearchTextOf, topics: Map<string, number>): Promise<void>;

  /** Events matching the query, best first (salience desc, date, id). */
  find(query: EventQuery): Promise<Event[]>;
  /** The ids of what `find` returns, in its order. */
  findIds(query: EventQuery): Promise<string[]>;
  /** These events without their members, in no particular order (an id no event has is left out). */
  byIds(ids: string[]): Promise<Event[]>;
  /**
   * What reads of these events may leave out: their members and the text
   * they were written with for a topic filter to search (an id no event has
   * is left out). Folding reports into events reads the events without
   * members and these for the few the reports joined.
   */
  heldParts(ids: string[]): Promise<Map<string, HeldParts>>;
  /** Changes whenever events are written (events-freshness.ts EVENTS_VERSION_KEY): what a copy of them read earlier belongs to. */
  version(): Promise<string | null>;
  /** How many events `find` would return without a limit. */
  count(query?: EventQuery): Promise<number>;
  /** Events dated exactly one of these (YYYY-MM-DD, YYYY-MM or YYYY), by id; without members when `members` is false. */
  on(dates: string[], options?: { members?: boolean }): Promise<Event[]>;
  /**
   * Topic names starting with `prefix` (or with a word of them starting so),
   * case-insensitive: prefix matches of the whole name first, then by weight, then name.
   */
  suggestTopics(prefix: string, limit: number): Promise<string[]>;
}
