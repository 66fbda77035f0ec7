/**
 * Slack re-sends a request (with `X-Slack-Retry-Num`) when it did not see a
 * 200 in time; the original may still be running. This global middleware
 * remembers the requests already taken and acknowledges repeats without
 * doing the work again, so an answer is never posted twice.
 */
import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import { createHash } from 'node:crypto';

/** Requests remembered; Slack retries within minutes, so a few thousand is plenty. */
const CAPACITY = 5_000;

/** A stable id for one request: trigger_id for commands and clicks, event_id for events. */
export function requestKey(body: unknown): string {
  const b = body as Record<string, unknown>;
  for (const field of ['event_id', 'trigger_id']) {
    const value = b[field];
    if (typeof value === 'string' && value) return `${field}:${value}`;
  }
  return `body:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
}

export function retryGuard(capacity = CAPACITY): Middleware<AnyMiddlewareArgs> {
  const seen = new Set<string>();
  return async (args) => {
    const key = requestKey(args.body);
    if (seen.has(key)) {
      args.logger.info(`ignoring repeated Slack request ${key} (retry ${args.context.retryNum ?? 0})`);
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    seen.add(key);
    if (seen.size > capacity) seen.delete(seen.values().next().value as string);
    await args.next();
  };
}
