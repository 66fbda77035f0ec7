import { describe, expect, it } from 'vitest';
import { clusterItem, clusterItems, type ClusterItem } from '../../src/analysis/cluster.js';

/** A month-precision item of this text (no entities, no amounts). */
function item(text: string, fixed = false): ClusterItem {
  return clusterItem({ date: '2025-05', day: null, text, entities: [], entityKeys: new Set(), amountKeys: [], fixed });
}

describe('clusterItems in a crowded window', () => {
  // 400 reports of one month, each the same eight words and five of its
  // own: the eight are in every report, too common to find neighbours by,
  // and a report's own words are in no other.
  const common = ['ministers', 'officials', 'discussed', 'weapons', 'budget', 'council', 'delegation', 'treaty'];
  const own = (i: number, k: number) => `zo${String.fromCharCode(97 + (i % 26), 97 + (Math.floor(i / 26) % 26), 97 + k)}ville`;
  const crowd = Array.from({ length: 400 }, (_, i) => `${[...common, ...[0, 1, 2, 3, 4].map((k) => own(i, k))].join(' ')}.`);
  // A report in the crowd's words, printed word for word by three outlets.
  const reprint = 'Officials discussed the weapons budget with the council delegation before ministers signed the treaty.';

  it('still puts word-for-word reprints of one report together', () => {
    const items = [...crowd.slice(0, 200), reprint, ...crowd.slice(200), reprint, reprint].map((t) => item(t));
    const groups = clusterItems(items);
    const withReprint = groups.filter((g) => g.some((i) => [200, 401, 402].includes(i)));
    expect(withReprint).toEqual([[200, 401, 402]]);
  });

  it('joins reprints to a stored event with the same words, never two stored events together', () => {
    const items = [item(reprint, true), item(reprint, true), ...crowd.map((t) => item(t)), item(reprint)];
    const groups = clusterItems(items);
    expect(groups.find((g) => g.includes(0))).toEqual([0, 402]);
    expect(groups.find((g) => g.includes(1))).toEqual([1]);
  });
});
