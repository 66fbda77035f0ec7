/**
 * The scriptable CLI: the JSON contract of docs/cli.md, one-line errors with
 * the usage for bad input, and the console answering piped slash commands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempCorpus, type TempCorpus } from '../helpers/corpus.js';

describe('briefing CLI', () => {
  let corpus: TempCorpus;
  let base: string[];

  beforeAll(() => {
    corpus = tempCorpus({ seeds: true });
    base = ['--corpus', corpus.corpusDir, '--db', corpus.dbPath];
  });
  afterAll(() => corpus.cleanup());

  it('timeline --json on an empty database ingests first and follows the contract', () => {
    const r = runCli(['timeline', '--json', ...base]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.entries.length).toBeGreaterThan(0);
    for (const e of out.entries) {
      expect(Object.keys(e).sort()).toEqual(['date', 'facts', 'sources', 'text']);
      expect(e.facts.every((f: unknown) => typeof f === 'string')).toBe(true);
      expect(e.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      for (const s of e.sources) {
        expect(s).toEqual({
          id: expect.stringMatching(/^\d{3}_[0-9a-f]{16}$/),
          title: expect.any(String),
          outlet: s.outlet === null ? null : expect.any(String),
          published: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          url: null,
        });
      }
    }
  });

  it('sources, summary and search --json follow the contract', () => {
    const sources = JSON.parse(runCli(['sources', '--json', ...base]).stdout);
    expect(sources.documents).toHaveLength(5);
    expect(sources.documents[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), publishedFrom: expect.stringMatching(/stated|inferred|unknown/), relevant: true }),
    );
    const summary = JSON.parse(runCli(['summary', '--topic', 'training', '--json', ...base]).stdout);
    expect(summary.topic).toBe('training');
    expect(summary.sentences.length).toBeGreaterThan(0);
    for (const point of summary.sentences) expect(point.facts).toEqual(expect.any(Array));
    // A development's further facts come with its point, as with a timeline entry.
    const whole = JSON.parse(runCli(['summary', '--json', ...base]).stdout);
    const pledge = whole.sentences.find((p: { text: string }) => p.text.includes('£225 million'));
    expect(pledge.facts.length).toBeGreaterThan(0);
    const search = JSON.parse(runCli(['search', 'Sheffield', 'Forgemasters', '--json', ...base]).stdout);
    expect(search.hits[0].text).toMatch(/Sheffield Forgemasters/);
    expect(search.hits[0].source.id).toMatch(/^004_/);
  });

  it('prints readable text with dates and sources', () => {
    const r = runCli(['timeline', '--limit', '3', ...base]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Timeline/);
    expect(r.stdout).toMatch(/\d{4}-\d{2}-\d{2} {2}\S/);
    expect(r.stdout).toMatch(/Sources: /);
  });

  it.each([
    [['timeline', '--from', 'banana'], /--from banana is not a date/],
    [['timeline', '--from', '2025-01-01', '--to', '2024-12-01'], /--from 2025-01-01 is after --to 2024-12-01/],
    [['timeline', '--colour', 'red'], /Unknown option --colour\./],
    [['timeline', '--limit', 'lots'], /--limit lots is not a whole number/],
    [['frobnicate'], /Unknown command "frobnicate"/],
  ])('%j gets one line naming the problem, with the usage, and exit 2', (args, message) => {
    const r = runCli([...args, ...base]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/    at /);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('stops on invalid configuration with one line naming the variable', () => {
    const r = runCli(['timeline', ...base], { env: { BRIEFING_TZ: 'Mars/Olympus' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^briefing: BRIEFING_TZ is not a time zone/);
  });

  it('console mode answers piped slash commands and exits', () => {
    const r = runCli(['serve', ...base], { input: '/help\n/timeline limit:2\n/summary peacekeepers\n/timeline from:banana\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/briefing-bot: 5 articles/);
    expect(r.stdout).toMatch(/Local console mode/);
    expect(r.stdout).toMatch(/\/timeline: Dated timeline/);
    expect(r.stdout).toMatch(/2 of \d+ events/);
    expect(r.stdout).toMatch(/Summary: peacekeepers/);
    expect(r.stdout).toMatch(/from:banana is not a date/);
  });
});
