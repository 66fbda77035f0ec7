/**
 * The engine the Slack tests run against, over a temp corpus folder.
 *
 * Until the real engine's parser and analysis land, `openEngine` builds a
 * small hand-written Engine over the Markdown fixtures (front matter for
 * title/outlet/date/url; one timeline entry per sentence that names a full
 * date). Switching to the real engine is the marked line below.
 */
import { mkdtemp, mkdir, readdir, readFile, writeFile, cp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import matter from 'gray-matter';
import * as chrono from 'chrono-node';
import type { Engine, IngestReport } from '../../../../src/core/engine.js';
import type { SourceDocument, TimelineEntry } from '../../../../src/core/model.js';

export interface TestCorpus {
  dir: string;
  dbPath: string;
  cleanup(): Promise<void>;
}

export interface FixtureArticle {
  /** File name under the corpus, e.g. "ruritania/budget.md". */
  file: string;
  title: string;
  outlet: string;
  published: string;
  url?: string;
  body: string;
}

export function articleText(a: FixtureArticle): string {
  const fm = [`title: ${JSON.stringify(a.title)}`, `outlet: ${JSON.stringify(a.outlet)}`, `date: ${a.published}`];
  if (a.url) fm.push(`url: ${JSON.stringify(a.url)}`);
  return `---\n${fm.join('\n')}\n---\n\n${a.body}\n`;
}

/** A temp corpus with the given fixture articles (and the seeds when asked). */
export async function makeCorpus(articles: FixtureArticle[], opts: { withSeeds?: boolean } = {}): Promise<TestCorpus> {
  const root = await mkdtemp(join(tmpdir(), 'briefing-slack-'));
  const dir = join(root, 'corpus');
  await mkdir(dir, { recursive: true });
  if (opts.withSeeds) await cp(join(process.cwd(), 'seeds'), dir, { recursive: true });
  for (const a of articles) {
    await mkdir(dirname(join(dir, a.file)), { recursive: true });
    await writeFile(join(dir, a.file), articleText(a));
  }
  return { dir, dbPath: join(root, 'briefing.db'), cleanup: () => rm(root, { recursive: true, force: true }) };
}

export async function openEngine(corpus: TestCorpus): Promise<Engine> {
  // Real engine: `const engine = await createEngine({ corpusDir: corpus.dir, dbPath: corpus.dbPath });`
  const engine = await createFixtureEngine(corpus.dir);
  await engine.refresh();
  return engine;
}

interface Doc extends SourceDocument {
  sentences: string[];
}

/** Hand-written stand-in for the real engine (see the file comment). */
async function createFixtureEngine(dir: string): Promise<Engine> {
  let docs: Doc[] = [];
  const entries = (): TimelineEntry[] => {
    const out: TimelineEntry[] = [];
    for (const d of docs) {
      d.sentences.forEach((s, i) => {
        const found = chrono.en.GB.parse(s, d.published ? new Date(`${d.published}T12:00:00Z`) : new Date(0), { forwardDate: false });
        const full = found.find((r) => r.start.isCertain('day') && r.start.isCertain('month') && r.start.isCertain('year'));
        if (!full) return;
        const date = `${full.start.get('year')}-${String(full.start.get('month')).padStart(2, '0')}-${String(full.start.get('day')).padStart(2, '0')}`;
        out.push({ date, precision: 'day', text: s, sources: [source(d)], eventId: `${d.id}:${i}` });
      });
    }
    return out.sort((a, b) => a.date.localeCompare(b.date));
  };
  const matches = (text: string, topic?: string) => !topic || text.toLowerCase().includes(topic.toLowerCase());
  const inRange = (date: string, from?: string, to?: string) =>
    (!from || date >= from) && (!to || date.slice(0, to.length) <= to);
  const source = (d: Doc) => ({ id: d.id, title: d.title, outlet: d.outlet, published: d.published, url: d.url });

  return {
    async refresh(): Promise<IngestReport> {
      const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.md')).sort();
      docs = [];
      for (const file of files) {
        const parsed = matter(await readFile(join(dir, file), 'utf8'));
        const data = parsed.data as Record<string, unknown>;
        const published = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : data.date ? String(data.date) : null;
        docs.push({
          id: file.replace(/\.md$/, ''),
          title: String(data.title ?? file),
          outlet: data.outlet ? String(data.outlet) : null,
          published,
          url: data.url ? String(data.url) : null,
          publishedFrom: published ? 'stated' : 'unknown',
          relevant: true,
          sentences: parsed.content
            .split(/(?<=[.!?])\s+/)
            .map((s) => s.trim())
            .filter(Boolean),
        });
      }
      return { added: docs.length, changed: 0, unchanged: 0, removed: 0, skipped: [], warnings: [], durationMs: 0 };
    },
    async timeline(q) {
      const all = entries().filter((e) => matches(e.text, q.topic) && inRange(e.date, q.from, q.to));
      return { entries: all.slice(0, q.limit ?? 20), total: all.length };
    },
    async summary(q) {
      const sentences = docs.flatMap((d) => d.sentences.filter((s) => matches(s, q.topic)).slice(0, 2).map((text) => ({ text, sources: [source(d)] })));
      return { topic: q.topic ?? null, sentences };
    },
    async sources() {
      return docs.map(({ sentences: _s, ...d }) => d);
    },
    async search(query, limit = 10) {
      return docs
        .flatMap((d) => d.sentences.filter((s) => matches(s, query)).map((text) => ({ text, date: d.published, source: source(d) })))
        .slice(0, limit);
    },
    async events() {
      return [];
    },
    async suggestTopics() {
      return [];
    },
    async stats() {
      const dates = docs.map((d) => d.published).filter((d): d is string => !!d).sort();
      return {
        documents: docs.length,
        relevant: docs.length,
        sentences: docs.reduce((n, d) => n + d.sentences.length, 0),
        events: entries().length,
        firstPublished: dates[0] ?? null,
        lastPublished: dates.at(-1) ?? null,
      };
    },
    async close() {},
  };
}
