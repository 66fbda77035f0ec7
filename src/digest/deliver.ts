/**
 * Deliver one channel's digest for one slot, exactly once (see outbox.ts for
 * the protocol): refresh the corpus, plan, claim the slot, post with retries,
 * mark posted; or recognise that the slot is already done, or recover a slot
 * whose owner died between posting and marking.
 */
import { logger } from '../core/log.js';
import { PostError, type ChannelPoster, type PostOptions, type PostResult } from '../platforms/poster.js';
import { digestJson, type DigestJson } from './compose.js';
import type { OutboxItem, OutboxRow } from './outbox.js';
import { planDigest } from './plan.js';
import type { DigestService } from './service.js';
import type { DigestSubscription } from './subscriptions.js';
import type { Reply } from '../core/reply.js';

/** Waits between attempts of a retryable failure: try, 1 s, try, 5 s, try, 30 s, try. */
export const RETRY_DELAYS_MS = [1_000, 5_000, 30_000];
/** A pending row untouched this long has lost its owner (attempts refresh it at most 30 s apart). */
export const STALE_AFTER_MS = 60_000;
/** How far before a row's creation `findPosted` looks for the message. */
const FIND_SLACK_MS = 5 * 60_000;

export type DeliveryStatus = 'posted' | 'already-posted' | 'in-progress' | 'dry-run' | 'empty' | 'failed';

export interface DeliveryResult {
  status: DeliveryStatus;
  platform: string;
  channel: string;
  slot: string;
  late: boolean;
  items: OutboxItem[];
  reply?: Reply;
  messageId?: string | null;
  /** One line, for failures. */
  error?: string;
  /** The message was found already posted after a crash, not posted again. */
  recovered?: boolean;
}

export interface DeliverOptions {
  service: DigestService;
  /** Not needed for a dry run. */
  poster?: ChannelPoster;
  sub: DigestSubscription;
  slot: string;
  late?: boolean;
  dryRun?: boolean;
  /** Take a 'failed' slot up again (an operator's explicit `briefing digest --slot`). */
  retryFailed?: boolean;
  /** Skip `engine.refresh()` (the caller just did it). */
  skipRefresh?: boolean;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  retryDelaysMs?: number[];
}

/** What posting a stored row needs (no subscription: the row carries everything). */
export type PostContext = Pick<DeliverOptions, 'service' | 'poster' | 'now' | 'sleep' | 'retryDelaysMs'>;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function idempotencyKey(platform: string, channel: string, slot: string): string {
  return `briefing-digest:${platform}:${channel}:${slot}`;
}

export async function deliverDigest(options: DeliverOptions): Promise<DeliveryResult> {
  const { service, sub, slot } = options;
  const now = options.now ?? (() => new Date());
  const late = options.late ?? false;
  const base = { platform: sub.platform, channel: sub.channel, slot, late };

  const existing = service.outbox.find(sub.platform, sub.channel, slot);
  if (existing) return settleExisting(existing, options);

  if (!options.skipRefresh) {
    try {
      await service.engine.refresh();
    } catch (err) {
      // Build from what is already ingested rather than miss the slot.
      logger.warn({ err: (err as Error).message }, 'digest: corpus refresh failed');
    }
  }
  const plan = await planDigest(service, sub, slot, { now: now(), late });
  if (options.dryRun) return { ...base, status: 'dry-run', items: plan.items, reply: plan.reply };

  const quietEmpty = plan.items.length === 0 && !sub.postWhenEmpty;
  const row = service.outbox.claim(
    {
      platform: sub.platform,
      channel: sub.channel,
      slot,
      status: quietEmpty ? 'skipped' : 'pending',
      late,
      windowFrom: plan.windowFrom,
      windowUntil: plan.windowUntil,
      overflow: plan.overflow > 0,
      items: plan.items,
      reply: plan.reply,
      owner: service.owner,
    },
    now(),
  );
  if (!row) {
    // Another process (or task) inserted first: it owns the slot.
    const winner = service.outbox.find(sub.platform, sub.channel, slot);
    return { ...base, status: winner?.status === 'pending' ? 'in-progress' : 'already-posted', items: winner?.items ?? [] };
  }
  if (quietEmpty) return { ...base, status: 'empty', items: [], reply: plan.reply };
  return postRow(row, options, false);
}

async function settleExisting(row: OutboxRow, options: DeliverOptions): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const base = { platform: row.platform, channel: row.channel, slot: row.slot, late: row.late, items: row.items, reply: row.reply };
  switch (row.status) {
    case 'posted':
    case 'skipped':
      return { ...base, status: 'already-posted', messageId: row.messageId };
    case 'failed':
      if (!options.retryFailed || options.dryRun) return { ...base, status: 'failed', error: row.error ?? 'failed' };
      return recoverRow(row, options, true);
    case 'pending': {
      const stale = Date.parse(row.updatedAt) < now().getTime() - STALE_AFTER_MS;
      if (!stale || options.dryRun) return { ...base, status: 'in-progress' };
      return recoverRow(row, options, false);
    }
  }
}

/**
 * Take over a row whose owner died (or that failed, when asked), then first
 * ask the platform whether its message went out before posting it again.
 */
export async function recoverRow(row: OutboxRow, options: PostContext, reopenFailed: boolean): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const { service } = options;
  const staleBefore = new Date(now().getTime() - STALE_AFTER_MS);
  const base = { platform: row.platform, channel: row.channel, slot: row.slot, late: row.late, items: row.items, reply: row.reply };
  if (!service.outbox.takeOver(row, service.owner, now(), staleBefore, reopenFailed)) {
    return { ...base, status: 'in-progress' };
  }
  logger.info({ platform: row.platform, channel: row.channel, slot: row.slot, was: row.status }, 'digest: recovering slot');
  return postRow(service.outbox.byId(row.id)!, options, true);
}

async function postRow(row: OutboxRow, options: PostContext, checkFirst: boolean): Promise<DeliveryResult> {
  const { service, poster } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const base = { platform: row.platform, channel: row.channel, slot: row.slot, late: row.late, items: row.items, reply: row.reply };
  if (!poster) throw new Error(`No poster for ${row.platform}: cannot deliver the digest.`);
  const postOptions: PostOptions = { idempotencyKey: idempotencyKey(row.platform, row.channel, row.slot), slot: row.slot };
  const since = new Date(Date.parse(row.createdAt) - FIND_SLACK_MS);

  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (checkFirst || attempt > 0) {
      let found: PostResult | null = null;
      try {
        found = await poster.findPosted(row.channel, { ...postOptions, since });
      } catch (err) {
        if (checkFirst && attempt === 0) {
          // Unsure whether the crashed owner posted: posting again could duplicate it.
          const message = `Could not check whether the digest for ${row.slot} was already posted (${oneLine(err)}); not posting it again.`;
          service.outbox.markFailed(row.id, message, now());
          logger.error({ platform: row.platform, channel: row.channel, slot: row.slot }, message);
          return { ...base, status: 'failed', error: message };
        }
      }
      if (found) {
        service.outbox.markPosted(row.id, found.messageId, now());
        return { ...base, status: 'posted', messageId: found.messageId, recovered: true };
      }
    }
    service.outbox.beginAttempt(row.id, service.owner, now());
    let result: PostResult;
    try {
      result = await poster.post(row.channel, row.reply, postOptions);
    } catch (err) {
      const retryable = err instanceof PostError && err.retryable;
      const message = oneLine(err);
      const last = !retryable || attempt === delays.length;
      if (last) {
        service.outbox.markFailed(row.id, message, now());
        logger.error({ platform: row.platform, channel: row.channel, slot: row.slot, attempts: attempt + 1 }, `digest not posted: ${message}`);
        return { ...base, status: 'failed', error: message };
      }
      service.outbox.noteError(row.id, message, now());
      logger.warn({ platform: row.platform, channel: row.channel, slot: row.slot, retryInMs: delays[attempt] }, `digest post failed: ${message}`);
      await sleep(delays[attempt]!);
      continue;
    }
    // A crash here leaves the row pending; recovery finds the message via findPosted.
    service.outbox.markPosted(row.id, result.messageId, now());
    logger.info({ platform: row.platform, channel: row.channel, slot: row.slot, items: row.items.length }, 'digest posted');
    return { ...base, status: 'posted', messageId: result.messageId };
  }
  throw new Error('unreachable: the retry loop always returns');
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

/** The CLI's JSON for a delivery (`in-progress` means another process owns the slot). */
export function deliveryJson(r: DeliveryResult): DigestJson {
  const status =
    r.status === 'in-progress' ? 'already-posted' : r.status === 'posted' && r.items.length === 0 ? 'empty' : r.status;
  return digestJson(r, status, r.items, {
    ...(r.messageId !== undefined ? { messageId: r.messageId } : {}),
    ...(r.error ? { error: r.error } : {}),
  });
}
