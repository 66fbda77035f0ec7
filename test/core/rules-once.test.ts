/**
 * Rules that used to be stated in two or three places, now in one module
 * each: day stepping (core/calendar), time of day (core/time-of-day), plain
 * words (core/words). Each is checked here, and through the callers that
 * used to hold their own copy.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/calendar.js';
import { UsageError } from '../../src/core/command.js';
import { validateArgs } from '../../src/core/options.js';
import { parseTimeOfDay } from '../../src/core/time-of-day.js';
import { plainWords } from '../../src/core/words.js';
import { checkTime, ScheduleError } from '../../src/digest/schedule.js';
import { sentenceHash } from '../../src/ingest/corpus.js';
import { toFtsQuery } from '../../src/store/fts.js';
import { briefing } from '../../commands/briefing.js';

describe('addDays', () => {
  it('steps YYYY-MM-DD days across month, year and leap-day edges', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-12-19', -7)).toBe('2024-12-12');
  });

  it('steps (year, month, day) values the same way', () => {
    expect(addDays({ y: 2024, m: 2, d: 28 }, 1)).toEqual({ y: 2024, m: 2, d: 29 });
    expect(addDays({ y: 2025, m: 1, d: 1 }, -1)).toEqual({ y: 2024, m: 12, d: 31 });
  });
});

describe('time of day', () => {
  it('takes 24-hour HH:MM, padding the hour', () => {
    expect(parseTimeOfDay('8:05')).toBe('08:05');
    expect(parseTimeOfDay(' 23:59 ')).toBe('23:59');
    for (const bad of ['24:00', '8', '08:60', '8am', '08:5', '']) expect(parseTimeOfDay(bad)).toBeNull();
  });

  it('is the same rule for a command option and a digest schedule', () => {
    const subscribe = briefing.definition.subcommands!.find((s) => s.options.some((o) => o.type === 'time'))!;
    const timeOption = subscribe.options.find((o) => o.type === 'time')!.name;
    const viaOption = (t: string) => {
      try {
        return validateArgs(briefing.definition, { subcommand: subscribe.name, options: { [timeOption]: t } }).options[timeOption];
      } catch (err) {
        if (err instanceof UsageError) return null;
        throw err;
      }
    };
    const viaSchedule = (t: string) => {
      try {
        return checkTime(t);
      } catch (err) {
        if (err instanceof ScheduleError) return null;
        throw err;
      }
    };
    for (const t of ['7:30', '07:30', '23:59', '24:00', '7.30', '19:7']) {
      expect(viaOption(t), t).toBe(parseTimeOfDay(t));
      expect(viaSchedule(t), t).toBe(parseTimeOfDay(t));
    }
  });
});

describe('plain words', () => {
  it('lower-cases, drops accents and splits on punctuation', () => {
    expect(plainWords('Kyïv’s “Zelenskyy”—said: £225m')).toEqual(['kyiv', 's', 'zelenskyy', 'said', '225m']);
  });

  it('are what sentence hashes and search terms are made of', () => {
    expect(sentenceHash('The UK sent Kyïv aid.')).toBe(sentenceHash('the uk, sent KYIV aid'));
    expect(toFtsQuery('Kyïv "Storm Shadow"')).toBe('"storm shadow" "kyiv"');
  });
});
