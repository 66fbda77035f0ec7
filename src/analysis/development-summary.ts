/**
 * Summary by coverage: each point a different development, the most
 * important chosen first, reaching across the story's span.
 *
 * 1. Events become developments (developments.ts): one article's facts
 *    about one happening on one day are one point, citing every source.
 * 2. Importance: the development's salience (corroboration, specificity, a
 *    lede, an informative headline; salience.ts), or the caller's weight
 *    (salience lifted by a topic match), two fifths of it scaled by how much of the
 *    coverage points at its date (timeline.ts dateWeights): the story's
 *    main days before a fact-rich aside.
 * 3. MMR picks up to `max` points: importance traded against redundancy with
 *    what is already picked, the larger of the same words (stemmed content
 *    cosine) and the same episode (SAME_DATE per point already taken from
 *    that date, less for one a few days away: a busy day or week may give
 *    several points, but each costs more, so the points span the story). A point
 *    that repeats a picked one's words (REPEATS) is never taken.
 * 4. Shown in story order: by date, then importance.
 *
 * The terms of one scheme (who can claim how much: "households can apply
 * for up to £500", "businesses for up to £2,500", "farmers for grants of up
 * to £25,000"), told by one report on one day, are one point: a reader is
 * told the scheme once, by its largest ceiling (the figure a report leads
 * with), at the importance of its best term. Each term is still a
 * development of its own (different amounts are different facts) for the
 * timeline and the digest; a summary of eight points spent on one scheme's
 * small print would leave out the rest of the story.
 *
 * Sentence-level redundancy is not enough: five sentences about one visit
 * are one development here, not five points.
 */
import type { Event } from '../core/model.js';
import { developmentsOf, type Development } from './developments.js';
import { backgroundDates, dateWeights } from './timeline.js';
import { dayNumber, periodOf } from '../core/partial-date.js';
import { contentStemSet, setCosine } from './text.js';
import { capOf } from './sentence-kind.js';

export interface DevelopmentPoint {
  development: Development;
  text: string;
  sourceIds: string[];
}

const LAMBDA = 0.7;
/**
 * How much of a point's importance is its date's weight next to the heaviest
 * date's. Less than half: one day of a long statement and a press release
 * with its copies can weigh several times any other day, and its lesser
 * points must not outrank the main point of every other episode.
 */
const DATE_SHARE = 0.4;
/** Redundancy charged per point already picked on the same date. */
const SAME_DATE = 0.35;
/** Words this similar to a picked point's say the same thing. */
const REPEATS = 0.55;
/** What a point that is one item of a run-in list ("a support fund for …") is worth: the list's parts follow its news. */
const LIST_PART = 0.7;

/** One item of a run-in list: a lower-case start (the list's lead-in was cut off; a bullet glyph headline.ts already dropped). */
function isListPart(text: string): boolean {
  return /^\s*[a-z]/.test(text);
}

/** Days apart at which two points are half as much "the same episode" as two on one day. */
const EPISODE_DAYS = 3;

/**
 * How much two dates are one episode of the story: 1 on the same day,
 * falling with the days between them (a visit and the next day's reports
 * are one episode, a month later is another). A month or year is taken at
 * its middle.
 */
function closeness(a: string, b: string): number {
  if (a === b) return 1;
  const apart = Math.abs(middleDay(a) - middleDay(b));
  return 1 / (1 + apart / EPISODE_DAYS);
}

function middleDay(date: string): number {
  const [start, end] = periodOf(date);
  return (dayNumber(start)! + dayNumber(end)!) / 2;
}

export function summarizeDevelopments(events: readonly Event[], max: number, weight: (e: Event) => number = (e) => e.salience): DevelopmentPoint[] {
  const dates = dateWeights(events, weight);
  // What articles recall ("in October", "2014") is not the story's (timeline.ts backgroundDates), unless little else is left.
  const background = backgroundDates(dates);
  const all = developmentsOf(events, weight);
  const current = all.filter((d) => !background.has(d.lead.date));
  const devs = current.length >= max ? current : all;
  if (devs.length === 0 || max < 1) return [];
  // A development of a date much of the coverage points at matters more (timeline.ts dateWeights).
  const heaviest = Math.max(1e-9, ...dates.values());
  const importance = new Map(
    devs.map((d) => [d, Math.max(0, d.salience) * (1 - DATE_SHARE + (DATE_SHARE * (dates.get(d.lead.date) ?? 0)) / heaviest) * (isListPart(d.lead.text) ? LIST_PART : 1)]),
  );
  const candidates = oneTermPerScheme(devs, importance);
  const stems = new Map(candidates.map((d) => [d, contentStemSet(d.lead.text)]));
  const top = Math.max(1e-9, ...candidates.map((d) => importance.get(d)!));
  const left = [...candidates];
  const picked: Development[] = [];
  while (picked.length < max && left.length) {
    let best = -1;
    let bestValue = -Infinity;
    left.forEach((d, i) => {
      const words = Math.max(0, ...picked.map((p) => setCosine(stems.get(d)!, stems.get(p)!)));
      if (words >= REPEATS) return;
      const sameDate = SAME_DATE * picked.reduce((n, p) => n + closeness(p.lead.date, d.lead.date), 0);
      const value = LAMBDA * (importance.get(d)! / top) - (1 - LAMBDA) * Math.max(words, sameDate);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    if (best < 0) break;
    picked.push(left.splice(best, 1)[0]!);
  }
  return picked
    .sort((a, b) => (a.lead.date < b.lead.date ? -1 : a.lead.date > b.lead.date ? 1 : b.salience - a.salience))
    .map((d) => ({ development: d, text: d.lead.text, sourceIds: d.sourceIds }));
}

/**
 * The developments a summary chooses among, a scheme's terms (capOf) told
 * by one report on one day standing as one: the term with the largest
 * ceiling speaks for them, whether it leads its development or is one of its
 * facts, at the best importance among them (set in `importance`).
 */
function oneTermPerScheme(devs: readonly Development[], importance: Map<Development, number>): Development[] {
  const largest = new Map<Development, { term: Event; value: number }>();
  for (const d of devs) {
    for (const e of [d.lead, ...d.facts]) {
      const cap = capOf(e.text, e.amounts);
      if (cap && cap.value > (largest.get(d)?.value ?? -Infinity)) largest.set(d, { term: e, value: cap.value });
    }
  }
  // Each scheme with the set of its sources: a development may cite thousands of documents.
  const schemes: Array<{ dev: Development; cited: ReadonlySet<string> }> = [];
  const spokenFor = new Set<Development>();
  for (const d of [...largest.keys()].sort((a, b) => largest.get(b)!.value - largest.get(a)!.value)) {
    const scheme = schemes.find((s) => s.dev.lead.date === d.lead.date && d.sourceIds.some((id) => s.cited.has(id)))?.dev;
    if (scheme) {
      spokenFor.add(d);
      importance.set(scheme, Math.max(importance.get(scheme)!, importance.get(d)!));
    } else schemes.push({ dev: d, cited: new Set(d.sourceIds) });
  }
  return devs
    .filter((d) => !spokenFor.has(d))
    .map((d) => {
      const term = largest.get(d)?.term;
      if (!term || term === d.lead) return d;
      const told: Development = { ...d, lead: term, facts: [d.lead, ...d.facts.filter((f) => f !== term)] };
      importance.set(told, importance.get(d)!);
      return told;
    });
}
