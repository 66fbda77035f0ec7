/**
 * Answering through a command's response_url without losing the answer to
 * one bad moment: a 5xx, a 429 or a dropped connection is tried again,
 * after the 429's Retry-After when it gives one and with growing pauses
 * otherwise, for as long as the URL lives (30 minutes from the command).
 * A 4xx other than 429 (expired or used-up URL) is final. Slack allows five
 * uses of a URL, so attempts are bounded too.
 */
import type { RespondArguments, RespondFn } from '@slack/bolt';
import { logger } from '../../core/log.js';

export interface RespondRetryOptions {
  /** How long a response_url accepts answers, from the command. */
  windowMs: number;
  /** Attempts at one answer, the first included. */
  maxAttempts: number;
  /** Pause before the first retry without Retry-After; doubled each time. */
  firstPauseMs: number;
  /** Longest pause without Retry-After. */
  maxPauseMs: number;
}

export const RESPOND_RETRY: RespondRetryOptions = { windowMs: 30 * 60_000, maxAttempts: 5, firstPauseMs: 1_000, maxPauseMs: 60_000 };

/** The HTTP status and Retry-After (ms) of a failed response_url post; no status for a network failure. */
function failureOf(err: unknown): { status?: number; retryAfterMs?: number } {
  const response = (err as { response?: { status?: unknown; headers?: Record<string, unknown> } }).response;
  const status = typeof response?.status === 'number' ? response.status : undefined;
  const header = Number(response?.headers?.['retry-after']);
  return { status, retryAfterMs: Number.isFinite(header) && header >= 0 ? header * 1000 : undefined };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `respond` for a request received at `receivedAt` (ms since the epoch), retried as above. */
export function patientRespond(respond: RespondFn, receivedAt: number, opts: RespondRetryOptions = RESPOND_RETRY): RespondFn {
  return async (message: string | RespondArguments) => {
    let pause = opts.firstPauseMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await respond(message);
      } catch (err) {
        const { status, retryAfterMs } = failureOf(err);
        const retryable = status === undefined || status === 429 || status >= 500;
        const wait = retryAfterMs ?? pause;
        pause = Math.min(pause * 2, opts.maxPauseMs);
        if (!retryable || attempt >= opts.maxAttempts || Date.now() + wait > receivedAt + opts.windowMs) throw err;
        logger.warn({ status, attempt, waitMs: wait }, 'slack: response_url refused an answer; trying again');
        await sleep(wait);
      }
    }
  };
}
