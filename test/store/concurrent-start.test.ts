/**
 * Several processes starting together on one fresh SQLite file (a `serve`
 * and a scheduled CLI run, two replicas): every one of them starts. One
 * applies the migrations inside an exclusive transaction while the others
 * wait for it, then find nothing left to do; a busy database is waited for.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteMigrations } from '../../src/store/sqlite/open.js';
import { spawnCli } from '../helpers/cli.js';
import { SEEDS_DIR } from '../helpers/corpus.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./helpers/start-child.ts', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-start-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function finished(child: ReturnType<typeof spawn>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const recorded = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>).map((r) => r.version);
  } finally {
    db.close();
  }
};

describe('processes starting together on a fresh database', () => {
  it('all start, every try: the migrations are applied once, by one of them', async () => {
    const corpus = path.join(dir, 'corpus');
    fs.mkdirSync(corpus);
    for (const f of fs.readdirSync(SEEDS_DIR).slice(0, 3)) fs.copyFileSync(path.join(SEEDS_DIR, f), path.join(corpus, f));
    const want = [...new Set(sqliteMigrations.map((m) => m.version))].sort((a, b) => a - b);
    for (let attempt = 0; attempt < 3; attempt++) {
      const db = path.join(dir, `race-${attempt}.db`);
      const go = path.join(dir, `go-${attempt}`);
      const children = Array.from({ length: 3 }, () =>
        spawn(process.execPath, ['--import', 'tsx', CHILD, corpus, db, go], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }),
      );
      const results = children.map(finished);
      // Every child has loaded its modules and waits at the line: give them time, then start all at once.
      await new Promise((r) => setTimeout(r, 4_000));
      fs.writeFileSync(go, '');
      for (const r of await Promise.all(results)) {
        expect(r.stdout.trim(), r.stderr).toBe('ok 3');
        expect(r.code).toBe(0);
      }
      expect(recorded(db)).toEqual(want);
    }
  }, 120_000);

  it('two `briefing digest` runs started at once on a fresh file both succeed', async () => {
    const corpus = path.join(dir, 'empty-corpus');
    fs.mkdirSync(corpus);
    for (let attempt = 0; attempt < 3; attempt++) {
      const db = path.join(dir, `digest-${attempt}.db`);
      const args = ['digest', '--dry-run', '--json', '--slot', '2025-01-10', '--corpus', corpus, '--db', db];
      const runs = await Promise.all([finished(spawnCli(args)), finished(spawnCli(args))]);
      for (const r of runs) {
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ status: 'dry-run' });
      }
    }
  }, 120_000);
});
