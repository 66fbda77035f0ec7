/**
 * How old (or how far in the future) a signed platform request may be. Both
 * Slack and Discord sign the timestamp with the body; a signature alone
 * cannot stop a captured request being replayed later, and a clock far ahead
 * would let one be prepared for later, so either way beyond the window is
 * refused.
 */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

/** Whether a request timestamp (seconds since the epoch) is within the window around `now`. */
export function isFreshTimestamp(timestampSeconds: number, now: Date): boolean {
  return Number.isFinite(timestampSeconds) && Math.abs(now.getTime() / 1000 - timestampSeconds) <= MAX_REQUEST_AGE_SECONDS;
}
