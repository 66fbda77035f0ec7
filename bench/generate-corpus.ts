/**
 * Deterministic synthetic corpus for benchmarks:
 *   npm run bench:corpus -- --docs 10000 --seed 1 --out bench/corpus/10000-1
 * Same docs + seed + seeds/ folder = same bytes. Offline; reads seeds/ for
 * sentence material. ~5% of articles are off-topic; publication dates span a year.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeArticle, makeStories, type Article } from './synth/article.js';
import { iso, parseIso } from './synth/calendar.js';
import { mixSeed, Rng } from './synth/prng.js';
import { EXTENSION, renderHtml, renderJson, renderMarkdown, renderText, slugify, STYLE_WEIGHTS, type FileStyle } from './synth/render.js';
import { loadSeedSentences } from './synth/seed-pool.js';

export const GENERATOR_VERSION = 1;
/** Name of the manifest the runner checks (hidden: the corpus walker skips dot-files). */
export const MANIFEST = '.corpus.json';
const WINDOW_START = '2024-03-01';
const WINDOW_DAYS = 365;
const OFF_TOPIC_SHARE = 0.05;
/** Articles per story on average: popular stories get dozens, most get a few. */
const ARTICLES_PER_STORY = 8;
const FILES_PER_FOLDER = 1000;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface GenerateOptions {
  docs: number;
  seed: number;
  out: string;
  seedsDir?: string;
  /** Index of the first document (the runner appends "new" articles after an existing corpus). */
  start?: number;
  /** Corpus size the story table is drawn for (defaults to `docs`); appended articles share the original stories. */
  storyBasis?: number;
}

export interface CorpusManifest {
  generator: number;
  docs: number;
  seed: number;
  files: number;
  bytes: number;
  offTopic: number;
  firstPublished: string;
  lastPublished: string;
}

export interface GenerateResult extends CorpusManifest {
  paths: string[];
}

export function generateCorpus(options: GenerateOptions): GenerateResult {
  const { docs, seed, out } = options;
  const start = options.start ?? 0;
  const seedSentences = loadSeedSentences(options.seedsDir ?? path.join(repoRoot, 'seeds'));
  const windowStart = parseIso(WINDOW_START);
  const windowEnd = new Date(windowStart.getTime() + (WINDOW_DAYS - 1) * 86_400_000);
  const storyCount = Math.max(10, Math.round((options.storyBasis ?? docs) / ARTICLES_PER_STORY));
  const stories = makeStories(new Rng(mixSeed(seed, 0x5703)), storyCount, windowStart, WINDOW_DAYS);
  const ctx = { stories, seedSentences, windowEnd };

  fs.mkdirSync(out, { recursive: true });
  const result: GenerateResult = {
    generator: GENERATOR_VERSION,
    docs: 0,
    seed,
    files: 0,
    bytes: 0,
    offTopic: 0,
    firstPublished: '9999-12-31',
    lastPublished: '0000-01-01',
    paths: [],
  };
  const end = start + docs;
  for (let i = start; i < end; ) {
    // Each file has its own stream, so appending after an existing corpus never changes it.
    const rng = new Rng(mixSeed(seed, i));
    const style = rng.weighted(STYLE_WEIGHTS);
    const count = style === 'json' ? Math.min(rng.int(1, 3), end - i) : 1;
    const articles: Article[] = [];
    for (let k = 0; k < count; k++) articles.push(makeArticle(rng, ctx, rng.chance(OFF_TOPIC_SHARE)));
    const text = render(rng, style, articles);
    const first = articles[0]!;
    const rel = `${first.outlet.slug}/b${Math.floor(i / FILES_PER_FOLDER)}/${String(i).padStart(6, '0')}-${slugify(first.title, 40)}.${EXTENSION[style]}`;
    const abs = path.join(out, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    result.paths.push(rel);
    result.files += 1;
    result.bytes += Buffer.byteLength(text);
    for (const a of articles) {
      result.docs += 1;
      if (a.offTopic) result.offTopic += 1;
      const p = iso(a.published);
      if (p < result.firstPublished) result.firstPublished = p;
      if (p > result.lastPublished) result.lastPublished = p;
    }
    i += count;
  }
  if (start === 0) {
    const { paths: _paths, ...manifest } = result;
    fs.writeFileSync(path.join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return result;
}

function render(rng: Rng, style: FileStyle, articles: Article[]): string {
  const a = articles[0]!;
  switch (style) {
    case 'md':
      return renderMarkdown(rng, a);
    case 'html':
      return renderHtml(rng, a);
    case 'json':
      return renderJson(rng, articles);
    default:
      return renderText(rng, a, style);
  }
}

export function readManifest(dir: string): CorpusManifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as CorpusManifest;
  } catch {
    return null;
  }
}

/** `--name value` flags into a map; numbers validated by the caller. */
export function parseArgs(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}": flags look like --docs 1000`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(name, inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(name, argv[++i]!);
    else flags.set(name, 'true');
  }
  return flags;
}

export function positiveInt(flags: Map<string, string>, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number ≥ 0, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  const docs = positiveInt(flags, 'docs', 1000);
  const seed = positiveInt(flags, 'seed', 1);
  if (docs < 1) throw new Error('--docs must be at least 1');
  const out = flags.get('out') ?? path.join(repoRoot, 'bench', 'corpus', `${docs}-${seed}`);
  const started = performance.now();
  const r = generateCorpus({ docs, seed, out, seedsDir: flags.get('seeds') });
  const secs = (performance.now() - started) / 1000;
  process.stdout.write(
    `wrote ${r.docs} articles in ${r.files} files (${(r.bytes / 1e6).toFixed(1)} MB, ${r.offTopic} off-topic, ` +
      `${r.firstPublished}..${r.lastPublished}) to ${out} in ${secs.toFixed(1)} s\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: Error) => {
    process.stderr.write(`bench:corpus: ${err.message}\n`);
    process.exit(1);
  });
}
