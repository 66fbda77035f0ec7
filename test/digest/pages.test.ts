/**
 * A digest of several messages (pages), on the real Slack and Discord
 * posters against the fake APIs on 127.0.0.1: a process SIGKILLed between
 * any two pages loses nothing and doubles nothing (each page exactly once,
 * in order, and items count as sent only with their page); a post the
 * platform applied but whose answer was lost (500, connection reset) makes
 * one message; an outage fails the digest after one request per outbox
 * attempt, with one line.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefingEngine } from '../../src/engine.js';
import type { DigestService } from '../../src/digest/service.js';
import { openTestApp } from '../helpers/app.js';
import { deliverDigest } from '../../src/digest/deliver.js';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import { createPostingClient } from '../../src/platforms/slack/client.js';
import { createSlackPoster } from '../../src/platforms/slack/poster.js';
import { boltLogger } from '../../src/platforms/slack/logger.js';
import { createDiscordPoster } from '../../src/platforms/discord/poster.js';
import { closeRest, createPostingRest } from '../../src/platforms/discord/rest.js';
import type { ChannelPoster } from '../../src/platforms/poster.js';
import { startFakeDiscord, startFakeSlack, type FakePlatform, type PostedMessage } from './helpers/fake-platforms.js';
import { ROOT, SLACK_SECRET, DISCORD_PUBLIC_KEY, tempDir, writeArticle } from './helpers/setup.js';

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
const SLOT = '2025-01-20';
/** Attempts give up this fast here, so a never-answered post costs a moment, not the real 10 s. */
const SHORT_TIMEOUT_MS = 400;

const PLATFORMS = {
  slack: {
    start: startFakeSlack,
    env: (url: string) => ({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: url }),
    /** Which page (1-based) of which digest a posted message is, as the platform carries it. */
    page: (p: PostedMessage) => Number((p.body.metadata as { event_payload: { page: number } }).event_payload.page),
    poster: (url: string, timeoutMs: number) => ({
      poster: createSlackPoster(createPostingClient('xoxb-test', url, boltLogger(), timeoutMs), { pageGapMs: 0 }),
      close: () => undefined,
    }),
  },
  discord: {
    start: startFakeDiscord,
    env: (url: string) => ({ DISCORD_TOKEN: 'discord-test', DISCORD_APPLICATION_ID: '123', DISCORD_PUBLIC_KEY, DISCORD_API_URL: url }),
    page: (p: PostedMessage) => Number(/-(\d+)$/.exec(String(p.body.nonce))![1]),
    poster: (url: string, timeoutMs: number) => {
      const rest = createPostingRest('discord-test', url, timeoutMs);
      return { poster: createDiscordPoster(rest), close: () => closeRest(rest) };
    },
  },
} as const;

/**
 * Twenty long, distinct developments reported the day before the slot: a
 * full digest of several messages on both platforms.
 */
function writeLongNews(corpus: string): void {
  const things = ['artillery shells', 'air defence missiles', 'armoured vehicles', 'reconnaissance drones', 'mine-clearing machines', 'winter clothing sets', 'field hospitals', 'radar systems', 'fuel tankers', 'naval patrol boats', 'sniper rifles', 'body armour vests', 'satellite terminals', 'power generators', 'ambulances', 'bridging vehicles', 'anti-tank weapons', 'night-vision goggles', 'engineering vehicles', 'surgical kits', 'field radios', 'supply trucks', 'combat helmets', 'howitzer barrels'];
  const officials = ['Defence Secretary John Healey', 'Foreign Secretary David Lammy', 'Prime Minister Keir Starmer', 'Armed Forces Minister Luke Pollard', 'Chancellor Rachel Reeves', 'Defence Minister Maria Eagle'];
  const cities = ['Kyiv', 'London', 'Odesa', 'Lviv', 'Brussels', 'Warsaw', 'Kharkiv', 'Berlin', 'Paris', 'Rome', 'Vilnius', 'Riga'];
  const outlets = ['Valley Courier', 'Coastal Post', 'Northern Ledger', 'Harbour Gazette'];
  things.forEach((thing, i) => {
    writeArticle(corpus, `support-${i}`, {
      title: `UK to supply ${thing} to Ukraine`,
      outlet: outlets[i % outlets.length]!,
      date: '2025-01-19',
      body: [
        `Britain will deliver ${40 + i * 17} ${thing} worth £${12 + i * 9} million to Ukraine, ${officials[i % officials.length]} said in ${cities[i % cities.length]} on Sunday, ` +
          `adding that the first consignment would leave depots in the Midlands within ${i + 2} weeks, that crews would be trained on the equipment at ranges in Wiltshire and Salisbury Plain before it was handed over, ` +
          `and that the package had been agreed with the Ukrainian defence ministry after talks that began in ${['October', 'November', 'December'][i % 3]} and involved officials from both governments, the armed forces and the manufacturers concerned, ` +
          'while engineers from several regional firms would stay with Ukrainian units through the spring to keep the equipment working, to train local mechanics in repairs and to report back on how it performed, ' +
          'so that later orders could be adjusted to what commanders at the front said they needed most during the coming months of fighting in the east.',
      ],
    });
  });
}

describe.each(['slack', 'discord'] as const)('digest pages on %s', (platform) => {
  let dir: string;
  let corpus: string;
  let db: string;
  let fake: FakePlatform;
  let engine: BriefingEngine;
  let service: DigestService;
  let adapter: { poster: ChannelPoster; close(): void };
  const spec = PLATFORMS[platform];
  const postsTo = (channel: string) => fake.posts.filter((p) => p.channel === channel);
  const pagesIn = (channel: string) => postsTo(channel).map(spec.page);
  const crash = (mode: 'after-post' | 'before-post', page: number, channel: string) =>
    run([CRASH_CHILD], {
      CRASH: mode,
      CRASH_PAGE: String(page),
      CRASH_PLATFORM: platform,
      CRASH_DB: db,
      CRASH_CORPUS: corpus,
      CRASH_API_URL: fake.url,
      CRASH_CHANNEL: channel,
      CRASH_SLOT: SLOT,
    });
  /** A scheduler whose clock is `ms` after the row's last heartbeat. */
  const sweepAfter = async (channel: string, ms: number) => {
    const row = (await service.outbox.find(platform, channel, SLOT))!;
    const now = () => new Date(Date.parse(row.updatedAt) + ms);
    return new DigestScheduler({ service, posters: [adapter.poster], now, cron: { schedule: () => ({ destroy() {} }) } }).sweep();
  };

  beforeAll(async () => {
    dir = tempDir();
    corpus = path.join(dir, 'corpus');
    db = path.join(dir, 'briefing.db');
    writeLongNews(corpus);
    const app = await openTestApp({ corpusDir: corpus, dbPath: db });
    engine = app.writer;
    await engine.refresh();
    service = app.digest;
    fake = await spec.start();
    adapter = spec.poster(fake.url, SHORT_TIMEOUT_MS);
  });

  afterAll(async () => {
    adapter.close();
    await engine.close();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('killed between any two pages, each page is posted exactly once, in order, and items are sent with their page', async () => {
    // The whole digest, uninterrupted: how many pages it is.
    const full = await run([CLI, 'digest', '--platform', platform, '--channel', 'C-FULL', '--slot', SLOT, '--json', '--corpus', corpus, '--db', db], spec.env(fake.url));
    expect(full.code, full.stderr).toBe(0);
    const fullJson = JSON.parse(full.stdout) as { status: string; items: unknown[]; pages: number; pagesPosted: number };
    expect(fullJson.status).toBe('posted');
    const pages = fullJson.pages;
    expect(pages).toBeGreaterThan(1);
    expect(fullJson.pagesPosted).toBe(pages);
    expect(pagesIn('C-FULL')).toEqual(Array.from({ length: pages }, (_, i) => i + 1));

    for (let k = 1; k < pages; k++) {
      // Killed with page k in the channel: before the outbox marked it, and after (about to post k + 1).
      for (const [mode, page] of [['after-post', k], ['before-post', k + 1]] as const) {
        const channel = `C-${mode}-${k}`;
        const child = await crash(mode, page, channel);
        expect(child.signal, child.stderr).toBe('SIGKILL');
        expect(pagesIn(channel)).toEqual(Array.from({ length: k }, (_, i) => i + 1));

        const row = (await service.outbox.find(platform, channel, SLOT))!;
        expect(row.status).toBe('pending');
        const stored = await service.outbox.pages(row.id);
        expect(stored).toHaveLength(pages);
        // Only the items of pages the outbox saw posted count as sent; nothing of the rest.
        const marked = stored.filter((p) => p.status === 'posted');
        expect(marked.map((p) => p.index)).toEqual(Array.from({ length: mode === 'after-post' ? k - 1 : k }, (_, i) => i));
        expect([...(await service.outbox.known(platform, channel)).ids].sort()).toEqual(marked.flatMap((p) => p.eventIds).sort());

        if (k === 1 && mode === 'after-post') {
          // A re-run while the row is pending says so, and is not a success.
          const again = await run([CLI, 'digest', '--platform', platform, '--channel', channel, '--slot', SLOT, '--json', '--corpus', corpus, '--db', db], spec.env(fake.url));
          expect(again.code).toBe(3);
          expect(JSON.parse(again.stdout)).toMatchObject({ status: 'in-progress', pages, pagesPosted: 0 });
          expect(again.stderr).toContain('still being posted by another process');
          expect(pagesIn(channel)).toEqual([1]);
        }

        // Within the minute the dead owner might still be alive: hands off.
        expect(await sweepAfter(channel, 10_000)).toEqual([]);
        const [result] = await sweepAfter(channel, 90_000);
        expect(result).toMatchObject({ slot: SLOT, status: 'posted', pages, pagesPosted: pages });
        if (mode === 'after-post') expect(result!.recovered).toBe(true);

        const posted = postsTo(channel);
        expect(posted.map(spec.page), `${mode} page ${page}`).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
        // What went out is exactly what the outbox stored, page by page.
        const bodies = (await service.outbox.pages(row.id)).map((p) => p.body);
        for (const [i, p] of posted.entries()) {
          expect(JSON.stringify(p.body.blocks ?? p.body.embeds)).toBe(JSON.stringify(bodies[i]!.blocks ?? bodies[i]!.embeds));
        }
        const settled = (await service.outbox.find(platform, channel, SLOT))!;
        expect(settled).toMatchObject({ status: 'posted', messageId: posted[0]!.id });
        expect((await service.outbox.known(platform, channel)).ids.size).toBe(settled.items.length);
        expect(settled.items.length).toBe(fullJson.items.length);
        // And a later sweep leaves it alone.
        expect(await sweepAfter(channel, 200_000)).toEqual([]);
        expect(postsTo(channel)).toHaveLength(pages);
      }
    }
  }, 240_000);

  const deliver = async (channel: string, sleeps: number[]) =>
    deliverDigest({
      service,
      poster: adapter.poster,
      sub: (await service.effectiveSubscription(platform, channel)).sub,
      slot: SLOT,
      skipRefresh: true,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });

  it.each([
    ['an error status', 500],
    ['a reset connection', 'reset'],
  ] as const)('a post the platform applied but answered with %s makes one message per page', async (_what, how) => {
    const channel = `C-LOST-${how}`;
    // Page 1 reaches the channel; its answer does not.
    fake.loseAnswers(how, 1);
    const sleeps: number[] = [];
    const before = fake.postAttempts();
    const result = await deliver(channel, sleeps);
    expect(result).toMatchObject({ status: 'posted', recovered: true });
    const pages = result.pages!;
    expect(pagesIn(channel)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    // One request per page: the lost answer was found in the channel, not posted again.
    expect(fake.postAttempts() - before).toBe(pages);
    expect(sleeps).toEqual([1_000]);
    expect(await service.outbox.find(platform, channel, SLOT)).toMatchObject({ status: 'posted', messageId: postsTo(channel)[0]!.id });
  });

  it('an outage fails the digest after one request per outbox attempt, with one line, and posts nothing twice', async () => {
    const channel = 'C-OUTAGE';
    // Four failures: a fifth request would succeed, so any client retry underneath shows.
    fake.failPosts(503, 4);
    const sleeps: number[] = [];
    const before = fake.postAttempts();
    const result = await deliver(channel, sleeps);
    expect(result.status).toBe('failed');
    expect(result.error).not.toContain('\n');
    expect(result.error).toMatch(platform === 'slack' ? /^Slack answered chat\.postMessage to C-OUTAGE with HTTP 503\.$/ : /503/);
    // Four attempts (1 s, 5 s, 30 s apart: 36 s in all), each one request: no client retries underneath.
    expect(fake.postAttempts() - before).toBe(4);
    expect(sleeps).toEqual([1_000, 5_000, 30_000]);
    expect(postsTo(channel)).toHaveLength(0);
    expect((await service.outbox.known(platform, channel)).ids.size).toBe(0);
  });

  it('a post that is never answered is given up after the attempt timeout, then posted once', async () => {
    const channel = 'C-HANG';
    fake.hangPosts(1);
    const sleeps: number[] = [];
    const started = Date.now();
    const result = await deliver(channel, sleeps);
    expect(result.status).toBe('posted');
    expect(Date.now() - started).toBeLessThan(SHORT_TIMEOUT_MS * 10);
    expect(sleeps).toEqual([1_000]);
    expect(pagesIn(channel)).toEqual(Array.from({ length: result.pages! }, (_, i) => i + 1));
  });
});
