/** Date arithmetic and the ways articles write dates (UTC days only: no time zones in a corpus). */

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 86_400_000;

export function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * DAY_MS);
}

export function daysBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / DAY_MS);
}

export function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function parseIso(s: string): Date {
  const d = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: ${s}`);
  return d;
}

/** "19 December 2024" */
export function longDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "19th" */
export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/**
 * How a past-tense article published on `pub` might refer to `event`:
 * relative to the publication date where a reporter would, absolute otherwise.
 */
export function pastPhrases(pub: Date, event: Date): string[] {
  const diff = daysBetween(event, pub);
  const out: string[] = [];
  const sameMonth = event.getUTCMonth() === pub.getUTCMonth() && event.getUTCFullYear() === pub.getUTCFullYear();
  if (diff === 0) out.push('today', `on ${WEEKDAYS[event.getUTCDay()]}`, 'this morning');
  if (diff === 1) out.push('yesterday', `on ${WEEKDAYS[event.getUTCDay()]}`);
  if (diff >= 2 && diff <= 6) out.push(`on ${WEEKDAYS[event.getUTCDay()]}`, 'earlier this week');
  if (diff >= 7 && diff <= 13) out.push('last week');
  if (diff > 1 && sameMonth) out.push('earlier this month', `on ${ordinal(event.getUTCDate())} ${MONTHS[event.getUTCMonth()]}`);
  if (!sameMonth && diff < 330) out.push(`in ${MONTHS[event.getUTCMonth()]}`, `on ${event.getUTCDate()} ${MONTHS[event.getUTCMonth()]}`);
  if (diff >= 330) out.push(`in ${MONTHS[event.getUTCMonth()]} ${event.getUTCFullYear()}`, `in ${event.getUTCFullYear()}`);
  return out;
}

/** Forward-looking references from `pub`: "next week", "in the coming months", "next year". */
export function futurePhrases(pub: Date): string[] {
  const nextMonth = MONTHS[(pub.getUTCMonth() + 1) % 12]!;
  return ['next week', 'in the coming months', 'next year', `in ${nextMonth}`, 'by the end of the year', 'this spring'];
}
