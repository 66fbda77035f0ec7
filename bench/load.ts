/**
 * The load phase alone (see lib/load.ts), on a corpus and database already
 * ingested, so acks can be measured again without a cold ingest:
 *
 *   npm run bench:corpus -- --docs 10000 --seed 1 --out bench/corpus/10000-1
 *   npx tsx src/cli/main.ts ingest --corpus bench/corpus/10000-1 --db bench/out/load-10000.db
 *   npm run bench:load -- --corpus bench/corpus/10000-1 --db bench/out/load-10000.db [--load 200]
 *
 * Prints acks, /health and answers (p50 / p95 / p99 / max) per platform.
 */
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { parseArgs } from './generate-corpus.js';
import { measureLoad, type PlatformLoad } from './lib/load.js';
import { sampleTexts, topicPool } from './lib/workload.js';
import { sqliteHandle } from './lib/sqlite-handle.js';

const flags = parseArgs(process.argv.slice(2));
const corpusDir = flags.get('corpus');
const dbPath = flags.get('db');
if (!corpusDir || !dbPath) throw new Error('usage: bench:load -- --corpus DIR --db FILE [--load N]');
const concurrency = Number(flags.get('load') ?? 200);

const app = await createApp(loadConfig({}, { corpus: corpusDir, db: dbPath }));
const topics = topicPool(sampleTexts(sqliteHandle(app.writer.repositories.corpus)), await app.writer.suggestTopics('', 40));
const stats = await app.writer.stats();
await app.close();

const log = (line: string) => process.stderr.write(`${line}\n`);
log(`load: ${stats.documents} documents, ${concurrency} concurrent commands per platform`);
const results = await measureLoad({ corpusDir, dbPath, concurrency, topics, log });
const row = (name: string, l: PlatformLoad) =>
  `${name}: acks p50/p95/p99/max ${l.ack.p50}/${l.ack.p95}/${l.ack.p99}/${l.ack.max} ms, ${l.acksWithin3s}/${l.commands} < 3 s; ` +
  `/health p50/p99/max ${l.health.p50}/${l.health.p99}/${l.health.max} ms; answers p50/p99 ${l.answer.p50}/${l.answer.p99} ms (${l.busy} busy)`;
process.stdout.write(`${row('Slack', results.slack)}\n${row('Discord', results.discord)}\n`);
process.stdout.write(`${JSON.stringify(results)}\n`);
