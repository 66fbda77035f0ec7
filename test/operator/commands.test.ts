/**
 * Command text as each front end receives it: quoted phrases kept (Slack
 * signed requests, console piped stdin), option values of several words,
 * repeated options refused, usage in each front end's own syntax (CLI child
 * process), global options before the command, /summary to: by event date,
 * /digest in an unsubscribed channel, counted nouns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../../src/core/plural.js';
import { runCli } from '../helpers/cli.js';
import { tempCorpus, type TempCorpus } from '../helpers/corpus.js';
import { seedCorpus } from '../platforms/slack/helpers/engine.js';
import type { ResponseUrlPost } from '../platforms/slack/helpers/fake-slack.js';
import { slackOver } from './slack.js';

const textOf = (post: ResponseUrlPost) => JSON.stringify(post.body.blocks);

describe('Slack: command text through the signed endpoint', () => {
  const { ask } = slackOver(seedCorpus);

  it('/briefing-search "artillery barrels" is a phrase: it does not match "artillery gun barrels"', async () => {
    const post = await ask('/briefing-search', '"artillery barrels"');
    const text = textOf(post);
    expect(text).toContain('150 artillery barrels');
    expect(text).not.toContain('artillery gun barrels');
    expect(text).toContain('1 matching sentence,');
  });

  it('curly quotes (as Slack clients type them) are a phrase too', async () => {
    const text = textOf(await ask('/briefing-search', '“artillery barrels”'));
    expect(text).toContain('150 artillery barrels');
    expect(text).not.toContain('artillery gun barrels');
  });

  it('query:Healey Starmer is accepted as one query', async () => {
    const text = textOf(await ask('/briefing-search', 'query:Sheffield Forgemasters'));
    expect(text).toContain('Sheffield Forgemasters');
    expect(text).not.toContain('Give query once');
    expect(textOf(await ask('/briefing-search', 'query:Healey Starmer'))).not.toMatch(/Error|Give query once/);
  });

  it('a repeated option is an error naming both values, with the usage spelled for Slack', async () => {
    const text = textOf(await ask('/timeline', 'limit:5 limit:6'));
    expect(text).toContain('limit is given twice (limit:5, limit:6): give it once.');
    expect(text).toContain('Usage: /timeline [topic:TEXT]');
  });

  it('usage uses Slack\'s name for search', async () => {
    const text = textOf(await ask('/briefing-search', 'limit:3'));
    expect(text).toContain('Missing query.');
    expect(text).toContain('Usage: /briefing-search query:TEXT [limit:N]');
  });
});

describe('CLI and console', () => {
  let corpus: TempCorpus;
  let base: string[];
  beforeAll(() => {
    corpus = tempCorpus({ seeds: true });
    base = ['--corpus', corpus.corpusDir, '--db', corpus.dbPath];
  });
  afterAll(() => corpus.cleanup());

  it.each([
    [['timeline', '--limit', 'abc'], 'briefing: --limit abc is not a whole number.'],
    [['timeline', '--colour', 'red'], 'briefing: Unknown option --colour.'],
    [['timeline', '--limit', '5', '--limit', '6'], 'briefing: --limit is given 2 times (5, 6): give it once.'],
    [['timeline', '--from', '2025-01-01', '--to', '2024-12-01'], 'briefing: --from 2025-01-01 is after --to 2024-12-01.'],
  ])('%j: the problem and the usage in CLI syntax only', (args, first) => {
    const r = runCli([...args, ...base]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([first, 'Usage: briefing timeline [TOPIC] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N] [--json]']);
    // No slash form glued on, no Node parseArgs advice.
    expect(r.stderr).not.toMatch(/limit:|\/timeline|To specify a positional/);
  });

  it('global options work before the command too', () => {
    const r = runCli([...base, 'sources', '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).documents).toHaveLength(5);
  });

  it('--help lists the shared commands from their definitions, in CLI syntax', () => {
    const r = runCli(['--help']);
    expect(r.stdout).toContain('briefing search QUERY [--limit N] [--json]');
    expect(r.stdout).toContain('briefing timeline [TOPIC] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N] [--json]');
  });

  it('a phrase given in the shell stays a phrase', () => {
    const hits = JSON.parse(runCli(['search', '"artillery barrels"', '--json', ...base]).stdout).hits;
    expect(hits.map((h: { text: string }) => h.text).join('\n')).not.toContain('artillery gun barrels');
    expect(hits).toHaveLength(1);
  });

  it('summary --to means the date of what happened, as timeline --to does', () => {
    // Every seed article is published 2024-12-19 or later; what they report on 18 December is still "up to 18 December".
    const summary = JSON.parse(runCli(['summary', '--to', '2024-12-18', '--json', ...base]).stdout);
    const timeline = JSON.parse(runCli(['timeline', '--to', '2024-12-18', '--limit', '200', '--json', ...base]).stdout);
    expect(timeline.entries.length).toBeGreaterThan(0);
    expect(summary.sentences.length).toBeGreaterThan(0);
    const texts = summary.sentences.map((s: { text: string }) => s.text).join('\n');
    expect(texts).not.toContain('150 artillery barrels'); // reported for 16 January
    const later = JSON.parse(runCli(['summary', '--from', '2025-01-16', '--json', ...base]).stdout);
    expect(later.sentences.map((s: { text: string }) => s.text).join('\n')).not.toMatch(/on Wednesday.*(LBC|Zelenskyy said)/);
  });

  it('console: phrases, repeated options, counted nouns, and /digest in an unsubscribed channel', () => {
    const r = runCli(['serve', ...base], {
      input: '/search "artillery barrels"\n/timeline limit:5 limit:6\n/timeline topic:Crimea\n/digest\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Search: "artillery barrels"\n1 matching sentence, best first\./);
    expect(r.stdout).not.toContain('artillery gun barrels');
    expect(r.stdout).toContain('limit is given twice (limit:5, limit:6): give it once.');
    expect(r.stdout).toMatch(/\n1 of 1 event about "Crimea"/);
    expect(r.stdout).toContain('This channel is not subscribed, so it gets no digest.');
    expect(r.stdout).toContain('A channel manager starts it with /briefing subscribe [time:HH:MM]');
    expect(r.stdout).toContain('the digest for Thursday 16 January 2025, the corpus\'s latest day with news, would have held:');
    expect(r.stdout).toMatch(/\n2025-01-16 {2}\S/);
    expect(r.stdout).not.toMatch(/No new developments since the last digest/);
  });
});

describe('counted nouns', () => {
  it.each([
    [0, 'event', '0 events'],
    [1, 'event', '1 event'],
    [2, 'matching sentence', '2 matching sentences'],
    [1, 'matching sentence', '1 matching sentence'],
    [12345, 'document', '12,345 documents'],
  ])('%i %s → %s', (n, noun, expected) => expect(count(n, noun)).toBe(expected));
});
