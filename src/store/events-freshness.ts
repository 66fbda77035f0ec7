/**
 * Whether the events reflect every document written so far: one flag, kept
 * in the meta table under one key, read and written only through this
 * module's names: EventRepository.current / markStale / markCurrent, and
 * each backend's markEvents (sqlite/events.ts, postgres/events.ts), which
 * its corpus calls in the same transaction as a corpus write. '0' is
 * current, '1' stale, as databases made before this module hold it.
 */
export const EVENTS_FRESHNESS_KEY = 'events_stale';

/**
 * Which state of the events a reader's copy of them belongs to: a new
 * version step (version-steps.ts: with the ids of the events written) in
 * every transaction that writes events or marks them (each backend's
 * markEvents and a partial upsert), read by EventRepository.version
 * (event-cache.ts keeps events read between queries by it).
 */
export const EVENTS_VERSION_KEY = 'events_version';

export const EVENTS_CURRENT = '0';
export const EVENTS_STALE = '1';

/** The stored value for a state. */
export function freshnessValue(current: boolean): string {
  return current ? EVENTS_CURRENT : EVENTS_STALE;
}

/** A stored value read back; a database that never recorded one has events to build. */
export function isCurrent(value: string | null): boolean {
  return value === EVENTS_CURRENT;
}
