/**
 * Running the bot as an operator does: the production install's scripts,
 * `.env.example` against the configuration schema, one-line start-up errors
 * with exit code 2, Discord start-up failures blamed on what failed, console
 * logs kept off the prompt, the manifest generator's --host.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempCorpus, type TempCorpus } from '../helpers/corpus.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  license: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
};

/** `# NAME=value` or `NAME=value` lines of .env.example, in order, with the comment above each. */
function exampleEntries(): Array<{ name: string; value: string; comment: string }> {
  const lines = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8').split('\n');
  const out: Array<{ name: string; value: string; comment: string }> = [];
  lines.forEach((line, i) => {
    const m = /^#?\s?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) return;
    let j = i - 1;
    while (j >= 0 && /^#?\s?[A-Z][A-Z0-9_]*=/.test(lines[j]!)) j--;
    out.push({ name: m[1]!, value: m[2]!, comment: j >= 0 && lines[j]!.startsWith('# ') ? lines[j]! : '' });
  });
  return out;
}

describe('production install', () => {
  it('npm start runs what was built and never compiles', () => {
    expect(pkg.scripts.prestart).toBeUndefined();
    expect(pkg.scripts.start).toMatch(/^node .*dist\/src\/cli\/main\.js serve$/);
    expect(pkg.scripts.start).not.toMatch(/tsc|tsx|build/);
    // `npm ci --omit=dev` runs `prepare`, so what the build needs must not be a devDependency.
    expect(pkg.scripts.prepare).toBe('npm run build');
    for (const needed of ['typescript', '@types/node']) expect(pkg.dependencies[needed]).toBeDefined();
    const devOnly = Object.keys(pkg.devDependencies ?? {}).filter((d) => d === 'typescript' || d.startsWith('@types/'));
    expect(devOnly, 'npm run build needs these at install: move them to dependencies').toEqual([]);
    for (const script of ['slack:manifest', 'discord:register']) expect(pkg.scripts[script]).not.toMatch(/tsx/);
  });

  it('LICENSE is the licence package.json names', () => {
    expect(pkg.license).toBe('MIT');
    expect(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n[\s\S]*Permission is hereby granted, free of charge/);
  });
});

describe('.env.example', () => {
  const entries = exampleEntries();

  it('lists every variable the configuration reads, once, each with a comment', () => {
    const names = entries.map((e) => e.name);
    for (const name of CONFIG_VARIABLES) {
      expect(names, `.env.example lacks ${name}: add it with its default and a comment`).toContain(name);
    }
    for (const name of names) {
      expect(CONFIG_VARIABLES, `.env.example lists ${name}, which src/config.ts does not read`).toContain(name);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const e of entries) expect(e.comment, `${e.name} needs a comment line above it`).not.toBe('');
  });

  it('shows each default as the configuration applies it: uncommenting them all changes nothing', () => {
    const env = Object.fromEntries(entries.filter((e) => e.value !== '').map((e) => [e.name, e.value]));
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });

  it('copied to .env as it is, the bot starts in console mode on the seeds', () => {
    const corpus = tempCorpus();
    try {
      fs.copyFileSync(path.join(ROOT, '.env.example'), path.join(corpus.dir, '.env'));
      const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/cli/main.ts'), 'sources', '--json'], {
        cwd: corpus.dir,
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', BRIEFING_CORPUS: path.join(ROOT, 'seeds'), BRIEFING_DB: corpus.dbPath },
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).documents).toHaveLength(5);
    } finally {
      corpus.cleanup();
    }
  });
});

describe('configuration errors: one line naming the variable, exit 2', () => {
  let corpus: TempCorpus;
  beforeAll(() => {
    corpus = tempCorpus({ seeds: true });
  });
  afterAll(() => corpus.cleanup());

  it('LOG_LEVEL=loud', () => {
    const r = runCli(['sources', '--corpus', corpus.corpusDir, '--db', corpus.dbPath], { env: { LOG_LEVEL: 'loud' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('briefing: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.\n');
  });

  it.each([['/proc/x.db'], ['/proc/briefing/x.db']])('BRIEFING_DB=%s', (db) => {
    const r = runCli(['timeline', '--corpus', corpus.corpusDir], { env: { BRIEFING_DB: db } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^briefing: BRIEFING_DB \\(or --db\\) is ${db.replace(/\//g, '\\/')}, which cannot be opened`));
    expect(r.stderr).not.toMatch(/    at /);
  });

  it('serve (npm start) says the same for the database', () => {
    const r = runCli(['serve', '--corpus', corpus.corpusDir], { env: { BRIEFING_DB: '/proc/x.db' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^briefing: BRIEFING_DB \(or --db\) is \/proc\/x\.db, which cannot be opened/);
  });
});

/** Run `briefing serve` until it exits; stderr and the code. */
function serveUntilExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const corpus = tempCorpus();
    corpus.write('a.txt', 'UK pledges drones to Ukraine\n\nThe UK will send drones to Ukraine, the defence secretary said on Monday.\n');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--corpus', corpus.corpusDir, '--db', corpus.dbPath], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', NO_COLOR: '1', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      corpus.cleanup();
      resolve({ code, stderr });
    });
  });
}

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('Discord start-up failures say what failed', () => {
  const discord = { DISCORD_TOKEN: 'not-checked-yet', DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_MODE: 'gateway' };

  it('Discord unreachable: names the address and the network, not the token', async () => {
    const port = await closedPort();
    const r = await serveUntilExit({ ...discord, DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(new RegExp(`^briefing: could not reach Discord at http://127\\.0\\.0\\.1:${port}/api \\(ECONNREFUSED\\) to log in to the gateway`));
    expect(r.stderr).not.toMatch(/TOKEN|token/);
  });

  it('Discord answers 401: blames DISCORD_TOKEN', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: '401: Unauthorized', code: 0 }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const r = await serveUntilExit({ ...discord, DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^briefing: Discord refused DISCORD_TOKEN when asked to log in to the gateway \(401 Unauthorized\)/);
    } finally {
      server.close();
    }
  });

  it('npm run discord:register with Discord unreachable does not say Discord refused it', async () => {
    const port = await closedPort();
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/platforms/discord/register-script.ts')], {
      cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'register-')),
      env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_API_URL: `http://127.0.0.1:${port}/api` },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^discord:register: could not reach Discord at http:\/\/127\.0\.0\.1:\d+\/api \(ECONNREFUSED\) to register the commands/);
    expect(r.stderr).not.toMatch(/refused/);
  });
});

describe('console mode keeps log lines off the prompt', () => {
  it('with LOG_LEVEL=debug the console prints answers only; the log goes to briefing.log next to the database', () => {
    const corpus = tempCorpus({ seeds: true });
    try {
      const r = runCli(['serve', '--corpus', corpus.corpusDir, '--db', corpus.dbPath], {
        input: '/timeline limit:1\n',
        env: { LOG_LEVEL: 'debug' },
      });
      expect(r.code).toBe(0);
      const logFile = path.join(corpus.dir, 'briefing.log');
      expect(r.stdout).toContain(`Logs: ${logFile}`);
      expect(r.stdout).toMatch(/1 of \d+ events/);
      expect(r.stdout).not.toMatch(/"level":/);
      expect(r.stderr).not.toMatch(/"level":/);
      const logged = fs.readFileSync(logFile, 'utf8').trim().split('\n');
      expect(logged.length).toBeGreaterThan(0);
      for (const line of logged) expect(JSON.parse(line)).toHaveProperty('level');
    } finally {
      corpus.cleanup();
    }
  });
});

describe('npm run slack:manifest', () => {
  const script = path.join(ROOT, 'src/platforms/slack/manifest-script.ts');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, encoding: 'utf8' });

  it('--host prints the manifest with the host in every URL and leaves the checked-in file alone', () => {
    const before = fs.readFileSync(path.join(ROOT, 'slack/manifest.json'), 'utf8');
    const r = run('--host', 'https://bot.example.org/');
    expect(r.status).toBe(0);
    const manifest = JSON.parse(r.stdout);
    const urls = [...manifest.features.slash_commands.map((c: { url: string }) => c.url), manifest.settings.interactivity.request_url];
    expect(new Set(urls)).toEqual(new Set(['https://bot.example.org/slack/events']));
    expect(r.stdout).not.toContain('YOUR-HOST');
    expect(fs.readFileSync(path.join(ROOT, 'slack/manifest.json'), 'utf8')).toBe(before);
  });

  it.each([
    [['--hots', 'https://x.org'], 'slack:manifest: unknown option --hots.'],
    [['--host', 'http://bot.example.org'], 'must start with https://'],
    [['--host', 'https://bot.example.org/slack/events'], 'without a path'],
  ])('%j is refused with one line and exit 2', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
