/** Summary by coverage: each point a different development, across the story's span. */
import { describe, expect, it } from 'vitest';
import { summarizeDevelopments } from '../../src/analysis/development-summary.js';
import type { Event } from '../../src/core/model.js';
import { capOf } from '../../src/analysis/sentence-kind.js';

let n = 0;
function ev(date: string, text: string, sourceIds: string[], salience: number, extra: Partial<Event> = {}): Event {
  return { id: `s${n++}`, date, precision: 'day', text, sourceIds, members: [], entities: [], amounts: [], salience, firstSeen: '', ...extra };
}

describe('summary by coverage', () => {
  it('makes each point a different development and reaches past the busiest day', () => {
    const visit = [
      ev('2025-03-01', 'The minister visited the flooded town of Selby on Saturday.', ['a', 'b', 'c'], 5, { entities: ['Minister'] }),
      ev('2025-03-01', 'The minister visited Selby and met flooded residents in the town centre.', ['b'], 4.8, { entities: ['Minister'] }),
      ev('2025-03-01', 'On the visit to Selby the minister toured the flooded town centre.', ['c'], 4.7, { entities: ['Minister'] }),
    ];
    const fund = ev('2025-03-04', 'The Treasury released £50 million for flood repairs.', ['d'], 3, { amounts: [{ text: '£50 million', currency: 'GBP', value: 5e7 }] });
    const review = ev('2025-03-09', 'An independent review of the flood warnings was ordered.', ['e'], 2.5);
    const points = summarizeDevelopments([...visit, fund, review], 3);
    expect(points.map((p) => p.development.lead.date)).toEqual(['2025-03-01', '2025-03-04', '2025-03-09']);
    expect(points[0]!.text).toBe(visit[0]!.text);
    expect(points[0]!.sourceIds.sort()).toEqual(['a', 'b', 'c']);
  });

  it("tells one report's scheme once, by its largest ceiling, and leaves room for the rest of the story", () => {
    const gbp = (text: string, value: number) => ({ text, currency: 'GBP', value });
    const terms = [
      ev('2025-02-10', 'Flooded households can apply for up to £500 to help with immediate costs.', ['p', 'q'], 4, { amounts: [gbp('£500', 500)] }),
      ev('2025-02-10', 'Small businesses can apply for up to £2,500 from the business recovery grant.', ['p', 'q'], 4.2, { amounts: [gbp('£2,500', 2500)] }),
      ev('2025-02-10', 'Farmers will be able to apply for grants of up to £25,000 through the recovery fund.', ['p'], 4.1, { amounts: [gbp('£25,000', 25000)] }),
    ];
    // Another report's ceiling that day is another scheme.
    const other = ev('2025-02-10', 'Councils can claim as much as £1 million each for repairs to sea walls.', ['r'], 3.9, { amounts: [gbp('£1 million', 1e6)] });
    const storm = ev('2025-01-20', 'An estimated 107 properties flooded across England as the storm passed.', ['s'], 2.5);
    const review = ev('2025-03-01', 'An independent review of the flood warnings was ordered.', ['t'], 2.4);
    const points = summarizeDevelopments([...terms, other, storm, review], 4);
    expect(points.map((p) => p.text)).toEqual([storm.text, terms[2]!.text, other.text, review.text]);
  });
});


describe('a ceiling per claimant', () => {
  const gbp = (text: string, value: number) => ({ text, currency: 'GBP', value });
  it('is an amount offered "up to" or "as much as", the largest of several', () => {
    const text = 'Households can apply for up to £500, and businesses for as much as £2,500, from a £10 million fund.';
    expect(capOf(text, [gbp('£500', 500), gbp('£2,500', 2500), gbp('£10 million', 1e7)])?.value).toBe(2500);
  });
  it('is not a sum committed', () => {
    expect(capOf('The UK signed a £2.2 billion loan to provide more military aid.', [gbp('£2.2 billion', 2.2e9)])).toBeUndefined();
  });
});
