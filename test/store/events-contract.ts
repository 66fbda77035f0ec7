/**
 * The events contract: the same cases against every backend, on empty
 * repositories per case. Ranges, order, search, freshness and topic names
 * as a user would see them, never the SQL.
 */
import { beforeEach, expect, it } from 'vitest';
import type { Event } from '../../src/core/model.js';
import { EventCache } from '../../src/store/event-cache.js';
import type { EventRepository } from '../../src/store/events.js';
import { parseSearchQuery } from '../../src/store/search-query.js';
import type { FreshRepositories } from './helpers/corpus-backends.js';
import { event } from './helpers/corpus-fixtures.js';

export function eventsContract(fresh: FreshRepositories): void {
  let events: EventRepository;
  beforeEach(async () => {
    ({ events } = await fresh());
  });

  it('keeps events: a range holds an event when its whole period does, best first under a limit', async () => {
    const written = [
      event('e1', '2024-12-18', 0.9, 'Aid package announced.', { entities: ['John Healey'] }),
      event('e2', '2024-12', 0.5, 'A month of talks.'),
      event('e3', '2024', 0.7, 'A year of support.'),
      event('e4', '2025-01-16', 0.8, 'Drones pledged.', { firstSeen: '2025-01-16T09:00:00.000Z' }),
    ];
    await events.replace(written, (e) => `${e.text} ${e.entities.join(' ')}`, new Map([['John Healey', 3]]));
    expect(await events.current()).toBe(true);
    const ids = (evs: Event[]) => evs.map((e) => e.id);
    expect(ids(await events.find({}))).toEqual(['e1', 'e4', 'e3', 'e2']);
    expect(ids(await events.find({ from: '2024-12-01', to: '2024-12-31' }))).toEqual(['e1', 'e2']);
    expect(ids(await events.find({ from: '2024-12-18', to: '2024-12-19' }))).toEqual(['e1']);
    expect(ids(await events.find({ from: '2024-01-01', to: '2024-12-31', limit: 2 }))).toEqual(['e1', 'e3']);
    expect(ids(await events.find({ match: parseSearchQuery('healey')! }))).toEqual(['e1']);
    expect(ids(await events.find({ arrivedSince: '2025-01-10T00:00:00.000Z' }))).toEqual(['e4']);
    expect(await events.count({ from: '2024-12-01', to: '2024-12-31' })).toBe(2);
    expect(await events.count()).toBe(4);
    const [full] = await events.find({ match: parseSearchQuery('healey')! });
    expect(full).toEqual(written[0]);
    expect((await events.find({ limit: 1, members: false }))[0]!.members).toEqual([]);
    expect(ids(await events.on(['2024-12', '2025-01-16']))).toEqual(['e2', 'e4']);
  });

  it('adds and replaces events by id, and keeps them stale while a rebuild is still adding', async () => {
    await events.replace([event('e1', '2024-12-18', 0.5, 'First.')], (e) => e.text, new Map([['Nato', 2]]));
    await events.upsert([event('e1', '2024-12-18', 0.9, 'First, revised.'), event('e2', '2024-12-19', 0.4, 'Second.')], (e) => e.text, new Map([['NATO', 3]]), false);
    expect(await events.current()).toBe(true);
    await events.clear();
    expect(await events.current()).toBe(false);
    expect(await events.count()).toBe(0);
    await events.upsert([event('e1', '2024-12-18', 0.9, 'First, revised.'), event('e2', '2024-12-19', 0.4, 'Second.')], (e) => e.text, new Map(), false);
    expect(await events.current()).toBe(false);
    await events.upsert([event('e2', '2024-12-19', 0.95, 'Second, revised.')], (e) => e.text, new Map(), true);
    expect(await events.current()).toBe(true);
    expect((await events.find({})).map((e) => [e.id, e.text])).toEqual([
      ['e2', 'Second, revised.'],
      ['e1', 'First, revised.'],
    ]);
  });

  it('suggests topics by prefix of any word, case-insensitively, starts of names first, then by weight', async () => {
    await events.replace(
      [],
      (e) => e.text,
      new Map([
        ['John Healey', 5],
        ['Healey', 2],
        ['Hedge funds', 9],
        ['Nato', 4],
        ['50% tariff', 1],
      ]),
    );
    expect(await events.suggestTopics('he', 10)).toEqual(['Hedge funds', 'Healey', 'John Healey']);
    expect(await events.suggestTopics('HEAL', 10)).toEqual(['Healey', 'John Healey']);
    expect(await events.suggestTopics('he', 1)).toEqual(['Hedge funds']);
    // LIKE wildcards typed by a user are plain characters.
    expect(await events.suggestTopics('50%', 10)).toEqual(['50% tariff']);
    expect(await events.suggestTopics('%', 10)).toEqual([]);
    // Weights of one name in different cases add up in one entry.
    await events.upsert([], (e) => e.text, new Map([['nato', 10]]));
    expect(await events.suggestTopics('n', 10)).toHaveLength(1);
    expect(await events.suggestTopics('', 1)).toEqual([expect.stringMatching(/^nato$/i)]);
  });

  it('gives the ids a find would, the events of some ids without members, and a new version at every write', async () => {
    const written = [
      event('e1', '2024-12-18', 0.9, 'Aid package announced.', { entities: ['John Healey'] }),
      event('e2', '2024-12', 0.5, 'A month of talks.'),
      event('e3', '2025-01-16', 0.8, 'Drones pledged.'),
    ];
    await events.replace(written, (e) => `${e.text} ${e.entities.join(' ')}`, new Map());
    for (const q of [{}, { from: '2024-12-01', to: '2024-12-31' }, { limit: 2 }, { match: parseSearchQuery('drones')! }]) {
      expect(await events.findIds(q)).toEqual((await events.find(q)).map((e) => e.id));
    }
    const some = await events.byIds(['e3', 'e1', 'nope']);
    expect(some.map((e) => e.id).sort()).toEqual(['e1', 'e3']);
    expect(some.find((e) => e.id === 'e1')).toEqual({ ...written[0], members: [] });
    expect(await events.byIds([])).toEqual([]);
    expect(await events.heldParts(['e3', 'nope'])).toEqual(new Map([['e3', { members: written[2]!.members, searchText: 'Drones pledged. ' }]]));
    expect((await events.heldParts([])).size).toBe(0);
    expect((await events.on(['2024-12-18', '2025-01-16'], { members: false })).map((e) => [e.id, e.members])).toEqual([['e1', []], ['e3', []]]);
    expect((await events.on(['2024-12-18'])).map((e) => e.members)).toEqual([written[0]!.members]);

    // Every kind of write gives a version no earlier state had: a reader's copy of the events is known old.
    const seen = new Set<string | null>([await events.version()]);
    const writes: Array<() => Promise<void>> = [
      () => events.upsert([event('e1', '2024-12-18', 0.95, 'Aid package revised.')], (e) => e.text, new Map(), false),
      () => events.upsert([event('e4', '2024-12-19', 0.3, 'Later.')], (e) => e.text, new Map(), true),
      () => events.swap(['e4'], [], (e) => e.text, new Map()),
      () => events.markStale(),
      () => events.markCurrent(),
      () => events.clear(),
    ];
    for (const write of writes) {
      await write();
      const v = await events.version();
      expect(v).not.toBeNull();
      expect(seen.has(v)).toBe(false);
      seen.add(v);
    }
  });

  it('through an event cache: what find gives, the same objects until the events change, then the new ones', async () => {
    await events.replace([event('e1', '2024-12-18', 0.9, 'First.'), event('e2', '2024-12-19', 0.5, 'Second.')], (e) => e.text, new Map());
    const cache = new EventCache(events);
    const query = { from: '2024-12-01', to: '2024-12-31', members: false } as const;
    const first = await cache.find(query);
    expect(first).toEqual(await events.find(query));
    const again = await cache.find(query);
    expect(again[0]).toBe(first[0]);
    // Shared between callers: changing one is refused, not seen by the next.
    expect(() => {
      (again[0] as { text: string }).text = 'changed';
    }).toThrow(TypeError);
    const e1 = first.find((e) => e.id === 'e1');
    await events.upsert([event('e2', '2024-12-19', 0.95, 'Second, revised.')], (e) => e.text, new Map(), false);
    const revised = await cache.find(query);
    expect(revised.map((e) => [e.id, e.text])).toEqual([
      ['e2', 'Second, revised.'],
      ['e1', 'First.'],
    ]);
    // Only what the write named is read again.
    expect(revised[1]).toBe(e1);
    // A write that names nothing (all events replaced) reads everything again.
    await events.replace([event('e1', '2024-12-18', 0.9, 'First.'), event('e2', '2024-12-19', 0.5, 'Second.')], (e) => e.text, new Map());
    const replaced = await cache.find(query);
    expect(replaced.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(replaced[0]).not.toBe(e1);
    expect(replaced[0]).toEqual(e1);
    // With members, always read: the cache keeps only events without them.
    expect((await cache.find({ members: true }))[0]!.members).toEqual((await events.find({}))[0]!.members);
  });
}
