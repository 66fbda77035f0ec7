/**
 * Calendar arithmetic on civil dates: plain (year, month, day) values, or the
 * same day written YYYY-MM-DD. The one place for month lengths, leap years
 * and day stepping (ingest's date resolver, partial dates, digest slots).
 * Everything here is time-zone free: dates are civil dates, computed through
 * UTC so the host's zone can never shift a day.
 */

export interface Ymd {
  y: number;
  /** 1..12 */
  m: number;
  /** 1..31 */
  d: number;
}

/** Years outside this range are not publication or event dates for news. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** A real day of a news date's year range (MIN_YEAR..MAX_YEAR). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && isCalendarDay(y, m, d);
}

/** A real day of the calendar, whatever the year (2025-02-29 is not; 2024-02-29 is). */
export function isCalendarDay(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/** 28..31: day 0 of the next month is this month's last day. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Parse "YYYY-MM-DD" (strictly valid) or return null. */
export function parseIsoDay(s: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isValidYmd(ymd.y, ymd.m, ymd.d) ? ymd : null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatDay(v: Ymd): string {
  return `${pad(v.y, 4)}-${pad(v.m)}-${pad(v.d)}`;
}

export function formatMonth(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(v: Ymd): number {
  return new Date(Date.UTC(v.y, v.m - 1, v.d)).getUTCDay();
}

/** `v` plus `days` calendar days, as a Ymd or as YYYY-MM-DD (whichever it was given). */
export function addDays(v: Ymd, days: number): Ymd;
export function addDays(v: string, days: number): string;
export function addDays(v: Ymd | string, days: number): Ymd | string {
  const from = typeof v === 'string' ? ymdOf(v) : v;
  const t = new Date(Date.UTC(from.y, from.m - 1, from.d + days));
  const out = { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  return typeof v === 'string' ? formatDay(out) : out;
}

/** The numbers of a YYYY-MM-DD day, unchecked (callers hold a day they made or validated). */
function ymdOf(day: string): Ymd {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

/** Same day-of-month n months away, clamped to the month's length. */
export function addMonths(v: Ymd, months: number): Ymd {
  const index = v.y * 12 + (v.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(v.d, daysInMonth(y, m)) };
}

/** Monday of the ISO week containing v. */
export function mondayOf(v: Ymd): Ymd {
  return addDays(v, -((weekday(v) + 6) % 7));
}

export function compareYmd(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: Ymd, b: Ymd): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}
