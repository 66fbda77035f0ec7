/**
 * A hand-written Engine over the three fixture articles in ../fixtures, used
 * while src/engine.ts cannot ingest yet. Its entries are the fixtures' own
 * sentences with the dates a reader would give them, so assertions written
 * against it hold for the real engine too. `openTestEngine` (engine.ts)
 * chooses between this and the real engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine, TimelineQuery } from '../../../../src/core/engine.js';
import type { SourceDocument, SourceRef, TimelineEntry } from '../../../../src/core/model.js';
import { partialDateBounds } from '../../../../src/core/options.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

const harbour: SourceRef = {
  id: 'harbour-gazette-drones',
  title: 'UK pledges drones to Ukraine in spring package',
  outlet: 'Harbour Gazette',
  published: '2025-03-04',
  url: 'https://harbour-gazette.example/news/uk-drones-ukraine?ref=rss',
};
const ledger: SourceRef = {
  id: 'northern-ledger-training',
  title: 'British instructors finish winter training course for Ukrainian recruits',
  outlet: 'Northern Ledger',
  published: '2025-03-11',
  url: null,
};
const wire: SourceRef = {
  id: 'eastern-wire-chronology',
  title: "January in review: how Britain's support for Ukraine unfolded",
  outlet: 'Eastern Wire',
  published: '2025-01-31',
  url: null,
};

function entry(date: string, text: string, source: SourceRef): TimelineEntry {
  const precision = date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year';
  return { date, precision, text, sources: [source], eventId: `${source.id}:${date}:${text.length}` };
}

function chronology(): TimelineEntry[] {
  const text = readFileSync(join(FIXTURES, 'eastern-wire-chronology.txt'), 'utf8');
  return [...text.matchAll(/^On (\d{1,2}) January 2025, (.+)$/gm)].map((m) =>
    entry(`2025-01-${m[1]!.padStart(2, '0')}`, m[2]!.charAt(0).toUpperCase() + m[2]!.slice(1), wire),
  );
}

function allEntries(): TimelineEntry[] {
  const harbourText = readFileSync(join(FIXTURES, 'harbour-gazette-drones.md'), 'utf8');
  const memo = harbourText.split('\n').find((l) => l.startsWith('A memo'))!;
  return [
    entry('2022', 'The UK has trained more than 50,000 Ukrainian soldiers since 2022 under Operation Interflex.', ledger),
    ...chronology(),
    entry('2025-02-28', 'On 28 February 2025, British ministers met Ukrainian officials in London to agree the delivery schedule for the drones.', harbour),
    entry('2025-03-04', "The UK defence secretary announced on Tuesday a £150 million package of long-range drones for Ukraine's armed forces.", harbour),
    entry('2025-03-04', memo, harbour),
    entry('2025-03-07', 'Defence officials said on 7 March 2025 that the next Interflex intake would focus on drone warfare and mine clearance.', ledger),
    entry('2025-03-10', 'British army instructors completed a six-week winter training course for 2,000 Ukrainian recruits on Monday, the Ministry of Defence said.', ledger),
    entry('2025-04', 'The first drones are due to reach Ukraine in April 2025, according to the Ministry of Defence.', harbour),
  ];
}

function inRange(date: string, from?: string, to?: string): boolean {
  const [start, end] = partialDateBounds(date);
  if (from && end < partialDateBounds(from)[0]) return false;
  if (to && start > partialDateBounds(to)[1]) return false;
  return true;
}

export function fixtureEngine(): Engine {
  const entries = allEntries();
  const matches = (q: TimelineQuery) =>
    entries.filter(
      (e) =>
        (!q.topic || e.text.toLowerCase().includes(q.topic.toLowerCase())) && inRange(e.date, q.from, q.to),
    );
  const docs: SourceDocument[] = [harbour, ledger, wire].map((s) => ({ ...s, publishedFrom: 'stated', relevant: true }));
  const topics = ['drones', 'Defence Secretary', 'Interflex', 'Keir Starmer', 'Kharkiv', 'Ministry of Defence', 'Ukraine', 'Volodymyr Zelensky'];
  return {
    async refresh() {
      return { added: 3, changed: 0, unchanged: 0, removed: 0, skipped: [], warnings: [], durationMs: 0 };
    },
    async timeline(q) {
      const all = matches(q);
      return { entries: all.slice(0, q.limit ?? 20), total: all.length };
    },
    async summary(q) {
      return { topic: q.topic ?? null, sentences: matches(q).slice(0, 5).map((e) => ({ text: e.text, sources: e.sources })) };
    },
    async sources() {
      return docs;
    },
    async search(query, limit = 10) {
      return matches({ topic: query })
        .slice(0, limit)
        .map((e) => ({ text: e.text, date: e.date, source: e.sources[0]! }));
    },
    async events() {
      return [];
    },
    async suggestTopics(prefix, limit) {
      const p = prefix.toLowerCase();
      // Many candidates, so the 25-choice cap is exercised.
      const pool = [...topics, ...Array.from({ length: 40 }, (_, i) => `Ukraine topic ${i + 1}`)];
      return pool.filter((t) => t.toLowerCase().startsWith(p)).slice(0, limit);
    },
    async stats() {
      return { documents: 3, relevant: 3, sentences: 30, events: entries.length, firstPublished: '2025-01-31', lastPublished: '2025-03-11' };
    },
    async close() {},
  };
}
