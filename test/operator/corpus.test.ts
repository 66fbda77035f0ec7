/**
 * Own articles as an operator brings them: the documented examples of every
 * format ingested through the CLI, wire datelines, --explain and /sources
 * id: (signed Slack request), a topic-file change re-judging what was
 * ingested, and a two-file id collision reported with both names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTextHeader } from '../../src/ingest/published.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempCorpus, type TempCorpus } from '../helpers/corpus.js';
import { slackOver } from './slack.js';

const EXAMPLES = path.join(ROOT, 'docs/examples');

function examplesCorpus(): TempCorpus {
  const corpus = tempCorpus();
  for (const f of fs.readdirSync(EXAMPLES)) fs.copyFileSync(path.join(EXAMPLES, f), path.join(corpus.corpusDir, f));
  return corpus;
}

describe('docs/examples: one file per format, as docs/corpus.md describes', () => {
  let corpus: TempCorpus;
  beforeAll(() => {
    corpus = examplesCorpus();
  });
  afterAll(() => corpus.cleanup());

  it('every format is read with its title, stated date, outlet and url, and judged on topic', () => {
    const formats = new Set(fs.readdirSync(EXAMPLES).map((f) => path.extname(f)));
    expect(formats).toEqual(new Set(['.txt', '.md', '.html', '.json']));
    const r = runCli(['sources', '--json', '--corpus', corpus.corpusDir, '--db', corpus.dbPath]);
    expect(r.stderr).toBe('');
    const docs = Object.fromEntries(JSON.parse(r.stdout).documents.map((d: { id: string }) => [d.id, d]));
    expect(docs['london-summit']).toMatchObject({ title: 'European leaders agree to draw up a peace plan at London summit', published: '2025-03-02', publishedFrom: 'stated', relevant: true });
    expect(docs['drone-order']).toMatchObject({ title: 'UK orders thousands of drones for Ukraine', outlet: 'The Example Gazette', published: '2025-03-05', url: 'https://news.example.org/uk-drones-ukraine', publishedFrom: 'stated', relevant: true });
    // The HTML example states its date only in JSON-LD.
    expect(docs['air-defence']).toMatchObject({ title: 'UK to fund air defence systems for Ukraine', outlet: 'Example Herald', published: '2025-03-06', url: 'https://herald.example.org/air-defence', publishedFrom: 'stated', relevant: true });
    expect(docs['wire#1']).toMatchObject({ title: 'UK extends training of Ukrainian troops', outlet: 'Example Wire', published: '2025-03-07', relevant: true });
    expect(docs['wire#2']).toMatchObject({ title: 'UK announces new sanctions on Russia', outlet: 'Example Wire', published: '2025-03-08', relevant: true });
    expect(Object.keys(docs)).toHaveLength(5);
  });

  it('the London summit on security guarantees is on topic, and --explain says why', () => {
    const r = runCli(['sources', '--explain', 'london-summit', '--json', '--corpus', corpus.corpusDir, '--db', corpus.dbPath]);
    expect(r.stderr).toBe('');
    const e = JSON.parse(r.stdout);
    expect(e.relevant).toBe(true);
    expect(e.relevance).toBeGreaterThanOrEqual(e.threshold);
    const support = e.facets.find((f: { name: string }) => f.name === 'support');
    expect(Object.keys(support.terms)).toEqual(expect.arrayContaining(['security guarantee*', 'peacekeep*', 'diploma*']));
    const text = runCli(['sources', '--explain', 'london-summit', '--corpus', corpus.corpusDir, '--db', corpus.dbPath]).stdout;
    expect(text).toMatch(/on topic: score 0\.\d+ reaches the threshold 0\.45/);
    expect(text).toMatch(/support \(required, weight 2\): .*security guarantee\* ×1/);
  });

  it('--explain of an unknown id is one line, exit 2', () => {
    const r = runCli(['sources', '--explain', 'nope', '--corpus', corpus.corpusDir, '--db', corpus.dbPath]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('briefing: No document has the id "nope": /sources lists them.');
  });
});

describe('wire datelines', () => {
  it.each([
    ['LONDON, 3 March 2025 — The UK will send drones.', '2025-03-03', null],
    ['KYIV, Ukraine (Example Wire) — The UK will send drones on Monday.', null, 'Example Wire'],
    ['KYIV, March 3, 2025 (Example Wire) - The UK will send drones.', '2025-03-03', 'Example Wire'],
    ['3 March 2025 | The UK will send drones.', '2025-03-03', null],
    ['Published 3 March 2025\nThe UK will send drones.', '2025-03-03', null],
    ['Updated 4 March 2025 10:02 GMT\nThe UK will send drones.', '2025-03-04', null],
    ['Published 3 March 2025, updated 4 March 2025\nThe UK will send drones.', '2025-03-03', null],
  ])('%j', (text, date, outlet) => {
    const h = readTextHeader(text);
    expect(h.published).toEqual(date ? { ok: true, date } : null);
    expect(h.outlet).toBe(outlet);
    expect(h.body.trim()).toMatch(/^The UK will send drones/);
  });

  it('a sentence that merely starts with capitals is not a dateline', () => {
    for (const text of ['NATO allies met in Brussels on Monday.', 'The UK - and France - will send troops.']) {
      expect(readTextHeader(text).body).toBe(text);
    }
  });

  it('a .txt opening "LONDON, 3 March 2025 —" gets its date and headline, and reaches the timeline and replay', () => {
    const corpus = tempCorpus();
    try {
      corpus.write(
        'pledge.txt',
        'UK pledges drones to Ukraine\n\nLONDON, 3 March 2025 — The UK will send 5,000 drones to Ukraine, the defence secretary announced on Monday.\n\nThe £50 million package of military aid was agreed with Kyiv.\n',
      );
      const base = ['--corpus', corpus.corpusDir, '--db', corpus.dbPath];
      const [doc] = JSON.parse(runCli(['sources', '--json', ...base]).stdout).documents;
      expect(doc).toMatchObject({ id: 'pledge', title: 'UK pledges drones to Ukraine', published: '2025-03-03', publishedFrom: 'stated', relevant: true });
      const timeline = JSON.parse(runCli(['timeline', '--json', ...base]).stdout);
      expect(timeline.entries.map((e: { date: string }) => e.date)).toContain('2025-03-03');
      expect(JSON.stringify(timeline)).not.toContain('LONDON, 3 March');
      const replay = JSON.parse(runCli(['digest', '--replay', '--from', '2025-03-03', '--to', '2025-03-03', '--json', ...base]).stdout);
      expect(JSON.stringify(replay)).toContain('5,000 drones');
    } finally {
      corpus.cleanup();
    }
  });
});

describe('topic profile changes and id collisions', () => {
  it('a new BRIEFING_TOPIC_FILE re-judges what was ingested, rebuilds events and says so', () => {
    const corpus = examplesCorpus();
    try {
      const base = ['--corpus', corpus.corpusDir, '--db', corpus.dbPath];
      const first = runCli(['ingest', '--json', ...base]);
      expect(JSON.parse(first.stdout).topic).toBeUndefined();
      expect(JSON.parse(first.stdout).relevant).toBe(5);
      const topicFile = path.join(corpus.dir, 'sanctions.json');
      fs.writeFileSync(topicFile, JSON.stringify({ name: 'Sanctions on Russia', threshold: 0.3, facets: [{ name: 'sanctions', required: true, weight: 2, terms: { 'sanction*': 1 } }] }));
      const env = { BRIEFING_TOPIC_FILE: topicFile };
      const changed = runCli(['ingest', '--json', ...base], { env });
      const report = JSON.parse(changed.stdout);
      expect(report).toMatchObject({ added: 0, changed: 0, relevant: 1 });
      // Events were rebuilt from the one document still on topic.
      expect(report.events).toBeGreaterThan(0);
      expect(report.events).toBeLessThan(JSON.parse(first.stdout).events);
      expect(report.topic).toMatchObject({ profile: 'Sanctions on Russia', rejudged: 5, nowOnTopic: 0, nowOffTopic: 4 });
      expect(changed.stderr).toMatch(/^Topic profile "Sanctions on Russia" changed \([0-9a-f]{16} → [0-9a-f]{16}\): 5 documents judged again, 0 now on topic, 4 now off topic; events rebuilt\.$/m);
      const sources = JSON.parse(runCli(['sources', '--json', ...base], { env }).stdout).documents;
      expect(sources.filter((d: { relevant: boolean }) => d.relevant).map((d: { id: string }) => d.id)).toEqual(['wire#2']);
      // The same profile again: nothing to judge.
      const again = runCli(['ingest', '--json', ...base], { env });
      expect(JSON.parse(again.stdout).topic).toBeUndefined();
      expect(again.stderr).not.toMatch(/Topic profile/);
      // Back to the default: all five on topic again.
      const back = JSON.parse(runCli(['ingest', '--json', ...base]).stdout);
      expect(back.topic).toMatchObject({ nowOnTopic: 4, nowOffTopic: 0 });
      expect(back.relevant).toBe(5);
    } finally {
      corpus.cleanup();
    }
    // Six CLI runs in a row: on a loaded machine they outlast the default 30 s.
  }, 120_000);

  it('a.txt and a.md: a warning naming both files, one document', () => {
    const corpus = tempCorpus();
    try {
      corpus.write('a.md', '---\ntitle: UK drones for Ukraine\ndate: 2025-03-05\n---\nThe UK will send drones to Ukraine, the defence secretary said.\n');
      corpus.write('a.txt', 'date 2025-03-06\nThe UK will train Ukrainian troops, the defence secretary said.\n');
      const base = ['--corpus', corpus.corpusDir, '--db', corpus.dbPath];
      const r = runCli(['ingest', ...base]);
      expect(r.stderr).toContain('warning a.txt: gives the same document id "a" as a.md, so only a.md is read: rename one of the two files');
      const docs = JSON.parse(runCli(['sources', '--json', ...base]).stdout).documents;
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({ id: 'a', published: '2025-03-05' });
    } finally {
      corpus.cleanup();
    }
  });
});

describe('/sources id: on Slack', () => {
  const { ask } = slackOver(async () => {
    const dir = examplesCorpus();
    return { dir: dir.corpusDir, dbPath: dir.dbPath, cleanup: async () => dir.cleanup() };
  });

  it('answers with each facet\'s hits and the score against the threshold', async () => {
    const text = JSON.stringify((await ask('/sources', 'id:london-summit')).body.blocks);
    expect(text).toContain('on topic: score');
    expect(text).toContain('reaches the threshold 0.45');
    expect(text).toMatch(/Ukraine \(required, weight 3\): kyiv ×1/);
  });
});
