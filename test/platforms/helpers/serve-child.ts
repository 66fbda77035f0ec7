/**
 * `briefing serve` as a child process with Slack (HTTP mode) and Discord
 * (interactions endpoint) both configured against fakes on 127.0.0.1, on a
 * free port: for what only a real process shows (memory, restarts, an event
 * loop under load).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT } from '../../helpers/cli.js';
import { SIGNING_SECRET } from '../slack/helpers/signed.js';
import { makeSigner } from '../discord/helpers/interactions.js';

export interface ServeChild {
  child: ChildProcess;
  port: number;
  base: string;
  /** Resident set size of the child now, in bytes (from /proc). */
  rss(): number;
  stderr(): string;
  /** SIGTERM, then SIGKILL if it has not exited within a few seconds. */
  stop(): Promise<void>;
}

export interface ServeOptions {
  corpus: string;
  /** The SQLite file; or `databaseUrl`, a PostgreSQL database several instances share. */
  db?: string;
  databaseUrl?: string;
  slackApiUrl: string;
  slackSigningSecret: string;
  discordPublicKey: string;
  discordApiUrl: string;
  env?: Record<string, string>;
  /** Node flags before the script (e.g. heap limits). */
  nodeArgs?: string[];
}

/**
 * serve on `dir/corpus` with its database `dir/briefing.db`, against these
 * fakes, with the tests' Slack signing secret and a Discord key nobody signs with.
 */
export function startServeOnFakes(dir: string, fakes: { slackApiUrl: string; discordApiUrl: string }): Promise<ServeChild> {
  return startServe({
    corpus: `${dir}/corpus`,
    db: `${dir}/briefing.db`,
    slackSigningSecret: SIGNING_SECRET,
    discordPublicKey: makeSigner().publicKeyHex,
    ...fakes,
  });
}

export async function startServe(opts: ServeOptions): Promise<ServeChild> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|BRIEFING_|VITEST)/.test(k)));
  const database = opts.db ? ['--db', opts.db] : [];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', 'src/cli/main.ts', 'serve', '--corpus', opts.corpus, ...database], {
    cwd: ROOT,
    env: {
      ...clean,
      NO_COLOR: '1',
      LOG_LEVEL: 'info',
      PORT: '0',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: opts.slackSigningSecret,
      SLACK_API_URL: opts.slackApiUrl,
      DISCORD_TOKEN: 'discord-test-token',
      DISCORD_APPLICATION_ID: '1100000000000000001',
      DISCORD_PUBLIC_KEY: opts.discordPublicKey,
      DISCORD_API_URL: opts.discordApiUrl,
      ...(opts.databaseUrl ? { BRIEFING_DATABASE_URL: opts.databaseUrl } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let listening = false;
  child.stdout!.resume();
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${err}`)), 120_000);
    child.stderr!.on('data', (c: Buffer) => {
      // Only the last 64 kB are kept: the log must be drained quickly, or the child blocks writing it.
      err = (err + c.toString()).slice(-65_536);
      if (listening) return;
      const m = /"port":(\d+)/.exec(err);
      if (m) {
        listening = true;
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${err}`));
    });
  });
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
    },
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
