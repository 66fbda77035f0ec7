/**
 * In `serve`, the corpus folder is ingested and watched by one instance at
 * a time among those sharing the database: whoever holds the corpus lease
 * (run-once.ts). That instance ingests at start (with progress on the
 * terminal) and watches the folder; the others answer from the database.
 * When the holder dies its lease lapses and another instance takes it
 * within about 40 s: it catches up with the folder and starts watching.
 */
import type { App } from '../app.js';
import type { IngestProgress, IngestReport } from '../core/engine.js';
import { logger } from '../core/log.js';
import { watchCorpus, type CorpusWatch } from '../digest/watch.js';
import { CORPUS_LEASE } from '../run-once.js';

export interface KeptCorpus {
  /** The start-up ingest: this instance's, or one saying which instance keeps the corpus (`ingestedBy`). */
  report: IngestReport;
  stop(): Promise<void>;
}

export async function keepCorpus(
  app: Pick<App, 'runOnce' | 'writer' | 'engine' | 'config'>,
  startUp: { progress?: IngestProgress; signal?: AbortSignal; debounceMs?: number } = {},
): Promise<KeptCorpus> {
  let watch: CorpusWatch | null = null;
  let started = false;
  const startWatching = () => {
    watch ??= watchCorpus(app.engine, app.config.corpusDir, { debounceMs: startUp.debounceMs });
  };
  const stopWatching = () => {
    watch?.close();
    watch = null;
  };
  const keeper = await app.runOnce.keep(CORPUS_LEASE, {
    onAcquired() {
      // At start the caller ingests first; a takeover later catches up with the folder, then watches it.
      if (!started) return;
      logger.info('this instance now keeps the corpus (the previous keeper stopped renewing its lease)');
      app.engine.refresh().then(
        (r) => logger.info({ added: r.added, changed: r.changed, removed: r.removed }, 'corpus caught up after taking over'),
        (err: unknown) => logger.error({ err: (err as Error).message }, 'corpus refresh after taking over failed'),
      );
      startWatching();
    },
    onLost() {
      if (started) logger.warn('this instance no longer keeps the corpus (its lease could not be renewed); another one takes over');
      stopWatching();
    },
    onError: (err) => logger.warn({ err: err.message }, 'corpus lease: the database did not answer'),
  });
  const report = await app.writer.refresh(startUp.progress, startUp.signal);
  started = true;
  if (keeper.held && !report.interrupted) startWatching();
  return {
    report,
    async stop() {
      stopWatching();
      await keeper.stop();
    },
  };
}
