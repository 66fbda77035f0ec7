/**
 * The latency phase of `npm run bench` alone, on a SQLite file already
 * ingested (no ingest, no floor, no load): for a change to the queries only.
 *
 *   npm run bench:queries -- --docs 100000 --db FILE [--corpus DIR] [--seed 1] [--calls 100] [--profile DIR]
 *
 * FILE is copied for the run and left as it was (a query never writes, but
 * opening a database may migrate it). The corpus folder gives the span the
 * queries range over (its manifest) and is the engine's corpus; nothing is
 * ingested from it. --profile DIR writes a V8 CPU profile of the calls there
 * (`npx tsx bench/profile-summary.ts DIR/*.cpuprofile`).
 */
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { parseArgs, positiveInt, readManifest } from './generate-corpus.js';
import { measureLatencies } from './lib/latency.js';
import { sqliteHandle } from './lib/sqlite-handle.js';
import { targetsFor } from './lib/targets.js';
import { sampleTexts, topicPool } from './lib/workload.js';
import { DAY0, HOUR } from './run.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stderr.write(`[bench:queries ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  const docs = positiveInt(flags, 'docs', 1000);
  const seed = positiveInt(flags, 'seed', 1);
  const calls = positiveInt(flags, 'calls', 100);
  const corpusDir = path.resolve(flags.get('corpus') ?? path.join(benchDir, 'corpus', `${docs}-${seed}`));
  const source = flags.get('db');
  if (!source || !fs.existsSync(source)) throw new Error('--db FILE must name an ingested database (bench:feeds --db FILE saves one)');
  const manifest = readManifest(corpusDir);
  if (!manifest) throw new Error(`${corpusDir} holds no generated corpus: run npm run bench:corpus -- --docs ${docs} first`);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-queries-'));
  const dbPath = path.join(work, 'bench.db');
  fs.copyFileSync(source, dbPath);
  const clock = DAY0 + 25 * HOUR;
  const app = await createApp({ ...loadConfig({}, { corpus: corpusDir, db: dbPath }), logLevel: 'info' }, { now: () => new Date(clock) });
  const profileDir = flags.get('profile');
  const session = profileDir ? new inspector.Session() : null;
  try {
    const topics = topicPool(sampleTexts(sqliteHandle(app.writer.repositories.corpus)), await app.writer.suggestTopics('', 40));
    log(`${calls} calls each on a copy of ${source}…`);
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const measured = await measureLatencies(app, { ...manifest, seed, calls, topics, windowFrom: new Date(DAY0 + HOUR).toISOString(), now: () => new Date(clock) });
    if (session && profileDir) {
      const { profile } = await session.post('Profiler.stop');
      fs.mkdirSync(profileDir, { recursive: true });
      fs.writeFileSync(path.join(profileDir, `CPU.queries.${process.pid}.cpuprofile`), JSON.stringify(profile));
    }
    const targets = targetsFor(docs);
    const rows = (['timeline', 'summary', 'search', 'digest'] as const).map((k) => {
      const l = measured.latency[k];
      const target = k === 'digest' ? targets.digestMs : targets.p95Ms;
      return `${k.padEnd(9)} p50 ${String(l.p50).padStart(6)}  p95 ${String(l.p95).padStart(6)}  max ${String(l.max).padStart(6)} ms  (cpu p95 ${measured.p95CpuMs[k]} ms; target p95 ≤ ${target} ms)`;
    });
    process.stdout.write(`${rows.join('\n')}\ndigest items per call ${measured.digestItemsMean}; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
  } finally {
    session?.disconnect();
    await app.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench:queries: ${err.message}\n`);
  process.exit(1);
});
