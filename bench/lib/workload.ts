/**
 * The query mix for latency: topics drawn from what the corpus talks about
 * most (its frequent people/organisations and content words, read from the
 * database after ingest), date ranges from none to a month to a few days.
 * Seeded, so two runs on one corpus ask the same questions.
 */
import type Database from 'better-sqlite3';
import { Rng } from '../synth/prng.js';
import { addDays } from '../../src/core/calendar.js';

export interface Query {
  topic?: string;
  from?: string;
  to?: string;
}

const STOPWORDS = new Set(
  'about after again against also although among because been before being between could during every first from have having into itself later least more most other over said says should since some such than that their them then there these they this those through under until very were what when where which while will with within would year years told which including'.split(' '),
);

/** The deterministic sample of sentences topics are drawn from (the same rows on both backends). */
export const SAMPLE_SQL = 'SELECT text FROM sentences WHERE boilerplate = {false} AND id % 7 = 0 ORDER BY id LIMIT 20000';

/** The sample from a SQLite file. */
export function sampleTexts(db: Database.Database): string[] {
  return (db.prepare(SAMPLE_SQL.replace('{false}', '0')).all() as Array<{ text: string }>).map((r) => r.text);
}

/** Frequent content words in a sample of sentences. */
function frequentWords(texts: string[], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const w of text.toLowerCase().match(/\p{L}{5,}/gu) ?? []) {
      if (!STOPWORDS.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([w]) => w);
}

export function topicPool(sample: string[], entities: string[]): string[] {
  const words = frequentWords(sample, 40);
  const pool = [...entities.slice(0, 40), ...words];
  if (pool.length === 0) throw new Error('the corpus gave no topics: is the database empty?');
  return pool;
}


/** `count` queries: ~10% no topic, ~40% no range, ~30% one month, ~30% a 3–60 day window. */
export function makeQueries(seed: number, count: number, topics: string[], first: string, last: string): Query[] {
  const rng = new Rng(seed);
  const span = Math.max(1, Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000));
  const out: Query[] = [];
  for (let i = 0; i < count; i++) {
    const q: Query = {};
    if (!rng.chance(0.1)) q.topic = rng.chance(0.15) ? `${rng.pick(topics)} ${rng.pick(topics)}` : rng.pick(topics);
    const r = rng.float();
    if (r < 0.3) {
      const month = addDays(first, rng.int(0, span)).slice(0, 7);
      q.from = month;
      q.to = month;
    } else if (r < 0.6) {
      const from = addDays(first, rng.int(0, span));
      q.from = from;
      q.to = addDays(from, rng.int(3, 60));
    }
    out.push(q);
  }
  return out;
}
