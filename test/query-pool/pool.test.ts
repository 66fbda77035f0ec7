/**
 * The query pool over a real SQLite file: threads answer exactly what the
 * engine answers on its own thread, see what the writer ingests after a
 * refresh, shed load past their queue with a polite busy reply through the
 * same dispatch every platform uses.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefingEngine } from '../../src/engine.js';
import type { App } from '../../src/app.js';
import { openTestApp } from '../helpers/app.js';
import { EngineBusyError } from '../../src/core/engine.js';
import { dispatch } from '../../src/core/dispatch.js';
import { CARRIED_SOURCES, chatReply, citedCount, type Reply } from '../../src/core/reply.js';
import type { SourceRef } from '../../src/core/model.js';
import { slackCommandName } from '../../src/platforms/slack/command-names.js';
import { createQueryPool, type QueryPool } from '../../src/query-pool/pool.js';
import { articleText } from '../platforms/slack/helpers/engine.js';
import { bulkArticles, harbourArticle, regionalTopic } from '../platforms/slack/helpers/fixtures.js';

let root: string;
let corpus: string;
let dbPath: string;
let topicFile: string;
let app: App;
let writer: BriefingEngine;
let pool: QueryPool;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'query-pool-'));
  corpus = join(root, 'corpus');
  dbPath = join(root, 'briefing.db');
  topicFile = join(root, 'topic.json');
  writeFileSync(topicFile, JSON.stringify(regionalTopic));
  for (const a of [harbourArticle, ...bulkArticles(6, 10)]) {
    mkdirSync(join(corpus, a.file, '..'), { recursive: true });
    writeFileSync(join(corpus, a.file), articleText(a));
  }
  app = await openTestApp({ corpusDir: corpus, dbPath, config: { topicFile } });
  writer = app.writer;
  await writer.refresh();
  pool = createQueryPool(writer, { kind: 'sqlite', file: dbPath }, { threads: 2, topicFile });
});

afterAll(async () => {
  await pool?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('query pool', () => {
  it('answers every query exactly as the engine does on its own thread', async () => {
    const ranges = [{ topic: 'ferry' }, { topic: 'rail', from: '2029-03' }, {}, { from: '2029-01-01', to: '2029-06-30' }];
    for (const q of ranges) {
      expect(await pool.timeline({ ...q, limit: 30 })).toEqual(await writer.timeline({ ...q, limit: 30 }));
      expect(await pool.summary(q)).toEqual(await writer.summary(q));
      expect(await pool.events(q)).toEqual(await writer.events(q));
    }
    expect(await pool.search('ferry contract', 5)).toEqual(await writer.search('ferry contract', 5));
    expect(await pool.sources()).toEqual(await writer.sources());
    // A few documents by id, in the order asked, an unknown id left out: as they are among all of them.
    const all = await writer.sources();
    const some = [all.at(-1)!.id, 'no/such/document', all[0]!.id];
    expect(await pool.sourcesOf(some)).toEqual([all.at(-1), all[0]]);
    expect(await writer.sourcesOf(some)).toEqual([all.at(-1), all[0]]);
    expect(await pool.stats()).toEqual(await writer.stats());
    expect(await pool.suggestTopics('r', 10)).toEqual(await writer.suggestTopics('r', 10));
    const timeline = await pool.timeline({ topic: 'ferry' });
    expect(timeline.entries.map((e) => e.text)).toContain('The regional council signed the ferry contract on 4 March 2031 after eleven months of talks.');
  });

  it('sees what the writer ingested once a refresh went through the pool', async () => {
    const before = await pool.sources();
    writeFileSync(
      join(corpus, 'harbour', 'berth.md'),
      articleText({
        file: 'harbour/berth.md',
        title: 'New berth opens for the ferry',
        outlet: 'The Harbour Gazette',
        published: '2031-04-02',
        body: 'The council opened the new ferry berth on 1 April 2031, a month early. Passengers boarded there the same day.',
      }),
    );
    const report = await pool.refresh();
    expect(report.added).toBe(1);
    const after = await pool.sources();
    expect(after.length).toBe(before.length + 1);
    expect(after.map((s) => s.title)).toContain('New berth opens for the ferry');
    const timeline = await pool.timeline({ topic: 'berth' });
    expect(timeline.entries.map((e) => e.date)).toContain('2031-04-01');
  });

  it('refuses queries past its queue as busy, and commands answer that politely', async () => {
    const small = createQueryPool(writer, { kind: 'sqlite', file: dbPath }, { threads: 1, maxWaiting: 2, topicFile });
    try {
      const asked = Array.from({ length: 8 }, () => small.summary({ topic: 'rail' }).then(() => 'answered', (e: Error) => e));
      const outcomes = await Promise.all(asked);
      // One running, two waiting: answered; the other five refused at once.
      expect(outcomes.filter((o) => o === 'answered')).toHaveLength(3);
      expect(outcomes.filter((o) => o instanceof EngineBusyError)).toHaveLength(5);

      const replies = await Promise.all(
        Array.from({ length: 6 }, () => dispatch('summary', { text: 'rail' }, { ...app.services, engine: small, platform: 'slack', now: () => new Date() })),
      );
      const busy = replies.filter((r) => r.kind === 'error');
      expect(busy.length).toBe(3);
      for (const r of busy) expect(r.intro ?? r.title).toMatch(/busy.*try \/summary again in a moment/);
      expect(replies.filter((r) => r.kind === 'summary')).toHaveLength(3);
    } finally {
      await small.closeThreads();
    }
  });

  it('runs read-only commands whole on a thread: the chat reply the main thread would have built', async () => {
    const now = () => new Date('2031-05-01T12:00:00Z');
    const here = { ...app.services, engine: writer, readThreads: undefined, platform: 'slack' as const, now, commandName: slackCommandName };
    const there = { ...app.services, engine: pool, readThreads: pool, platform: 'slack' as const, now, commandName: slackCommandName };
    const typed: Array<[string, string]> = [
      ['timeline', 'ferry'],
      ['timeline', 'limit:50'],
      ['summary', 'rail from:2029-03'],
      ['search', 'ferry contract'],
      ['sources', ''],
      ['help', ''],
      // Errors are worded on the thread in the asker's spelling, as dispatch words them here.
      ['timeline', 'from:2031-05-01 to:2030-01-01'],
      ['search', ''],
    ];
    for (const [name, text] of typed) {
      const local = await dispatch(name, { text }, here);
      const remote = await dispatch(name, { text }, there);
      expect(remote, `${name} ${text}`).toEqual(chatReply(local));
      expect(remote.data).toBeUndefined();
    }
    // Commands that need the digest or feed services stay on the main thread (the threads have neither).
    const settings = await dispatch('briefing', { text: 'settings' }, { ...there, channel: 'C1' });
    expect(settings.kind).not.toBe('error');
  });

  it('carries the first sources of an item and counts the rest', () => {
    const source = (i: number): SourceRef => ({ id: `d${i}`, title: `Story ${i}`, outlet: 'Gazette', published: '2031-01-01', url: null });
    const reply: Reply = {
      kind: 'timeline',
      title: 'Timeline',
      items: [
        { date: '2031-01-01', text: 'Many cite this.', sources: Array.from({ length: 300 }, (_, i) => source(i)) },
        { text: 'Few cite this.', sources: [source(1)] },
      ],
      data: { entries: [] },
    };
    const trimmed = chatReply(reply);
    expect(trimmed.items[0]!.sources).toEqual(reply.items[0]!.sources.slice(0, CARRIED_SOURCES));
    expect(trimmed.items[0]!.moreSources).toBe(300 - CARRIED_SOURCES);
    expect(trimmed.items.map(citedCount)).toEqual([300, 1]);
    expect(trimmed.items[1]).toEqual(reply.items[1]);
    expect('data' in trimmed).toBe(false);
  });
});
