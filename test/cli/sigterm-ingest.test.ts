/**
 * SIGTERM during `briefing ingest` (a deploy stopping the container, a
 * scheduler's timeout): the file being written is finished and committed,
 * the database is closed cleanly, the process exits 0 with one line, and
 * the next run completes the rest.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.js';
import { tempCorpus } from '../helpers/corpus.js';

const FILES = 1200;

function article(i: number): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  return ` date 2023-05-${day}
The UK announced a £${i + 1} million package of military support for Ukraine on Monday, officials in London said.
Defence ministers from ${i % 2 ? 'Poland' : 'Norway'} welcomed the package number ${i} at a meeting in Brussels on Tuesday.`;
}

function committedFiles(dbPath: string): number | null {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM files').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return null; // database or table not created yet
  }
}

describe('SIGTERM during ingest', () => {
  const corpus = tempCorpus();
  afterAll(() => corpus.cleanup());

  it('finishes the file being written, closes the database and exits 0; the next run completes', async () => {
    for (let i = 0; i < FILES; i++) corpus.write(`batch/a${String(i).padStart(4, '0')}.txt`, article(i));
    const child = spawnCli(['ingest', '--json', '--corpus', corpus.corpusDir, '--db', corpus.dbPath]);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    // A real signal once the first files are committed.
    let signalled = false;
    while (!signalled) {
      const n = committedFiles(corpus.dbPath);
      if (n !== null && n > 0) {
        child.kill('SIGTERM');
        signalled = true;
      } else if (child.exitCode !== null) {
        throw new Error('ingest finished before it could be signalled: raise FILES');
      } else await new Promise((r) => setTimeout(r, 20));
    }
    const { code, signal } = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(stderr).toMatch(/^briefing: stopped by SIGTERM: files read so far are saved; the next run continues\.$/m);
    // Closed cleanly: the last connection's close checkpoints and removes the write-ahead log.
    expect(fs.existsSync(`${corpus.dbPath}-wal`)).toBe(false);
    const db = new Database(corpus.dbPath);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const files = (db.prepare("SELECT COUNT(*) AS n FROM files WHERE status = 'ingested'").get() as { n: number }).n;
    const docs = (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    db.close();
    expect(files).toBeGreaterThan(0);
    expect(docs).toBe(files);

    const next = runCli(['ingest', '--json', '--corpus', corpus.corpusDir, '--db', corpus.dbPath]);
    expect(next.code).toBe(0);
    const report = JSON.parse(next.stdout);
    expect(report.documents).toBe(FILES);
    expect(report.events).toBeGreaterThan(0);
  }, 240_000);
});
