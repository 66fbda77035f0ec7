import { describe, expect, it } from 'vitest';
import {
  cronExpression,
  latestSlot,
  nextSlot,
  scheduleFromCron,
  ScheduleError,
  slotInstant,
  slotsBetween,
  type DigestSchedule,
} from '../../src/digest/schedule.js';
import { localParts } from '../../src/digest/zoned-time.js';

const london = (time: string): DigestSchedule => ({ time, timezone: 'Europe/London', days: null });

/** Slots a clock running from `from` to `to` would fire, grouped by local day. */
function slotsPerDay(s: DigestSchedule, from: string, to: string): Map<string, string[]> {
  const perDay = new Map<string, string[]>();
  for (const { slot, at } of slotsBetween(s, new Date(from), new Date(to))) {
    perDay.set(slot, [...(perDay.get(slot) ?? []), at.toISOString()]);
  }
  return perDay;
}

describe('digest slots across DST (Europe/London)', () => {
  for (const time of ['08:00', '01:30', '00:30', '02:00', '23:59']) {
    it(`${time}: exactly one digest on 2025-03-30 (clocks forward) and 2025-10-26 (clocks back)`, () => {
      for (const [from, to, day] of [
        ['2025-03-28T00:00:00Z', '2025-04-02T00:00:00Z', '2025-03-30'],
        ['2025-10-24T00:00:00Z', '2025-10-29T00:00:00Z', '2025-10-26'],
      ] as const) {
        const perDay = slotsPerDay(london(time), from, to);
        expect(perDay.get(day)).toHaveLength(1);
        for (const [, instants] of perDay) expect(instants).toHaveLength(1);
        // Every day in the span, with no gap around the change.
        expect([...perDay.keys()].length).toBeGreaterThanOrEqual(4);
      }
    });
  }

  it('08:00 is 08:00 GMT before and 07:00 UTC (08:00 BST) after the spring change', () => {
    expect(slotInstant(london('08:00'), '2025-03-29').toISOString()).toBe('2025-03-29T08:00:00.000Z');
    expect(slotInstant(london('08:00'), '2025-03-30').toISOString()).toBe('2025-03-30T07:00:00.000Z');
    expect(slotInstant(london('08:00'), '2025-10-25').toISOString()).toBe('2025-10-25T07:00:00.000Z');
    expect(slotInstant(london('08:00'), '2025-10-26').toISOString()).toBe('2025-10-26T08:00:00.000Z');
  });

  it('a time the spring change skips runs just after the gap; a repeated time runs at its first occurrence', () => {
    const skipped = slotInstant(london('01:30'), '2025-03-30');
    expect(skipped.toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(localParts(skipped, 'Europe/London')).toMatchObject({ date: '2025-03-30', time: '02:30' });
    expect(slotInstant(london('01:30'), '2025-10-26').toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });

  it('next run is computed in the channel zone, from an injected clock', () => {
    const s = london('08:00');
    // 07:30 UTC on the spring-forward day is 08:30 BST: today's digest has gone, next is tomorrow 07:00 UTC.
    expect(nextSlot(s, new Date('2025-03-30T07:30:00Z'))).toEqual({ slot: '2025-03-31', at: new Date('2025-03-31T07:00:00Z') });
    expect(nextSlot(s, new Date('2025-10-26T07:30:00Z'))).toEqual({ slot: '2025-10-26', at: new Date('2025-10-26T08:00:00Z') });
    const tokyo: DigestSchedule = { time: '08:00', timezone: 'Asia/Tokyo', days: null };
    expect(nextSlot(tokyo, new Date('2025-01-01T00:00:00Z'))).toEqual({ slot: '2025-01-02', at: new Date('2025-01-01T23:00:00Z') });
  });

  it('the latest due slot is the one a restart must check (catch-up)', () => {
    const s = london('08:00');
    expect(latestSlot(s, new Date('2025-03-30T06:59:00Z'))?.slot).toBe('2025-03-29');
    expect(latestSlot(s, new Date('2025-03-30T07:00:00Z'))?.slot).toBe('2025-03-30');
  });

  it('New York: one slot per day over its DST changes too', () => {
    const ny: DigestSchedule = { time: '02:30', timezone: 'America/New_York', days: null };
    const perDay = slotsPerDay(ny, '2025-03-07T00:00:00Z', '2025-03-12T00:00:00Z');
    expect(perDay.get('2025-03-09')).toHaveLength(1);
    for (const [, instants] of perDay) expect(instants).toHaveLength(1);
  });
});

describe('daily cron expressions', () => {
  it('reads minute, hour and weekdays, and writes them back for node-cron', () => {
    const s = scheduleFromCron('30 7 * * 1-5', 'Europe/Paris');
    expect(s).toEqual({ time: '07:30', timezone: 'Europe/Paris', days: [1, 2, 3, 4, 5] });
    expect(cronExpression(s)).toBe('30 7 * * 1,2,3,4,5');
    expect(cronExpression(scheduleFromCron('0 8 * * *', 'UTC'))).toBe('0 8 * * *');
    // Weekdays only: Saturday 2025-01-04 is skipped.
    expect(nextSlot(s, new Date('2025-01-03T12:00:00Z')).slot).toBe('2025-01-06');
  });

  it.each([
    ['61 8 * * *'],
    ['*/5 * * * *'],
    ['0 8 1 * *'],
    ['not a cron'],
  ])('"%s" is refused in one line naming it', (expr) => {
    let error: unknown;
    try {
      scheduleFromCron(expr, 'Europe/London', 'BRIEFING_DIGEST_CRON');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScheduleError);
    const message = (error as Error).message;
    expect(message).toContain(`BRIEFING_DIGEST_CRON "${expr}"`);
    expect(message).not.toContain('\n');
  });

  it('an unknown zone is refused in one line naming it', () => {
    expect(() => scheduleFromCron('0 8 * * *', 'Mars/Olympus')).toThrow(/^tz:Mars\/Olympus is not a time zone/);
  });
});
