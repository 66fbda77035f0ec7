/**
 * The date resolver: every date a sentence mentions, resolved against the
 * document's publication date, at the precision the words support.
 *
 * Where the words come from:
 * - chrono-node finds named dates: weekdays ("on Wednesday", "last Tuesday",
 *   "Monday morning"), month names ("in October"), day + month ("the 19th of
 *   December", "Dec. 5") and full dates ("1 March 2023", "2024-12-19").
 * - A small table in this module finds relative spans chrono gets wrong or
 *   too precise: yesterday/today/tomorrow, "last/this/next week|month|year",
 *   "earlier/later this week", "N days|weeks|months|years ago", "in N weeks'
 *   time", and bare years ("in 2014", "the 2022 invasion").
 *
 * Rules (each in one place below):
 * - Direction. News reports the past: a weekday without "next"/"last"
 *   resolves to the latest such day on or before publication ("on Monday" in
 *   a Monday article is that day), unless the nearest tense cue around the
 *   words is future ("will", "is due to", "days before", "ahead of") — then
 *   to the next one on or after. This replaces chrono's nearest-day guess,
 *   which puts "on Wednesday" in a Thursday article a week ahead half the
 *   time. Month and day-month dates without a year go into the past after a
 *   past-tense cue, into the future after a future one, and to the closest
 *   occurrence when the sentence has no tense cue at all.
 * - Precision. Day only when the words name a day. A week is never a
 *   precision: a week-long span ("last week", "earlier this week",
 *   "three weeks ago") resolves to its month when the whole span lies in one
 *   month, to its year when it lies in one year, and is dropped otherwise.
 *   "N months ago" and "last month" are months; "N years ago", "next year"
 *   and bare years are years.
 * - Vague spans ("in the coming months", "a few weeks") and rhetorical pairs
 *   ("not just today or tomorrow") are not dates and are dropped.
 * - Without a publication date only absolute dates (with a year) are kept.
 */
// English only: loading every locale of chrono-node costs ~160 ms at each cold start.
import * as chronoEn from 'chrono-node/en';
import type { DateMention, DatePrecision } from '../core/model.js';
import {
  addDays,
  addMonths,
  compareYmd,
  daysBetween,
  formatDay,
  formatMonth,
  isValidYmd,
  MAX_YEAR,
  MIN_YEAR,
  mondayOf,
  parseIsoDay,
  weekday,
  type Ymd,
} from '../core/calendar.js';

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAYS = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';

/** Cheap pre-filter: chrono only runs on sentences that pass it. */
const DATE_HINT = new RegExp(
  String.raw`\b(?:${WEEKDAYS}|${MONTHS}|yesterday|today|tonight|tomorrow|ago|this (?:morning|afternoon|evening)|last night|(?:week|month|year|decade)s?|(?:1[89]|20)\d\d)\b|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}`,
  'i',
);

export function mayMentionDate(sentence: string): boolean {
  return DATE_HINT.test(sentence);
}

type Tense = 'past' | 'future' | 'neutral';

/** Future-tense cues: the event is still to come. */
const FUTURE_CUE =
  /\b(?:will|shall|won['’]t|going to|(?:is|are|am) (?:due|set|expected|scheduled|poised|about|planning|preparing|hoping) to|plans? to|intends? to|prepares? (?:for|to)|preparing (?:for|to)|(?:hours|days|weeks|months) (?:before|ahead of)|ahead of|upcoming|in the coming|tomorrow)\b|['’]ll\b/gi;
/** Past-tense cues: irregular past forms, auxiliaries, and regular "-ed" verbs. */
const PAST_CUE =
  /\b(?:was|were|had|did|said|says|told|tells|met|spoke|took|made|gave|came|went|saw|left|won|lost|began|held|sent|paid|brought|bought|fought|struck|hit|shot|fell|rose|ran|wrote|flew|drove|sought|thought|felt|kept|put|set|quit|agreed|yesterday|\w{3,}ed)\b/gi;
/** Words ending in -ed that are not past-tense verbs. */
const NOT_PAST = new Set(['united', 'armed', 'hundred', 'indeed', 'need', 'speed', 'seed', 'feed', 'red', 'bed', 'shed', 'breed', 'proceed', 'exceed', 'succeed', 'sacred', 'naked', 'wicked', 'kindred', 'embed', 'bled']);

/** Characters added to the distance of a cue after the date words (the verb usually comes first). */
const RIGHT_CUE_PENALTY = 3;

/** What may stand between a clause's start and a date leading it: "On Monday, …", "By Friday the …". */
const LEADING_DATE = /(?:^|[,;:(—–]|\b(?:that|and|but|when|while|then)\b)\s*(?:on|by|from|until|till|this|next|last|before|after|early|late)?\s*$/i;
/** How far right of a leading date its clause's verb is looked for. */
const LEADING_VERB_CHARS = 80;

/**
 * The tense of the words at [start, end) in the sentence. A date leading its
 * clause ("On Monday the minister will …", "Mr X said that on Friday he
 * would …") takes the tense of the first cue after it, its clause's verb;
 * any other date the tense of the cue nearest to it.
 */
function tenseAround(sentence: string, start: number, end: number): Tense {
  if (LEADING_DATE.test(sentence.slice(Math.max(0, start - 40), start))) {
    const after = sentence.slice(end, end + LEADING_VERB_CHARS).split(/[.;!?]/)[0] ?? '';
    const future = firstCue(after, FUTURE_CUE, false);
    const past = firstCue(after, PAST_CUE, true);
    if (future !== null || past !== null) return future !== null && (past === null || future < past) ? 'future' : 'past';
  }
  return nearestTense(sentence, start, end);
}

/** Where the first cue of `re` in `text` is, or null. */
function firstCue(text: string, re: RegExp, past: boolean): number | null {
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) if (!past || !NOT_PAST.has(m[0].toLowerCase())) return m.index;
  return null;
}

/** The tense of the cue nearest to the words at [start, end) in the sentence. */
function nearestTense(sentence: string, start: number, end: number): Tense {
  let best: { distance: number; tense: Tense } | null = null;
  const consider = (re: RegExp, tense: Tense): void => {
    re.lastIndex = 0;
    for (const m of sentence.matchAll(re)) {
      if (tense === 'past' && NOT_PAST.has(m[0].toLowerCase())) continue;
      const mStart = m.index;
      const mEnd = mStart + m[0].length;
      if (mStart < end && mEnd > start) continue; // inside the date words
      const distance = mEnd <= start ? start - mEnd : mStart - end;
      // Left-hand cues win near-ties: "first proposed in February, will fund" is past.
      const adjusted = mEnd <= start ? distance : distance + RIGHT_CUE_PENALTY;
      if (!best || adjusted < best.distance) best = { distance: adjusted, tense };
    }
  };
  consider(FUTURE_CUE, 'future');
  consider(PAST_CUE, 'past');
  return (best as { tense: Tense } | null)?.tense ?? 'neutral';
}

/** A resolved mention before it is formatted. */
interface Found {
  start: number;
  end: number;
  date: string;
  precision: DatePrecision;
  /** Relative to publication (dropped when it is unknown) or absolute. */
  relative: boolean;
}

function dayMention(v: Ymd): { date: string; precision: DatePrecision } {
  return { date: formatDay(v), precision: 'day' };
}

/**
 * The finest precision containing the whole span [from, to]: its month, else
 * its year, else nothing (a span across a new year has no honest date).
 */
function spanMention(from: Ymd, to: Ymd): { date: string; precision: DatePrecision } | null {
  if (from.y === to.y && from.m === to.m) return { date: formatMonth(from.y, from.m), precision: 'month' };
  if (from.y === to.y) return { date: String(from.y), precision: 'year' };
  return null;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, hundred: 100,
};
const COUNT = String.raw`(?:\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;

type Unit = 'day' | 'week' | 'month' | 'year' | 'decade';

/** "n units" from pub (negative = ago), at the unit's honest precision. */
function offsetMention(pub: Ymd, n: number, unit: Unit): { date: string; precision: DatePrecision } | null {
  switch (unit) {
    case 'day':
      return dayMention(addDays(pub, n));
    case 'week': {
      const monday = mondayOf(addDays(pub, 7 * n));
      return spanMention(monday, addDays(monday, 6));
    }
    case 'month': {
      const v = addMonths(pub, n);
      return { date: formatMonth(v.y, v.m), precision: 'month' };
    }
    case 'year':
      return { date: String(pub.y + n), precision: 'year' };
    case 'decade':
      return { date: String(pub.y + 10 * n), precision: 'year' };
  }
}

/** The relative-phrase table (see the module comment). */
const RELATIVE = new RegExp(
  [
    String.raw`\b(?<day>yesterday|today|tonight|tomorrow)\b`,
    String.raw`\b(?<thisPart>this (?:morning|afternoon|evening)|last night)\b`,
    String.raw`\b(?<edge>earlier|later) this (?<edgeUnit>week|month|year)\b`,
    String.raw`\b(?<which>last|this|next) (?<whichUnit>week|month|year)\b`,
    String.raw`\b(?<agoCount>${COUNT}) (?<agoUnit>day|week|month|year|decade)s? ago\b`,
    String.raw`\bin (?<inCount>${COUNT}) (?<inUnit>day|week|month|year)s?['’]? time\b`,
    String.raw`\b(?<fromCount>${COUNT}) (?<fromUnit>day|week|month|year)s? from now\b`,
  ].join('|'),
  'gi',
);

function countValue(word: string): number {
  const lower = word.toLowerCase();
  return NUMBER_WORDS[lower] ?? Number(lower);
}

function resolveRelative(g: Record<string, string | undefined>, pub: Ymd): { date: string; precision: DatePrecision } | null {
  if (g.day) {
    const offset = { yesterday: -1, today: 0, tonight: 0, tomorrow: 1 }[g.day.toLowerCase()] ?? 0;
    return dayMention(addDays(pub, offset));
  }
  if (g.thisPart) return dayMention(addDays(pub, /last night/i.test(g.thisPart) ? -1 : 0));
  if (g.edge && g.edgeUnit) {
    const unit = g.edgeUnit.toLowerCase();
    if (unit === 'week') {
      const monday = mondayOf(pub);
      return /earlier/i.test(g.edge) ? spanMention(monday, pub) : spanMention(pub, addDays(monday, 6));
    }
    return unit === 'month' ? { date: formatMonth(pub.y, pub.m), precision: 'month' } : { date: String(pub.y), precision: 'year' };
  }
  if (g.which && g.whichUnit) {
    const n = { last: -1, this: 0, next: 1 }[g.which.toLowerCase() as 'last' | 'this' | 'next'];
    return offsetMention(pub, n, g.whichUnit.toLowerCase() as Unit);
  }
  if (g.agoCount && g.agoUnit) return offsetMention(pub, -countValue(g.agoCount), g.agoUnit.toLowerCase() as Unit);
  if (g.inCount && g.inUnit) return offsetMention(pub, countValue(g.inCount), g.inUnit.toLowerCase() as Unit);
  if (g.fromCount && g.fromUnit) return offsetMention(pub, countValue(g.fromCount), g.fromUnit.toLowerCase() as Unit);
  return null;
}

const WEEKDAY_INDEX: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** Resolve a weekday against pub, by modifier ("last", "next") or tense. */
function resolveWeekday(wd: number, words: string, tense: Tense, pub: Ymd): Ymd {
  const back = (weekday(pub) - wd + 7) % 7;
  const ahead = (wd - weekday(pub) + 7) % 7;
  if (/\b(?:last|past|previous)\b/i.test(words)) return addDays(pub, -(back || 7));
  if (/\bnext\b/i.test(words)) return addDays(pub, ahead || 7);
  return tense === 'future' ? addDays(pub, ahead) : addDays(pub, -back);
}

/** The year for a month (and day) named without one. */
function chooseYear(month: number, day: number | null, tense: Tense, pub: Ymd, wantWeekday: number | null): number {
  const candidates = [pub.y - 1, pub.y, pub.y + 1].filter((y) => day === null || isValidYmd(y, month, day));
  if (wantWeekday !== null && day !== null) {
    const matching = candidates.filter((y) => weekday({ y, m: month, d: day }) === wantWeekday);
    if (matching.length > 0) return closestYear(matching, month, day, pub);
  }
  const cmp = (y: number): number => compareYmd({ y, m: month, d: day ?? 1 }, day === null ? { ...pub, d: 1 } : pub);
  if (tense === 'past') return cmp(pub.y) <= 0 ? pub.y : pub.y - 1;
  if (tense === 'future') return cmp(pub.y) >= 0 ? pub.y : pub.y + 1;
  return closestYear(candidates, month, day, pub);
}

function closestYear(years: number[], month: number, day: number | null, pub: Ymd): number {
  let best = years[0] ?? pub.y;
  let bestDistance = Infinity;
  for (const y of years) {
    const distance = Math.abs(daysBetween(pub, { y, m: month, d: day ?? 15 }));
    // Ties go to the past: reporting is about what happened.
    if (distance < bestDistance || (distance === bestDistance && y < best)) {
      best = y;
      bestDistance = distance;
    }
  }
  return best;
}

const MONTH_NAME = new RegExp(String.raw`\b(?:${MONTHS})\b`, 'i');
const WEEKDAY_NAME = new RegExp(String.raw`\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\b`, 'i');
const NUMERIC_DATE = /\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,4})?/;
/** Prepositions that make "May" (or any bare month) a month, not a verb or name. */
const AMBIGUOUS_MONTH = /^(?:may|march|mar|june|jun|august|aug)$/i;
const MONTH_CONTEXT = /\b(?:in|of|since|until|till|by|from|to|during|through|throughout|before|after|early|late|mid|last|next|this|between|and|or|each|every|since)[\s-]+$/i;

function chronoMentions(sentence: string, pub: Ymd | null): Found[] {
  const ref = pub ? new Date(pub.y, pub.m - 1, pub.d, 12) : new Date(2000, 0, 1, 12);
  const found: Found[] = [];
  const results = chronoEn.GB.parse(sentence, ref);
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    const words = r.text;
    const hasMonthName = MONTH_NAME.test(words);
    if (!WEEKDAY_NAME.test(words) && !hasMonthName && !NUMERIC_DATE.test(words)) continue; // relative table's job
    const c = r.start;
    const start = r.index;
    let end = r.index + words.length;
    const certainYear = c.isCertain('year');
    const certainMonth = c.isCertain('month');
    const certainDay = c.isCertain('day');
    const certainWeekday = c.isCertain('weekday');

    if (certainYear) {
      const y = c.get('year') ?? 0;
      const m = c.get('month') ?? 1;
      const d = c.get('day') ?? 1;
      if (y < MIN_YEAR || y > MAX_YEAR) continue;
      if (certainDay && certainMonth) {
        if (!isValidYmd(y, m, d)) continue;
        found.push({ start, end, ...dayMention({ y, m, d }), relative: false });
      } else if (certainMonth) {
        found.push({ start, end, date: formatMonth(y, m), precision: 'month', relative: false });
      } else {
        found.push({ start, end, date: String(y), precision: 'year', relative: false });
      }
      continue;
    }
    if (!pub) continue;

    if (certainMonth) {
      // A month word must look like a month: capitalised; the ambiguous ones
      // (May, March, June, August) also need a day or a preposition before them.
      const monthMatch = MONTH_NAME.exec(words);
      const monthWord = monthMatch?.[0] ?? '';
      if (!/^[A-Z]/.test(monthWord)) continue;
      if (!certainDay && AMBIGUOUS_MONTH.test(monthWord)) {
        const before = sentence.slice(0, start + (monthMatch?.index ?? 0));
        if (!MONTH_CONTEXT.test(before)) continue;
      }
      const month = c.get('month') ?? 1;
      const day = certainDay ? (c.get('day') ?? null) : null;
      // "on Thursday, the 19th of December": chrono gives the weekday separately just before.
      let wantWeekday: number | null = null;
      const prev = found[found.length - 1];
      const prevResult = results[i - 1];
      if (
        day !== null &&
        prev &&
        prevResult &&
        prev.start === prevResult.index &&
        prevResult.start.isCertain('weekday') &&
        !prevResult.start.isCertain('day') &&
        /^[\s,]*(?:the\s+)?$/i.test(sentence.slice(prevResult.index + prevResult.text.length, start))
      ) {
        wantWeekday = prevResult.start.get('weekday') ?? null;
        found.pop();
      }
      // Keep the preposition with a bare month ("in October", "mid-November"); it also sits nearer the tense cue.
      const lead = day === null ? /\b(?:in|since|by|until|during|from|early|late|mid-?)\s*$/i.exec(sentence.slice(Math.max(0, start - 12), start)) : null;
      const mentionStart = wantWeekday !== null && prevResult ? prevResult.index : lead ? start - lead[0].length : start;
      const modifier = `${sentence.slice(Math.max(0, mentionStart - 6), mentionStart)} ${words}`;
      const tense = /\blast\b/i.test(modifier) ? 'past' : /\bnext\b/i.test(modifier) ? 'future' : tenseAround(sentence, mentionStart, end);
      const y = chooseYear(month, day, tense, pub, wantWeekday);
      if (day !== null) {
        if (!isValidYmd(y, month, day)) continue;
        found.push({ start: mentionStart, end, ...dayMention({ y, m: month, d: day }), relative: true });
      } else {
        found.push({ start: mentionStart, end, date: formatMonth(y, month), precision: 'month', relative: true });
      }
      continue;
    }

    if (certainWeekday && !certainDay) {
      const wdWord = WEEKDAY_NAME.exec(words)?.[0]?.slice(0, 3).toLowerCase() ?? '';
      const wd = WEEKDAY_INDEX[wdWord] ?? c.get('weekday');
      if (wd === null || wd === undefined) continue;
      // Keep only the weekday words: chrono may swallow a number before them ("Number 10 on Monday").
      const wdAt = words.search(WEEKDAY_NAME);
      const lead = /(?:\b(?:on|last|next|this|past|previous)\s+)+$/i.exec(words.slice(0, wdAt))?.[0] ?? '';
      const wdStart = start + wdAt - lead.length;
      end = start + words.replace(/[\s,]+$/, '').length;
      const tense = tenseAround(sentence, wdStart, end);
      found.push({ start: wdStart, end, ...dayMention(resolveWeekday(wd, words.slice(wdAt - lead.length), tense, pub)), relative: true });
    }
  }
  return found;
}

function relativeMentions(sentence: string, pub: Ymd): Found[] {
  const found: Found[] = [];
  RELATIVE.lastIndex = 0;
  for (const m of sentence.matchAll(RELATIVE)) {
    const resolved = resolveRelative(m.groups ?? {}, pub);
    if (!resolved) continue;
    found.push({ start: m.index, end: m.index + m[0].length, ...resolved, relative: true });
  }
  return found;
}

/** Bare years: "in 2014", "the 2022 invasion"; not "£2025", "2,025" or "2025m". */
const BARE_YEAR =
  /(?:\b(?:in|since|by|until|from|throughout|during|before|after|for)\s+)?(?<![\d£$€.,/-])\b(?<year>1[89]\d\d|20\d\d)\b(?![\d%,.]\d|\s*(?:bn|m|mn|million|billion|km|kg|people|troops|soldiers)\b)/gi;

function yearMentions(sentence: string): Found[] {
  const found: Found[] = [];
  BARE_YEAR.lastIndex = 0;
  for (const m of sentence.matchAll(BARE_YEAR)) {
    const year = Number(m.groups?.year);
    if (year < MIN_YEAR || year > MAX_YEAR) continue;
    found.push({ start: m.index, end: m.index + m[0].length, date: String(year), precision: 'year', relative: false });
  }
  return found;
}

/** "today or tomorrow", "this year or next": rhetorical, not dates. */
function isRhetoricalPair(sentence: string, a: Found, b: Found): boolean {
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  return /^\s*(?:or|and|nor)\s*$/i.test(sentence.slice(first.end, second.start));
}

function overlaps(a: Found, b: Found): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Every date mentioned in `sentence`, resolved against `published`
 * (YYYY-MM-DD or null), in reading order, one mention per distinct date.
 */
export function resolveDateMentions(sentence: string, published: string | null): DateMention[] {
  if (!mayMentionDate(sentence)) return [];
  const pub = published ? parseIsoDay(published) : null;

  const relative = pub ? relativeMentions(sentence, pub) : [];
  const named = chronoMentions(sentence, pub).filter((f) => !relative.some((r) => overlaps(r, f)));
  const spans = [...relative, ...named];
  const years = yearMentions(sentence).filter((f) => !spans.some((s) => overlaps(s, f)));
  const all = [...spans, ...years].sort((a, b) => a.start - b.start);

  const rhetorical = new Set<Found>();
  for (let i = 0; i + 1 < all.length; i++) {
    const a = all[i]!;
    const b = all[i + 1]!;
    if (a.relative && b.relative && isRhetoricalPair(sentence, a, b)) {
      rhetorical.add(a);
      rhetorical.add(b);
    }
  }

  const seen = new Set<string>();
  const mentions: DateMention[] = [];
  for (const f of all) {
    if (rhetorical.has(f)) continue;
    if (f.relative && !pub) continue;
    const key = `${f.precision}:${f.date}`;
    if (seen.has(key)) continue;
    seen.add(key);
    mentions.push({ text: sentence.slice(f.start, f.end).replace(/^[\s,;:]+|[\s,;:]+$/g, ''), date: f.date, precision: f.precision });
  }
  return mentions;
}
