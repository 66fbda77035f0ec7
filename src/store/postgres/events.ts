/**
 * Events and topic names on PostgreSQL (events with its generated tsvector
 * column, topics; made by migrations 1, corpus-schema.ts, and 3, below). The contract is
 * ../events.ts. Whether the events are current is kept through
 * events-freshness.ts, here and, in the same transaction as a corpus
 * write, by the corpus (markEvents).
 */
import type pg from 'pg';
import type { Event } from '../../core/model.js';
import { periodOf } from '../../core/partial-date.js';
import { EVENTS_FRESHNESS_KEY, EVENTS_VERSION_KEY, freshnessValue, isCurrent } from '../events-freshness.js';
import type { EventQuery, EventRepository, HeldParts, SearchTextOf } from '../events.js';
import { toEvent, type Row } from '../rows.js';
import { quotedTerms } from '../search-query.js';
import { query, transaction, type Queryable } from './database.js';
import { advanceMeta, PostgresMeta, readMeta, writeMeta } from './meta.js';
import type { PostgresMigration } from './migration.js';
import type { PlannerStatistics } from './planner-statistics.js';
import { TSQUERY } from './tsquery.js';

/** The events table's own steps (the table itself came with the corpus, migration 1). */
export const eventMigrations: PostgresMigration[] = [
  { version: 3, name: 'events in salience order', up: `CREATE INDEX events_salience ON events(salience DESC, date, id);` },
];

const EVENT_COLUMNS = (members: boolean) =>
  `e.id, e.date, e.precision, e.text, e.source_ids, ${members ? 'e.members' : "'[]' AS members"}, e.entities, e.amounts, e.salience, e.first_seen`;

/**
 * Mark the events current or stale on `c`, inside its transaction (a corpus
 * write marks them stale with it), with the ids of the events this
 * transaction wrote or removed (null: possibly all; a corpus write changes none).
 */
export async function markEvents(c: Queryable, current: boolean, changed: readonly string[] | null = []): Promise<void> {
  const freshness = freshnessValue(current);
  // A step only when something a reader keeps changed: a write batch marks the events stale once, not once per file.
  const unchanged = changed !== null && changed.length === 0 && (await readMeta(c, EVENTS_FRESHNESS_KEY)) === freshness;
  await writeMeta(c, EVENTS_FRESHNESS_KEY, freshness);
  if (!unchanged) await markEventsWritten(c, changed);
}

/** The events changed: readers keeping copies of them drop those (version-steps.ts). */
async function markEventsWritten(c: Queryable, changed: readonly string[] | null): Promise<void> {
  await advanceMeta(c, EVENTS_VERSION_KEY, changed);
}

export class PostgresEvents implements EventRepository {
  private readonly meta: PostgresMeta;

  constructor(
    private readonly pool: pg.Pool,
    private readonly statistics: PlannerStatistics,
  ) {
    this.meta = new PostgresMeta(pool);
  }

  private q<R extends pg.QueryResultRow = Row>(text: string, values: unknown[] = []) {
    return query<R>(this.pool, text, values);
  }

  async current(): Promise<boolean> {
    return isCurrent(await this.meta.get(EVENTS_FRESHNESS_KEY));
  }

  async version(): Promise<string | null> {
    return this.meta.get(EVENTS_VERSION_KEY);
  }

  async markStale(): Promise<void> {
    await transaction(this.pool, (c) => markEvents(c, false));
  }

  async markCurrent(): Promise<void> {
    await transaction(this.pool, (c) => markEvents(c, true));
    await this.statistics.analyzeIfMuchChanged();
  }

  async clear(): Promise<void> {
    await transaction(this.pool, async (c) => {
      await c.query('DELETE FROM events');
      await c.query('DELETE FROM topics');
      await markEvents(c, false, null);
    });
  }

  async replace(events: Event[], searchText: SearchTextOf, topics: Map<string, number>): Promise<void> {
    await transaction(this.pool, async (c) => {
      await c.query('DELETE FROM events');
      await c.query('DELETE FROM topics');
      this.statistics.wrote(events.length);
      await insertEvents(c, events, searchText);
      await addTopics(c, topics, 'replace');
      await markEvents(c, true, null);
    });
  }

  async upsert(events: Event[], searchText: SearchTextOf, topics: Map<string, number>, complete = true): Promise<void> {
    await transaction(this.pool, async (c) => {
      if (events.length) await c.query('DELETE FROM events WHERE id = ANY($1::text[])', [events.map((e) => e.id)]);
      this.statistics.wrote(events.length);
      await insertEvents(c, events, searchText);
      await addTopics(c, topics, 'add');
      const written = events.map((e) => e.id);
      if (complete) await markEvents(c, true, written);
      else await markEventsWritten(c, written);
    });
    if (complete) await this.statistics.analyzeIfMuchChanged();
  }

  async citing(docIds: string[]): Promise<Event[]> {
    if (docIds.length === 0) return [];
    const { rows } = await this.q(`SELECT ${EVENT_COLUMNS(true)} FROM events e WHERE e.source_ids::jsonb ?| $1::text[] ORDER BY e.id`, [docIds]);
    return rows.map(toEvent);
  }

  async swap(removed: string[], events: Event[], searchText: SearchTextOf, topics: Map<string, number>): Promise<void> {
    await transaction(this.pool, async (c) => {
      const ids = [...new Set([...removed, ...events.map((e) => e.id)])];
      if (ids.length) await c.query('DELETE FROM events WHERE id = ANY($1::text[])', [ids]);
      this.statistics.wrote(events.length);
      await insertEvents(c, events, searchText);
      await addTopics(c, topics, 'add');
      await markEvents(c, true, ids);
    });
    await this.statistics.analyzeIfMuchChanged();
  }

  async find(query: EventQuery): Promise<Event[]> {
    const { where, params } = eventFilters(query);
    const limit = query.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
    const { rows } = await this.q(
      `SELECT ${EVENT_COLUMNS(query.members ?? true)} FROM events e
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY e.salience DESC, e.date, e.id ${limit}`,
      params,
    );
    return rows.map(toEvent);
  }

  async findIds(query: EventQuery): Promise<string[]> {
    const { where, params } = eventFilters(query);
    const limit = query.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
    const { rows } = await this.q<{ id: string }>(
      `SELECT e.id FROM events e ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.salience DESC, e.date, e.id ${limit}`,
      params,
    );
    return rows.map((r) => r.id);
  }

  async byIds(ids: string[]): Promise<Event[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.q(`SELECT ${EVENT_COLUMNS(false)} FROM events e WHERE e.id = ANY($1::text[])`, [ids]);
    return rows.map(toEvent);
  }

  async heldParts(ids: string[]): Promise<Map<string, HeldParts>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.q<{ id: string; members: string; text: string }>('SELECT id, members, search_text AS text FROM events WHERE id = ANY($1::text[])', [ids]);
    return new Map(rows.map((r) => [r.id, { members: JSON.parse(r.members) as HeldParts['members'], searchText: r.text }]));
  }

  async on(dates: string[], options: { members?: boolean } = {}): Promise<Event[]> {
    const { rows } = await this.q(`SELECT ${EVENT_COLUMNS(options.members ?? true)} FROM events e WHERE e.date = ANY($1::text[]) ORDER BY e.id`, [dates]);
    return rows.map(toEvent);
  }

  async count(query: EventQuery = {}): Promise<number> {
    const { where, params } = eventFilters(query);
    const { rows } = await this.q<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM events e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return rows[0]!.n;
  }

  async suggestTopics(prefix: string, limit: number): Promise<string[]> {
    const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    const { rows } = await this.q<{ name: string }>(
      `SELECT name FROM topics WHERE name ILIKE $1 OR name ILIKE $2
       ORDER BY name ILIKE $1 DESC, weight DESC, lower(name) COLLATE "C", name COLLATE "C" LIMIT $3`,
      [`${escaped}%`, `% ${escaped}%`, limit],
    );
    return rows.map((r) => r.name);
  }
}

async function insertEvents(c: Queryable, events: Event[], searchText: SearchTextOf): Promise<void> {
  // A few hundred rows a statement: a rebuild writes thousands of events, some with tens of kB of members.
  const BATCH = 500;
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = events.slice(i, i + BATCH);
    const periods = batch.map((e) => periodOf(e.date));
    await c.query(
      `INSERT INTO events (id, date, precision, period_start, period_end, text, source_ids, members, entities, amounts, salience, first_seen, search_text)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::float8[], $12::text[], $13::text[])`,
      [
        batch.map((e) => e.id),
        batch.map((e) => e.date),
        batch.map((e) => e.precision),
        periods.map((p) => p[0]),
        periods.map((p) => p[1]),
        batch.map((e) => e.text),
        batch.map((e) => JSON.stringify(e.sourceIds)),
        batch.map((e) => JSON.stringify(e.members)),
        batch.map((e) => JSON.stringify(e.entities)),
        batch.map((e) => JSON.stringify(e.amounts)),
        batch.map((e) => e.salience),
        batch.map((e) => e.firstSeen),
        batch.map((e) => searchText(e)),
      ],
    );
  }
}

/** Topic weights: replaced (a rebuild) or added to (new events). One row per name whatever its case. */
async function addTopics(c: Queryable, topics: Map<string, number>, mode: 'replace' | 'add'): Promise<void> {
  if (topics.size === 0) return;
  // Names differing only in case are one row: merged here, since one statement cannot update a row twice.
  const merged = new Map<string, { name: string; weight: number }>();
  for (const [name, weight] of topics) {
    const key = name.toLowerCase();
    const had = merged.get(key);
    if (!had || mode === 'replace') merged.set(key, { name: had && mode === 'add' ? had.name : name, weight });
    else had.weight += weight;
  }
  await c.query(
    `INSERT INTO topics (name, weight) SELECT * FROM unnest($1::text[], $2::int[])
     ON CONFLICT ((lower(name))) DO UPDATE SET ${mode === 'add' ? 'weight = topics.weight + excluded.weight' : 'name = excluded.name, weight = excluded.weight'}`,
    [[...merged.values()].map((t) => t.name), [...merged.values()].map((t) => t.weight)],
  );
}

/** Filters of an event query (shared by the rows and their count). */
function eventFilters(query: EventQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  // An event is in a range when its whole period is: "2024-12" is in December, not in 18–19 December.
  add((p) => `e.period_start >= ${p}`, query.from);
  add((p) => `e.period_end <= ${p}`, query.to);
  add((p) => `e.first_seen >= ${p}`, query.arrivedSince);
  add((p) => `e.first_seen <= ${p}`, query.arrivedUntil);
  add((p) => `e.search @@ ${TSQUERY(p)}`, query.match && quotedTerms(query.match));
  return { where, params };
}
