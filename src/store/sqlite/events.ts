/**
 * Events and topic names in SQLite (events with its FTS5 index events_fts,
 * topics; made by the corpus's migration 1, ordered by migration 3 below).
 * The contract is ../events.ts. Whether the events are current is kept
 * through events-freshness.ts, here and, in the same transaction as a
 * corpus write, by the corpus (markEvents).
 */
import type Database from 'better-sqlite3';
import type { Event } from '../../core/model.js';
import { periodSql } from '../../core/partial-date.js';
import { EVENTS_FRESHNESS_KEY, EVENTS_VERSION_KEY, freshnessValue, isCurrent } from '../events-freshness.js';
import type { EventQuery, EventRepository, HeldParts, SearchTextOf } from '../events.js';
import type { Migration } from '../migrations.js';
import { toEvent, type Row } from '../rows.js';
import { quotedTerms } from '../search-query.js';
import { filters } from './filters.js';
import { advanceMeta, readMeta, writeMeta } from './meta.js';

/** Version 3, after the corpus's 1 and 2 (whose version 1 made the events and topics tables). */
export const eventMigrations: Migration[] = [
  {
    version: 3,
    name: 'events in salience order',
    // A timeline without a topic takes the most salient events: an index walk
    // that stops at the limit, not a sort of every event.
    up: `CREATE INDEX events_salience ON events(salience DESC, date, id);`,
    presentIn: (db) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'events_salience'").get() !== undefined,
  },
];

/** Columns of an Event: not search_text (what a topic filter searches; up to 80 kB for a big event, and never read back). */
const eventColumns = (members: boolean) =>
  `e.id, e.date, e.precision, e.text, e.source_ids, ${members ? 'e.members' : "'[]' AS members"}, e.entities, e.amounts, e.salience, e.first_seen`;

/** First and last day of an event's date at its precision (YYYY, YYYY-MM or YYYY-MM-DD). */
const { start: PERIOD_START, end: PERIOD_END } = periodSql('e.date');

/**
 * Mark the events current or stale, inside the caller's transaction when
 * there is one (a corpus write marks them stale with it), with the ids of
 * the events it wrote or removed (null: possibly all; a corpus write changes none).
 */
export function markEvents(db: Database.Database, current: boolean, changed: readonly string[] | null = []): void {
  const freshness = freshnessValue(current);
  // A step only when something a reader keeps changed: the 256 files of a write batch mark the events stale once, not 256 times.
  const unchanged = changed !== null && changed.length === 0 && readMeta(db, EVENTS_FRESHNESS_KEY) === freshness;
  writeMeta(db, EVENTS_FRESHNESS_KEY, freshness);
  if (!unchanged) markEventsWritten(db, changed);
}

/** The events changed: readers keeping copies of them drop those (version-steps.ts). */
function markEventsWritten(db: Database.Database, changed: readonly string[] | null): void {
  advanceMeta(db, EVENTS_VERSION_KEY, changed);
}

export class SqliteEvents implements EventRepository {
  constructor(private readonly db: Database.Database) {}

  async current(): Promise<boolean> {
    return isCurrent(readMeta(this.db, EVENTS_FRESHNESS_KEY));
  }

  async version(): Promise<string | null> {
    return readMeta(this.db, EVENTS_VERSION_KEY);
  }

  async markStale(): Promise<void> {
    markEvents(this.db, false);
  }

  async markCurrent(): Promise<void> {
    markEvents(this.db, true);
  }

  async clear(): Promise<void> {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM events; DELETE FROM topics;');
      markEvents(this.db, false, null);
    }).immediate();
  }

  async replace(events: Event[], searchText: SearchTextOf, topics: Map<string, number>): Promise<void> {
    const insertTopic = this.db.prepare('INSERT OR REPLACE INTO topics (name, weight) VALUES (?, ?)');
    this.db.transaction(() => {
      this.db.exec('DELETE FROM events; DELETE FROM topics;');
      this.insertEvents(events, searchText);
      for (const [name, weight] of topics) insertTopic.run(name, weight);
      markEvents(this.db, true, null);
    }).immediate();
  }

  async upsert(events: Event[], searchText: SearchTextOf, topics: Map<string, number>, complete = true): Promise<void> {
    // Delete then insert: a REPLACE would skip the delete trigger that keeps events_fts in step.
    const remove = this.db.prepare('DELETE FROM events WHERE id = ?');
    const addTopic = this.db.prepare(
      'INSERT INTO topics (name, weight) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET weight = weight + excluded.weight',
    );
    this.db.transaction(() => {
      for (const e of events) remove.run(e.id);
      this.insertEvents(events, searchText);
      for (const [name, weight] of topics) addTopic.run(name, weight);
      const written = events.map((e) => e.id);
      if (complete) markEvents(this.db, true, written);
      else markEventsWritten(this.db, written);
    }).immediate();
  }

  async citing(docIds: string[]): Promise<Event[]> {
    if (docIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT ${eventColumns(true)} FROM events e WHERE EXISTS (
           SELECT 1 FROM json_each(e.source_ids) j WHERE j.value IN (SELECT value FROM json_each(?)))
         ORDER BY e.id`,
      )
      .all(JSON.stringify(docIds)) as Row[];
    return rows.map(toEvent);
  }

  async swap(removed: string[], events: Event[], searchText: SearchTextOf, topics: Map<string, number>): Promise<void> {
    // Delete then insert, as upsert: the delete trigger keeps events_fts in step.
    const remove = this.db.prepare('DELETE FROM events WHERE id = ?');
    const addTopic = this.db.prepare(
      'INSERT INTO topics (name, weight) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET weight = weight + excluded.weight',
    );
    this.db.transaction(() => {
      const ids = [...new Set([...removed, ...events.map((e) => e.id)])];
      for (const id of ids) remove.run(id);
      this.insertEvents(events, searchText);
      for (const [name, weight] of topics) addTopic.run(name, weight);
      markEvents(this.db, true, ids);
    }).immediate();
  }

  private insertEvents(events: Event[], searchText: SearchTextOf): void {
    const insert = this.db.prepare(
      `INSERT INTO events (id, date, precision, text, source_ids, members, entities, amounts, salience, first_seen, search_text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const e of events) {
      insert.run(
        e.id,
        e.date,
        e.precision,
        e.text,
        JSON.stringify(e.sourceIds),
        JSON.stringify(e.members),
        JSON.stringify(e.entities),
        JSON.stringify(e.amounts),
        e.salience,
        e.firstSeen,
        searchText(e),
      );
    }
  }

  async find(query: EventQuery): Promise<Event[]> {
    const { where, params } = eventFilters(query);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = 'ORDER BY e.salience DESC, e.date, e.id';
    // Best first. Under a limit the top rows are chosen by their keys alone,
    // then read: sorting whole rows copied every matching event's members and
    // sources (tens of kB for a big event) into the sorter.
    const columns = eventColumns(query.members ?? true);
    const sql =
      query.limit !== undefined
        ? `SELECT ${columns} FROM events e
           WHERE e.rowid IN (SELECT e.rowid FROM events e ${filter} ${order} LIMIT ${Math.max(0, Math.floor(query.limit))})
           ${order}`
        : `SELECT ${columns} FROM events e ${filter} ${order}`;
    return (this.db.prepare(sql).all(params) as Row[]).map(toEvent);
  }

  async findIds(query: EventQuery): Promise<string[]> {
    const { where, params } = eventFilters(query);
    const limit = query.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
    return this.db
      .prepare(`SELECT e.id FROM events e ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.salience DESC, e.date, e.id ${limit}`)
      .pluck()
      .all(params) as string[];
  }

  async byIds(ids: string[]): Promise<Event[]> {
    if (ids.length === 0) return [];
    const rows = this.db.prepare(`SELECT ${eventColumns(false)} FROM events e WHERE e.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[];
    return rows.map(toEvent);
  }

  async heldParts(ids: string[]): Promise<Map<string, HeldParts>> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .prepare('SELECT id, members, search_text AS text FROM events WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ids)) as Array<{ id: string; members: string; text: string }>;
    return new Map(rows.map((r) => [r.id, { members: JSON.parse(r.members) as HeldParts['members'], searchText: r.text }]));
  }

  async count(query: EventQuery = {}): Promise<number> {
    const { where, params } = eventFilters(query);
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM events e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).get(params) as {
        n: number;
      }
    ).n;
  }

  async on(dates: string[], options: { members?: boolean } = {}): Promise<Event[]> {
    const rows = this.db
      .prepare(`SELECT ${eventColumns(options.members ?? true)} FROM events e WHERE e.date IN (SELECT value FROM json_each(?)) ORDER BY e.id`)
      .all(JSON.stringify(dates)) as Row[];
    return rows.map(toEvent);
  }

  async suggestTopics(prefix: string, limit: number): Promise<string[]> {
    const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = this.db
      .prepare(
        `SELECT name FROM topics WHERE name LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'
         ORDER BY name LIKE ? ESCAPE '\\' DESC, weight DESC, name LIMIT ?`,
      )
      .all(`${escaped}%`, `% ${escaped}%`, `${escaped}%`, limit) as Array<{ name: string }>;
    return rows.map((r) => r.name);
  }
}

/** Filters of an event query (shared by the rows and their count). */
function eventFilters(query: EventQuery): { where: string[]; params: Record<string, string> } {
  // An event is in a range when its whole period is: "2024-12" is in December, not in 18–19 December.
  return filters([
    [query.from, `${PERIOD_START} >= @from`, 'from'],
    [query.to, `${PERIOD_END} <= @to`, 'to'],
    [query.arrivedSince, 'e.first_seen >= @since', 'since'],
    [query.arrivedUntil, 'e.first_seen <= @until', 'until'],
    [query.match && quotedTerms(query.match), 'e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH @match)', 'match'],
  ]);
}
