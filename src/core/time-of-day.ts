/**
 * A time of day as people type it for a schedule: "8:00", "08:00", "23:59"
 * (24-hour, minutes required). The one rule for command options and digest
 * schedules alike.
 */
const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "8:05" → "08:05"; null for anything that is not a 24-hour HH:MM. */
export function parseTimeOfDay(text: string): string | null {
  const m = TIME_OF_DAY.exec(text.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}
