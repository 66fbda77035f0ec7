/**
 * A results file as the Markdown table docs/benchmarks.md shows:
 *   npx tsx bench/report.ts bench/results-10000.json
 */
import fs from 'node:fs';
import type { BenchResults } from './run.js';

function table(r: BenchResults): string {
  const t = r.targets;
  const verdict = (ok: boolean) => (ok ? 'ok' : '**miss**');
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lat = (k: keyof BenchResults['latency']) => `${r.latency[k].p50} / ${r.latency[k].p95} / ${r.latency[k].max} ms`;
  const rows: string[][] = [
    ['cold ingest', `${r.ingestDocsPerSec} docs/s, ${r.ingestMbPerSec} MB/s (${s(r.ingestMs)})`, '', ''],
    ['floor: compromise tokenizer over the kept text', `${r.floorDocsPerSec} docs/s (${s(r.floorMs)})`, '', ''],
    ['cold ingest ÷ floor', `${r.ingestOverFloor}× wall, ${r.cpu.ingestOverFloor}× CPU`, `≤ ${t.ingestOverFloor}×`, verdict(r.meets.ingestOverFloor!)],
    [
      '(÷ tokenizer over raw text' + (r.floorTagger ? ' / ÷ full tagger)' : ')'),
      `${r.floorRaw.ingestOverFloor}×` + (r.floorTagger ? ` / ${r.floorTagger.ingestOverFloor}×` : ''),
      '',
      '',
    ],
    ['re-ingest, nothing changed', `${r.reingestUnchangedMs} ms`, `≤ ${t.reingestUnchangedMs / 1000} s`, verdict(r.meets.reingestUnchanged!)],
    [
      `re-ingest, 1% new (${r.onePercentDocs} articles)`,
      `${s(r.reingestOnePercentMs)}${r.onePercentEvents ? ` (events ${r.onePercentEvents})` : ''}`,
      '',
      '',
    ],
    ['timeline p50 / p95 / max', lat('timeline'), `p95 ≤ ${t.p95Ms} ms`, verdict(r.latency.timeline.p95 <= t.p95Ms)],
    ['summary p50 / p95 / max', lat('summary'), `p95 ≤ ${t.p95Ms} ms`, verdict(r.latency.summary.p95 <= t.p95Ms)],
    ['search p50 / p95 / max', lat('search'), `p95 ≤ ${t.p95Ms} ms`, verdict(r.latency.search.p95 <= t.p95Ms)],
    ['digest --dry-run p50 / p95 / max', lat('digest'), `≤ ${t.digestMs} ms`, verdict(r.meets.digest!)],
    [
      'peak RSS',
      `${Math.round(r.peakRssMb)} MB (${Math.round(r.peakRssAfter.coldIngest ?? 0)} after the cold ingest)`,
      `≤ ${t.peakRssMb} MB`,
      verdict(r.meets.peakRss!),
    ],
    ['database (db + wal)', `${r.dbMb} MB`, '', ''],
  ];
  return [
    '| figure | result | target | |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `Corpus after ingest: ${r.corpus.documents.toLocaleString('en-GB')} documents (${r.corpus.relevant.toLocaleString('en-GB')} relevant), ` +
      `${r.corpus.sentences.toLocaleString('en-GB')} sentences, ${r.corpus.events.toLocaleString('en-GB')} events; ` +
      `p95 CPU ms: timeline ${r.p95CpuMs.timeline}, summary ${r.p95CpuMs.summary}, search ${r.p95CpuMs.search}, digest ${r.p95CpuMs.digest}.`,
  ].join('\n');
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('report: give a results JSON file (bench/results-N.json)\n');
  process.exit(2);
}
process.stdout.write(`${table(JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults)}\n`);
