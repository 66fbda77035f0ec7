/**
 * Which events go into a digest, on events the clustering left apart: the
 * novelty rules (src/analysis/novelty.ts) must still drop a channel's repeats.
 */
import { describe, expect, it } from 'vitest';
import type { Amount, Event } from '../../src/core/model.js';
import { knownItemOf } from '../../src/analysis/novelty.js';
import { selectItems } from '../../src/digest/select.js';

const SLOT = '2025-03-06';

const gbp = (text: string, value: number): Amount => ({ text, currency: 'GBP', value });

function event(id: string, text: string, o: { date?: string; entities?: string[]; amounts?: Amount[]; salience?: number } = {}): Event {
  return {
    id,
    date: o.date ?? '2025-03-03',
    precision: 'day',
    text,
    sourceIds: [`doc-${id}`],
    members: [{ docId: `doc-${id}`, index: 0 }],
    entities: o.entities ?? [],
    amounts: o.amounts ?? [],
    salience: o.salience ?? 1,
    firstSeen: '2025-03-03T08:00:00.000Z',
  };
}

const told = event('told', 'The UK pledged a £225 million military support package for Ukraine, John Healey said.', {
  entities: ['John Healey', 'UK', 'Ukraine'],
  amounts: [gbp('£225 million', 225_000_000)],
});

describe('selectItems', () => {
  it('drops what only repeats the channel’s items, keeps a new fact about the same story', () => {
    const reworded = event('reworded', 'Britain unveils £225m support package for Kyiv, says Healey.', {
      entities: ['Healey'],
      amounts: [gbp('£225m', 225_000_000)],
    });
    const newFact = event('navy', 'The package includes £92 million for Ukraine’s navy, John Healey said.', {
      entities: ['John Healey', 'Ukraine'],
      amounts: [gbp('£92 million', 92_000_000)],
    });
    const s = selectItems([reworded, newFact], { ids: new Set(['told']), items: [knownItemOf(told)] }, SLOT);
    expect(s.chosen.map((e) => e.id)).toEqual(['navy']);
    expect(s.repeats.map((e) => e.id)).toEqual(['reworded']);
  });

  it('an event already sent is never sent again, whatever its wording now', () => {
    const s = selectItems([{ ...told, text: 'Reworded after a re-ingest.' }], { ids: new Set(['told']), items: [] }, SLOT);
    expect(s.chosen).toEqual([]);
  });

  it('two outlets’ versions of one new fact make one item: the better-ranked one', () => {
    const first = event('a', 'Ukraine will receive 14 Challenger 2 tanks from the UK, John Healey said.', { entities: ['John Healey', 'UK', 'Ukraine'], salience: 3 });
    const second = event('b', 'The UK will give Ukraine 14 Challenger 2 tanks, John Healey said.', { entities: ['John Healey', 'UK', 'Ukraine'], salience: 2 });
    const s = selectItems([first, second], { ids: new Set(), items: [] }, SLOT);
    expect(s.chosen.map((e) => e.id)).toEqual(['a']);
    expect(s.repeats.map((e) => e.id)).toEqual(['b']);
  });

  it('beyond the limit, new items overflow to the next digest instead of being dropped', () => {
    const many = Array.from({ length: 5 }, (_, i) =>
      event(`e${i}`, `Distinct development number ${i} about ${['tanks', 'drones', 'loans', 'training', 'sanctions'][i]}.`, {
        date: `2025-03-0${i + 1}`,
        amounts: [gbp(`£${i + 1} million`, (i + 1) * 1_000_000)],
      }),
    );
    const s = selectItems(many, { ids: new Set(), items: [] }, SLOT, { limit: 3 });
    expect(s.chosen.map((e) => e.id)).toEqual(['e0', 'e1', 'e2']);
    expect(s.overflow.map((e) => e.id)).toEqual(['e3', 'e4']);
  });

  it('leaves out background an article recalls: anything over a week before the slot', () => {
    const crimea = event('crimea', 'Russia took Crimea in 2014 after a dubious referendum.', { date: '2014' });
    const october = event('october', 'John Healey said in October that recruitment was the biggest constraint.', { date: '2024-10' });
    const thisMonth = event('month', 'Earlier this month, the UK trained another 2,000 Ukrainian recruits.', { date: '2025-03' });
    const yesterday = event('fresh', 'The UK pledged 50 more air defence missiles on Wednesday.', { date: '2025-03-05' });
    const s = selectItems([crimea, october, thisMonth, yesterday], { ids: new Set(), items: [] }, SLOT);
    expect(s.chosen.map((e) => e.id)).toEqual(['month', 'fresh']);
    expect(s.background.map((e) => e.id)).toEqual(['crimea', 'october']);
  });

  it('judges background against each article’s own date: a late article’s own news is late, not background', () => {
    // Slot 2025-03-20; the bot was down: articles of 2025-03-10 arrive now.
    const own = event('own', 'The UK pledged 50 more air defence missiles on Monday.', { date: '2025-03-10', salience: 2 });
    const recalled = event('recalled', 'Russia took Crimea in 2014 after a dubious referendum.', { date: '2014' });
    const fresh = event('fresh', 'Ministers signed the grain corridor deal on Wednesday.', { date: '2025-03-19', salience: 1 });
    const reported = new Map([['own', '2025-03-10'], ['recalled', '2025-03-10'], ['fresh', '2025-03-19']]);
    const s = selectItems([own, recalled, fresh], { ids: new Set(), items: [] }, '2025-03-20', { reportedOn: (e) => reported.get(e.id)! });
    expect(s.background.map((e) => e.id)).toEqual(['recalled']);
    // Fresh first, then late, each in date order; the late one says when it was reported.
    expect(s.chosen.map((e) => e.id)).toEqual(['fresh', 'own']);
    expect([...s.late].map(([e, day]) => [e.id, day])).toEqual([['own', '2025-03-10']]);
    expect(s.catchUp).toBe(true);
  });

  it('holds 8 items on a normal day and up to 20 in a catch-up, the rest overflowing', () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      event(`e${i}`, `Development ${i}: the council approved scheme ${String.fromCharCode(65 + i)}${i} for district ${i * 7}.`, {
        date: '2025-03-05',
        amounts: [gbp(`£${i + 1} million`, (i + 1) * 1_000_000)],
        salience: 30 - i,
      }),
    );
    const known = { ids: new Set<string>(), items: [] };
    const normal = selectItems(many, known, SLOT, { reportedOn: () => '2025-03-05' });
    expect(normal.chosen).toHaveLength(8);
    expect(normal.overflow).toHaveLength(17);
    expect(normal.catchUp).toBe(false);
    const gap = selectItems(many, known, SLOT, { reportedOn: () => '2025-03-05', catchUp: true });
    expect(gap.chosen).toHaveLength(20);
    expect(gap.overflow.map((e) => e.id)).toEqual(['e20', 'e21', 'e22', 'e23', 'e24']);
    const late = selectItems(many, known, SLOT, { reportedOn: () => '2025-02-20' });
    expect(late.chosen).toHaveLength(20);
    expect(late.late.size).toBe(20);
  });
});
