/**
 * `npm run eval`: the figures of issue 12's acceptance table, per story, on
 * the evaluation set (test/fixtures/real/<story>/) and the bundled seeds.
 *
 * Each story is ingested into a fresh temporary database by the real CLI (a
 * child process, as an operator runs it; its own topic profile through
 * BRIEFING_TOPIC_FILE), and its answers are read from the CLI's JSON
 * contract: the default timeline, the default summary, `digest --replay`
 * over the story's range, and a catch-up digest after a late batch (the
 * story's documents up to the gap are ingested and digested, then the late
 * documents arrive and the next digest is posted). The answers are compared
 * with the gold written by reading the texts (eval/gold.ts).
 *
 *   npm run eval                  every story, a table
 *   npm run eval -- --json        the same figures as JSON
 *   npm run eval -- --story steel one story (repeatable)
 *   npm run eval -- --items       also print every answer item with its verdicts
 *
 * Output is deterministic: no timings, stories and items in a fixed order.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  dateF1,
  developmentOf,
  forbiddenKinds,
  foundKeys,
  isDangling,
  loadStory,
  matches,
  NEVER_KINDS,
  neverRules,
  type AnswerItem,
  type NeverKind,
  type NeverRules,
  type Story,
} from './gold.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CLI = path.join(ROOT, 'src', 'cli', 'main.ts');
/** The CLI refuses longer replays; a longer story is replayed in spans of this many days. */
const REPLAY_SPAN_DAYS = 3_000;

interface Source {
  id: string;
  published: string | null;
}
interface Item extends AnswerItem {
  sources?: Source[];
  late?: boolean;
  reported?: string;
}

export interface StoryFigures {
  story: string;
  documents: number;
  relevant: number;
  replay: { keyFound: number; keyTotal: number; missing: string[]; items: number; busiestDay: { slot: string | null; items: number } };
  forbidden: { anyAnswer: Record<NeverKind, number>; inReplay: Record<NeverKind, number>; examples: string[] };
  dangling: { items: number; total: number; share: number };
  timeline: { entries: number; keyFound: number; keyTotal: number; missing: string[]; dateF1: number; datePrecision: number; dateRecall: number };
  summary: { sentences: number; factsFound: number; factsTotal: number; missing: string[] };
  catchUp: { keyFound: number; keyTotal: number; labelledLate: number; items: number; missing: string[] };
}

/** Run the CLI in a clean environment (no .env, no platform tokens), return its stdout JSON. */
function cli(args: string[], options: { cwd: string; topicFile: string | null }): unknown {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: options.cwd,
    TZ: 'UTC',
    BRIEFING_TZ: 'Europe/London',
    BRIEFING_PARSE_THREADS: '1',
    LOG_LEVEL: 'silent',
  };
  if (options.topicFile) env.BRIEFING_TOPIC_FILE = options.topicFile;
  const r = spawnSync(process.execPath, [TSX, CLI, ...args], { cwd: options.cwd, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`briefing ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
  }
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`briefing ${args.join(' ')} printed no JSON: ${r.stdout.slice(0, 200)} ${r.stderr.slice(0, 400)}`);
  }
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function copyCorpus(from: string, to: string, keep: (relPath: string) => boolean): void {
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(from, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (keep(rel.split(path.sep).join('/'))) {
        fs.mkdirSync(path.join(to, dir), { recursive: true });
        fs.copyFileSync(path.join(from, rel), path.join(to, rel));
      }
    }
  };
  walk('');
}

const zero = (): Record<NeverKind, number> => ({ furniture: 0, ceremony: 0, misdecoded: 0 });

export interface StoryRun {
  figures: StoryFigures;
  answers: { timeline: Item[]; summary: Item[]; replay: Array<{ slot: string; items: Item[] }>; catchUp: Item[] };
}

export function evaluateStory(story: Story, commonNever: Record<NeverKind, string[]>): StoryRun {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `briefing-eval-${story.name}-`));
  try {
    const g = story.gold;
    const rules: NeverRules = neverRules(commonNever, g.never);
    const base = ['--corpus', story.corpusDir, '--db', path.join(tmp, 'full.db'), '--json'];
    const opts = { cwd: tmp, topicFile: story.topicFile };

    const sources = (cli(['sources', ...base], opts) as { documents: Array<Source & { relevant: boolean }> }).documents;
    const timeline = (cli(['timeline', ...base], opts) as { entries: Item[] }).entries;
    const summary = (cli(['summary', ...base], opts) as { sentences: Item[] }).sentences;
    const replay: Array<{ slot: string; items: Item[] }> = [];
    for (let from = g.range.from; from <= g.range.to; from = addDays(from, REPLAY_SPAN_DAYS + 1)) {
      const to = addDays(from, REPLAY_SPAN_DAYS) < g.range.to ? addDays(from, REPLAY_SPAN_DAYS) : g.range.to;
      const out = cli(['digest', '--replay', '--from', from, '--to', to, ...base], opts) as { days: Array<{ slot: string; items: Item[] }> };
      replay.push(...out.days.filter((d) => d.items.length > 0));
    }
    const catchUp = lateBatch(story, tmp, sources);

    const replayItems = replay.flatMap((d) => d.items);
    const keys = g.developments.filter((d) => d.key);
    const missing = (found: Set<string>, among = keys) => among.filter((d) => !found.has(d.id)).map((d) => d.id);

    const replayFound = foundKeys(replayItems, g.developments);
    const busiest = replay.reduce<{ slot: string | null; items: number }>(
      (best, d) => (d.items.length > best.items ? { slot: d.slot, items: d.items.length } : best),
      { slot: null, items: 0 },
    );

    const anyAnswer = zero();
    const inReplay = zero();
    const examples: string[] = [];
    const tally = (items: Item[], into: Record<NeverKind, number>, keepExamples: boolean) => {
      for (const item of items) {
        const kinds = forbiddenKinds(item.text, rules);
        for (const k of kinds) into[k] += 1;
        if (keepExamples && kinds.length && examples.length < 12) examples.push(`[${kinds.join(',')}] ${item.text.slice(0, 140)}`);
      }
    };
    tally([...timeline, ...summary, ...replayItems, ...catchUp], anyAnswer, true);
    tally(replayItems, inReplay, false);

    const distinct = [...new Set([...timeline, ...summary, ...replayItems, ...catchUp].map((i) => i.text))];
    const danglingCount = distinct.filter(isDangling).length;

    const timelineFound = foundKeys(timeline, g.developments);
    const f1 = dateF1(
      timeline.map((e) => e.date ?? ''),
      g.dates,
    );

    const factsFound = g.summaryFacts.filter((f) => summary.some((s) => matches(s.text, f.match)));

    const lateKeys = keys.filter((d) => d.date.slice(0, 10) >= g.late.from && d.date.slice(0, 10) <= g.late.to);
    const catchUpFound = foundKeys(catchUp, lateKeys);
    const labelledLate = catchUp.filter((i) => developmentOf(i, lateKeys) && (i.late === true || typeof i.reported === 'string')).length;

    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      figures: {
        story: story.name,
        documents: sources.length,
        relevant: sources.filter((d) => d.relevant).length,
        replay: { keyFound: replayFound.size, keyTotal: keys.length, missing: missing(replayFound), items: replayItems.length, busiestDay: busiest },
        forbidden: { anyAnswer, inReplay, examples },
        dangling: { items: danglingCount, total: distinct.length, share: distinct.length ? round(danglingCount / distinct.length) : 0 },
        timeline: {
          entries: timeline.length,
          keyFound: timelineFound.size,
          keyTotal: keys.length,
          missing: missing(timelineFound),
          dateF1: round(f1.f1),
          datePrecision: round(f1.precision),
          dateRecall: round(f1.recall),
        },
        summary: {
          sentences: summary.length,
          factsFound: factsFound.length,
          factsTotal: g.summaryFacts.length,
          missing: g.summaryFacts.filter((f) => !factsFound.includes(f)).map((f) => f.name),
        },
        catchUp: {
          keyFound: catchUpFound.size,
          keyTotal: lateKeys.length,
          labelledLate,
          items: catchUp.length,
          missing: missing(catchUpFound, lateKeys),
        },
      },
      answers: { timeline, summary, replay, catchUp },
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The late batch: the documents published before the gap are ingested and
 * the digest for the gap's first day is posted (as a bot running daily would
 * have); then the late documents arrive together and the digest of the
 * catch-up day is posted. Returns that catch-up digest's items.
 */
function lateBatch(story: Story, tmp: string, sources: Source[]): Item[] {
  const g = story.gold;
  const lateFiles = new Set(g.late.documents);
  const published = new Map(sources.map((s) => [s.id, s.published]));
  const idOf = (rel: string) => rel.replace(/\.[^./]+$/, '');
  const corpus = path.join(tmp, 'late-corpus');
  fs.mkdirSync(corpus);
  copyCorpus(story.corpusDir, corpus, (rel) => {
    if (lateFiles.has(rel)) return false;
    const day = published.get(idOf(rel));
    return Boolean(day && day < g.late.from);
  });
  const opts = { cwd: tmp, topicFile: story.topicFile };
  const base = ['--corpus', corpus, '--db', path.join(tmp, 'late.db'), '--platform', 'console', '--channel', 'eval', '--json'];
  cli(['digest', '--slot', g.late.from, ...base], opts);
  copyCorpus(story.corpusDir, corpus, (rel) => lateFiles.has(rel));
  const out = cli(['digest', '--slot', g.late.catchUp, ...base], opts) as { items?: Item[] };
  return out.items ?? [];
}

export function allStories(): Story[] {
  const realDir = path.join(ROOT, 'test', 'fixtures', 'real');
  const stories = fs
    .readdirSync(realDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(realDir, e.name, 'gold.json')))
    .map((e) => e.name)
    .sort()
    .map((name) => loadStory(path.join(realDir, name, 'gold.json'), path.join(realDir, name, 'docs')));
  stories.push(loadStory(path.join(ROOT, 'eval', 'seeds.gold.json'), path.join(ROOT, 'seeds')));
  return stories;
}

export function loadCommonNever(): Record<NeverKind, string[]> {
  const raw = JSON.parse(fs.readFileSync(path.join(ROOT, 'eval', 'never.json'), 'utf8')) as Record<string, unknown>;
  const out = {} as Record<NeverKind, string[]>;
  for (const k of NEVER_KINDS) out[k] = (raw[k] as string[] | undefined) ?? [];
  return out;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function table(all: StoryFigures[]): string {
  const rows: Array<[string, (f: StoryFigures) => string]> = [
    ['documents (on topic)', (f) => `${f.documents} (${f.relevant})`],
    ['key developments in the replayed digests', (f) => `${f.replay.keyFound}/${f.replay.keyTotal}`],
    ['items on the busiest replayed day', (f) => `${f.replay.busiestDay.items}${f.replay.busiestDay.slot ? ` (${f.replay.busiestDay.slot})` : ''}`],
    [
      'furniture/ceremony/mis-decoded items, any answer',
      (f) => `${f.forbidden.anyAnswer.furniture}/${f.forbidden.anyAnswer.ceremony}/${f.forbidden.anyAnswer.misdecoded}`,
    ],
    [
      '  of which in the replay',
      (f) => `${f.forbidden.inReplay.furniture}/${f.forbidden.inReplay.ceremony}/${f.forbidden.inReplay.misdecoded}`,
    ],
    ['items starting with a dangling pronoun/connective', (f) => `${f.dangling.items} of ${f.dangling.total} (${pct(f.dangling.share)})`],
    ['key developments in the default timeline', (f) => `${f.timeline.keyFound}/${f.timeline.keyTotal}`],
    ['date-F1 of the default timeline (P/R)', (f) => `${f.timeline.dateF1.toFixed(2)} (${f.timeline.datePrecision.toFixed(2)}/${f.timeline.dateRecall.toFixed(2)})`],
    ['key facts in the default summary', (f) => `${f.summary.factsFound}/${f.summary.factsTotal}`],
    ['catch-up digest after a late batch (labelled late)', (f) => `${f.catchUp.keyFound}/${f.catchUp.keyTotal} (${f.catchUp.labelledLate})`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const colWidth = 2 + Math.max(8, ...all.map((f) => f.story.length), ...rows.flatMap(([, cell]) => all.map((f) => cell(f).length)));
  const lines = [`${''.padEnd(width)}  ${all.map((f) => f.story.padStart(colWidth)).join('')}`];
  for (const [label, cell] of rows) lines.push(`${label.padEnd(width)}  ${all.map((f) => cell(f).padStart(colWidth)).join('')}`);
  const notes: string[] = [];
  for (const f of all) {
    const miss = [
      f.replay.missing.length ? `replay misses ${f.replay.missing.join(', ')}` : '',
      f.timeline.missing.length ? `timeline misses ${f.timeline.missing.join(', ')}` : '',
      f.summary.missing.length ? `summary misses ${f.summary.missing.join(', ')}` : '',
      f.catchUp.missing.length ? `catch-up misses ${f.catchUp.missing.join(', ')}` : '',
    ].filter(Boolean);
    if (miss.length || f.forbidden.examples.length) {
      notes.push(`\n${f.story}:`);
      for (const m of miss) notes.push(`  ${m}`);
      for (const e of f.forbidden.examples) notes.push(`  forbidden ${e}`);
    }
  }
  return [...lines, ...notes].join('\n');
}

function printItems(run: StoryRun): string {
  const g = (text: string) => text.replace(/\s+/g, ' ').slice(0, 200);
  const out = [`\n=== ${run.figures.story}`];
  out.push('-- timeline');
  for (const e of run.answers.timeline) out.push(`${e.date}  ${g(e.text)}`);
  out.push('-- summary');
  for (const s of run.answers.summary) out.push(`*  ${g(s.text)}`);
  out.push('-- replay');
  for (const d of run.answers.replay) for (const i of d.items) out.push(`${d.slot} ${i.date}  ${g(i.text)}`);
  out.push('-- catch-up');
  for (const i of run.answers.catchUp) out.push(`${i.date}${i.late ? ' late' : ''}  ${g(i.text)}`);
  return out.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { json: { type: 'boolean' }, story: { type: 'string', multiple: true }, items: { type: 'boolean' } },
  });
  const wanted = values.story ?? [];
  const stories = allStories().filter((s) => wanted.length === 0 || wanted.includes(s.name));
  if (stories.length === 0) {
    process.stderr.write(`eval: no story named ${wanted.join(', ')}; the stories are ${allStories().map((s) => s.name).join(', ')}\n`);
    return 2;
  }
  const common = loadCommonNever();
  const runs = stories.map((s) => evaluateStory(s, common));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ stories: runs.map((r) => r.figures) }, null, 2)}\n`);
  } else {
    process.stdout.write(`${table(runs.map((r) => r.figures))}\n`);
    if (values.items) for (const r of runs) process.stdout.write(`${printItems(r)}\n`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`eval: ${err.message}\n`);
      process.exit(1);
    },
  );
}
