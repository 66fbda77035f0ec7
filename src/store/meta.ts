/**
 * Small named values the corpus keeps beside its tables (the topic profile's
 * hash the documents were judged under). Not for flags other modules decide
 * on: whether the events are current is EventRepository.current().
 */
export interface MetaRepository {
  get(key: string): Promise<string | null>;
  /** Insert or replace; one statement, visible to every connection once it returns. */
  set(key: string, value: string): Promise<void>;
  /** A new version step (version-steps.ts) after a write that changed `changed` (null: unknown); atomic across connections. */
  advance(key: string, changed: Iterable<string> | null): Promise<void>;
}

/** The meta key holding the hash of the topic profile the documents' verdicts were given under. */
export const TOPIC_PROFILE_HASH = 'topic_profile_hash';
