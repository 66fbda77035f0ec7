/** A progress bar on a terminal when many files are ingested; silent otherwise. */
import cliProgress from 'cli-progress';
import type { IngestProgress } from '../core/engine.js';

/** Fewer files than this ingest too fast for a bar to help. */
const MIN_FILES_FOR_BAR = 20;

export function terminalProgress(stream: NodeJS.WriteStream): IngestProgress | undefined {
  if (!stream.isTTY) return undefined;
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(total) {
      if (total < MIN_FILES_FOR_BAR) return;
      bar = new cliProgress.SingleBar(
        { stream, format: 'Ingesting {bar} {value}/{total} files | {eta_formatted} left', hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    tick() {
      bar?.increment();
    },
    stop() {
      bar?.stop();
    },
  };
}
