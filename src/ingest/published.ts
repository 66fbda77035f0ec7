/**
 * Publication date: how it is found and how it was known.
 *
 * Stated (publishedFrom 'stated'):
 * - metadata: front matter `date`/`published`, a JSON field, HTML
 *   `article:published_time` and friends (see formats/);
 * - a header line opening a text file: `date 2024-12-23`, `Date: …`,
 *   `Published: …` (also `title:`, `source:`/`outlet:`, `url:` lines);
 * - a dateline: a first line that is only a date and time,
 *   "19 December 2024, 06:11", "Thursday 19 December 2024 06:11 GMT".
 * Inferred ('inferred'):
 * - a weekday with a day and month in the text, "on Thursday, the 19th of
 *   December": the year is the one, near the years the text mentions (one
 *   before to three after), in which that day falls on that weekday,
 *   preferring years up to the latest mentioned ("as we approach 2025" → 2024);
 * - else the ingest run's hint (a dated document sharing its quotes).
 * Never a file time.
 */
// English only: loading every locale of chrono-node costs ~160 ms at each cold start.
import * as chronoEn from 'chrono-node/en';
import { isValidYmd, MAX_YEAR, MIN_YEAR, weekday, formatDay } from '../core/calendar.js';

export type StatedDate = { ok: true; date: string } | { ok: false; raw: string };

/**
 * A metadata date value → YYYY-MM-DD, or why not. ISO date-times keep the
 * date as written (the publisher's local day), so no zone shifts it.
 */
export function normaliseStatedDate(value: unknown): StatedDate | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    const ms = value < 1e11 ? value * 1000 : value; // epoch seconds or milliseconds
    const t = new Date(ms);
    if (Number.isNaN(t.getTime())) return { ok: false, raw: String(value) };
    const d = { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
    return isValidYmd(d.y, d.m, d.d) ? { ok: true, date: formatDay(d) } : { ok: false, raw: String(value) };
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, raw: String(value) };
    return { ok: true, date: value.toISOString().slice(0, 10) };
  }
  const raw = String(value).trim();
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(raw);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return isValidYmd(y, m, d) ? { ok: true, date: formatDay({ y, m, d }) } : { ok: false, raw };
  }
  const parsed = chronoEn.GB.parse(raw, new Date(2000, 0, 1, 12))[0];
  if (parsed && parsed.start.isCertain('year') && parsed.start.isCertain('month') && parsed.start.isCertain('day')) {
    const y = parsed.start.get('year') ?? 0;
    const m = parsed.start.get('month') ?? 0;
    const d = parsed.start.get('day') ?? 0;
    if (isValidYmd(y, m, d)) return { ok: true, date: formatDay({ y, m, d }) };
  }
  return { ok: false, raw };
}

export interface TextHeader {
  /** The text without the header lines / dateline. */
  body: string;
  published: StatedDate | null;
  title: string | null;
  outlet: string | null;
  url: string | null;
}

/** `date 2024-12-23 …` — the rest of the line is article (or banner) text. */
const DATE_PREFIX = /^\s*(?:date|published|posted|updated)\s*:?\s+(\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)\s*/i;
/** `Title: …`, `Source: …` header lines at the very top. */
const HEADER_LINE = /^\s*(title|headline|source|outlet|publisher|url|link|date|published|author|byline)\s*:\s*(.+?)\s*$/i;
/** Words a dateline may carry besides the date itself. */
const DATELINE_FILLER = /\b(?:published|updated|last updated|posted|first published|on|at|gmt|bst|utc|cet|cest|est|edt|pst|pdt|am|pm)\b/gi;

/** Read the header lines / dateline a plain-text article may open with. */
export function readTextHeader(text: string): TextHeader {
  const result: TextHeader = { body: text, published: null, title: null, outlet: null, url: null };
  let rest = text.replace(/^\s+/, '');

  const prefix = DATE_PREFIX.exec(rest);
  if (prefix) {
    result.published = normaliseStatedDate(prefix[1]);
    rest = rest.slice(prefix[0].length);
  } else {
    // Key: value header block (stops at the first line that is not one).
    for (;;) {
      const nl = rest.indexOf('\n');
      const line = nl < 0 ? rest : rest.slice(0, nl);
      const m = HEADER_LINE.exec(line);
      if (!m || nl < 0) break;
      const key = m[1]!.toLowerCase();
      const value = m[2]!;
      if (key === 'title' || key === 'headline') result.title = value;
      else if (key === 'source' || key === 'outlet' || key === 'publisher') result.outlet = value;
      else if (key === 'url' || key === 'link') result.url = value;
      else if (key === 'date' || key === 'published') result.published = normaliseStatedDate(value);
      rest = rest.slice(nl + 1).replace(/^\s+/, '');
    }
  }

  if (!result.published) {
    // A dateline may follow a short masthead or headline line, and may carry
    // the outlet: "Eastern Wire\nPublished 31 January 2025", "Northern Ledger | 11 March 2025".
    const lines = rest.split('\n', MASTHEAD_LINES + 3);
    for (let i = 0, shortLines = 0; shortLines <= MASTHEAD_LINES && i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (!line) continue;
      shortLines++;
      // A date line needs the article after it; an opening dateline carries it on the same line.
      const found = i < lines.length - 1 && line.length <= 80 ? (datelineDates(line) ?? datelineWithOutlet(line)) : null;
      if (!found && openingDateline(line)) {
        // The first paragraph opens with a dateline: what stood above it is the headline.
        const before = lines.slice(0, i).map((l) => l.trim()).filter(Boolean);
        if (before.length) result.title ??= before.join(' ');
        rest = lines.slice(i).join('\n') + rest.slice(lines.join('\n').length);
        break;
      }
      if (!found) {
        if (line.length > 80 || /[.!?]["”’]?$/.test(line)) break; // a sentence: the article has begun
        continue;
      }
      const { date, outlet } = typeof found === 'string' ? { date: found, outlet: null } : found;
      result.published = { ok: true, date };
      const before = lines.slice(0, i).map((l) => l.trim()).filter(Boolean);
      const masthead = before.length === 1 && MASTHEAD.test(before[0]!) ? before[0]! : null;
      result.outlet ??= outlet ?? masthead;
      if (!masthead && before.length) result.title ??= before.join(' ');
      rest = lines.slice(i + 1).join('\n') + rest.slice(lines.join('\n').length);
      break;
    }
  }

  const opening = openingDateline(rest.replace(/^\s+/, ''));
  if (opening) {
    if (opening.date) result.published ??= { ok: true, date: opening.date };
    result.outlet ??= opening.outlet;
    rest = rest.replace(/^\s+/, '').slice(opening.length);
  }
  result.body = rest;
  return result;
}

/** Short lines that may stand above a dateline (masthead, headline). */
const MASTHEAD_LINES = 2;
/** An outlet's name: one to four capitalised words ("Eastern Wire", "The Northern Ledger"). */
const MASTHEAD = /^(?:The\s+)?\p{Lu}[\p{L}&'’.-]*(?:\s+\p{Lu}[\p{L}&'’.-]*){0,3}$/u;

/** "Northern Ledger | 11 March 2025": a dateline with the outlet before a separator. */
function datelineWithOutlet(line: string): { date: string; outlet: string | null } | null {
  const m = /^(.{2,60}?)\s+[|·—–-]\s+(.+)$/u.exec(line);
  if (!m) return null;
  const date = datelineDate(m[2]!);
  if (!date) return null;
  const name = m[1]!.trim();
  return { date, outlet: MASTHEAD.test(name) && !/^By\s/i.test(name) ? name : null };
}

/**
 * A dateline opening the first paragraph, before a dash, bar or colon:
 * "LONDON, 3 March 2025 — …", "KYIV, Ukraine (Harbour Wire) — …",
 * "3 March 2025 | …", "LONDON, March 3 (Agency) - …". The place is in
 * capitals (the wire convention), the agency in brackets; either or a date
 * must be there. A date without a year is no publication date but still
 * part of the dateline, which is never the article's first sentence.
 */
export function openingDateline(text: string): { date: string | null; outlet: string | null; length: number } | null {
  const m = /^([^\n]{2,90}?)\s*(?:\s[—–-]{1,2}|[—–|:])\s+(?=\S)/u.exec(text);
  if (!m) return null;
  let head = m[1]!.trim();
  let outlet: string | null = null;
  const agency = /\s*\(([^()]{2,40})\)$/u.exec(head);
  if (agency) {
    outlet = MASTHEAD.test(agency[1]!.trim()) || /^\p{Lu}{2,}$/u.test(agency[1]!.trim()) ? agency[1]!.trim() : null;
    head = head.slice(0, agency.index).trim();
  }
  const place = /^\p{Lu}[\p{Lu}'’.-]+(?:\s+\p{Lu}[\p{Lu}'’.-]+){0,3}(?:,\s*\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2}(?=,|$))?/u.exec(head);
  const placeText = place && /\p{Lu}{3,}|\p{Lu}{2}\b/u.test(place[0].split(',')[0]!) ? place[0] : '';
  const when = head.slice(placeText.length).replace(/^\s*,\s*/, '').trim();
  let date: string | null = null;
  if (when) {
    date = datelineDates(when);
    if (!date && !isDayAndMonth(when)) return null;
  }
  if (!placeText && !when) return null;
  if (!placeText && !agency && !date) return null;
  return { date, outlet, length: m[0].length };
}

/** "March 3", "3 March", "Monday 3 March": a day of a month, year unsaid. */
function isDayAndMonth(text: string): boolean {
  const r = chronoEn.GB.parse(text, new Date(2000, 0, 1, 12))[0];
  return Boolean(r && r.index === 0 && r.text.length >= text.replace(/[.,]$/, '').length - 1 && r.start.isCertain('day') && r.start.isCertain('month'));
}

/**
 * A line of one or more labelled dates, "Published 3 March 2025, updated 4
 * March 2025 10:02": the earliest is the publication (an update comes after).
 */
function datelineDates(line: string): string | null {
  const parts = line.split(/\s*[,;|·]\s*(?=(?:last\s+)?(?:updated|published|first published|posted|modified)\b)/i);
  const dates = parts.map(datelineDate);
  if (dates.some((d) => d === null)) return null;
  return (dates as string[]).sort()[0]!;
}

/** The date of a line that is only a date (and time), else null. */
function datelineDate(line: string): string | null {
  const r = chronoEn.GB.parse(line, new Date(2000, 0, 1, 12));
  const first = r[0];
  if (!first || !first.start.isCertain('year') || !first.start.isCertain('month') || !first.start.isCertain('day')) return null;
  const leftover = (line.slice(0, first.index) + line.slice(first.index + first.text.length))
    .replace(DATELINE_FILLER, '')
    .replace(/\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/gi, '')
    .replace(/\d{1,2}[:.]\d{2}/g, '');
  if (/[\p{L}\p{N}]/u.test(leftover)) return null;
  const y = first.start.get('year') ?? 0;
  const m = first.start.get('month') ?? 0;
  const d = first.start.get('day') ?? 0;
  return isValidYmd(y, m, d) ? formatDay({ y, m, d }) : null;
}

const MONTH_NUMBERS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAY_NUMBERS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const MONTH_WORD = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAY_WORD = '(mon|tues|wednes|thurs|fri|satur|sun)day';
/** "Thursday, the 19th of December (2024)" and "Thursday, December 19(, 2024)". */
const WEEKDAY_DAY_MONTH = new RegExp(
  String.raw`\b${WEEKDAY_WORD},?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH_WORD}\b(?:,?\s+(\d{4}))?` +
    '|' +
    String.raw`\b${WEEKDAY_WORD},?\s+${MONTH_WORD}\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?`,
  'i',
);
const YEAR_IN_TEXT = /(?<![\d£$€.,])\b((?:19|20)\d\d)\b(?![\d%])/g;

/** Publication date inferred from a weekday + day + month in the text, or null. */
export function inferPublishedFromText(text: string): string | null {
  const m = WEEKDAY_DAY_MONTH.exec(text);
  if (!m) return null;
  const [wdWord, day, monthWord, year] = m[1] ? [m[1], m[2], m[3], m[4]] : [m[5], m[7], m[6], m[8]];
  const wd = WEEKDAY_NUMBERS[(wdWord ?? '').slice(0, 3).toLowerCase()];
  const month = MONTH_NUMBERS[(monthWord ?? '').slice(0, 3).toLowerCase()];
  const d = Number(day);
  if (wd === undefined || month === undefined) return null;
  if (year) {
    const y = Number(year);
    return isValidYmd(y, month, d) ? formatDay({ y, m: month, d }) : null;
  }
  // No year: one near the years the text mentions, on which the weekday matches.
  const mentioned = [...text.matchAll(YEAR_IN_TEXT)].map((x) => Number(x[1])).filter((y) => y >= MIN_YEAR && y <= MAX_YEAR);
  if (mentioned.length === 0) return null;
  const latest = Math.max(...mentioned);
  const candidates = new Set<number>();
  // Texts mention past years more than future ones ("the 2022 invasion"), so look further ahead than back.
  for (const y of mentioned) for (let c = y - 1; c <= y + 3; c++) candidates.add(c);
  const matching = [...candidates]
    .filter((y) => isValidYmd(y, month, d) && weekday({ y, m: month, d }) === wd)
    // Prefer years not after the latest mentioned one (texts look ahead: "as we approach 2025"), then the latest.
    .sort((a, b) => Number(a > latest) - Number(b > latest) || b - a);
  const y = matching[0];
  return y === undefined ? null : formatDay({ y, m: month, d });
}
