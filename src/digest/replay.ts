/**
 * `briefing digest --replay`: the digest each day from..to would have
 * received if every article had arrived on its publication date. An event
 * arrives on the earliest publication date among its sources; what a day's
 * digest told is remembered for the days after (the same novelty rules and
 * item limit as the live digest), so the output shows what the bot does on a
 * corpus. Nothing is posted or stored.
 */
import type { Engine } from '../core/engine.js';
import type { Event } from '../core/model.js';
import type { Reply } from '../core/reply.js';
import { knownItemOf, type KnownItem } from '../analysis/novelty.js';
import { composeDigest } from './compose.js';
import type { DigestItem } from './compose.js';
import { reportedOnOf, toItems } from './plan.js';
import { selectItems } from './select.js';
import { addDays } from '../core/calendar.js';

export interface ReplayDay {
  slot: string;
  items: DigestItem[];
  /** New items beyond one digest, carried to the next day. */
  overflow: number;
  /** Events that arrived that day but only repeated what was already told. */
  repeats: number;
  reply: Reply;
}

export interface ReplayOptions {
  from: string;
  to: string;
  topic?: string;
  /** Heading label: the topic, or the corpus topic's name. */
  label: string;
}

/** Longest replay, so a typo in a year cannot print a century of empty days. */
export const MAX_REPLAY_DAYS = 3_660;

export async function replayDigests(engine: Engine, options: ReplayOptions): Promise<ReplayDay[]> {
  // An event arrives on the day it was first reported.
  const reportedOn = reportedOnOf(await engine.sources());
  // Ranked best first (salience, and topic match when a topic is given).
  const ranked = await engine.events({ topic: options.topic });
  const byDay = new Map<string, Event[]>();
  for (const e of ranked) {
    const day = reportedOn(e);
    if (!day || day < options.from || day > options.to) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }

  const ids = new Set<string>();
  const told: KnownItem[] = [];
  let carried: Event[] = [];
  const days: ReplayDay[] = [];
  for (let slot = options.from; slot <= options.to; slot = addDays(slot, 1)) {
    const arrived = byDay.get(slot) ?? [];
    const { chosen, overflow, repeats, late } = selectItems([...carried, ...arrived], { ids, items: told }, slot, { reportedOn });
    for (const e of chosen) {
      ids.add(e.id);
      told.push(knownItemOf(e));
    }
    carried = overflow;
    const items = await toItems(engine, chosen, late);
    days.push({
      slot,
      items,
      overflow: overflow.length,
      repeats: repeats.length,
      reply: composeDigest({ label: options.label, slot, items, late: false, overflow: overflow.length }),
    });
  }
  return days;
}
