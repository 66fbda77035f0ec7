/**
 * Timeline by date salience: dates chosen by how much of the coverage points
 * at them, one to three developments per date, each once.
 */
import { describe, expect, it } from 'vitest';
import { developmentsOf } from '../../src/analysis/developments.js';
import { backgroundDates, chooseTimeline, dateWeights } from '../../src/analysis/timeline.js';
import type { Event } from '../../src/core/model.js';

let n = 0;
function ev(date: string, text: string, sourceIds: string[], salience: number, extra: Partial<Event> = {}): Event {
  return {
    id: `e${n++}`,
    date,
    precision: date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year',
    text,
    sourceIds,
    members: [],
    entities: [],
    amounts: [],
    salience,
    firstSeen: '2025-01-01T00:00:00Z',
    ...extra,
  };
}

describe('timeline by date salience', () => {
  it('weighs a date by the documents and reports pointing at it, a vague date less', () => {
    const w = dateWeights([
      ev('2025-03-01', 'The council approved the budget.', ['a', 'b', 'c'], 3),
      ev('2025-03-02', 'The mayor resigned.', ['d'], 3),
      ev('2025-03', 'Talks went on all month.', ['a', 'b', 'c'], 3),
    ]);
    expect(w.get('2025-03-01')!).toBeGreaterThan(w.get('2025-03-02')!);
    expect(w.get('2025-03-01')!).toBeGreaterThan(w.get('2025-03')!);
  });

  it('spans the story: every covered day before a fourth development of the busiest one', () => {
    const events = [
      ...['first', 'second', 'third', 'fourth', 'fifth'].map((k, i) =>
        ev('2025-03-01', `Ministers agreed the ${k} measure of the day, number ${i}.`, ['a', 'b', 'c'], 4 - i * 0.1, { entities: [`Actor${i}`] }),
      ),
      ev('2025-03-05', 'The regulator fined the water company for sewage spills.', ['d'], 2),
      ev('2025-03-09', 'The court ruled the strike lawful.', ['e'], 2),
    ];
    const chosen = chooseTimeline(events, 5);
    const dates = chosen.map((d) => d.lead.date);
    expect(dates).toEqual(['2025-03-01', '2025-03-01', '2025-03-01', '2025-03-05', '2025-03-09']);
    // With room, the rest of the busy day follows: limit still works.
    expect(chooseTimeline(events, 50)).toHaveLength(7);
  });

  it('tells one article’s facts about one happening on one day once, as facts of one development', () => {
    const pkg = ev('2025-03-01', 'The minister announced a £40 million flood defence package for Yorkshire.', ['a'], 3, {
      entities: ['Minister'],
      amounts: [{ text: '£40 million', currency: 'GBP', value: 40e6 }],
    });
    const part = ev('2025-03-01', 'The flood defence package includes £12 million for pumps in Doncaster.', ['a'], 2, {
      amounts: [{ text: '£12 million', currency: 'GBP', value: 12e6 }],
    });
    const other = ev('2025-03-01', 'Separately, rail fares will rise by 4 per cent in March.', ['a'], 2.5);
    const devs = developmentsOf([pkg, part, other, ...['x', 'y', 'z', 'w'].map((k) => ev('2025-02-01', `Unrelated report ${k}.`, [k], 1))]);
    const lead = devs.find((d) => d.lead === pkg)!;
    expect(lead.facts).toEqual([part]);
    expect(devs.find((d) => d.lead === other)?.facts).toEqual([]);
  });

  it('leaves out of the default answer a month or year lighter than the story’s typical day, and shows it last when asked for more', () => {
    const events = [
      ev('2025-03-01', 'The council approved the budget.', ['a', 'b', 'c'], 3),
      ev('2025-03-02', 'The mayor resigned.', ['d', 'e'], 3),
      ev('2025-03-04', 'The regulator fined the water company.', ['f'], 2),
      ev('2025-03-06', 'The port reopened to ferries.', ['g', 'h'], 2),
      ev('2014', 'The city took over the port ten years ago.', ['a'], 3),
      ev('2025-02', 'Protests began last month.', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], 3),
    ];
    const background = backgroundDates(dateWeights(events));
    expect([...background]).toEqual(['2014']);
    const dated = (o?: Parameters<typeof chooseTimeline>[3]) => chooseTimeline(events, 20, undefined, o).map((d) => d.lead.date);
    expect(dated({ background: 'omit' })).toEqual(['2025-02', '2025-03-01', '2025-03-02', '2025-03-04', '2025-03-06']);
    expect(dated()).toEqual(['2014', '2025-02', '2025-03-01', '2025-03-02', '2025-03-04', '2025-03-06']);
    expect(chooseTimeline(events, 5).map((d) => d.lead.date)).not.toContain('2014');
    // With only a few days there is no typical day yet: nothing is background.
    expect(backgroundDates(dateWeights(events.slice(2)))).toEqual(new Set());
  });

  it("shows another day's headline before a lesser fact of a busy day, but a second headline of that day before either", () => {
    // One long readout: its call, a second announcement as important, a lesser aside.
    const busy = [
      ev('2025-04-01', 'The minister signed a £2 billion loan agreement with the port authority.', ['a'], 3, { amounts: [{ text: '£2 billion', currency: 'GBP', value: 2e9 }] }),
      ev('2025-04-01', 'The treasury released a £600 million grant for harbour dredging works.', ['a'], 2.9, { amounts: [{ text: '£600 million', currency: 'GBP', value: 6e8 }] }),
      ev('2025-04-01', 'The pair also discussed the regional football championship hosting bid.', ['a'], 2.5),
      ...['delegates', 'observers', 'auditors'].map((w, i) => ev('2025-04-01', `Several ${w} attended the opening session number ${i + 1}.`, ['a'], 1)),
    ];
    const quiet = ev('2025-04-09', 'The harbour board appointed a new chief executive officer.', ['b'], 2.5);
    const chosen = chooseTimeline([...busy, quiet], 3).map((d) => d.lead.text);
    expect(chosen).toEqual([busy[0]!.text, busy[1]!.text, quiet.text]);
  });
});

