/**
 * Request bodies are capped on every route of the real `briefing serve`
 * (a child process): unsigned bodies far over the cap, several at once,
 * are refused with 413 without being held, the process's memory stays
 * where it was and /health keeps answering while they are being sent.
 */
import http from 'node:http';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './slack/helpers/fake-slack.js';
import { startFakeDiscord, type FakeDiscord } from './discord/helpers/fake-discord.js';
import { startServeOnFakes, type ServeChild } from './helpers/serve-child.js';
import { ROOT } from '../helpers/cli.js';

const MB = 1024 * 1024;
/** Each flood body: far over the 1 MB cap, small enough for a test to send quickly. */
const FLOOD_BYTES = 96 * MB;

let root: string;
let slack: FakeSlack;
let discord: FakeDiscord;
let serve: ServeChild;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'body-cap-'));
  cpSync(join(ROOT, 'seeds'), join(root, 'corpus'), { recursive: true });
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
  serve = await startServeOnFakes(root, { slackApiUrl: slack.apiUrl, discordApiUrl: discord.api });
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  await slack?.close();
  await discord?.close();
  rmSync(root, { recursive: true, force: true });
});

/**
 * POST `bytes` of junk (chunked, no Content-Length unless `declare`), keeping
 * up with the socket; resolves with the status the server answered, or the
 * error it closed the connection with, once the server is done with it.
 */
function flood(path: string, bytes: number, declare = false): Promise<{ status?: number; error?: string; sent: number }> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let status: number | undefined;
    const req = http.request(`${serve.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(declare ? { 'content-length': String(bytes) } : {}) },
    });
    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      resolve({ status, error, sent });
    };
    req.on('response', (res) => {
      status = res.statusCode;
      res.resume();
      res.on('end', () => finish());
      res.on('error', () => finish());
    });
    req.on('error', (e) => finish(status ? undefined : e.message));
    const pump = () => {
      while (sent < bytes && !done) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (sent >= bytes) req.end();
    };
    pump();
  });
}

async function health(): Promise<number> {
  return (await fetch(`${serve.base}/health`)).status;
}

describe('request bodies over the cap', () => {
  it('are refused with 413 on every route, memory stays flat, and /health answers throughout', async () => {
    expect(await health()).toBe(200);
    // A normal-sized unsigned request first, so what the routes load once is already loaded.
    for (const path of ['/slack/events', '/discord/interactions']) await flood(path, 4 * 1024);
    const before = serve.rss();

    const floods = [flood('/slack/events', FLOOD_BYTES), flood('/slack/events', FLOOD_BYTES), flood('/discord/interactions', FLOOD_BYTES)];
    const during = await health();
    const results = await Promise.all(floods);
    const after = serve.rss();

    expect(during).toBe(200);
    for (const r of results) {
      // The server answered 413 and stopped reading: the client could not send the whole body.
      if (r.status !== undefined) expect(r.status).toBe(413);
      else expect(r.error).toMatch(/EPIPE|ECONNRESET|socket hang up|other side closed/i);
      expect(r.sent).toBeLessThan(FLOOD_BYTES);
    }
    expect(after - before, `RSS ${Math.round(before / MB)} → ${Math.round(after / MB)} MB`).toBeLessThan(40 * MB);
    expect(await health()).toBe(200);
  }, 120_000);

  it('answers 413 at once to a declared Content-Length over the cap, on the Slack, Discord and unknown paths', async () => {
    for (const path of ['/slack/events', '/discord/interactions']) {
      const r = await flood(path, 300 * MB, true);
      expect(r.status, path).toBe(413);
      expect(r.sent).toBeLessThan(300 * MB);
    }
    const unknown = await flood('/elsewhere', 300 * MB, true);
    expect(unknown.status).toBe(404);
    expect(unknown.sent).toBeLessThan(300 * MB);
    expect(await health()).toBe(200);
  }, 60_000);
});
