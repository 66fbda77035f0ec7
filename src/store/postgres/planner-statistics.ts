/**
 * The planner's statistics of the corpus and event tables, brought up to
 * date (ANALYZE) after many rows were written: by the corpus at the end of
 * a large load, by the events when they are current again. One counter per
 * pool, shared by both repositories: what either wrote counts.
 */
import type pg from 'pg';
import { query } from './database.js';

/**
 * Rows written since the planner's statistics were last brought up to
 * date, past which the next ingest's end refreshes them (ANALYZE). With
 * statistics of an empty table the planner chose a nested loop for search
 * that took ~100× as long as with them (0.9 s against 9 ms at 300 articles).
 */
const ANALYZE_AFTER_ROWS = 2_000;

export class PlannerStatistics {
  /** Sentences and events written through this pool since its last ANALYZE. */
  private writtenSinceAnalyze = 0;

  constructor(private readonly pool: pg.Pool) {}

  wrote(rows: number): void {
    this.writtenSinceAnalyze += rows;
  }

  /** At the end of an ingest (events current again): the planner's statistics after many writes. */
  async analyzeIfMuchChanged(): Promise<void> {
    if (this.writtenSinceAnalyze >= ANALYZE_AFTER_ROWS) await this.analyze();
  }

  async analyze(): Promise<void> {
    this.writtenSinceAnalyze = 0;
    await query(this.pool, 'ANALYZE files, documents, sentences, sentence_search, quotes, events, topics');
  }
}
