/** Summary by coverage: each point a different development, across the story's span. */
import { describe, expect, it } from 'vitest';
import { summarizeDevelopments } from '../../src/analysis/development-summary.js';
import type { Event } from '../../src/core/model.js';

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
});
