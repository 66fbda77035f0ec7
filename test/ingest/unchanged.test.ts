/**
 * A re-ingest tells unchanged files by their size and modification time, as
 * git and rsync do, and reads a file again only when either differs.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestWriter } from '../helpers/app.js';
import { tempCorpus } from '../helpers/corpus.js';
import { sqliteHandle } from '../../bench/lib/sqlite-handle.js';

const article = (amount: string) =>
  ` date 2024-06-04\nThe UK announced £${amount} million in military aid for Ukraine on Tuesday, the Ministry of Defence said.\n\nThe package includes drones and artillery shells, officials said.`;

describe('re-ingest of files that did not change', () => {
  const corpus = tempCorpus();
  afterAll(() => corpus.cleanup());

  it('skips files by size and time, hashes touched ones once, and parses changed ones', async () => {
    const full = corpus.write('a.txt', article('40'));
    const other = corpus.write('b.txt', article('70').replace('Tuesday', 'Monday'));
    const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
    for (const f of [full, other]) fs.utimesSync(f, minutesAgo(10), minutesAgo(10));
    const engine = await openTestWriter({ corpusDir: corpus.corpusDir, dbPath: corpus.dbPath });
    expect((await engine.refresh()).added).toBe(2);
    const recordedTime = () => sqliteHandle(engine.repositories.corpus).prepare("SELECT mtime_ms FROM files WHERE path = 'a.txt'").pluck().get();
    expect(recordedTime()).toBe(fs.statSync(full).mtimeMs);

    // Touched, same bytes: unchanged (its hash says so), and its new time is recorded for next time.
    fs.utimesSync(full, minutesAgo(5), minutesAgo(5));
    expect(await engine.refresh()).toMatchObject({ unchanged: 2, added: 0, changed: 0 });
    expect(recordedTime()).toBe(fs.statSync(full).mtimeMs);

    // Same size, other bytes, a new time: parsed again. Written just now, its
    // time is too recent to recognise it by (the same tick could hold another
    // write), so the next run hashes it once more.
    corpus.write('a.txt', article('45'));
    expect(await engine.refresh()).toMatchObject({ unchanged: 1, changed: 1 });
    expect((await engine.search('45 million')).length).toBe(1);
    expect(recordedTime()).toBeNull();
    corpus.write('a.txt', article('46'));
    expect(await engine.refresh()).toMatchObject({ unchanged: 1, changed: 1 });

    // Same size and time as recorded: not read at all (the trade-off git and rsync make).
    const at = new Date('2024-06-05T10:00:00Z');
    fs.utimesSync(full, at, at);
    expect((await engine.refresh()).unchanged).toBe(2);
    corpus.write('a.txt', article('48'));
    fs.utimesSync(full, at, at);
    expect(await engine.refresh()).toMatchObject({ unchanged: 2, changed: 0 });
    expect((await engine.search('48 million')).length).toBe(0);
    await engine.close();
  });
});

describe('re-ingest of a file that cannot be ingested', () => {
  const corpus = tempCorpus();
  afterAll(() => corpus.cleanup());

  it('reports it once, and again only when it changes', async () => {
    corpus.write('good.txt', article('40'));
    corpus.write('empty.txt', '   \n');
    const engine = await openTestWriter({ corpusDir: corpus.corpusDir, dbPath: corpus.dbPath });
    const first = await engine.refresh();
    expect(first.skipped.map((s) => s.path)).toEqual(['empty.txt']);
    expect(await engine.refresh()).toMatchObject({ skipped: [], unchanged: 2 });
    corpus.write('empty.txt', '\n\n');
    expect((await engine.refresh()).skipped.map((s) => s.path)).toEqual(['empty.txt']);
    await engine.close();
  });
});
