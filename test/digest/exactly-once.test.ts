/**
 * Exactly once, across processes and crashes, asserted on what the fake
 * Slack and Discord APIs on 127.0.0.1 received from the real posters.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandServices } from '../../src/core/command.js';
import { openTestApp } from '../helpers/app.js';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import { startSlack } from '../../src/platforms/slack/app.js';
import { startDiscord } from '../../src/platforms/discord/app.js';
import type { ChannelPoster } from '../../src/platforms/poster.js';
import { startFakeDiscord, startFakeSlack, type FakePlatform } from './helpers/fake-platforms.js';
import { adapterServer, copySeeds, DISCORD_PUBLIC_KEY, ROOT, SLACK_SECRET, tempDir } from './helpers/setup.js';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', BRIEFING_TZ: 'Europe/London', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const CLI = 'src/cli/main.ts';
const CRASH_CHILD = 'test/digest/helpers/crash-child.ts';

const PLATFORMS = {
  slack: {
    start: startFakeSlack,
    env: (url: string) => ({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: url }),
    /** The slot key each platform carries on the message. */
    key: (p: FakePlatform['posts'][number]) => (p.body.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key,
  },
  discord: {
    start: startFakeDiscord,
    env: (url: string) => ({ DISCORD_TOKEN: 'discord-test', DISCORD_APPLICATION_ID: '123', DISCORD_PUBLIC_KEY, DISCORD_API_URL: url }),
    // Nonces are "<reference>-<page>": the reference is the slot's.
    key: (p: FakePlatform['posts'][number]) => String(p.body.nonce ?? '').replace(/-\d+$/, ''),
  },
} as const;

async function realPoster(platform: 'slack' | 'discord', apiUrl: string, services: CommandServices) {
  if (platform === 'slack') {
    return startSlack({ services, botToken: 'xoxb-test', signingSecret: SLACK_SECRET, apiUrl, server: adapterServer(), poster: { pageGapMs: 0 } });
  }
  return startDiscord({ services, token: 'discord-test', applicationId: '123', publicKey: DISCORD_PUBLIC_KEY, mode: 'http', apiUrl, server: adapterServer() });
}

describe.each(['slack', 'discord'] as const)('exactly once on %s', (platform) => {
  let dir: string;
  let corpus: string;
  let db: string;
  let fake: FakePlatform;
  const spec = PLATFORMS[platform];

  beforeAll(async () => {
    dir = tempDir();
    corpus = path.join(dir, 'corpus');
    db = path.join(dir, 'briefing.db');
    copySeeds(corpus);
    // Ingest once up front: the children then only read the corpus tables.
    const app = await openTestApp({ corpusDir: corpus, dbPath: db });
    await app.engine.refresh();
    await app.close();
    fake = await spec.start();
  });

  afterAll(async () => {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('two processes running the same slot at once post it once', async () => {
    const args = [CLI, 'digest', '--platform', platform, '--channel', 'C-RACE', '--slot', '2025-01-10', '--json', '--corpus', corpus, '--db', db];
    const [a, b] = await Promise.all([run(args, spec.env(fake.url)), run(args, spec.env(fake.url))]);
    const outcomes = [a, b].map((r) => [(JSON.parse(r.stdout) as { status: string }).status, r.code]);
    // The loser says what it saw: the winner still posting (exit 3), or already done (exit 0); never "posted".
    expect(outcomes.filter(([s]) => s === 'posted'), a.stderr + b.stderr).toEqual([['posted', 0]]);
    const loser = outcomes.find(([s]) => s !== 'posted')!;
    expect([['in-progress', 3], ['already-posted', 0]]).toContainEqual(loser);
    const posted = fake.posts.filter((p) => p.channel === 'C-RACE');
    // One digest (its pages share one key): every message carries the same slot key, and there is one first page.
    expect(new Set(posted.map(spec.key)).size).toBe(1);
    const winner = JSON.parse([a, b].find((r) => r.stdout.includes('"posted"'))!.stdout) as { items: unknown[]; messageId: string };
    expect(winner.items.length).toBeGreaterThan(0);
    expect(posted[0]!.id).toBe(winner.messageId);
    const pages = posted.length;

    // A retry of the same slot afterwards does not post either.
    const again = await run(args, spec.env(fake.url));
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'already-posted', slot: '2025-01-10', platform, channel: 'C-RACE' });
    expect(fake.posts.filter((p) => p.channel === 'C-RACE')).toHaveLength(pages);
  });

  it('a crash between posting and marking does not post twice on recovery', async () => {
    const child = await run([CRASH_CHILD], {
      CRASH: 'after-post',
      CRASH_PLATFORM: platform,
      CRASH_DB: db,
      CRASH_CORPUS: corpus,
      CRASH_API_URL: fake.url,
      CRASH_CHANNEL: 'C-CRASH',
      CRASH_SLOT: '2025-01-11',
    });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).not.toContain('survived');
    const before = fake.posts.filter((p) => p.channel === 'C-CRASH');
    expect(before.length).toBeGreaterThan(0);

    const app = await openTestApp({ corpusDir: corpus, dbPath: db });
    const service = app.digest;
    const adapter = await realPoster(platform, fake.url, app.services);
    try {
      const row = (await service.outbox.find(platform, 'C-CRASH', '2025-01-11'))!;
      expect(row.status).toBe('pending');
      const at = (ms: number) => () => new Date(Date.parse(row.updatedAt) + ms);

      // Within the minute the dead owner might still be alive: hands off.
      const early = new DigestScheduler({ service, posters: [adapter.poster], now: at(10_000), cron: { schedule: () => ({ destroy() {} }) } });
      expect(await early.sweep()).toEqual([]);

      // After a minute: recovery asks the platform, finds page 1, marks it posted, posts only the pages after it.
      const later = new DigestScheduler({ service, posters: [adapter.poster], now: at(90_000), cron: { schedule: () => ({ destroy() {} }) } });
      const results = await later.sweep();
      expect(results.map((r) => [r.slot, r.status, r.recovered])).toEqual([['2025-01-11', 'posted', true]]);
      const after = fake.posts.filter((p) => p.channel === 'C-CRASH');
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after).toHaveLength(results[0]!.pages!);
      const settled = (await service.outbox.find(platform, 'C-CRASH', '2025-01-11'))!;
      expect(settled.status).toBe('posted');
      expect(settled.messageId).toBe(before[0]!.id);
      // The items it carried now count as sent to that channel.
      expect((await service.outbox.known(platform, 'C-CRASH')).ids.size).toBe(settled.items.length);
    } finally {
      await adapter.stop();
      await app.close();
    }
  });

  it('a crash after claiming but before posting is posted once on recovery', async () => {
    const child = await run([CRASH_CHILD], {
      CRASH: 'before-post',
      CRASH_PLATFORM: platform,
      CRASH_DB: db,
      CRASH_CORPUS: corpus,
      CRASH_API_URL: fake.url,
      CRASH_CHANNEL: 'C-EARLY',
      CRASH_SLOT: '2025-01-12',
    });
    expect(child.signal).toBe('SIGKILL');
    expect(fake.posts.filter((p) => p.channel === 'C-EARLY')).toHaveLength(0);

    const app = await openTestApp({ corpusDir: corpus, dbPath: db });
    const service = app.digest;
    const adapter = await realPoster(platform, fake.url, app.services);
    try {
      const row = (await service.outbox.find(platform, 'C-EARLY', '2025-01-12'))!;
      const now = () => new Date(Date.parse(row.updatedAt) + 90_000);
      const scheduler = new DigestScheduler({ service, posters: [adapter.poster as ChannelPoster], now, cron: { schedule: () => ({ destroy() {} }) } });
      const [result] = await scheduler.sweep();
      expect(result).toMatchObject({ slot: '2025-01-12', status: 'posted' });
      expect(result!.recovered).toBeUndefined();
      expect(await scheduler.sweep()).toEqual([]);
      const posted = fake.posts.filter((p) => p.channel === 'C-EARLY');
      expect(posted.length).toBeGreaterThan(0);
      expect(new Set(posted.map(spec.key)).size).toBe(1);
      expect(JSON.stringify(posted[0]!.body)).toContain('Sunday 12 January 2025');
    } finally {
      await adapter.stop();
      await app.close();
    }
  });
});
