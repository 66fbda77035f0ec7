/**
 * A process killed with SIGKILL in the middle of an ingest leaves the
 * database consistent, and the next run completes the work.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestWriter } from '../helpers/app.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { tempCorpus } from '../helpers/corpus.js';
import { sqliteHandle } from '../../bench/lib/sqlite-handle.js';

// Six write batches (run.ts WRITE_BATCH_FILES): a loaded machine's late poll still finds the ingest mid-way.
const FILES = 1_500;

function article(i: number): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  return ` date 2023-05-${day}
The UK announced a £${i + 1} million package of military support for Ukraine on Monday, officials in London said.
Defence ministers from ${i % 2 ? 'Poland' : 'Norway'} welcomed the package number ${i} at a meeting in Brussels on Tuesday.
The equipment includes drones and artillery shells, and training for Ukrainian crews will continue in the UK.`;
}

describe('crash mid-ingest', () => {
  const corpus = tempCorpus();
  afterAll(() => corpus.cleanup());

  it('survives kill -9 and the next run completes', async () => {
    for (let i = 0; i < FILES; i++) corpus.write(`batch/a${String(i).padStart(4, '0')}.txt`, article(i));
    const child = spawnCli(['ingest', '--json', '--corpus', corpus.corpusDir, '--db', corpus.dbPath]);
    // Kill it once some, but not all, files are committed.
    const committed = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        try {
          const db = new Database(corpus.dbPath, { readonly: true, fileMustExist: true });
          const n = (db.prepare('SELECT COUNT(*) AS n FROM files').get() as { n: number }).n;
          db.close();
          if (n >= 20) {
            clearInterval(timer);
            child.kill('SIGKILL');
            resolve(n);
          }
        } catch {
          // database or table not created yet
        }
      }, 20);
      child.once('exit', () => {
        clearInterval(timer);
        reject(new Error('ingest finished before it could be killed: raise FILES'));
      });
    });
    await new Promise((r) => child.once('exit', r));
    expect(committed).toBeLessThan(FILES);

    // Consistent after the kill: every committed file has its document and sentences, nothing half-written.
    const db = new Database(corpus.dbPath);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const docsWithoutSentences = db
      .prepare('SELECT COUNT(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)')
      .get() as { n: number };
    expect(docsWithoutSentences.n).toBe(0);
    const files = (db.prepare("SELECT COUNT(*) AS n FROM files WHERE status = 'ingested'").get() as { n: number }).n;
    const docs = (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    expect(docs).toBe(files);
    db.close();

    // The next run completes the work.
    const r = runCli(['ingest', '--json', '--corpus', corpus.corpusDir, '--db', corpus.dbPath]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.added + report.unchanged).toBe(FILES);
    expect(report.documents).toBe(FILES);
    expect(report.events).toBeGreaterThan(0);

    const engine = await openTestWriter({ corpusDir: corpus.corpusDir, dbPath: corpus.dbPath });
    expect((await engine.refresh()).unchanged).toBe(FILES);
    expect(await engine.repositories.events.current()).toBe(true);
    // The first run indexed its sentences for search in bulk; the kill left that half done, and the
    // second run finished it: every sentence is found, and new rows are indexed one by one again.
    expect(await engine.repositories.meta.get('bulk_load_triggers')).toBeNull();
    sqliteHandle(engine.repositories.corpus).exec(`INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('integrity-check', 1)`);
    // The indexes the bulk load dropped are back.
    const indexes = sqliteHandle(engine.repositories.corpus).prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all();
    expect(indexes.map((r) => (r as { name: string }).name)).toEqual(expect.arrayContaining(['sentences_hash_doc', 'quotes_key']));
    for (const i of [0, 17, FILES - 1]) {
      const hits = await engine.search(`package number ${i} welcomed`, 50);
      expect(hits.map((h) => h.source.id)).toContain(`batch/a${String(i).padStart(4, '0')}`);
    }
    corpus.write('later/extra.txt', article(FILES).replace('package number', 'supplementary package number'));
    await engine.refresh();
    expect((await engine.search('supplementary package')).map((h) => h.source.id)).toEqual(['later/extra']);
    sqliteHandle(engine.repositories.corpus).exec(`INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('integrity-check', 1)`);
    await engine.close();
  }, 180_000);
});
