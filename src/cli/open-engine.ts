/**
 * Open the engine the configuration describes. A database that cannot be
 * opened is the operator's to fix, so it becomes a configuration error naming
 * the variable and the path (exit 2) rather than SQLite's bare message.
 */
import { ConfigError, type AppConfig } from '../config.js';
import { createEngine, type BriefingEngine } from '../engine.js';
import { DatabaseOpenError } from '../store/sqlite.js';

export async function openEngine(cfg: AppConfig): Promise<BriefingEngine> {
  try {
    return await createEngine({ corpusDir: cfg.corpusDir, dbPath: cfg.dbPath, topicFile: cfg.topicFile, parseThreads: cfg.parseThreads });
  } catch (err) {
    if (err instanceof DatabaseOpenError) {
      throw new ConfigError(
        `BRIEFING_DB (or --db) is ${err.file}, which cannot be opened (${err.reason}): point it at a writable file such as ./data/briefing.db.`,
      );
    }
    throw err;
  }
}
