/**
 * Slack re-sends a request (with `X-Slack-Retry-Num`) when it did not see a
 * 200 in time; the original may still be running, or may have run in a
 * process that has since restarted. This global middleware records each
 * request taken in `SeenRequests` (the database, shared across restarts and
 * instances) and acknowledges repeats without doing the work again, so an
 * answer is never posted twice.
 */
import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import { createHash } from 'node:crypto';
import { memorySeenRequests, type SeenRequests } from '../../store/seen-requests.js';

/** How long a request is remembered: Slack's last retry comes about 5 minutes after the original. */
export const SEEN_REQUEST_TTL_MS = 5 * 60_000 + 30_000;

/** A stable id for one request: trigger_id for commands and clicks, event_id for events. */
export function requestKey(body: unknown): string {
  const b = body as Record<string, unknown>;
  for (const field of ['event_id', 'trigger_id']) {
    const value = b[field];
    if (typeof value === 'string' && value) return `slack:${field}:${value}`;
  }
  return `slack:body:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
}

/**
 * A first delivery is checked against this process's memory and recorded in
 * `seen` only after the work (and its ack) has started: a database write per
 * request on the ack path held 200 concurrent acks back by seconds, and
 * Slack sends a retry only after 3 s without an ack, by when the record is
 * long written. A retry is checked against `seen` itself, before any work.
 */
export function retryGuard(seen: SeenRequests): Middleware<AnyMiddlewareArgs> {
  const recent = memorySeenRequests();
  return async (args) => {
    const key = requestKey(args.body);
    const isRetry = (args.context.retryNum ?? 0) > 0;
    const first = (await recent.firstSighting(key, SEEN_REQUEST_TTL_MS)) && (!isRetry || (await seen.firstSighting(key, SEEN_REQUEST_TTL_MS)));
    if (!first) {
      args.logger.info(`ignoring repeated Slack request ${key} (retry ${args.context.retryNum ?? 0})`);
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    if (!isRetry) {
      setImmediate(() => {
        seen.firstSighting(key, SEEN_REQUEST_TTL_MS).catch((err: Error) => args.logger.warn(`could not record Slack request ${key}: ${err.message}`));
      });
    }
    await args.next();
  };
}
