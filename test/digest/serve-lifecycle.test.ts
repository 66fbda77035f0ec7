/**
 * `briefing serve` as a child process: a configuration error stops start-up
 * with exit 2 and one line, instead of leaving a process running without
 * its digest scheduler.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakePlatform } from './helpers/fake-platforms.js';
import { copySeeds, ROOT, SLACK_SECRET, tempDir } from './helpers/setup.js';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `briefing serve`; a process still running after `limitMs` is killed (and the test fails on its exit). */
function serve(env: Record<string, string>, limitMs = 25_000): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK|DISCORD|BRIEFING)_/.test(k)));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
      cwd: ROOT,
      env: { ...clean, LOG_LEVEL: 'silent', NO_COLOR: '1', PORT: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('briefing serve start-up', () => {
  let dir: string;
  let slack: FakePlatform;
  beforeAll(async () => {
    dir = tempDir('serve-');
    copySeeds(path.join(dir, 'corpus'));
    slack = await startFakeSlack();
  });
  afterAll(async () => {
    await slack.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['* * * * *', '*/5 * * * *', '0 8 1 * *'])('BRIEFING_DIGEST_CRON=%s stops start-up with exit 2 and one line naming it', async (expression) => {
    const exit = await serve({
      BRIEFING_CORPUS: path.join(dir, 'corpus'),
      BRIEFING_DB: path.join(dir, 'briefing.db'),
      BRIEFING_DIGEST_CRON: expression,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: slack.url,
    });
    expect(exit.signal).toBeNull();
    expect(exit.code).toBe(2);
    expect(exit.stderr).toBe('briefing: BRIEFING_DIGEST_CRON must fire once a day: use "minute hour * * days", such as "0 8 * * *" or "30 7 * * 1-5".\n');
  });
});
