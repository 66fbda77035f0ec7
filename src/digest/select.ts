/**
 * Which candidate events go into a channel's digest: not already sent, new to
 * the channel by the novelty rules of src/analysis/novelty.ts (a reworded or
 * other-outlet repeat is dropped, a new fact about a known story is kept), and
 * not repeating each other. Pure: the live digest and `--replay` share it.
 */
import type { Event } from '../core/model.js';
import { isNewToChannel, knownItemOf, type KnownItem } from '../analysis/novelty.js';

/** Items one digest holds; the rest wait for the next digest (nothing is dropped). */
export const MAX_DIGEST_ITEMS = 20;

/**
 * A digest reports developments: an event whose whole period ended more than
 * this many days before the slot ("Russia took Crimea in 2014", "said in
 * October") is background an article recalls, not news of the day.
 */
export const RECENT_DAYS = 7;

export interface Selection {
  /** Best first (candidates arrive ranked by salience / topic match). */
  chosen: Event[];
  /** New to the channel but beyond MAX_DIGEST_ITEMS: eligible next time. */
  overflow: Event[];
  /** Dropped as repeats of what the channel was told. */
  repeats: Event[];
  /** Left out as background: dated well before the slot. */
  background: Event[];
}

/** Last day of an event's period: "2024-10" → 2024-10-31, "2014" → 2014-12-31. */
function periodEnd(date: string): string {
  if (date.length === 10) return date;
  if (date.length === 4) return `${date}-12-31`;
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

export function selectItems(
  candidates: readonly Event[],
  known: { ids: ReadonlySet<string>; items: readonly KnownItem[] },
  slot: string,
  limit = MAX_DIGEST_ITEMS,
): Selection {
  const told: KnownItem[] = [...known.items];
  const chosen: Event[] = [];
  const overflow: Event[] = [];
  const repeats: Event[] = [];
  const background: Event[] = [];
  const recentFrom = daysBefore(slot, RECENT_DAYS);
  const seen = new Set<string>();
  for (const e of candidates) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (periodEnd(e.date) < recentFrom) {
      background.push(e);
      continue;
    }
    if (known.ids.has(e.id) || !isNewToChannel(e, told)) {
      repeats.push(e);
      continue;
    }
    // Counted as told from here on: two outlets' versions of one new fact make one item.
    told.push(knownItemOf(e));
    if (chosen.length < limit) chosen.push(e);
    else overflow.push(e);
  }
  return { chosen, overflow, repeats, background };
}
