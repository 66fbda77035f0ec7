/**
 * Feed benchmark (not a timed test): a corpus of --docs synthetic articles
 * is ingested cold, then a feed on a local server brings 10 new articles
 * (the first poll after start: the feed is added), 10 more (a poll of a
 * running bot), then 1,000 more; each time is measured from the start of the poll until
 * the new articles are in answers (a search for a phrase of the last one
 * finds it, and the timeline is answered; a timeline and a search are
 * answered first, as a serving bot has), and how the events were brought
 * up to date is reported (folded in, not rebuilt: no whole-corpus pass).
 *
 *   npm run bench:feeds -- --docs 10000 [--seed 1] [--corpus DIR] [--db FILE] [--keep-db]
 *
 * --db FILE starts from an ingested corpus database instead of a cold ingest
 * (100,000 articles take ~15 min to ingest): FILE is copied for the run and
 * left as it was; when FILE does not exist yet, the cold ingest's database
 * is saved there first (before any feed item comes in). --keep-db keeps the
 * run's database, feed items and all, and prints where it is.
 *
 * The bot runs from its built code (dist), as `npm start` runs it.
 * Results go to bench/out/feeds-<docs>.json (untracked) and the log to stderr.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FeedPollReport } from '../src/feeds/poll.js';
import { generateCorpus, parseArgs, positiveInt, readManifest, GENERATOR_VERSION } from './generate-corpus.js';
import type { Article } from './synth/article.js';
import { appendedArticles } from './synth/appended.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');
// The bot as `npm start` runs it: the built code (`npm run bench:feeds`
// builds it first). From the sources, every parser thread a large poll
// starts compiles them again through tsx (about a second a poll).
const built = (module: string) => pathToFileURL(path.join(repoRoot, 'dist', 'src', module)).href;
const { createApp } = (await import(built('app.js'))) as typeof import('../src/app.js');
const { loadConfig } = (await import(built('config.js'))) as typeof import('../src/config.js');
const log = (line: string) => process.stderr.write(`[bench feeds ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const flags = parseArgs(process.argv.slice(2));
const docs = positiveInt(flags, 'docs', 10_000);
const seed = positiveInt(flags, 'seed', 1);
const corpusDir = path.resolve(flags.get('corpus') ?? path.join(benchDir, 'corpus', `${docs}-${seed}`));
const savedDb = flags.has('db') ? path.resolve(flags.get('db')!) : null;
const keepDb = flags.get('keep-db') === 'true';

const existing = readManifest(corpusDir);
if (!existing || existing.docs !== docs || existing.seed !== seed || existing.generator !== GENERATOR_VERSION) {
  log(`generating ${docs} articles into ${corpusDir}…`);
  fs.rmSync(corpusDir, { recursive: true, force: true });
  generateCorpus({ docs, seed, out: corpusDir });
}

/** New articles about the corpus's own stories, numbered after it. */
function newArticles(from: number, count: number): Article[] {
  return appendedArticles({ seedsDir: path.join(repoRoot, 'seeds'), seed: seed, docs: docs }, from, count);
}

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function rss(base: string, articles: Array<{ n: number; a: Article; marker: string }>): string {
  const items = articles.map(({ n, a, marker }) => {
    const paragraphs = a.blocks.map((b) => (b.kind === 'paragraph' ? b.sentences.join(' ') : b.kind === 'caption' ? `${b.text} ${b.credit}` : b.text));
    paragraphs.push(marker);
    return `<item><title>${esc(a.title)}</title><link>${base}/news/${n}</link><guid isPermaLink="false">bench-${n}</guid>
<pubDate>${a.published.toUTCString()}</pubDate><content:encoded><![CDATA[${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}]]></content:encoded></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench Wire</title><link>${base}/</link><description>bench</description>${items.join('\n')}</channel></rss>`;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-feeds-'));
let body = '';
const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const dbFile = path.join(work, 'bench.db');
// LOG_LEVEL=debug logs each corpus-level step of a poll with its duration.
const defaults = loadConfig({ LOG_LEVEL: process.env.LOG_LEVEL }, { corpus: corpusDir, db: dbFile });
const config = { ...defaults, feeds: { ...defaults.feeds, allowPrivate: true, intervalMs: 5 * 60_000 } };
const results: Record<string, unknown> = { docs, seed, node: process.version, cpus: os.cpus().length, startedAt: new Date().toISOString() };

if (savedDb && fs.existsSync(savedDb)) {
  log(`starting from the ingested database ${savedDb}`);
  fs.copyFileSync(savedDb, dbFile);
} else {
  // The cold ingest on an app of its own: closed (its WAL checkpointed into the file) before it is saved.
  const coldApp = await createApp(config);
  try {
    log(`cold ingest of ${docs} articles…`);
    const t = performance.now();
    const cold = await coldApp.writer.refresh();
    results.coldIngestMs = Math.round(performance.now() - t);
    log(`  ${round((performance.now() - t) / 1000)} s, ${cold.added} files, events ${cold.events}`);
  } finally {
    await coldApp.close();
  }
  if (savedDb) {
    fs.mkdirSync(path.dirname(savedDb), { recursive: true });
    fs.copyFileSync(dbFile, savedDb);
    log(`ingested database saved as ${savedDb}`);
  }
}

const app = await createApp(config);
const engine = app.writer;
try {
  // Nothing to do after a cold ingest; on a saved database, a check that the corpus folder is the one it holds.
  // A saved database judged under older repetition rules is judged again here
  // (store/repetition-rules.ts), once, before any feed item is timed.
  let t = performance.now();
  const check = await engine.refresh();
  if (check.added + check.changed + check.removed > 0) {
    throw new Error(`the database does not hold ${corpusDir} as it is (${check.added} added, ${check.changed} changed, ${check.removed} removed, events ${check.events})`);
  }
  if (check.events !== 'unchanged') {
    results.upToDateMs = Math.round(performance.now() - t);
    log(`corpus unchanged; its marks and events brought up to date first (events ${check.events}) in ${results.upToDateMs} ms`);
  } else log(`corpus checked unchanged in ${Math.round(performance.now() - t)} ms`);
  // serve loads the parser when feed polling starts (feeds/scheduler.ts), not at the first poll.
  t = performance.now();
  await import(built('ingest/parse.js'));
  log(`parser loaded in ${Math.round(performance.now() - t)} ms`);
  const feeds = app.feeds;
  // A serving bot has answered before new items come in: its answers' caches
  // (documents, events) are warm, so the first answers after a poll read
  // only what the poll changed.
  t = performance.now();
  await engine.timeline({ limit: 20 });
  await engine.search('ukraine');
  log(`answers warmed in ${Math.round(performance.now() - t)} ms`);

  const all: Array<{ n: number; a: Article; marker: string }> = [];
  for (const [label, count] of [['ten', 10], ['tenMore', 10], ['thousand', 1000]] as const) {
    const fresh = newArticles(all.length, count).map((a, k) => ({ n: all.length + k, a, marker: `Bench marker zq${all.length + k}x was reported.` }));
    all.push(...fresh);
    body = rss(base, all);
    t = performance.now();
    let report: FeedPollReport | null | undefined;
    if (label === 'ten') {
      const added = await feeds.add(`${base}/feed.xml`);
      report = added.ok ? added.poll : null;
    } else {
      [report] = await feeds.poll({ all: true });
    }
    const pollMs = performance.now() - t;
    const last = fresh.at(-1)!;
    const hits = await engine.search(`zq${last.n}x`);
    const searchedMs = performance.now() - t;
    const timeline = await engine.timeline({ limit: 20 });
    const inAnswersMs = performance.now() - t;
    if (hits.length === 0) throw new Error(`the ${label} new articles are not in answers`);
    if (!report) throw new Error('the feed was not polled');
    results[label] = { items: count, new: report.new, events: report.events, pollMs: Math.round(pollMs), searchMs: Math.round(searchedMs - pollMs), timelineMs: Math.round(inAnswersMs - searchedMs), inAnswersMs: Math.round(inAnswersMs), timelineEntries: timeline.entries.length };
    log(`${count} new items: poll ${Math.round(pollMs)} ms, in answers after ${Math.round(inAnswersMs)} ms (search ${Math.round(searchedMs - pollMs)} ms, timeline ${Math.round(inAnswersMs - searchedMs)} ms; ${report.new} new, events ${report.events})`);
  }
  const stats = await engine.stats();
  results.corpus = stats;
  results.eventsStale = (await engine.repositories.events.current()) ? '0' : '1';
} finally {
  await app.close();
  server.close();
  if (keepDb) log(`the run's database is kept: ${dbFile}`);
  else fs.rmSync(work, { recursive: true, force: true });
}
const outDir = path.join(benchDir, 'out');
fs.mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, `feeds-${docs}.json`);
fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
log(`results in ${path.relative(repoRoot, outFile)}`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
