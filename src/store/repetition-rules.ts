/**
 * Which rules the stored repetition marks (banners, reprints) were judged
 * under: one value in the meta table, read and written only through this
 * module. Judging repetition near new documents (markRepetitionNear) keeps
 * every other document's marks, so it is right only when those marks are
 * what the current rules give; marks judged under other rules are judged
 * again once, over the whole corpus, by the next ingest (ingest/run.ts).
 */
import type { MetaRepository } from './meta.js';

export const REPETITION_RULES_KEY = 'repetition_rules';

/**
 * The current rules (ingest/repetition.ts): named anew whenever a change
 * there gives other marks for the same corpus. A database that never
 * recorded one ranked a sentence's holders by document id.
 */
export const REPETITION_RULES = 'holders ranked by arrival';

/** The stored marks were judged under the current rules. */
export async function marksFollowRules(meta: MetaRepository): Promise<boolean> {
  return (await meta.get(REPETITION_RULES_KEY)) === REPETITION_RULES;
}

/** Once the whole corpus was judged under the current rules, or while it holds no document (nothing judged otherwise). */
export function recordRepetitionRules(meta: MetaRepository): Promise<void> {
  return meta.set(REPETITION_RULES_KEY, REPETITION_RULES);
}
