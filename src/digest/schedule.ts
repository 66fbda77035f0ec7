/**
 * When a channel's digest is due. A schedule is a time of day, a time zone and
 * optionally the days of the week; a *slot* is the local calendar day a digest
 * is for (YYYY-MM-DD in the channel's zone), and each slot has exactly one
 * due instant, whatever DST does that day. node-cron fires the tasks; these
 * functions decide which slot a firing belongs to, what is next, and what was
 * missed while the process was down.
 */
import cron from 'node-cron';
import { isTimeZone } from '../core/options.js';
import { addDays } from '../core/calendar.js';
import { parseTimeOfDay } from '../core/time-of-day.js';
import { localParts, zonedInstant } from './zoned-time.js';

export interface DigestSchedule {
  /** HH:MM in `timezone`. */
  time: string;
  timezone: string;
  /** Days of the week (0 = Sunday) the digest runs on; null = every day. */
  days: number[] | null;
}

/** A bad time, zone or cron expression; the message is one line naming it. */
export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

export function checkTime(time: string): string {
  const parsed = parseTimeOfDay(time);
  if (!parsed) throw new ScheduleError(`time:${time} is not a time of day: use HH:MM, 24-hour (e.g. 08:00).`);
  return parsed;
}

export function checkTimeZone(timezone: string): string {
  if (!isTimeZone(timezone.trim())) {
    throw new ScheduleError(`tz:${timezone} is not a time zone: use an IANA name such as Europe/London or America/New_York.`);
  }
  return timezone.trim();
}

/** Fires at one time of day, on every day or some weekdays: "minute hour * * days". */
export function isDailyCron(expression: string): boolean {
  const expr = expression.trim();
  const fields = expr.split(/\s+/);
  const dailyShape = fields.length === 5 && /^\d{1,2}$/.test(fields[0]!) && /^\d{1,2}$/.test(fields[1]!) && fields[2] === '*' && fields[3] === '*';
  return dailyShape && cron.validate(expr);
}

/**
 * A daily cron expression ("30 7 * * 1-5") as a time and days. The digest is
 * once a day per channel, so minute and hour must be single values and the
 * day-of-month and month fields `*`; `label` names the source in the error.
 */
export function scheduleFromCron(expression: string, timezone: string, label = 'cron'): DigestSchedule {
  const expr = expression.trim();
  if (!isDailyCron(expr)) {
    throw new ScheduleError(
      `${label} "${expression}" is not a daily cron expression: use "minute hour * * days", e.g. "0 8 * * *" or "30 7 * * 1-5".`,
    );
  }
  const parsed = cron.parse(expr);
  const days = [...new Set(parsed.dayOfWeek.map((d) => Number(d) % 7))].sort();
  return {
    time: `${String(parsed.hour[0]).padStart(2, '0')}:${String(parsed.minute[0]).padStart(2, '0')}`,
    timezone: checkTimeZone(timezone),
    days: days.length === 7 ? null : days,
  };
}

/** The node-cron expression that fires this schedule (in its `timezone`). */
export function cronExpression(s: Pick<DigestSchedule, 'time' | 'days'>): string {
  const [h, m] = s.time.split(':').map(Number);
  return `${m} ${h} * * ${s.days ? s.days.join(',') : '*'}`;
}

/** "every day", "Mon–Fri", "Mon, Wed". */
export function describeDays(days: number[] | null): string {
  if (!days || days.length === 7) return 'every day';
  const names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  if (days.join(',') === '1,2,3,4,5') return 'Mon–Fri';
  return days.map((d) => names[d]).join(', ');
}

export function runsOn(s: DigestSchedule, slot: string): boolean {
  return !s.days || s.days.includes(new Date(`${slot}T00:00:00Z`).getUTCDay());
}

/** The instant slot `slot` is due: its time on that local day (one per day, DST-safe). */
export function slotInstant(s: DigestSchedule, slot: string): Date {
  return zonedInstant(slot, s.time, s.timezone);
}

/** The local day `instant` falls on in the schedule's zone. */
export function localDay(s: Pick<DigestSchedule, 'timezone'>, instant: Date): string {
  return localParts(instant, s.timezone).date;
}

/** The next slot due strictly after `after`. */
export function nextSlot(s: DigestSchedule, after: Date): { slot: string; at: Date } {
  const today = localDay(s, after);
  for (let i = -1; i <= 8; i++) {
    const slot = addDays(today, i);
    if (!runsOn(s, slot)) continue;
    const at = slotInstant(s, slot);
    if (at.getTime() > after.getTime()) return { slot, at };
  }
  throw new ScheduleError(`No digest day in the schedule ${describeDays(s.days)}.`);
}

/** The most recent slot due at or before `now`, if one is in the last week. */
export function latestSlot(s: DigestSchedule, now: Date): { slot: string; at: Date } | null {
  const today = localDay(s, now);
  for (let i = 1; i >= -8; i--) {
    const slot = addDays(today, i);
    if (!runsOn(s, slot)) continue;
    const at = slotInstant(s, slot);
    if (at.getTime() <= now.getTime()) return { slot, at };
  }
  return null;
}

/** Every slot due in [from, to): what a clock running over that span would post. */
export function slotsBetween(s: DigestSchedule, from: Date, to: Date): Array<{ slot: string; at: Date }> {
  const out: Array<{ slot: string; at: Date }> = [];
  let cursor = new Date(from.getTime() - 1);
  for (;;) {
    const next = nextSlot(s, cursor);
    if (next.at.getTime() >= to.getTime()) return out;
    out.push(next);
    cursor = next.at;
  }
}
