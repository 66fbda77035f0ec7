/**
 * The latency phase both benches run (bench/run.ts on SQLite,
 * bench/postgres.ts on PostgreSQL): `calls` timed in-process calls each of
 * timeline, summary, search and the digest dry run, over ranges of the
 * corpus's real span and topics from it.
 */
import type { App } from '../../src/app.js';
import { digestDryRun } from './digest.js';
import { summarise, timeCalls, type Latency } from './stats.js';
import { makeQueries } from './workload.js';

export type Calls = 'timeline' | 'summary' | 'search' | 'digest';

export interface LatencyResults {
  latency: Record<Calls, Latency>;
  p95Ms: Record<Calls, number>;
  /** p95 of each call's CPU time in this process (contention-free view of the same calls). */
  p95CpuMs: Record<Calls, number>;
  digestItemsMean: number;
  /** Peak RSS (MB) after each call kind. */
  peakRssAfter: Record<Calls, number>;
}

export async function measureLatencies(
  app: App,
  o: { seed: number; calls: number; topics: string[]; firstPublished: string; lastPublished: string; windowFrom: string; now: () => Date },
): Promise<LatencyResults> {
  const engine = app.writer;
  const rssMb = () => Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
  const queries = makeQueries(o.seed, o.calls, o.topics, o.firstPublished, o.lastPublished);
  const timeline = await timeCalls(queries, (q) => engine.timeline({ ...q, limit: 20 }));
  const afterTimeline = rssMb();
  const summary = await timeCalls(queries, (q) => engine.summary(q));
  const afterSummary = rssMb();
  const search = await timeCalls(
    queries.map((q, i) => q.topic ?? o.topics[i % o.topics.length]!),
    (q) => engine.search(q, 10),
  );
  const afterSearch = rssMb();
  const digest = digestDryRun(app.digest, o.windowFrom, o.now);
  let digestItems = 0;
  const digestT = await timeCalls(queries, async (q) => {
    digestItems += await digest({ topic: q.topic });
  });
  const timed = { timeline, summary, search, digest: digestT };
  const latency = {
    timeline: summarise(timeline.wall),
    summary: summarise(summary.wall),
    search: summarise(search.wall),
    digest: summarise(digestT.wall),
  };
  return {
    latency,
    p95Ms: { timeline: latency.timeline.p95, summary: latency.summary.p95, search: latency.search.p95, digest: latency.digest.p95 },
    p95CpuMs: {
      timeline: summarise(timed.timeline.cpu).p95,
      summary: summarise(timed.summary.cpu).p95,
      search: summarise(timed.search.cpu).p95,
      digest: summarise(timed.digest.cpu).p95,
    },
    digestItemsMean: Math.round((digestItems / Math.max(1, queries.length)) * 10) / 10,
    peakRssAfter: { timeline: afterTimeline, summary: afterSummary, search: afterSearch, digest: rssMb() },
  };
}
