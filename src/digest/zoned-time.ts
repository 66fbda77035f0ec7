/**
 * Wall-clock time in an IANA time zone, from the platform's Intl data (no
 * hand-kept offset tables). Used to turn "08:00 Europe/London on 2025-03-30"
 * into an instant and back, correctly on both sides of a DST change.
 */

export interface LocalParts {
  /** YYYY-MM-DD as the wall calendar in the zone shows it. */
  date: string;
  /** HH:MM, 24-hour. */
  time: string;
  /** 0 = Sunday … 6 = Saturday (cron's numbering). */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { y: parts.year!, mo: parts.month!, d: parts.day!, h: parts.hour! % 24, mi: parts.minute!, s: parts.second! };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function localParts(instant: Date, timeZone: string): LocalParts {
  const w = wallClock(instant, timeZone);
  const date = `${w.y}-${pad(w.mo)}-${pad(w.d)}`;
  return { date, time: `${pad(w.h)}:${pad(w.mi)}`, weekday: new Date(`${date}T00:00:00Z`).getUTCDay() };
}

/** Minutes the zone is ahead of UTC at `instant` (London in summer: 60). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant the zone's wall clock shows `date` `time`. A time that occurs
 * twice (clocks going back) is its first occurrence; a time that does not
 * occur (clocks going forward) is moved forward by the gap, so 01:30 on the
 * spring-forward day in London is 02:30 BST — every day still has exactly one.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  const day = 24 * 60 * 60_000;
  const before = offsetMinutes(new Date(wallAsUtc - day), timeZone);
  const after = offsetMinutes(new Date(wallAsUtc + day), timeZone);
  const matches = [...new Set([before, after])]
    .map((offset) => new Date(wallAsUtc - offset * 60_000))
    .filter((instant) => {
      const p = localParts(instant, timeZone);
      return p.date === date && p.time === time;
    })
    .sort((a, b) => a.getTime() - b.getTime());
  // No match: the wall time falls in a gap; the old offset lands just after it.
  return matches[0] ?? new Date(wallAsUtc - before * 60_000);
}

/** "Friday 20 December 2024" for a YYYY-MM-DD calendar date. */
export function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
    .format(new Date(`${date}T00:00:00Z`))
    .replace(',', '');
}
