import { describe, expect, it } from 'vitest';
import { buildEvents } from '../../src/analysis/events.js';
import { explainNovelty, isNewToChannel, knownItemOf, similarity, type KnownItem } from '../../src/analysis/novelty.js';
import type { Amount, Event } from '../../src/core/model.js';
import { germany, seed002, seed003 } from './corpus.js';

const gbp = (value: number, text = `£${value / 1e6} million`): Amount => ({ text, currency: 'GBP', value });

function event(text: string, date: string, amounts: Amount[] = [], entities: string[] = []): Event {
  return {
    id: 'ev_test',
    date,
    precision: date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year',
    text,
    sourceIds: ['x'],
    members: [],
    entities,
    amounts,
    salience: 1,
    firstSeen: '2024-12-19T08:00:00.000Z',
  };
}

const told: KnownItem[] = [
  { text: 'UK pledges £225 million package of military support for Ukraine', entities: ['UK'], amounts: [gbp(225e6)], date: '2024-12-19' },
  { text: 'Defence Secretary John Healey met Ukrainian defence minister Rustem Umerov in Kyiv', entities: ['John Healey', 'Rustem Umerov'], amounts: [], date: '2024-12-19' },
];

describe('isNewToChannel', () => {
  it('is false for the same announcement from another outlet in other words', () => {
    expect(isNewToChannel(event('Britain unveils £225m support package', '2024-12-19', [gbp(225e6, '£225m')]), told)).toBe(false);
  });

  it('is false for the same amount a day later (an outlet dating it by its own publication)', () => {
    expect(isNewToChannel(event('Healey’s £225 million package will fund drones and air defences', '2024-12-20', [gbp(225e6)], ['Healey']), told)).toBe(false);
  });

  it('is false for the same meeting reworded', () => {
    const c = event('Mr Healey met his Ukrainian counterpart Umerov during the Kyiv visit', '2024-12-19', [], ['Healey', 'Umerov']);
    expect(isNewToChannel(c, told)).toBe(false);
  });

  it('is true for a new amount about a known story', () => {
    const c = event('The £225 million package includes £92 million for Ukraine’s navy', '2024-12-19', [gbp(225e6), gbp(92e6)]);
    expect(isNewToChannel(c, told)).toBe(true);
    expect(explainNovelty(c, told).reason).toContain('£92 million');
  });

  it('is true for the same words on a new date (a second, later happening)', () => {
    expect(isNewToChannel(event('UK pledges £225 million package of military support for Ukraine', '2025-03-04', [gbp(225e6)]), told)).toBe(true);
  });

  it('is true for a new actor and action in a known story', () => {
    const c = event('Rustem Umerov signed a drone co-production agreement with BAE Systems', '2024-12-19', [], ['Rustem Umerov', 'BAE Systems']);
    expect(isNewToChannel(c, told)).toBe(true);
  });

  it('is true when the channel was told nothing', () => {
    expect(isNewToChannel(event('Anything at all happened here today', '2024-12-19'), [])).toBe(true);
  });

  it('explains a repeat by naming the item it repeats', () => {
    const v = explainNovelty(event('Britain unveils £225m support package', '2024-12-19', [gbp(225e6, '£225m')]), told);
    expect(v).toEqual({ isNew: false, reason: expect.stringContaining('UK pledges £225 million package') });
  });

  it('works on real events: a reprint of a told event is not new, a different event is', () => {
    const events = buildEvents([...seed002, ...seed003, ...germany]);
    const pledge = events.find((e) => e.amounts.some((a) => a.value === 225e6))!;
    const breakdown = events.find((e) => e.amounts.some((a) => a.value === 92e6))!;
    const known = [knownItemOf(pledge)];
    expect(isNewToChannel(pledge, known)).toBe(false);
    expect(isNewToChannel(breakdown, known)).toBe(true);
    const german = events.find((e) => e.amounts.some((a) => a.value === 650e6))!;
    expect(isNewToChannel(german, known)).toBe(true);
  });
});

describe('similarity', () => {
  it('is 1 for the same words, 0 for unrelated ones, symmetric, and ignores stopwords and case', () => {
    expect(similarity('The UK pledged support', 'the uk PLEDGED support')).toBeCloseTo(1);
    expect(similarity('Cricket board funds nets', 'Navy receives drones')).toBe(0);
    const a = 'UK pledges £225 million package';
    const b = 'Britain unveils £225m support package';
    expect(similarity(a, b)).toBeCloseTo(similarity(b, a));
    expect(similarity(a, b)).toBeGreaterThan(0.4);
  });
});

describe('undated repeats published days later', () => {
  const told = {
    text: 'Ukraine will receive more than 5,000 British-made missiles worth £1.6 billion, the government said.',
    entities: ['Ukraine'],
    amounts: [{ text: '£1.6 billion', currency: 'GBP', value: 1_600_000_000 }],
    date: '2025-03-02',
  };
  const event = (text: string, date: string, amounts = told.amounts) => ({
    id: 'ev_x', date, precision: 'day' as const, text, sourceIds: ['b'], members: [], entities: ['Ukraine'],
    amounts, salience: 1, firstSeen: '2025-03-04T08:00:00Z',
  });

  it('the same amounts, reworded, two days later, repeat', () => {
    expect(isNewToChannel(event('Britain is to supply Ukraine with 5,000 missiles in a £1.6 billion deal.', '2025-03-04'), [told])).toBe(false);
  });

  it('the same amounts a month later are news again', () => {
    expect(isNewToChannel(event('Britain is to supply Ukraine with 5,000 missiles in a £1.6 billion deal.', '2025-04-04'), [told])).toBe(true);
  });

  it('a different amount days later is news', () => {
    const amounts = [{ text: '£2 billion', currency: 'GBP', value: 2_000_000_000 }];
    expect(isNewToChannel(event('Britain raised the missile deal with Ukraine to £2 billion.', '2025-03-04', amounts), [told])).toBe(true);
  });
});
