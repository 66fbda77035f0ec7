/**
 * Shared set-up for digest tests: a temp corpus (seeds and/or articles the
 * tests write), a real SQLite file, an engine and digest service on an
 * injected clock, and the platforms' real posters pointed at local fakes.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../../../src/app.js';
import type { BriefingEngine } from '../../../src/engine.js';
import type { DigestService } from '../../../src/digest/service.js';
import { openTestApp } from '../../helpers/app.js';
import { createHttpServer, type HttpServer } from '../../../src/platforms/server.js';
import type { ChannelPoster, DigestKey, PostPage, PostResult } from '../../../src/platforms/poster.js';
import type { Reply } from '../../../src/core/reply.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SEEDS = path.join(ROOT, 'seeds');

export function tempDir(prefix = 'digest-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function copySeeds(corpus: string): void {
  fs.mkdirSync(corpus, { recursive: true });
  for (const f of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, f), path.join(corpus, f));
}

/** A Markdown article with front matter, as an outlet's feed would give it. */
export function writeArticle(
  corpus: string,
  name: string,
  a: { title: string; outlet: string; date: string; body: string[] },
): void {
  fs.mkdirSync(corpus, { recursive: true });
  const text = `---\ntitle: "${a.title}"\noutlet: ${a.outlet}\ndate: ${a.date}\n---\n\n${a.body.join('\n\n')}\n`;
  fs.writeFileSync(path.join(corpus, `${name}.md`), text);
}

export class TestClock {
  private t: number;
  constructor(iso: string) {
    this.t = Date.parse(iso);
  }
  now = (): Date => new Date(this.t);
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export const DEFAULTS = {
  schedule: { time: '08:00', timezone: 'Europe/London', days: null },
  label: 'UK support for Ukraine',
};

/** The app on the test's corpus, database and clock; `engine` is its writer, `service` its digest (with DEFAULTS). */
export async function openDigest(opts: { corpus: string; db: string; clock: TestClock }): Promise<{
  app: App;
  engine: BriefingEngine;
  service: DigestService;
}> {
  // Feeds are served on loopback in tests.
  const app = await openTestApp({ corpusDir: opts.corpus, dbPath: opts.db, now: opts.clock.now, feeds: { allowPrivate: true } });
  return { app, engine: app.writer, service: app.digest };
}

/** The shared HTTP server the adapters mount on (never listening: posting goes out, not in). */
export function adapterServer(): HttpServer {
  return createHttpServer(() => ({ ready: true }));
}

export const SLACK_SECRET = 'test-signing-secret';
/** A real Ed25519 public key in Discord's hex form (the adapter parses it). */
export const DISCORD_PUBLIC_KEY = (generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }) as Buffer)
  .subarray(-32)
  .toString('hex');

/**
 * A ChannelPoster that records what it was asked to post and can be told to
 * fail: for retry rules, where the platform stand-ins' own client retries
 * would only add waiting. `pageSize` splits a digest into pages of that many
 * items (default: one page).
 */
export interface RecordingPoster extends ChannelPoster {
  /** Every page posted: the page's own Reply (its items only). */
  posts: Array<{ channel: string; reply: Reply; key: DigestKey; page: number }>;
  /** Errors to throw from the next posts, in order. */
  failures: Error[];
  pageSize: number;
}

export function recordingPoster(platform: ChannelPoster['platform'] = 'slack'): RecordingPoster {
  const poster: RecordingPoster = {
    platform,
    posts: [],
    failures: [],
    pageSize: Infinity,
    paginate(reply: Reply): PostPage[] {
      const pages: PostPage[] = [];
      for (let start = 0; start === 0 || start < reply.items.length; start += poster.pageSize) {
        const items = reply.items.slice(start, start + poster.pageSize);
        pages.push({ index: pages.length, body: { reply: { ...reply, items } }, items: items.map((_, i) => start + i) });
        if (!Number.isFinite(poster.pageSize)) break;
      }
      return pages;
    },
    async postPage(channel, page, key): Promise<PostResult> {
      const failure = poster.failures.shift();
      if (failure) throw failure;
      poster.posts.push({ channel, reply: page.body.reply as Reply, key, page: page.index });
      return { messageId: `m${poster.posts.length}` };
    },
    async findPosted(channel, key): Promise<Map<number, string>> {
      const found = new Map<number, string>();
      poster.posts.forEach((p, i) => {
        if (p.channel === channel && p.key.idempotencyKey === key.idempotencyKey && !found.has(p.page)) found.set(p.page, `m${i + 1}`);
      });
      return found;
    },
  };
  return poster;
}
