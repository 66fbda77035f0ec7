/**
 * Which state of the corpus what a process read of the documents belongs
 * to: one value in the meta table, replaced by whoever writes documents.
 * An engine keeps its documents between queries and reads this value
 * before each use, so an instance that did not ingest (another instance
 * on the same database did, or the writer of a query thread) still answers
 * from the corpus as it is now.
 */
import { randomUUID } from 'node:crypto';
import type { MetaRepository } from './meta.js';

export const CORPUS_GENERATION_KEY = 'corpus_generation';

export function corpusGeneration(meta: MetaRepository): Promise<string | null> {
  return meta.get(CORPUS_GENERATION_KEY);
}

/** After documents were added, changed or removed. */
export function markCorpusChanged(meta: MetaRepository): Promise<void> {
  return meta.set(CORPUS_GENERATION_KEY, randomUUID());
}
