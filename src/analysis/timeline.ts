/**
 * Which developments a timeline shows: dates first, by how much of the
 * coverage points at them, then per date the one to three developments that
 * matter there (after news-tls's DATEWISE, Martschat & Markert 2018: rank
 * dates by the sentences and documents referring to them, then summarise
 * each chosen date).
 *
 * - A date's weight: the documents reporting something on it, plus a quarter
 *   per further report (an event cited by n documents is n reports), times
 *   how precise it is (a day 1, a month 0.5, a year 0.3: "in October" or
 *   "2014" is background more often than the news), times how salient its
 *   best development is next to the corpus's best.
 * - A development's value: its date's weight (relative to the heaviest
 *   date) × its salience relative to the best on that date, halved for each
 *   development already taken on that date. The second and third of a date
 *   must reach SECOND_SHARE of the first's salience (nearly as important as
 *   it), else they wait until every date's headline is shown.
 * - The `limit` most valuable are kept, at most PER_DATE per date; only when
 *   every date's share is taken and `limit` is not reached do more of a
 *   date follow, best first (so `limit: 200` still shows everything).
 * - Background: a month or a year ("in October", "2014") weighing less than
 *   the story's typical day (the median weight of its day dates, once it has
 *   BACKGROUND_MIN_DAYS of them) is what
 *   articles recall, not what the story is. With `background: 'omit'` (the
 *   default answer) such dates are left out; otherwise they follow only
 *   after everything else, so a large `limit` still shows everything.
 * - Shown oldest first; on one date, most salient first.
 */
import type { Event } from '../core/model.js';
import { developmentsOf, type Development } from './developments.js';
import { sourceSet } from './event-sources.js';
import { precisionOf } from '../core/partial-date.js';

export const PER_DATE = 3;
/**
 * A second or third development of a date must be at least this salient next
 * to the date's first: nearly as important, two headlines of one day. A
 * lesser fact of a busy day (the rest of a call's readout, another line of a
 * long statement) tells a reader less than the headline of a day the
 * timeline does not show yet, however much coverage its day has: dates
 * first, as DATEWISE ranks them.
 */
const SECOND_SHARE = 0.9;
const PRECISION_WEIGHT = { day: 1, month: 0.25, year: 0.15 } as const;
/** Each development already taken on a date makes the next one there worth this much less. */
const DECAY = 0.7;
/** Beyond a date's share (PER_DATE, SECOND_SHARE) a development is worth this fraction: it follows only when little else is left. */
const BEYOND_SHARE = 0.15;
/** Weight of each report beyond the first document on a date. */
const PER_REPORT = 0.25;

export function dateWeights(events: readonly Event[], weight: (e: Event) => number = (e) => e.salience): Map<string, number> {
  // Per date, the sets of its events' documents: their union is counted once, below.
  const cited = new Map<string, Array<ReadonlySet<string>>>();
  const reports = new Map<string, number>();
  const best = new Map<string, number>();
  let top = 1e-9;
  for (const e of events) {
    let d = cited.get(e.date);
    if (!d) cited.set(e.date, (d = []));
    d.push(sourceSet(e));
    reports.set(e.date, (reports.get(e.date) ?? 0) + Math.max(1, e.sourceIds.length));
    const w = weight(e);
    if (w > (best.get(e.date) ?? -Infinity)) best.set(e.date, w);
    if (w > top) top = w;
  }
  const out = new Map<string, number>();
  for (const [date, sets] of cited) {
    const documents = unionSize(sets);
    const precision = precisionOf(date) ?? 'year';
    const count = documents + PER_REPORT * Math.max(0, reports.get(date)! - documents);
    const quality = 0.5 + 0.5 * Math.max(0, best.get(date)! / top);
    out.set(date, count * PRECISION_WEIGHT[precision] * quality);
  }
  return out;
}

/** How many distinct members these sets hold: the largest copied whole, the others' members added to it. */
function unionSize(sets: ReadonlyArray<ReadonlySet<string>>): number {
  if (sets.length === 1) return sets[0]!.size;
  let largest = sets[0]!;
  for (const s of sets) if (s.size > largest.size) largest = s;
  const union = new Set(largest);
  for (const s of sets) if (s !== largest) for (const id of s) union.add(id);
  return union.size;
}

/** Day dates a timeline needs before a vague date can be judged background next to them. */
const BACKGROUND_MIN_DAYS = 4;

/** Vague dates lighter than the story's typical day: what articles recall, not what happened. */
export function backgroundDates(dates: ReadonlyMap<string, number>): Set<string> {
  const days = [...dates].filter(([d]) => precisionOf(d) === 'day').map(([, w]) => w).sort((a, b) => a - b);
  const out = new Set<string>();
  // Two or three days are no story's typical day yet (a narrow topic, a new corpus): nothing is background.
  if (days.length < BACKGROUND_MIN_DAYS) return out;
  const typical = days[Math.floor((days.length - 1) / 2)]!;
  for (const [d, w] of dates) if (precisionOf(d) !== 'day' && w < typical) out.add(d);
  return out;
}

export interface TimelineOptions {
  /** 'omit': background dates (backgroundDates) are left out; 'last' (default): they follow everything else. */
  background?: 'omit' | 'last';
}

/** The developments a timeline of `limit` entries shows, oldest first. */
export function chooseTimeline(
  events: readonly Event[],
  limit: number,
  weight: (e: Event) => number = (e) => e.salience,
  options: TimelineOptions = {},
): Development[] {
  const dates = dateWeights(events, weight);
  const background = backgroundDates(dates);
  const heaviest = Math.max(1e-9, ...dates.values());
  const devs = developmentsOf(events, weight, candidateDates(dates, background, limit));
  const byDate = new Map<string, Development[]>();
  for (const d of devs) {
    const list = byDate.get(d.lead.date) ?? [];
    list.push(d);
    byDate.set(d.lead.date, list);
  }
  const scored: Array<{ dev: Development; value: number }> = [];
  for (const [date, list] of byDate) {
    if (background.has(date) && options.background === 'omit') continue;
    list.sort((a, b) => b.salience - a.salience);
    const first = Math.max(1e-9, list[0]!.salience);
    const dateShare = (dates.get(date) ?? 0) / heaviest;
    list.forEach((dev, r) => {
      const relative = Math.max(0, dev.salience) / first;
      const capped = r >= PER_DATE || (r > 0 && relative < SECOND_SHARE);
      const value = dateShare * relative * DECAY ** r * (capped ? BEYOND_SHARE : 1);
      // Below every other development (values are at most 1): only a large limit reaches it.
      scored.push({ dev, value: background.has(date) ? value - 1 : value });
    });
  }
  scored.sort((a, b) => b.value - a.value || cmp(a.dev.lead.id, b.dev.lead.id));
  const chosen = scored.slice(0, Math.max(0, limit)).map((s) => s.dev);
  return chosen.sort((a, b) => cmp(a.lead.date, b.lead.date) || b.salience - a.salience);
}

/**
 * The dates whose developments can be chosen. A date's best development is
 * worth its date's share and the others less, and background dates follow
 * every other; so with at least `limit` other dates, none lighter than the
 * `limit`-th heaviest can place an entry, and grouping their events (most of
 * a large corpus's) is skipped. Otherwise every date (undefined).
 */
function candidateDates(dates: ReadonlyMap<string, number>, background: ReadonlySet<string>, limit: number): Set<string> | undefined {
  const story = [...dates].filter(([d]) => !background.has(d));
  if (limit <= 0 || story.length < limit) return undefined;
  const threshold = story.map(([, w]) => w).sort((a, b) => b - a)[limit - 1]!;
  return new Set(story.filter(([, w]) => w >= threshold).map(([d]) => d));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
