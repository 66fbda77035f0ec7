/**
 * Arithmetic on partial ISO dates ("2024-12-19", "2024-12", "2024") as the
 * analysis needs it: order, containment, day distance. No time zones: these
 * are calendar days as the article states them.
 */
import type { DatePrecision, IsoPartialDate } from '../core/model.js';

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function precisionOf(date: IsoPartialDate): DatePrecision | null {
  const m = PARTIAL.exec(date);
  if (!m) return null;
  return m[3] ? 'day' : m[2] ? 'month' : 'year';
}

export function isPartialDate(date: string): boolean {
  return precisionOf(date) !== null;
}

/** Days since 1970-01-01 for a day-precision date; null otherwise. */
export function dayNumber(date: IsoPartialDate): number | null {
  const m = PARTIAL.exec(date);
  if (!m || !m[3]) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : Math.round(t / 86_400_000);
}

export function fromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** First and last day ("YYYY-MM-DD") a partial date covers, as comparable strings. */
export function dateSpan(date: IsoPartialDate): [string, string] {
  const p = precisionOf(date);
  if (p === 'day') return [date, date];
  if (p === 'month') return [`${date}-01`, `${date}-31`];
  return [`${date}-01-01`, `${date}-12-31`];
}

/** `inner` lies wholly inside `outer` ("2024-12-19" inside "2024-12"). */
export function contains(outer: IsoPartialDate, inner: IsoPartialDate): boolean {
  const [os, oe] = dateSpan(outer);
  const [is, ie] = dateSpan(inner);
  return os <= is && ie <= oe;
}

/** The whole of `date` is later than `day`. */
export function isAfter(date: IsoPartialDate, day: IsoPartialDate): boolean {
  return dateSpan(date)[0] > dateSpan(day)[1];
}

/**
 * Two dates can describe the same happening: equal, one day apart (outlets
 * resolving "yesterday" from different publication times), or one a coarser
 * date containing the other.
 */
export function datesCompatible(a: IsoPartialDate, b: IsoPartialDate): boolean {
  if (a === b) return true;
  const da = dayNumber(a);
  const db = dayNumber(b);
  if (da !== null && db !== null) return Math.abs(da - db) <= 1;
  return contains(a, b) || contains(b, a);
}

const RANK: Record<DatePrecision, number> = { day: 3, month: 2, year: 1 };

export function precisionRank(p: DatePrecision): number {
  return RANK[p];
}
