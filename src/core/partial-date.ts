/**
 * Partial ISO dates ("2024-12-19", "2024-12", "2024"): the one module for
 * what such a date is and which days it covers. Command input, the engine's
 * range filters, the digest's background rule, the analysis (order,
 * containment, day distance) and both stores' SQL (`periodSql`) use these,
 * so "2025-02" ends on the 28th everywhere. No time zones: these are
 * calendar days as the article states them.
 */
import type { DatePrecision, IsoPartialDate } from './model.js';
import { daysInMonth, isCalendarDay } from './calendar.js';

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A partial date's precision by its shape (YYYY, YYYY-MM, YYYY-MM-DD); null for any other text. */
export function precisionOf(date: IsoPartialDate): DatePrecision | null {
  const m = PARTIAL.exec(date);
  if (!m) return null;
  return m[3] ? 'day' : m[2] ? 'month' : 'year';
}

/** Years before this are not dates anyone asks a news bot about (and "0999" is a typo). */
const MIN_PARTIAL_YEAR = 1000;

/** YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date (2024-02-29 yes, 2025-02-29 and 2024-13 no). */
export function isPartialDate(value: string): boolean {
  const m = PARTIAL.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  if (y < MIN_PARTIAL_YEAR) return false;
  if (m[2] === undefined) return true;
  return isCalendarDay(y, Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
}

/** A real YYYY-MM-DD day (a digest slot, a replay bound). */
export function isIsoDay(value: string): boolean {
  return precisionOf(value) === 'day' && isPartialDate(value);
}

/** Days since 1970-01-01 for a day-precision date; null otherwise. */
export function dayNumber(date: IsoPartialDate): number | null {
  const m = PARTIAL.exec(date);
  if (!m || !m[3]) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : Math.round(t / 86_400_000);
}

/** Whole days between two day-precision dates, either order; null when either is coarser. */
export function daysApart(a: IsoPartialDate, b: IsoPartialDate): number | null {
  const da = dayNumber(a);
  const db = dayNumber(b);
  return da === null || db === null ? null : Math.abs(da - db);
}

export function fromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** A date and, for a day, the day either side: where its events may take reports from. */
export function withNeighbours(date: IsoPartialDate): string[] {
  const day = dayNumber(date);
  return day === null ? [date] : [date, fromDayNumber(day - 1), fromDayNumber(day + 1)];
}

/**
 * First and last day ("YYYY-MM-DD") a partial date covers, as comparable
 * strings: 2024-12 → [2024-12-01, 2024-12-31], 2025-02 → […, 2025-02-28],
 * 2024 → [2024-01-01, 2024-12-31].
 */
export function periodOf(date: IsoPartialDate): [string, string] {
  const p = precisionOf(date);
  if (p === 'day') return [date, date];
  if (p === 'month') {
    const last = daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
    return [`${date}-01`, `${date}-${String(last).padStart(2, '0')}`];
  }
  return [`${date}-01-01`, `${date}-12-31`];
}

/**
 * `periodOf` as SQL over a column holding partial dates, for a store that
 * filters by period in the database. Plain SQL (CASE, length, substr, CAST,
 * %) that SQLite and PostgreSQL both run; the month lengths are this
 * module's, February by the leap-year rule of the calendar (every 4th year,
 * not centuries, except every 400th), proved against `periodOf` by a test.
 */
export function periodSql(column: string): { start: string; end: string } {
  const year = `CAST(substr(${column}, 1, 4) AS INTEGER)`;
  const leap = `(${year} % 4 = 0 AND (${year} % 100 <> 0 OR ${year} % 400 = 0))`;
  const lastDay = Array.from({ length: 12 }, (_, i) => i + 1)
    .map((m) => {
      const mm = String(m).padStart(2, '0');
      const day = m === 2 ? `CASE WHEN ${leap} THEN '29' ELSE '28' END` : `'${daysInMonth(2001, m)}'`;
      return `WHEN '${mm}' THEN ${day}`;
    })
    .join(' ');
  return {
    start: `(CASE length(${column}) WHEN 4 THEN ${column} || '-01-01' WHEN 7 THEN ${column} || '-01' ELSE ${column} END)`,
    end: `(CASE length(${column}) WHEN 4 THEN ${column} || '-12-31' WHEN 7 THEN ${column} || '-' || (CASE substr(${column}, 6, 2) ${lastDay} END) ELSE ${column} END)`,
  };
}

/** `inner` lies wholly inside `outer` ("2024-12-19" inside "2024-12"). */
export function contains(outer: IsoPartialDate, inner: IsoPartialDate): boolean {
  const [os, oe] = periodOf(outer);
  const [is, ie] = periodOf(inner);
  return os <= is && ie <= oe;
}

/** The whole of `date` is later than `day`. */
export function isAfter(date: IsoPartialDate, day: IsoPartialDate): boolean {
  return periodOf(date)[0] > periodOf(day)[1];
}

/**
 * Two dates can describe the same happening: equal, one day apart (outlets
 * resolving "yesterday" from different publication times), or one a coarser
 * date containing the other.
 */
export function datesCompatible(a: IsoPartialDate, b: IsoPartialDate): boolean {
  if (a === b) return true;
  const apart = daysApart(a, b);
  if (apart !== null) return apart <= 1;
  return contains(a, b) || contains(b, a);
}

const RANK: Record<DatePrecision, number> = { day: 3, month: 2, year: 1 };

export function precisionRank(p: DatePrecision): number {
  return RANK[p];
}
