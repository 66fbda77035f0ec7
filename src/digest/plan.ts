/**
 * What a channel's digest for a slot holds, computed the same way for the
 * real post, the `/digest` preview and the CLI's --dry-run: events that
 * arrived since the channel's last digest (or since it subscribed), on its
 * topic, new to the channel, best first.
 */
import type { Engine } from '../core/engine.js';
import type { Event, SourceRef } from '../core/model.js';
import type { Reply } from '../core/reply.js';
import { composeDigest, type DigestItem } from './compose.js';
import { selectItems } from './select.js';
import type { DigestService } from './service.js';
import type { DigestSubscription } from '../store/digest-subscriptions.js';

export interface DigestPlan {
  slot: string;
  late: boolean;
  windowFrom: string;
  windowUntil: string;
  items: DigestItem[];
  /** New items beyond one digest's size, left for the next. */
  overflow: number;
  reply: Reply;
}

/**
 * Windows overlap a little: a document another process was ingesting while the
 * last digest was built carries an ingest time inside that window but was not
 * visible yet. Sent items are excluded anyway, so the overlap never repeats.
 */
const WINDOW_OVERLAP_MS = 10 * 60_000;

/**
 * Where the next window starts: the end of the last settled digest, or its
 * start again if it overflowed (the unsent rest stays eligible), or the
 * subscription's start (whichever is later).
 */
export async function windowStart(service: DigestService, sub: DigestSubscription): Promise<string> {
  const last = await service.outbox.lastSettled(sub.platform, sub.channel);
  if (!last) return sub.createdAt;
  const end = last.overflow ? last.windowFrom : last.windowUntil;
  const resume = new Date(Date.parse(end) - WINDOW_OVERLAP_MS).toISOString();
  // Re-subscribed after a pause: what arrived while unsubscribed is not news to it.
  return resume > sub.createdAt ? resume : sub.createdAt;
}

export async function planDigest(
  service: DigestService,
  sub: DigestSubscription,
  slot: string,
  options: { now: Date; late: boolean },
): Promise<DigestPlan> {
  const windowFrom = await windowStart(service, sub);
  const windowUntil = options.now.toISOString();
  const candidates = await service.engine.events({
    arrivedSince: windowFrom,
    arrivedUntil: windowUntil,
    topic: sub.topic ?? undefined,
  });
  const known = await service.outbox.known(sub.platform, sub.channel);
  const sources = await service.engine.sourcesOf([...new Set(candidates.flatMap((e) => e.sourceIds))]);
  // A window longer than this is a gap (the bot was down, a channel paused): its digest is a catch-up.
  const gap = Date.parse(windowUntil) - Date.parse(windowFrom) > CATCH_UP_AFTER_MS;
  const { chosen, overflow, late } = selectItems(candidates, known, slot, {
    catchUp: options.late || gap,
    reportedOn: reportedOnOf(sources),
  });
  const items = await toItems(service.engine, chosen, late);
  return {
    slot,
    late: options.late,
    windowFrom,
    windowUntil,
    items,
    overflow: overflow.length,
    reply: composeDigest({ label: service.labelFor(sub), slot, items, late: options.late, overflow: overflow.length }),
  };
}

/** A digest window longer than this follows a gap: a catch-up (two days: one missed daily slot and some). */
const CATCH_UP_AFTER_MS = 2 * 86_400_000;

/** When an event was first reported: the earliest publication day among its sources. */
export function reportedOnOf(sources: Array<Pick<SourceRef, 'id' | 'published'>>): (e: Event) => string | null {
  const published = new Map(sources.map((d) => [d.id, d.published]));
  return (e) => {
    let first: string | null = null;
    for (const id of e.sourceIds) {
      const p = published.get(id);
      if (p && (first === null || p < first)) first = p;
    }
    return first;
  };
}

/** Events as digest items, each with its sources' citations; a late one says when it was reported. */
export async function toItems(engine: Engine, events: Event[], late: ReadonlyMap<Event, string> = new Map()): Promise<DigestItem[]> {
  const docs = new Map((await engine.sourcesOf([...new Set(events.flatMap((e) => e.sourceIds))])).map((d) => [d.id, d]));
  return events.map((e) => ({
    eventId: e.id,
    date: e.date,
    ...(late.has(e) ? { reported: late.get(e)! } : {}),
    text: e.text,
    sources: e.sourceIds.flatMap((id): SourceRef[] => {
      const d = docs.get(id);
      return d ? [{ id: d.id, title: d.title, outlet: d.outlet, published: d.published, url: d.url ?? null }] : [];
    }),
    entities: e.entities,
    amounts: e.amounts,
  }));
}
