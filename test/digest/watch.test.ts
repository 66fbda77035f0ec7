/** Articles dropped into the corpus folder while running are ingested. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { IngestReport } from '../../src/core/engine.js';
import { watchCorpus } from '../../src/digest/watch.js';
import { openDigest, tempDir, TestClock, writeArticle } from './helpers/setup.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

it('a file dropped into a subfolder of the corpus is ingested without a restart', async () => {
  const dir = tempDir();
  const corpus = path.join(dir, 'corpus');
  fs.mkdirSync(path.join(corpus, 'feeds'), { recursive: true });
  const { engine } = await openDigest({ corpus, db: path.join(dir, 'b.db'), clock: new TestClock('2025-05-05T09:00:00Z') });
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => engine.close());
  await engine.refresh();
  expect(await engine.sources()).toEqual([]);

  const refreshed = new Promise<IngestReport>((resolve) => {
    const watch = watchCorpus(engine, corpus, { debounceMs: 20, onRefreshed: (r) => r.added > 0 && resolve(r) });
    cleanup.push(() => watch.close());
  });
  // Editor leftovers are not articles and do not count.
  fs.writeFileSync(path.join(corpus, 'feeds', '.draft.md.swp'), 'x');
  writeArticle(path.join(corpus, 'feeds'), 'tanks', {
    title: 'UK sends more tanks to Ukraine',
    outlet: 'Border Herald',
    date: '2025-05-05',
    body: [
      'The UK will send 14 more Challenger 2 tanks to Ukraine, the Ministry of Defence said on Monday.',
      'British officials said the tanks were part of continuing military support for Ukraine against Russia.',
    ],
  });
  const report = await refreshed;
  expect(report.added).toBe(1);
  const sources = await engine.sources();
  expect(sources.map((s) => [s.id, s.outlet])).toEqual([['feeds/tanks', 'Border Herald']]);
});
