/**
 * Parsing on worker threads: the same results as the main thread, the same
 * database after an ingest, and a dead thread stops the run without losing
 * or half-recording a file.
 */
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestWriter } from '../helpers/app.js';
import { InlineParser, ParsePool, type FileParser, type ParseJob } from '../../src/ingest/parsers.js';
import { DEFAULT_TOPIC } from '../../src/topic/profile.js';
import { HTML_AID, JSON_FEED, MARKDOWN_AID, PINGING_TXT, withSharedBanner } from '../helpers/articles.js';
import { tempCorpus } from '../helpers/corpus.js';
import { sqliteHandle } from '../../bench/lib/sqlite-handle.js';

const OUTLETS = ['The Harbour Times', 'Lowland Post', 'Daily Meridian', 'North Sea Record'];
const WEAPONS = ['air defence systems', 'drones', 'artillery shells', 'armoured vehicles', 'radar units'];

/** Article i of a made-up run of aid reports, 2022–2023, in varied forms. */
function article(i: number): { path: string; text: string } {
  const day = `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
  const outlet = OUTLETS[i % OUTLETS.length]!;
  const body = `The UK pledged £${(i % 40) + 10} million for ${WEAPONS[i % WEAPONS.length]} for Ukraine on Tuesday, ${outlet} understands.
Officials said the first deliveries of the package would reach Kyiv within ${(i % 6) + 2} weeks.
"We will keep supporting Ukraine," the minister told reporters after talks with Ukrainian counterparts in London.`;
  if (i % 5 === 0) return { path: `md/a${i}.md`, text: `---\ntitle: Aid report ${i}\ndate: ${day}\noutlet: ${outlet}\n---\n\n${body}\n` };
  if (i % 7 === 0) return { path: `banner/a${i}.txt`, text: withSharedBanner(day, body) };
  return { path: `txt/a${i}.txt`, text: ` date ${day}\n${body}` };
}

async function outcome(parser: FileParser, job: ParseJob) {
  try {
    return { ok: await parser.parse(job) };
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

describe('parsing on worker threads', () => {
  const corpus = tempCorpus();
  afterAll(() => corpus.cleanup());

  it('gives the results the main thread gives, failures included', async () => {
    const files: Record<string, string | Buffer> = {
      'aid.md': MARKDOWN_AID,
      'aid.html': HTML_AID,
      'feed.json': JSON_FEED,
      'ping.txt': PINGING_TXT,
      'empty.txt': '',
      'binary.txt': Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7]),
      'truncated.json': '[{"text": "The UK ',
    };
    const jobs = Object.entries(files).map(([relPath, content]) => {
      const absPath = corpus.write(relPath, content);
      return { relPath, absPath, size: Buffer.byteLength(content) };
    });
    const inline = new InlineParser(DEFAULT_TOPIC);
    const pool = new ParsePool(2, DEFAULT_TOPIC);
    try {
      const onThreads = await Promise.all(jobs.map((j) => outcome(pool, j)));
      for (const [i, job] of jobs.entries()) expect(onThreads[i], job.relPath).toEqual(await outcome(inline, job));
      expect(onThreads.filter((o) => 'error' in o).map((o) => o.error)).toEqual([
        expect.stringMatching(/^SkipFile: empty file/),
        expect.stringMatching(/^SkipFile: .*binary/),
        expect.stringMatching(/^SkipFile: .*JSON/),
      ]);
      // A hint given to the thread is used as on the main thread.
      const undated = corpus.write('undated.txt', 'The UK sent more drones to Ukraine on Monday, the ministry said in London.');
      const hinted = { relPath: 'undated.txt', absPath: undated, size: 74, publishedHint: '2023-06-14' };
      const parsed = await pool.parse(hinted);
      expect(parsed.result.documents[0]).toMatchObject({ published: '2023-06-14', publishedFrom: 'inferred' });
      expect(parsed).toEqual(await inline.parse(hinted));
      // A feed article (no file) is parsed on a thread as on the main thread, its fingerprint kept.
      const feedItem = {
        relPath: '.feeds/test/1',
        absPath: '',
        size: 0,
        article: {
          docId: '.feeds/test/1',
          hash: 'item-1',
          raw: {
            title: 'More drones',
            body: 'The UK will send 300 more drones to Ukraine, Defence Secretary John Healey said on Friday in Kyiv.',
            published: '2025-01-17T09:00:00Z',
            publishedField: 'feed item date',
            outlet: 'Lowland Post',
            url: 'http://127.0.0.1/news/1',
            warnings: [],
          },
        },
      };
      const threaded = await pool.parse(feedItem);
      expect(threaded.hash).toBe('item-1');
      expect(threaded.result.documents[0]).toMatchObject({ id: '.feeds/test/1', published: '2025-01-17' });
      expect(threaded).toEqual(await inline.parse(feedItem));
    } finally {
      await pool.close();
    }
  });

  it('parses the files of a thread that died on the main thread, and replaces the thread', async () => {
    const pool = new ParsePool(2, DEFAULT_TOPIC);
    const workers = () => (pool as unknown as { workers: Worker[] }).workers;
    const absPath = corpus.write('one.md', MARKDOWN_AID);
    const job = { relPath: 'one.md', absPath, size: MARKDOWN_AID.length };
    try {
      const expected = await new InlineParser(DEFAULT_TOPIC).parse(job);
      expect(await pool.parse(job)).toEqual(expected);
      // Both threads get work, then both die as an out-of-memory kill would end them.
      const inFlight = [pool.parse(job), pool.parse(job), pool.parse(job)];
      const dead = [...workers()];
      await Promise.all(dead.map((w) => w.terminate()));
      for (const result of await Promise.all(inFlight)) expect(result).toEqual(expected);
      expect(workers()).toHaveLength(2);
      expect(workers().some((w) => dead.includes(w))).toBe(false);
      expect(await pool.parse(job)).toEqual(expected);
    } finally {
      await pool.close();
    }
  });
});

describe('an ingest on threads and on one thread', () => {
  const one = tempCorpus();
  const two = tempCorpus();
  afterAll(() => {
    one.cleanup();
    two.cleanup();
  });

  it('builds the same corpus, events and answers', async () => {
    for (let i = 0; i < 150; i++) {
      const { path, text } = article(i);
      one.write(path, text);
      two.write(path, text);
    }
    // An undated article sharing two quotes with dated ones: its date is inferred (re-parsed with a hint).
    const quoted = `"Our engineers will train Ukrainian crews on every system we send," the minister told reporters. "The first radar units leave Portsmouth before the end of the month," she added.`;
    for (const c of [one, two]) {
      c.write('quotes/dated.txt', ` date 2023-04-18\nThe UK pledged £12 million for Ukraine on Tuesday. ${quoted}`);
      c.write('quotes/undated.txt', `Britain will send £12 million of drones to Ukraine, officials in London said. ${quoted}`);
    }
    const now = () => new Date('2024-01-01T00:00:00Z');
    const a = await openTestWriter({ corpusDir: one.corpusDir, dbPath: one.dbPath, parseThreads: 1, now });
    const b = await openTestWriter({ corpusDir: two.corpusDir, dbPath: two.dbPath, parseThreads: 2, now });
    try {
      const [ra, rb] = [await a.refresh(), await b.refresh()];
      expect(rb).toMatchObject({ added: 152, skipped: [], events: 'rebuilt' });
      expect({ ...rb, durationMs: 0 }).toEqual({ ...ra, durationMs: 0 });
      const docs = (e: typeof a) => sqliteHandle(e.repositories.corpus).prepare('SELECT * FROM documents ORDER BY id').all();
      expect(docs(b)).toEqual(docs(a));
      const sentences = (e: typeof a) =>
        sqliteHandle(e.repositories.corpus).prepare('SELECT doc_id, idx, text, boilerplate, dates FROM sentences ORDER BY doc_id, idx').all();
      expect(sentences(b)).toEqual(sentences(a));
      expect(await b.timeline({ limit: 500 })).toEqual(await a.timeline({ limit: 500 }));
      expect((await b.sources()).find((s) => s.id.includes('undated'))).toMatchObject({ publishedFrom: 'inferred' });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
