/**
 * The engine on articles it has never seen: other formats, outlets and years,
 * an off-topic text, bad files, repeated banners, and incremental re-ingest.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BriefingEngine } from '../../src/engine.js';
import { openTestWriter } from '../helpers/app.js';
import { HTML_AID, JSON_FEED, MARKDOWN_AID, withSharedBanner } from '../helpers/articles.js';
import { tempCorpus, type TempCorpus } from '../helpers/corpus.js';

describe('engine on our own articles', () => {
  let corpus: TempCorpus;
  let engine: BriefingEngine;

  beforeEach(async () => {
    corpus = tempCorpus();
    corpus.write('2023/air-defence.md', MARKDOWN_AID);
    corpus.write('2023/gazette.html', HTML_AID);
    corpus.write('feeds/feb.json', JSON_FEED);
    engine = await openTestWriter({ corpusDir: corpus.corpusDir, dbPath: corpus.dbPath });
  });
  afterEach(async () => {
    await engine.close();
    corpus.cleanup();
  });

  it('reads every format, with ids from paths and stated dates', async () => {
    const report = await engine.refresh();
    expect(report.skipped).toEqual([]);
    const docs = Object.fromEntries((await engine.sources()).map((d) => [d.id, d]));
    expect(Object.keys(docs).sort()).toEqual(['2023/air-defence', '2023/gazette', 'feeds/feb#1', 'feeds/feb#2', 'feeds/feb#3']);
    expect(docs['2023/air-defence']).toMatchObject({ published: '2023-03-02', publishedFrom: 'stated', outlet: 'The Northern Courier' });
    expect(docs['2023/gazette']).toMatchObject({ published: '2023-03-03', publishedFrom: 'stated', outlet: 'Western Gazette' });
    expect(docs['feeds/feb#2']).toMatchObject({ published: '2023-02-08', outlet: 'Capital Ledger' });
  });

  it('keeps an off-topic document, marks it, and leaves it out of every answer', async () => {
    await engine.refresh();
    const sport = (await engine.sources()).find((d) => d.id === 'feeds/feb#3')!;
    expect(sport.relevant).toBe(false);
    const { entries } = await engine.timeline({ limit: 200 });
    const summary = await engine.summary({});
    const hits = await engine.search('football pitches');
    for (const text of [...entries.map((e) => e.text), ...summary.sentences.map((s) => s.text)]) {
      expect(text).not.toMatch(/football|Sport England/);
    }
    expect(hits).toEqual([]);
  });

  it('resolves relative dates against each article and merges outlets reporting the same package', async () => {
    await engine.refresh();
    const { entries } = await engine.timeline({ limit: 200 });
    // "on Tuesday" in an article of Thursday 2 March 2023 is 28 February 2023.
    expect(entries.find((e) => /as long as it takes/.test(e.text))?.date).toBe('2023-02-28');
    // "In January" in a March 2023 article is January 2023, month precision.
    expect(entries.find((e) => /main battle tanks/.test(e.text))?.date).toBe('2023-01');
    // Two outlets, two formats, the same £310 million package: one event, two sources.
    const pkg = entries.filter((e) => /310/.test(e.text));
    expect(pkg.some((e) => e.sources.map((s) => s.id).sort().join() === '2023/air-defence,2023/gazette')).toBe(true);
    // Page chrome and scripts never reach an answer.
    for (const e of entries) expect(e.text).not.toMatch(/newsletter|tracking|Home Politics|All rights reserved/);
  });

  it('skips bad files with one clear line each and ingests the rest', async () => {
    corpus.write('empty.txt', '');
    corpus.write('binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
    corpus.write('broken.json', '{"title": "Unfinished", "text": "The UK pledged');
    const report = await engine.refresh();
    const skipped = Object.fromEntries(report.skipped.map((p) => [p.path, p.message]));
    expect(Object.keys(skipped).sort()).toEqual(['binary.txt', 'broken.json', 'empty.txt']);
    for (const message of Object.values(skipped)) {
      expect(message).not.toMatch(/\n|at .*\.ts:\d+/);
      expect(message.length).toBeGreaterThan(10);
    }
    expect(report.added).toBe(3);
    expect((await engine.sources()).length).toBe(5);
  });

  it('re-ingests incrementally: unchanged skipped, changed replaced, deleted retired', async () => {
    await engine.refresh();
    const again = await engine.refresh();
    expect(again).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 3 });

    corpus.write('2023/air-defence.md', MARKDOWN_AID.replaceAll('£310 million', '£410 million'));
    const changed = await engine.refresh();
    expect(changed).toMatchObject({ added: 0, changed: 1, unchanged: 2 });
    expect((await engine.search('410')).length).toBeGreaterThan(0);
    expect((await engine.search('"310 million air defence package"')).length).toBe(0);

    corpus.remove('feeds/feb.json');
    const removed = await engine.refresh();
    expect(removed.removed).toBe(1);
    expect((await engine.sources()).map((d) => d.id).sort()).toEqual(['2023/air-defence', '2023/gazette']);
  });

  it('drops a banner paragraph that several documents repeat verbatim', async () => {
    corpus.write(
      'ledger/a.txt',
      withSharedBanner('2023-04-03', 'The UK confirmed on Monday that it will send Challenger 2 tanks to Ukraine within weeks.'),
    );
    corpus.write(
      'ledger/b.txt',
      withSharedBanner('2023-04-05', 'British instructors began training Ukrainian tank crews in Dorset on Tuesday, the army said.'),
    );
    await engine.refresh();
    const hits = await engine.search('charitable trust');
    expect(hits).toEqual([]);
    const summary = await engine.summary({});
    for (const s of summary.sentences) expect(s.text).not.toMatch(/Evening Ledger|two editors/);
    expect((await engine.search('Challenger')).length).toBe(1);
  });
});
