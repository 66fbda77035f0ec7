/**
 * The benchmark: `npm run bench -- --docs 10000 [--seed 1]`.
 *
 * On a synthetic corpus (generated into bench/corpus/N-S when missing):
 * cold ingest into a fresh database, re-ingest with nothing changed, with 1%
 * new files; 100 timed in-process calls each of timeline, summary, search
 * and the digest dry run; peak RSS and database size; the load phase (the
 * real `briefing serve` as a child process, `--load N` concurrent signed
 * Slack and then Discord commands, default 200: ack and /health latency,
 * see lib/load.ts; `--load 0` skips it); then the floor (the
 * same text through compromise's sentence pass). Prints a table and writes
 * the figures as JSON to bench/out/results-N.json (not tracked: the current
 * figures live in docs/benchmarks.md).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { IngestProgress } from '../src/core/engine.js';
import { generateCorpus, GENERATOR_VERSION, parseArgs, positiveInt, readManifest } from './generate-corpus.js';
import type { FloorResult } from './lib/floor.js';
import type { Latency } from './lib/stats.js';
import { measureLatencies } from './lib/latency.js';
import { targetsFor } from './lib/targets.js';
import { sampleTexts, topicPool } from './lib/workload.js';
import { limitHeapGrowth } from '../src/heap.js';
import { measureLoad, type LoadResults } from './lib/load.js';
import { sqliteHandle } from './lib/sqlite-handle.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
/** Folder inside the corpus the "1% new files" go to; removed after the run. */
export const INCOMING = 'incoming';
/** The engine's clock: cold ingest on day 0, the 1% arrive on day 1, the digest runs after. */
export const DAY0 = Date.parse('2025-03-01T06:00:00Z');
export const HOUR = 3_600_000;
/** Above this size the full-tagger comparison floor is skipped (it is informative, not a target). */
const TAGGER_FLOOR_MAX_DOCS = 10_000;

export interface BenchOptions {
  docs: number;
  seed: number;
  calls: number;
  corpusDir: string;
  workDir: string;
  resultsFile: string;
  /** Also time compromise's full tagger (informative, ~6 minutes at 10,000 articles; `--no-tagger` skips it). */
  taggerFloor: boolean;
  /** Concurrent commands per platform in the load phase; 0 skips it. */
  load: number;
  log: (line: string) => void;
}

export interface BenchResults {
  docs: number;
  seed: number;
  files: number;
  corpusMb: number;
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  finishedAt: string;
  ingestMs: number;
  ingestDocsPerSec: number;
  ingestMbPerSec: number;
  floorMs: number;
  floorDocsPerSec: number;
  floorMbPerSec: number;
  /** The floor over raw article text, furniture included (see lib/floor.ts); the ratio above uses the kept text. */
  floorRaw: { ms: number; docsPerSec: number; ingestOverFloor: number };
  /** The kept text through compromise's full tagger, nlp(text): the floor the issue first named. */
  floorTagger: { ms: number; docsPerSec: number; ingestOverFloor: number } | null;
  /** Time ratio: cold ingest time ÷ floor time over the same articles. */
  ingestOverFloor: number;
  /**
   * The same two passes in CPU time of this process (user + system, all
   * threads): steadier than wall time on a machine other work shares.
   */
  cpu: { ingestMs: number; floorMs: number; ingestOverFloor: number };
  reingestUnchangedMs: number;
  reingestOnePercentMs: number;
  onePercentDocs: number;
  /** How the 1% run updated the events: folded the new articles in ('extended') or rebuilt them all. */
  onePercentEvents: string;
  latency: { timeline: Latency; summary: Latency; search: Latency; digest: Latency };
  p95Ms: { timeline: number; summary: number; search: number; digest: number };
  /** p95 of each call's CPU time in this process (contention-free view of the same calls). */
  p95CpuMs: { timeline: number; summary: number; search: number; digest: number };
  digestItemsMean: number;
  peakRssMb: number;
  /** Peak RSS so far after each phase: where the peak was reached. */
  peakRssAfter: Record<string, number>;
  dbMb: number;
  /** Acks and /health under `load` concurrent commands per platform (null when skipped). */
  load: LoadResults | null;
  corpus: { documents: number; relevant: number; sentences: number; events: number; skipped: number; warnings: number };
  targets: ReturnType<typeof targetsFor>;
  meets: Record<string, boolean>;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function runBenchmark(o: BenchOptions): Promise<BenchResults> {
  const manifest = ensureCorpus(o);
  fs.rmSync(path.join(o.corpusDir, INCOMING), { recursive: true, force: true });
  fs.rmSync(o.workDir, { recursive: true, force: true });
  fs.mkdirSync(o.workDir, { recursive: true });
  const dbPath = path.join(o.workDir, 'bench.db');

  let clock = DAY0;
  const now = () => new Date(clock);
  // The defaults of an empty environment (what the figures are comparable under), as serve builds the app.
  const app = await createApp({ ...loadConfig({}, { corpus: o.corpusDir, db: dbPath }), logLevel: 'info' }, { now });
  const engine = app.writer;
  try {
    o.log(`cold ingest of ${manifest.docs} articles (${manifest.files} files, ${round(manifest.bytes / 1e6)} MB)…`);
    let t = performance.now();
    const cpu0 = process.cpuUsage();
    const cold = await engine.refresh(progressLog(o.log));
    const ingestMs = performance.now() - t;
    const ingestCpuMs = cpuMs(process.cpuUsage(cpu0));
    const rssMb = () => round(process.resourceUsage().maxRSS / 1024);
    const peakRssAfter: Record<string, number> = { coldIngest: rssMb() };
    o.log(`  ${round(ingestMs / 1000)} s; ${cold.added} files added, ${cold.skipped.length} skipped; peak RSS ${peakRssAfter.coldIngest} MB`);

    // The kept-text floor reads the cold ingest's sentences later, from a copy:
    // the file itself after a checkpoint (SQLite's backup API would add its
    // own memory, ~14 MB at 10,000 articles, to the bot's measured peak).
    const coldDbCopy = path.join(o.workDir, 'cold-copy.db');
    sqliteHandle(engine.repositories.corpus).pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(dbPath, coldDbCopy);

    clock += HOUR;
    t = performance.now();
    const unchanged = await engine.refresh();
    const reingestUnchangedMs = performance.now() - t;
    if (unchanged.added + unchanged.changed > 0) throw new Error('re-ingest of an unchanged corpus parsed files');
    peakRssAfter.reingestUnchanged = rssMb();
    o.log(`re-ingest, nothing changed: ${Math.round(reingestUnchangedMs)} ms`);

    // A channel subscribes after the cold ingest; a day later 1% new articles arrive.
    const windowFrom = new Date(clock).toISOString();
    clock = DAY0 + 24 * HOUR;
    const onePercent = Math.max(1, Math.round(manifest.docs / 100));
    generateCorpus({ docs: onePercent, seed: o.seed, out: path.join(o.corpusDir, INCOMING), start: manifest.docs, storyBasis: manifest.docs });
    t = performance.now();
    const added = await engine.refresh();
    const reingestOnePercentMs = performance.now() - t;
    peakRssAfter.reingestOnePercent = rssMb();
    o.log(`re-ingest with ${onePercent} new articles (${added.added} files, events ${added.events}): ${Math.round(reingestOnePercentMs)} ms`);
    clock += HOUR;

    const topics = topicPool(sampleTexts(sqliteHandle(engine.repositories.corpus)), await engine.suggestTopics('', 40));
    o.log(`latency: ${o.calls} calls each (topics e.g. ${topics.slice(0, 4).join(', ')})…`);
    // Ranges over the span the articles were really published in (the generator knows it exactly).
    const measured = await measureLatencies(app, { ...o, ...manifest, topics, windowFrom, now });
    Object.assign(peakRssAfter, measured.peakRssAfter);
    const { timeline, summary, search, digest: digestLatency } = measured.latency;

    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const dbMb = fileMb(dbPath) + fileMb(`${dbPath}-wal`);
    const finalStats = await engine.stats();
    await app.close();

    let load: LoadResults | null = null;
    if (o.load > 0) {
      o.log(`load: briefing serve on this database, ${o.load} concurrent signed commands per platform…`);
      load = await measureLoad({ corpusDir: o.corpusDir, dbPath, concurrency: o.load, topics, log: o.log });
      for (const [name, l] of [['Slack', load.slack], ['Discord', load.discord]] as const) {
        o.log(`  ${name}: acks p50 ${l.ack.p50} / p99 ${l.ack.p99} / max ${l.ack.max} ms (${l.acksWithin3s}/${l.commands} < 3 s); /health p99 ${l.health.p99} ms; ${l.answered} answered, ${l.busy} busy`);
      }
    }
    fs.rmSync(path.join(o.corpusDir, INCOMING), { recursive: true, force: true });

    o.log('floor: the same articles through compromise’s sentence pass (child process)…');
    const floorRaw = await floorInChild(['raw', o.corpusDir, INCOMING]);
    o.log(`  raw article text: ${round(floorRaw.ms / 1000)} s for ${floorRaw.documents} articles`);
    // The 1% arrivals were retired from the corpus; the kept floor reads the cold ingest's database copy.
    const floor = await floorInChild(['kept', coldDbCopy]);
    o.log(`  text the parser kept: ${round(floor.ms / 1000)} s for ${floor.documents} articles`);
    // The tagger is ~8x the tokenizer: at 100,000 articles it alone would take ~25 minutes.
    const floorTagger =
      o.taggerFloor && manifest.docs <= TAGGER_FLOOR_MAX_DOCS ? await floorInChild(['kept-tagger', coldDbCopy]) : null;
    if (floorTagger) o.log(`  same text through the full tagger nlp(): ${round(floorTagger.ms / 1000)} s`);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${coldDbCopy}${suffix}`, { force: true });
    const floorCpuMs = floor.cpuMs;
    const targets = targetsFor(manifest.docs);
    const p95Ms = { timeline: timeline.p95, summary: summary.p95, search: search.p95, digest: digestLatency.p95 };
    const results: BenchResults = {
      docs: manifest.docs,
      seed: o.seed,
      files: manifest.files,
      corpusMb: round(manifest.bytes / 1e6),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.arch()}` },
      finishedAt: new Date().toISOString(),
      ingestMs: Math.round(ingestMs),
      ingestDocsPerSec: round(manifest.docs / (ingestMs / 1000)),
      ingestMbPerSec: round(manifest.bytes / 1e6 / (ingestMs / 1000), 2),
      floorMs: Math.round(floor.ms),
      floorDocsPerSec: round(floor.documents / (floor.ms / 1000)),
      floorMbPerSec: round(floor.bytes / 1e6 / (floor.ms / 1000), 2),
      floorTagger: floorTagger && {
        ms: Math.round(floorTagger.ms),
        docsPerSec: round(floorTagger.documents / (floorTagger.ms / 1000)),
        ingestOverFloor: round(ingestMs / floorTagger.ms, 2),
      },
      floorRaw: {
        ms: Math.round(floorRaw.ms),
        docsPerSec: round(floorRaw.documents / (floorRaw.ms / 1000)),
        ingestOverFloor: round(ingestMs / floorRaw.ms, 2),
      },
      ingestOverFloor: round(ingestMs / floor.ms, 2),
      cpu: { ingestMs: Math.round(ingestCpuMs), floorMs: Math.round(floorCpuMs), ingestOverFloor: round(ingestCpuMs / floorCpuMs, 2) },
      reingestUnchangedMs: Math.round(reingestUnchangedMs),
      reingestOnePercentMs: Math.round(reingestOnePercentMs),
      onePercentDocs: onePercent,
      onePercentEvents: added.events,
      latency: measured.latency,
      p95Ms,
      p95CpuMs: measured.p95CpuMs,
      digestItemsMean: measured.digestItemsMean,
      peakRssMb: round(peakRssMb),
      peakRssAfter,
      dbMb: round(dbMb),
      load,
      corpus: {
        documents: finalStats.documents,
        relevant: finalStats.relevant,
        sentences: finalStats.sentences,
        events: finalStats.events,
        skipped: cold.skipped.length,
        warnings: cold.warnings.length,
      },
      targets,
      meets: {
        ingestOverFloor: ingestMs / floor.ms <= targets.ingestOverFloor,
        reingestUnchanged: reingestUnchangedMs <= targets.reingestUnchangedMs,
        commandP95: Math.max(timeline.p95, summary.p95, search.p95) <= targets.p95Ms,
        digest: digestLatency.p95 <= targets.digestMs,
        peakRss: peakRssMb <= targets.peakRssMb,
        ...(load
          ? {
              acks:
                load.slack.acksWithin3s === load.slack.commands &&
                load.discord.acksWithin3s === load.discord.commands &&
                Math.max(load.slack.ack.p99, load.discord.ack.p99) <= targets.ackP99Ms,
              health: Math.max(load.slack.health.max, load.discord.health.max) <= targets.healthMs,
            }
          : {}),
      },
    };
    writeResults(o, results);
    return results;
  } finally {
    await app.close();
    fs.rmSync(path.join(o.corpusDir, INCOMING), { recursive: true, force: true });
  }
}

export function ensureCorpus(o: Pick<BenchOptions, 'docs' | 'seed' | 'corpusDir' | 'log'>) {
  const existing = readManifest(o.corpusDir);
  if (existing && existing.docs === o.docs && existing.seed === o.seed && existing.generator === GENERATOR_VERSION) return existing;
  o.log(`generating ${o.docs} articles (seed ${o.seed}) into ${o.corpusDir}…`);
  fs.rmSync(o.corpusDir, { recursive: true, force: true });
  const { paths: _paths, ...manifest } = generateCorpus({ docs: o.docs, seed: o.seed, out: o.corpusDir });
  return manifest;
}

export function progressLog(log: (line: string) => void): IngestProgress {
  let total = 0;
  let done = 0;
  let started = 0;
  return {
    start(n) {
      total = n;
      started = performance.now();
    },
    tick() {
      done += 1;
      if (done % Math.max(1, Math.round(total / 10)) === 0) {
        log(`  parsed ${done}/${total} files, ${round((performance.now() - started) / 1000)} s`);
      }
    },
    stop() {},
  };
}

/** The floor pass in a fresh process (see lib/floor-child.ts). */
async function floorInChild(args: string[]): Promise<FloorResult & { cpuMs: number }> {
  const tsx = path.join(benchDir, '..', 'node_modules', '.bin', 'tsx');
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(tsx, [path.join(benchDir, 'lib', 'floor-child.ts'), ...args], { maxBuffer: 1 << 20 }, (err, out, errOut) =>
      err ? reject(new Error(`floor pass failed: ${errOut.trim().split('\n').at(-1) ?? err.message}`)) : resolve(out),
    ),
  );
  return JSON.parse(stdout) as FloorResult & { cpuMs: number };
}

function nonNegativeInt(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number (0 to skip)`);
  return Number(value);
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

function fileMb(file: string): number {
  try {
    return fs.statSync(file).size / 1024 / 1024;
  } catch {
    return 0;
  }
}

function writeResults(o: BenchOptions, r: BenchResults): void {
  fs.mkdirSync(path.dirname(o.resultsFile), { recursive: true });
  const json = `${JSON.stringify(r, null, 2)}\n`;
  fs.writeFileSync(o.resultsFile, json);
}

export function formatTable(r: BenchResults): string {
  const mark = (ok: boolean | undefined) => (ok ? 'ok' : 'MISS');
  const t = r.targets;
  const rows: Array<[string, string, string, string]> = [
    ['cold ingest', `${r.ingestDocsPerSec} docs/s, ${r.ingestMbPerSec} MB/s (${round(r.ingestMs / 1000)} s)`, '', ''],
    ['floor (tokenizer, kept text)', `${r.floorDocsPerSec} docs/s, ${r.floorMbPerSec} MB/s (${round(r.floorMs / 1000)} s)`, '', ''],
    ...(r.floorTagger
      ? [['floor (full nlp() tagger, kept text)', `${r.floorTagger.docsPerSec} docs/s (${round(r.floorTagger.ms / 1000)} s); ingest ÷ tagger ${r.floorTagger.ingestOverFloor}×`, '', ''] as [string, string, string, string]]
      : []),
    ['floor (tokenizer, raw text)', `${r.floorRaw.docsPerSec} docs/s (${round(r.floorRaw.ms / 1000)} s); ingest ÷ raw ${r.floorRaw.ingestOverFloor}×`, '', ''],
    ['ingest ÷ floor (wall; cpu)', `${r.ingestOverFloor}×; ${r.cpu.ingestOverFloor}×`, `≤ ${t.ingestOverFloor}×`, mark(r.meets.ingestOverFloor)],
    ['re-ingest, nothing changed', `${r.reingestUnchangedMs} ms`, `≤ ${t.reingestUnchangedMs} ms`, mark(r.meets.reingestUnchanged)],
    [`re-ingest, 1% new (${r.onePercentDocs})`, `${r.reingestOnePercentMs} ms`, '', ''],
    ...(['timeline', 'summary', 'search'] as const).map((k): [string, string, string, string] => [
      `${k} p50 / p95 / max`,
      `${r.latency[k].p50} / ${r.latency[k].p95} / ${r.latency[k].max} ms`,
      `p95 ≤ ${t.p95Ms} ms`,
      mark(r.latency[k].p95 <= t.p95Ms),
    ]),
    ['digest --dry-run p50 / p95 / max', `${r.latency.digest.p50} / ${r.latency.digest.p95} / ${r.latency.digest.max} ms`, `≤ ${t.digestMs} ms`, mark(r.meets.digest)],
    ['peak RSS', `${r.peakRssMb} MB`, `≤ ${t.peakRssMb} MB`, mark(r.meets.peakRss)],
    ['database (db + wal)', `${r.dbMb} MB`, '', ''],
    ...(r.load
      ? (['slack', 'discord'] as const).flatMap((k): Array<[string, string, string, string]> => {
          const l = r.load![k];
          return [
            [`${k} acks at ${l.commands} concurrent: p50 / p99 / max`, `${l.ack.p50} / ${l.ack.p99} / ${l.ack.max} ms (${l.acksWithin3s}/${l.commands} < 3 s)`, `all < 3 s, p99 ≤ ${t.ackP99Ms} ms`, mark(l.acksWithin3s === l.commands && l.ack.p99 <= t.ackP99Ms)],
            [`${k} /health meanwhile: p50 / p99 / max`, `${l.health.p50} / ${l.health.p99} / ${l.health.max} ms`, `≤ ${t.healthMs} ms`, mark(l.health.max <= t.healthMs)],
            [`${k} answers: p50 / p99 / max`, `${l.answer.p50} / ${l.answer.p99} / ${l.answer.max} ms (${l.answered} answered, ${l.busy} busy)`, '', ''],
          ];
        })
      : []),
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const head = `${r.docs} articles, ${r.files} files, ${r.corpusMb} MB; ${r.corpus.events} events; ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}`;
  return [head, ...rows.map((row) => `${row[0].padEnd(w[0]!)}  ${row[1].padEnd(w[1]!)}  ${row[2].padEnd(w[2]!)}  ${row[3]}`)].join('\n');
}

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  const docs = positiveInt(flags, 'docs', 1000);
  const seed = positiveInt(flags, 'seed', 1);
  const calls = positiveInt(flags, 'calls', 100);
  if (docs < 10) throw new Error('--docs must be at least 10');
  if (calls < 1) throw new Error('--calls must be at least 1');
  const resultsFile = path.resolve(flags.get('results') ?? path.join(benchDir, 'out', `results-${docs}.json`));
  const results = await runBenchmark({
    docs,
    seed,
    calls,
    corpusDir: path.resolve(flags.get('corpus') ?? path.join(benchDir, 'corpus', `${docs}-${seed}`)),
    workDir: path.resolve(flags.get('work') ?? path.join(benchDir, 'work', `${docs}-${seed}`)),
    resultsFile,
    taggerFloor: !flags.has('no-tagger'),
    load: flags.has('load') ? nonNegativeInt(flags.get('load')!, 'load') : 200,
    log: (line) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`),
  });
  process.stdout.write(`${formatTable(results)}\nresults: ${resultsFile}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // As the CLI does (package.json runs both with the same young generation).
  if (!process.env.BENCH_DEFAULT_HEAP) limitHeapGrowth();
  main().catch((err: Error) => {
    process.stderr.write(`bench: ${err.message}\n`);
    process.exit(1);
  });
}
