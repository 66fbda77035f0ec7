/**
 * Events read without their members, kept between queries by the events'
 * version (events-freshness.ts EVENTS_VERSION_KEY): a timeline or summary
 * weighs the same few thousand most salient events on every call, and
 * reading them again (a widely reported event cites thousands of documents)
 * was most of a call's time at 100,000 articles. A query reads only the ids
 * it matches, in order, and the events not kept yet.
 *
 * What it hands out is shared by every caller until the events change, so it
 * is frozen: a caller that wants to change an event copies it.
 */
import type { Event } from '../core/model.js';
import type { EventQuery, EventRepository } from './events.js';
import { SteppedCopy } from './version-steps.js';

/** Events kept at most (a corpus of 100,000 articles has ~40,000); emptied when full. */
const EVENTS_KEPT = 60_000;

export class EventCache {
  private readonly version = new SteppedCopy();
  private readonly kept = new Map<string, Event>();

  constructor(private readonly events: Pick<EventRepository, 'find' | 'findIds' | 'byIds' | 'version'>) {}

  /** As EventRepository.find; from what is kept when the query leaves out members. */
  async find(query: EventQuery): Promise<Event[]> {
    if (query.members !== false) return this.events.find(query);
    // Only the events written since are read again (an extended date's), when this copy is of a step the stored one remembers.
    this.version.follow(await this.events.version(), this.kept);
    const ids = await this.events.findIds(query);
    let missing = ids.filter((id) => !this.kept.has(id));
    if (this.kept.size + missing.length > EVENTS_KEPT) {
      this.kept.clear();
      missing = ids;
    }
    if (missing.length) {
      for (const e of await this.events.byIds(missing)) this.kept.set(e.id, freeze(e));
    }
    const out: Event[] = [];
    for (const id of ids) {
      const e = this.kept.get(id);
      // Removed between the two reads (an ingest wrote meanwhile): as if read a moment later.
      if (e) out.push(e);
    }
    return out;
  }
}

function freeze(e: Event): Event {
  Object.freeze(e.sourceIds);
  Object.freeze(e.entities);
  Object.freeze(e.amounts);
  Object.freeze(e.members);
  return Object.freeze(e);
}
