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

export interface Selection {
  /** Best first (candidates arrive ranked by salience / topic match). */
  chosen: Event[];
  /** New to the channel but beyond MAX_DIGEST_ITEMS: eligible next time. */
  overflow: Event[];
  /** Dropped as repeats of what the channel was told. */
  repeats: Event[];
}

export function selectItems(
  candidates: readonly Event[],
  known: { ids: ReadonlySet<string>; items: readonly KnownItem[] },
  limit = MAX_DIGEST_ITEMS,
): Selection {
  const told: KnownItem[] = [...known.items];
  const chosen: Event[] = [];
  const overflow: Event[] = [];
  const repeats: Event[] = [];
  const seen = new Set<string>();
  for (const e of candidates) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (known.ids.has(e.id) || !isNewToChannel(e, told)) {
      repeats.push(e);
      continue;
    }
    // Counted as told from here on: two outlets' versions of one new fact make one item.
    told.push(knownItemOf(e));
    if (chosen.length < limit) chosen.push(e);
    else overflow.push(e);
  }
  return { chosen, overflow, repeats };
}
