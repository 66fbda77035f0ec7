/**
 * The benchmark on PostgreSQL: `npm run bench:postgres -- --docs 10000 [--seed 1] [--calls 100]`.
 *
 * The same generated corpus, phases and calls as `npm run bench` (cold
 * ingest, re-ingest with nothing changed and with 1% new articles, then
 * timed timeline, summary, search and digest dry-run calls), into a fresh
 * database this creates on the server of BRIEFING_TEST_POSTGRES_URL
 * (default the local one, user postgres) and drops afterwards (`--keep`
 * keeps it and prints its URL; `--reuse NAME` times the calls again on a
 * database so kept, at the state and clock the full run left it, without
 * ingesting: for a change to the queries only). The floor and the load phase are SQLite's
 * bench only. Figures as JSON in bench/out/results-N-postgres.json (not
 * tracked: docs/benchmarks.md holds the current ones).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { limitHeapGrowth } from '../src/heap.js';
import { generateCorpus, parseArgs, positiveInt } from './generate-corpus.js';
import { measureLatencies } from './lib/latency.js';
import { targetsFor } from './lib/targets.js';
import { SAMPLE_SQL, topicPool } from './lib/workload.js';
import { DAY0, ensureCorpus, HOUR, INCOMING, progressLog } from './run.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const ADMIN_URL = process.env.BRIEFING_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const log = (line: string) => process.stderr.write(`[bench:postgres ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  const docs = positiveInt(flags, 'docs', 1000);
  const seed = positiveInt(flags, 'seed', 1);
  const calls = positiveInt(flags, 'calls', 100);
  const corpusDir = path.resolve(flags.get('corpus') ?? path.join(benchDir, 'corpus', `${docs}-${seed}`));
  const manifest = ensureCorpus({ docs, seed, corpusDir, log });
  fs.rmSync(path.join(corpusDir, INCOMING), { recursive: true, force: true });

  const reuse = flags.get('reuse');
  const name = reuse ?? `briefing_bench_${docs}_${process.pid}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  if (!reuse) await admin(`CREATE DATABASE "${name}"`);
  let clock = DAY0;
  const now = () => new Date(clock);
  // LOG_LEVEL=debug logs each corpus-wide step of the ingest with its duration.
  const config = loadConfig({ BRIEFING_DATABASE_URL: url.toString(), LOG_LEVEL: process.env.LOG_LEVEL }, { corpus: corpusDir });
  const app = await createApp(config, { now });
  const engine = app.writer;
  /** Cold ingest, re-ingest with nothing changed, then with 1% new articles a day later. */
  async function ingestPhases() {
    log(`cold ingest of ${manifest.docs} articles into PostgreSQL (${name})…`);
    let t = performance.now();
    const cold = await engine.refresh(progressLog(log));
    const ingestMs = performance.now() - t;
    log(`  ${round(ingestMs / 1000)} s; ${cold.added} files added, ${cold.skipped.length} skipped`);

    clock += HOUR;
    t = performance.now();
    const unchanged = await engine.refresh();
    const reingestUnchangedMs = performance.now() - t;
    if (unchanged.added + unchanged.changed > 0) throw new Error('re-ingest of an unchanged corpus parsed files');
    log(`re-ingest, nothing changed: ${Math.round(reingestUnchangedMs)} ms`);

    clock = DAY0 + 24 * HOUR;
    const onePercent = Math.max(1, Math.round(manifest.docs / 100));
    generateCorpus({ docs: onePercent, seed, out: path.join(corpusDir, INCOMING), start: manifest.docs, storyBasis: manifest.docs });
    t = performance.now();
    const added = await engine.refresh();
    const reingestOnePercentMs = performance.now() - t;
    log(`re-ingest with ${onePercent} new articles (events ${added.events}): ${Math.round(reingestOnePercentMs)} ms`);
    return { ingestMs, reingestUnchangedMs, reingestOnePercentMs };
  }

  try {
    const ingest = reuse ? null : await ingestPhases();
    // What the ingest phases leave (reused: what they left): the digest's window opened an hour after the cold ingest.
    const windowFrom = new Date(DAY0 + HOUR).toISOString();
    clock = DAY0 + 25 * HOUR;

    const sample = new pg.Client({ connectionString: url.toString() });
    await sample.connect();
    const texts = (await sample.query<{ text: string }>(SAMPLE_SQL.replace('{false}', 'false'))).rows.map((r) => r.text);
    const dbMb = Number((await sample.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size')).rows[0]!.size) / 1024 / 1024;
    await sample.end();
    const topics = topicPool(texts, await engine.suggestTopics('', 40));
    log(`latency: ${calls} calls each…`);
    const measured = await measureLatencies(app, { ...manifest, seed, calls, topics, windowFrom, now });
    const stats = await engine.stats();
    const targets = targetsFor(manifest.docs);
    const results = {
      backend: 'postgres',
      docs: manifest.docs,
      seed,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, load: os.loadavg().map((l) => round(l, 2)) },
      finishedAt: new Date().toISOString(),
      reused: reuse ?? null,
      ingestMs: ingest && Math.round(ingest.ingestMs),
      ingestDocsPerSec: ingest && round(manifest.docs / (ingest.ingestMs / 1000)),
      reingestUnchangedMs: ingest && Math.round(ingest.reingestUnchangedMs),
      reingestOnePercentMs: ingest && Math.round(ingest.reingestOnePercentMs),
      ...measured,
      peakRssMb: round(process.resourceUsage().maxRSS / 1024),
      dbMb: round(dbMb),
      corpus: stats,
      targets: { p95Ms: targets.p95Ms, digestMs: targets.digestMs },
    };
    const file = path.resolve(flags.get('results') ?? path.join(benchDir, 'out', `results-${docs}-postgres${reuse ? '-reused' : ''}.json`));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    const l = measured.latency;
    const line = (k: keyof typeof l, target: number) => `${k.padEnd(9)} p50 / p95 / max ${l[k].p50} / ${l[k].p95} / ${l[k].max} ms (target p95 ≤ ${target} ms)`;
    process.stdout.write(
      [
        `PostgreSQL: ${manifest.docs} articles; ${stats.events} events; load ${results.machine.load.join(' ')}`,
        ingest
          ? `cold ingest ${round(ingest.ingestMs / 1000)} s (${results.ingestDocsPerSec} docs/s); re-ingest unchanged ${results.reingestUnchangedMs} ms; 1% new ${results.reingestOnePercentMs} ms`
          : `reused ${name}: no ingest, the calls only`,
        line('timeline', targets.p95Ms),
        line('summary', targets.p95Ms),
        line('search', targets.p95Ms),
        line('digest', targets.digestMs),
        `peak RSS ${results.peakRssMb} MB; database ${results.dbMb} MB`,
        `results: ${file}`,
      ].join('\n') + '\n',
    );
  } finally {
    await app.close();
    fs.rmSync(path.join(corpusDir, INCOMING), { recursive: true, force: true });
    if (flags.has('keep') || reuse) log(`kept the database: ${url.toString()}`);
    else await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

if (!process.env.BENCH_DEFAULT_HEAP) limitHeapGrowth();
main().catch((err: Error) => {
  process.stderr.write(`bench:postgres: ${err.message}\n`);
  process.exit(1);
});
