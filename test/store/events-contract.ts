/**
 * The events contract: the same cases against every backend, on empty
 * repositories per case. Ranges, order, search, freshness and topic names
 * as a user would see them, never the SQL.
 */
import { beforeEach, expect, it } from 'vitest';
import type { Event } from '../../src/core/model.js';
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
}
