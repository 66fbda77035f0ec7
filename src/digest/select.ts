/**
 * Which candidate events go into a channel's digest. Pure: the live digest
 * and `--replay` share it.
 *
 * - **Developments, not sentences**: events one article gives about one
 *   happening on one day are one item (analysis/developments.ts); the
 *   others are told with it and never sent apart.
 * - **New to the channel**: not already sent, and not repeating what it was
 *   told by the novelty rules of src/analysis/novelty.ts (a reworded or
 *   other-outlet repeat is dropped, a new fact about a known story is kept);
 *   items of one digest do not repeat each other either.
 * - **Background** is judged against each article's own publication date:
 *   an event whose whole period ended more than RECENT_DAYS before the
 *   earliest report of it ("Russia took Crimea in 2014", "said in October")
 *   is something an article recalls, not its news. An article reporting its
 *   own day's news stays a development however late it reaches us.
 * - **Late**: an item first reported before the day before the slot (a feed
 *   back-filled, the bot down for days) is late. A digest holding late
 *   items, or one after a gap, is a catch-up.
 * - **Size**: a normal day holds at most `limit` items (MAX_DIGEST_ITEMS);
 *   a catch-up up to `catchUpLimit` (MAX_CATCH_UP_ITEMS), most important
 *   first; the rest overflow to the next digest (announced in its footer),
 *   never dropped.
 * - **Order within the digest**: fresh items first, then late ones, each in
 *   date order.
 */
import type { Event } from '../core/model.js';
import { developmentsOf } from '../analysis/developments.js';
import { isNewToChannel, knownItemOf, type KnownItem } from '../analysis/novelty.js';
import { addDays } from '../core/calendar.js';
import { periodOf } from '../core/partial-date.js';

/** Items a normal day's digest holds; the rest wait for the next digest (nothing is dropped). */
export const MAX_DIGEST_ITEMS = 8;
/** Items a catch-up digest (late reports, or after a gap) holds. */
export const MAX_CATCH_UP_ITEMS = 20;

/**
 * A digest reports developments: an event whose whole period ended more than
 * this many days before its earliest report is background that article
 * recalls, not its news.
 */
export const RECENT_DAYS = 7;

export interface SelectOptions {
  /** A normal day's size (default MAX_DIGEST_ITEMS). */
  limit?: number;
  /** A catch-up's size (default MAX_CATCH_UP_ITEMS). */
  catchUpLimit?: number;
  /** The digest follows a gap (missed slots): a catch-up even without late reports. */
  catchUp?: boolean;
  /**
   * When an event was first reported: the earliest publication day of its
   * sources (null when none is known: then the slot stands in).
   */
  reportedOn?: (e: Event) => string | null;
}

export interface Selection {
  /** What the digest shows: fresh items in date order, then late ones in date order. */
  chosen: Event[];
  /** Of `chosen`, those reported before the day before the slot, with the day they were reported. */
  late: Map<Event, string>;
  /** New to the channel but beyond the digest's size: eligible next time. */
  overflow: Event[];
  /** Dropped as repeats of what the channel was told (or told with another item of this digest). */
  repeats: Event[];
  /** Left out as background: dated well before the article that reports it. */
  background: Event[];
  /** This digest was a catch-up (late items or a gap): its size was catchUpLimit. */
  catchUp: boolean;
}

export function selectItems(
  candidates: readonly Event[],
  known: { ids: ReadonlySet<string>; items: readonly KnownItem[] },
  slot: string,
  options: SelectOptions = {},
): Selection {
  // Reported on an unknown day: the slot stands in (nothing late; background judged against the slot).
  const reportedOn = (e: Event) => options.reportedOn?.(e) ?? slot;
  const lateBefore = addDays(slot, -1);
  const told: KnownItem[] = [...known.items];
  const fresh: Event[] = [];
  const repeats: Event[] = [];
  const background: Event[] = [];
  const seen = new Set<string>();
  const unique: Event[] = [];
  for (const e of candidates) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    unique.push(e);
  }
  // Candidates arrive best first (salience / topic match): keep that order as the rank.
  const rank = new Map(unique.map((e, i) => [e, unique.length - i]));
  for (const dev of developmentsOf(unique, (e) => rank.get(e)!)) {
    const e = dev.lead;
    if (periodOf(e.date)[1] < addDays(reportedOn(e), -RECENT_DAYS)) {
      background.push(e, ...dev.facts);
      continue;
    }
    if (known.ids.has(e.id) || !isNewToChannel(e, told)) {
      repeats.push(e, ...dev.facts);
      continue;
    }
    // Counted as told from here on: two outlets' versions of one new fact make one item.
    told.push(knownItemOf(e));
    for (const f of dev.facts) told.push(knownItemOf(f));
    fresh.push(e);
    repeats.push(...dev.facts);
  }
  const lateOf = new Map<Event, string>();
  for (const e of fresh) {
    const reported = reportedOn(e);
    if (reported < lateBefore) lateOf.set(e, reported);
  }
  const catchUp = options.catchUp === true || lateOf.size > 0;
  const size = catchUp ? (options.catchUpLimit ?? MAX_CATCH_UP_ITEMS) : (options.limit ?? MAX_DIGEST_ITEMS);
  const taken = fresh.slice(0, Math.max(0, size));
  const overflow = fresh.slice(taken.length);
  const byDate = (a: Event, b: Event) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  const chosen = [...taken.filter((e) => !lateOf.has(e)).sort(byDate), ...taken.filter((e) => lateOf.has(e)).sort(byDate)];
  const late = new Map([...lateOf].filter(([e]) => taken.includes(e)));
  return { chosen, late, overflow, repeats, background, catchUp };
}
