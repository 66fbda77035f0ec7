/**
 * `briefing digest` from the command line: --replay over the seeds and over
 * articles written here, and the one-line errors for bad flags and missing
 * platform configuration.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SEEDS, tempDir, writeArticle } from './helpers/setup.js';

function briefing(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK|DISCORD|BRIEFING)_/.test(k)));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...clean, LOG_LEVEL: 'silent', NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface ReplayJson {
  from: string;
  to: string;
  days: Array<{ slot: string; status: string; items: Array<{ date: string; text: string; sources: Array<{ id: string; published: string | null }> }> }>;
}

describe('briefing digest --replay', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('over the seeds: day-by-day digests on publication days, no item repeated', async () => {
    const db = path.join(dir, 'seeds.db');
    const { code, stdout, stderr } = await briefing(['digest', '--replay', '--from', '2024-12-18', '--to', '2025-01-17', '--json', '--corpus', SEEDS, '--db', db]);
    expect(code, stderr).toBe(0);
    const replay = JSON.parse(stdout) as ReplayJson;
    expect(replay.days).toHaveLength(31);
    expect(replay.days[0]!.slot).toBe('2024-12-18');
    const published = new Set<string>();
    const texts: string[] = [];
    for (const day of replay.days) {
      expect(day.status).toBe(day.items.length ? 'dry-run' : 'empty');
      for (const item of day.items) {
        texts.push(item.text);
        // An item arrives on the earliest publication date of its sources (or later, if carried over).
        const earliest = item.sources.map((s) => s.published).filter(Boolean).sort()[0]!;
        expect(earliest <= day.slot).toBe(true);
        for (const s of item.sources) published.add(s.id);
      }
    }
    expect(texts.length).toBeGreaterThan(10);
    expect(new Set(texts).size).toBe(texts.length);
    // The seeds were published on 19 and 23 December and 16 January: digests start on the first.
    const withItems = replay.days.filter((d) => d.items.length).map((d) => d.slot);
    expect(withItems[0]).toBe('2024-12-19');
    expect(withItems).toContain('2024-12-23');
    expect(withItems).toContain('2025-01-16');
    expect(replay.days.find((d) => d.slot === '2024-12-18')!.items).toEqual([]);
    // A normal day holds at most 8 items; the busy 19 December's rest follows the next day.
    for (const day of replay.days) expect(day.items.length).toBeLessThanOrEqual(8);
    expect(replay.days.find((d) => d.slot === '2024-12-20')!.items.length).toBeGreaterThan(0);

    // The text form: one heading per day, the dated items with sources, and a total.
    const text = await briefing(['digest', '--replay', '--from', '2024-12-19', '--to', '2024-12-20', '--corpus', SEEDS, '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^UK support for Ukraine — Thursday 19 December 2024: \d+ new developments\n/);
    expect(text.stdout).toMatch(/UK support for Ukraine — Friday 20 December 2024: \d+ new developments?\n/);
    expect(text.stdout).toMatch(/\n2024-12-19 {2}.+\n {4}Sources: /);
    expect(text.stdout).toMatch(/Replay 2024-12-19 to 2024-12-20: \d+ items over 2 of 2 days; \d+ repeats? left out\.\n$/);
  });

  it('over articles written here: a later repeat is left out, its new fact comes on its own day, off-topic never', async () => {
    const corpus = path.join(dir, 'own');
    writeArticle(corpus, 'a-grants', {
      title: 'UK grant for Ukrainian energy repairs',
      outlet: 'Fenland Observer',
      date: '2025-04-07',
      body: [
        'The UK will give Ukraine £75 million to repair power stations damaged by Russian strikes, Foreign Secretary David Lammy said on Monday.',
        'Lammy said British support for Ukraine would continue through the winter.',
      ],
    });
    writeArticle(corpus, 'b-grants-again', {
      title: 'Britain funds Ukraine power repairs',
      outlet: 'Severn Echo',
      date: '2025-04-09',
      body: [
        'Britain is giving Ukraine £75 million to fix power stations hit by Russian strikes, David Lammy announced on Monday.',
        'On Wednesday the UK also sent 40 mobile generators to hospitals in Kharkiv, the Foreign Office said, as part of its support for Ukraine.',
      ],
    });
    writeArticle(corpus, 'c-rowing', {
      title: 'Rowing club wins grant',
      outlet: 'Severn Echo',
      date: '2025-04-08',
      body: ['A rowing club in Worcester won a £20,000 lottery grant on Tuesday for new boats and a boathouse roof.', 'The club has 300 members.'],
    });
    const { code, stdout, stderr } = await briefing(['digest', '--replay', '--from', '2025-04-07', '--to', '2025-04-09', '--json', '--corpus', corpus, '--db', path.join(dir, 'own.db')]);
    expect(code, stderr).toBe(0);
    const days = (JSON.parse(stdout) as ReplayJson).days;
    const dayText = (slot: string) => days.find((d) => d.slot === slot)!.items.map((i) => i.text).join(' | ');
    expect(dayText('2025-04-07')).toContain('£75 million');
    expect(dayText('2025-04-08')).toBe('');
    expect(dayText('2025-04-09')).toContain('40 mobile generators');
    expect(dayText('2025-04-09')).not.toContain('£75 million');
    expect(stdout).not.toContain('rowing');
  });

  it('bad flags and missing platform configuration are one line each', async () => {
    const db = path.join(dir, 'flags.db');
    const cases: Array<[string[], RegExp]> = [
      [['digest', '--replay', '--from', '2025-02-30'], /^briefing: --from 2025-02-30 is not a date: use YYYY-MM-DD\.\n$/],
      [['digest', '--replay', '--from', '2025-02-10', '--to', '2025-02-01'], /^briefing: --from 2025-02-10 is after --to 2025-02-01\.\n$/],
      [['digest', '--replay', '--topic', '???'], /^briefing: --topic "\?\?\?" has no words to search for/],
      [['digest', '--slot', 'tomorrow'], /^briefing: --slot tomorrow is not a date: use YYYY-MM-DD\.\n$/],
      [['digest', '--platform', 'teams'], /^briefing: --platform teams is not one of console, slack, discord\.\n$/],
      [['digest', '--platform', 'slack'], /^briefing: --platform slack needs SLACK_BOT_TOKEN/],
      [['digest', '--platform', 'discord'], /^briefing: --platform discord needs DISCORD_TOKEN and DISCORD_APPLICATION_ID/],
      [['digest', '--replay', '--slot', '2025-01-01'], /^briefing: --slot does not go with --replay/],
    ];
    for (const [args, expected] of cases) {
      const r = await briefing([...args, '--corpus', SEEDS, '--db', db]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const cron = await briefing(['digest', '--dry-run', '--corpus', SEEDS, '--db', db], { BRIEFING_DIGEST_CRON: '*/5 * * * *' });
    expect(cron.code).toBe(2);
    expect(cron.stderr).toMatch(/^briefing: BRIEFING_DIGEST_CRON must fire once a day: use "minute hour \* \* days"/);
    expect(cron.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('console digest: --json on stdout, the slot posted once, then already-posted', async () => {
    const db = path.join(dir, 'console.db');
    const first = await briefing(['digest', '--slot', '2025-01-20', '--json', '--corpus', SEEDS, '--db', db]);
    expect(first.code, first.stderr).toBe(0);
    const json = JSON.parse(first.stdout) as { status: string; items: unknown[]; platform: string; channel: string; slot: string };
    expect(json).toMatchObject({ platform: 'console', channel: 'console', slot: '2025-01-20', status: 'posted' });
    expect(json.items.length).toBeGreaterThan(0);
    const dry = await briefing(['digest', '--slot', '2025-01-21', '--dry-run', '--json', '--corpus', SEEDS, '--db', db]);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'dry-run', slot: '2025-01-21' });
    const again = await briefing(['digest', '--slot', '2025-01-20', '--corpus', SEEDS, '--db', db]);
    expect(again.stdout).toContain('The digest for 2025-01-20 was already posted to console:console');
  });
});
