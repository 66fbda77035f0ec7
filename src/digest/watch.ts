/**
 * Pick up articles dropped into the corpus folder while the bot runs: a
 * recursive fs.watch, debounced so that a copy of many files is one refresh.
 * The digest also refreshes before it builds; the watch makes new articles
 * searchable (and their arrival time accurate) as soon as they land.
 */
import fs from 'node:fs';
import path from 'node:path';
import { logger } from '../core/log.js';
import type { Engine, IngestReport } from '../core/engine.js';

export interface CorpusWatchOptions {
  /** Quiet period after the last change before refreshing. */
  debounceMs?: number;
  onRefreshed?: (report: IngestReport) => void;
}

export interface CorpusWatch {
  close(): void;
}

/** Editor swap files, hidden files and partial downloads are not articles. */
function ignored(file: string | null): boolean {
  if (!file) return false;
  const base = path.basename(file);
  return base.startsWith('.') || base.endsWith('~') || /\.(swp|tmp|part|crdownload)$/i.test(base);
}

export function watchCorpus(engine: Engine, dir: string, options: CorpusWatchOptions = {}): CorpusWatch {
  const debounceMs = options.debounceMs ?? 2_000;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const refresh = async () => {
    timer = null;
    if (closed) return;
    try {
      const report = await engine.refresh();
      if (report.added || report.changed || report.removed) {
        logger.info({ added: report.added, changed: report.changed, removed: report.removed }, 'corpus changed: ingested');
      }
      for (const p of report.skipped) logger.warn({ path: p.path }, `skipped: ${p.message}`);
      options.onRefreshed?.(report);
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'corpus refresh after a change failed');
    }
  };

  let watcher: fs.FSWatcher;
  try {
    watcher = fs.watch(dir, { recursive: true }, (_event, file) => {
      if (closed || ignored(file ? String(file) : null)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void refresh(), debounceMs);
    });
  } catch (err) {
    logger.warn({ dir, err: (err as Error).message }, 'cannot watch the corpus folder; new files are picked up before each digest');
    return { close() {} };
  }
  watcher.on('error', (err) => logger.warn({ dir, err: err.message }, 'corpus watch stopped'));
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
