/**
 * The documents an event cites, as a set, made once per event object: the
 * events a query weighs are shared between queries until they change
 * (store/event-cache.ts), and a widely reported one cites thousands of
 * documents, so building the set on every call was a good part of a
 * timeline's time.
 */
import type { Event } from '../core/model.js';

const sets = new WeakMap<Event, ReadonlySet<string>>();

export function sourceSet(e: Event): ReadonlySet<string> {
  let s = sets.get(e);
  if (!s) sets.set(e, (s = new Set(e.sourceIds)));
  return s;
}
