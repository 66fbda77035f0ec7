/**
 * Which state of the corpus what a process read of the documents belongs
 * to: one value in the meta table, replaced by whoever writes documents.
 * An engine keeps the documents it cited between queries and reads this
 * value before each use, so an instance that did not ingest (another instance
 * on the same database did, or the writer of a query thread) still answers
 * from the corpus as it is now.
 */
import type { MetaRepository } from './meta.js';

export const CORPUS_GENERATION_KEY = 'corpus_generation';

export function corpusGeneration(meta: MetaRepository): Promise<string | null> {
  return meta.get(CORPUS_GENERATION_KEY);
}

/**
 * After documents were added, changed or removed: a version step
 * (version-steps.ts) naming them when the writer knows which (`changed`),
 * so a reader drops only those; null when it does not.
 */
export function markCorpusChanged(meta: MetaRepository, changed: Iterable<string> | null): Promise<void> {
  return meta.advance(CORPUS_GENERATION_KEY, changed);
}
