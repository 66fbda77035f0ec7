/**
 * The real engine the Slack tests run against, over a temp corpus folder:
 * the seeds (default topic) or the articles written for these tests with a
 * topic profile of their own (BRIEFING_TOPIC_FILE's format), since the
 * product is judged on corpora it has never seen.
 */
import { mkdtemp, mkdir, writeFile, cp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { App } from '../../../../src/app.js';
import { openTestApp } from '../../../helpers/app.js';

export interface TestCorpus {
  dir: string;
  dbPath: string;
  /** Topic profile for fixture corpora; undefined = the default (the seeds' topic). */
  topicFile?: string;
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

/** The seeds, copied to a temp folder (default topic profile). */
export async function seedCorpus(): Promise<TestCorpus> {
  const root = await mkdtemp(join(tmpdir(), 'briefing-slack-'));
  const dir = join(root, 'corpus');
  await cp(join(process.cwd(), 'seeds'), dir, { recursive: true });
  return { dir, dbPath: join(root, 'briefing.db'), cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** A temp corpus of fixture articles with its own topic profile. */
export async function makeCorpus(articles: FixtureArticle[], topic: object): Promise<TestCorpus> {
  const root = await mkdtemp(join(tmpdir(), 'briefing-slack-'));
  const dir = join(root, 'corpus');
  await mkdir(dir, { recursive: true });
  for (const a of articles) {
    await mkdir(dirname(join(dir, a.file)), { recursive: true });
    await writeFile(join(dir, a.file), articleText(a));
  }
  const topicFile = join(root, 'topic.json');
  await writeFile(topicFile, JSON.stringify(topic));
  return { dir, dbPath: join(root, 'briefing.db'), topicFile, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** As `briefing serve` opens it (createApp), the corpus ingested; `app.services` is what the adapter gets. */
export async function openEngine(corpus: TestCorpus): Promise<App> {
  const app = await openTestApp({ corpusDir: corpus.dir, dbPath: corpus.dbPath, config: { topicFile: corpus.topicFile } });
  await app.engine.refresh();
  return app;
}
