/**
 * Articles appended to a generated corpus (a feed bringing new items):
 * about the corpus's own stories (the same story table generate-corpus.ts
 * draws for `docs` and `seed`), numbered `from` onwards, so the same call
 * gives the same articles in the feed bench and in the tests.
 */
import { makeArticle, makeStories, type Article } from './article.js';
import { parseIso } from './calendar.js';
import { mixSeed, Rng } from './prng.js';
import { loadSeedSentences } from './seed-pool.js';

export function appendedArticles(o: { seedsDir: string; seed: number; docs: number }, from: number, count: number): Article[] {
  const seedSentences = loadSeedSentences(o.seedsDir);
  const windowStart = parseIso('2024-03-01');
  const windowEnd = new Date(windowStart.getTime() + 364 * 86_400_000);
  const stories = makeStories(new Rng(mixSeed(o.seed, 0x5703)), Math.max(10, Math.round(o.docs / 8)), windowStart, 365);
  const out: Article[] = [];
  for (let i = from; i < from + count; i++) out.push(makeArticle(new Rng(mixSeed(o.seed, 0x0fee0000 + i)), { stories, seedSentences, windowEnd }, false));
  return out;
}
