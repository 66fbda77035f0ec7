/**
 * Deliver one channel's digest for one slot, exactly once (see outbox.ts for
 * the protocol): refresh the corpus, plan, claim the slot, post with retries,
 * mark posted; or recognise that the slot is already done, or recover a slot
 * whose owner died between posting and marking.
 */
import { logger } from '../core/log.js';
import { POST_ATTEMPT_TIMEOUT_MS, PostError, type ChannelPoster, type DigestKey, type PostPage } from '../platforms/poster.js';
import { digestJson, type DigestJson } from './compose.js';
import type { NewOutboxPage, OutboxItem, OutboxPage, OutboxRow } from '../store/digest-outbox.js';
import { planDigest } from './plan.js';
import type { DigestService } from './service.js';
import type { DigestSubscription } from '../store/digest-subscriptions.js';
import type { Reply } from '../core/reply.js';

/** Waits between attempts of a retryable failure: try, 1 s, try, 5 s, try, 30 s, try. */
export const RETRY_DELAYS_MS = [1_000, 5_000, 30_000];
/**
 * A pending row untouched this long has lost its owner. Its owner refreshes
 * it before every attempt and after every page and failure, so the longest
 * gap is a retry pause (≤ 30 s, or a Retry-After within the budget) plus one
 * history read (≤ POST_ATTEMPT_TIMEOUT_MS); an attempt itself ends within
 * POST_ATTEMPT_TIMEOUT_MS of its heartbeat. Both are well inside a minute.
 */
export const STALE_AFTER_MS = 60_000;
/**
 * A page's tries end within this of its first: an outage fails the digest
 * within a minute, with one line, instead of hanging.
 */
export const RETRY_BUDGET_MS = 60_000;
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
  /** Pages of this digest already in the channel were found there (after a crash or a lost answer), not posted again. */
  recovered?: boolean;
  /** How many messages the digest is, and how many of them are in the channel. */
  pages?: number;
  pagesPosted?: number;
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

function digestKey(platform: string, channel: string, slot: string): DigestKey {
  return { idempotencyKey: idempotencyKey(platform, channel, slot), slot };
}

/** Pages for the claim; a digest the platform cannot render gets none here and fails in postRow, with its reason. */
function paginateOrNone(poster: ChannelPoster, reply: Reply, key: DigestKey): NewOutboxPage[] {
  try {
    return poster.paginate(reply, key);
  } catch {
    return [];
  }
}

export async function deliverDigest(options: DeliverOptions): Promise<DeliveryResult> {
  const { service, sub, slot } = options;
  const now = options.now ?? (() => new Date());
  const late = options.late ?? false;
  const base = { platform: sub.platform, channel: sub.channel, slot, late };

  const existing = await service.outbox.find(sub.platform, sub.channel, slot);
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
  const row = await service.outbox.claim(
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
    quietEmpty || !options.poster ? [] : paginateOrNone(options.poster, plan.reply, digestKey(sub.platform, sub.channel, slot)),
    digestKey(sub.platform, sub.channel, slot).idempotencyKey,
    now(),
  );
  if (!row) {
    // Another process (or task) inserted first: it owns the slot.
    const winner = await service.outbox.find(sub.platform, sub.channel, slot);
    return { ...base, status: winner?.status === 'pending' ? 'in-progress' : 'already-posted', items: winner?.items ?? [] };
  }
  if (quietEmpty) return { ...base, status: 'empty', items: [], reply: plan.reply };
  return postRow(row, options, false);
}

async function settleExisting(row: OutboxRow, options: DeliverOptions): Promise<DeliveryResult> {
  const base = { ...resultBase(row), ...(await pageCounts(options.service, row)) };
  switch (row.status) {
    case 'posted':
    case 'skipped':
      return { ...base, status: 'already-posted', messageId: row.messageId };
    case 'failed':
      if (!options.retryFailed || options.dryRun) return { ...base, status: 'failed', error: row.error ?? 'failed' };
      return recoverRow(row, options, true);
    case 'pending':
      // Whether its owner is gone is the outbox's to judge (on PostgreSQL by the database's clock, not this one's).
      if (options.dryRun) return { ...base, status: 'in-progress' };
      return recoverRow(row, options, false).then((r) => (r.status === 'in-progress' ? { ...base, status: 'in-progress' } : r));
  }
}

/**
 * Take over a row whose owner died (or that failed, when asked), then first
 * ask the platform which of its pages went out before posting the rest.
 */
export async function recoverRow(row: OutboxRow, options: PostContext, reopenFailed: boolean): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const { service } = options;
  if (!(await service.outbox.takeOver(row, service.owner, now(), { staleAfterMs: STALE_AFTER_MS, reopenFailed }))) {
    return { ...resultBase(row), status: 'in-progress' };
  }
  logger.info({ platform: row.platform, channel: row.channel, slot: row.slot, was: row.status }, 'digest: recovering slot');
  return postRow((await service.outbox.byId(row.id))!, options, true);
}

function resultBase(row: OutboxRow) {
  return { platform: row.platform, channel: row.channel, slot: row.slot, late: row.late, items: row.items, reply: row.reply };
}

/** How many messages a stored digest is and how many are in the channel (none stored: a skipped slot). */
async function pageCounts(service: DigestService, row: OutboxRow): Promise<Pick<DeliveryResult, 'pages' | 'pagesPosted'>> {
  const pages = await service.outbox.pages(row.id);
  return pages.length ? { pages: pages.length, pagesPosted: pages.filter((p) => p.status === 'posted').length } : {};
}

type PageOutcome = { status: 'posted' } | { status: 'failed'; error: string } | { status: 'lost' };

/** Post a claimed row's pages that are not in the channel yet, in order (see outbox.ts). */
async function postRow(row: OutboxRow, options: PostContext, checkFirst: boolean): Promise<DeliveryResult> {
  const { service, poster } = options;
  const now = options.now ?? (() => new Date());
  if (!poster) throw new Error(`No poster for ${row.platform}: cannot deliver the digest.`);
  const key = digestKey(row.platform, row.channel, row.slot);
  const where = { platform: row.platform, channel: row.channel, slot: row.slot };
  let pages: OutboxPage[];
  try {
    pages = await service.outbox.ensurePages(row, () => poster.paginate(row.reply, key), key.idempotencyKey);
  } catch (err) {
    const message = oneLine(err);
    await service.outbox.markFailed(row.id, service.owner, message, now());
    logger.error(where, `digest not posted: ${message}`);
    return { ...resultBase(row), status: 'failed', error: message };
  }
  let foundAny = false;
  const find = async (): Promise<Map<number, string>> => {
    const found = await poster.findPosted(row.channel, { ...key, since: new Date(Date.parse(row.createdAt) - FIND_SLACK_MS) });
    for (const [index, messageId] of found) {
      if (await service.outbox.markPagePosted(row.id, index, messageId, now())) foundAny = true;
    }
    return found;
  };
  const summary = async (status: DeliveryStatus, extra: Partial<DeliveryResult> = {}): Promise<DeliveryResult> => {
    const settled = (await service.outbox.byId(row.id))!;
    return {
      ...resultBase(row),
      status,
      messageId: settled.messageId ?? (await service.outbox.pages(row.id))[0]?.messageId ?? null,
      ...(await pageCounts(service, row)),
      ...(foundAny ? { recovered: true } : {}),
      ...extra,
    };
  };

  if (checkFirst) {
    try {
      await find();
    } catch (err) {
      // Unsure which pages the crashed owner posted: posting again could duplicate them.
      const message = `Could not check whether the digest for ${row.slot} was already posted (${oneLine(err)}); not posting it again.`;
      await service.outbox.markFailed(row.id, service.owner, message, now());
      logger.error(where, message);
      return summary('failed', { error: message });
    }
  }
  for (const page of pages) {
    if ((await service.outbox.pages(row.id)).find((p) => p.index === page.index)?.status === 'posted') continue;
    const outcome = await postPage(row, page, options, key, find);
    if (outcome.status === 'lost') {
      logger.warn(where, 'digest: another process took the slot over; stopping');
      return summary('in-progress');
    }
    if (outcome.status === 'failed') return summary('failed', { error: outcome.error });
  }
  await service.outbox.markPosted(row.id, now());
  const result = await summary('posted');
  logger.info({ ...where, items: row.items.length, pages: result.pages, recovered: Boolean(result.recovered) }, 'digest posted');
  return result;
}

/**
 * One page, one attempt at a time under the outbox's control: fence, post,
 * mark; on a retryable failure wait (at least the platform's Retry-After),
 * look whether the attempt went through after all, and only then post again.
 * No attempt starts that could end after RETRY_BUDGET_MS from the first.
 */
async function postPage(
  row: OutboxRow,
  page: OutboxPage,
  options: PostContext,
  key: DigestKey,
  find: () => Promise<Map<number, string>>,
): Promise<PageOutcome> {
  const { service, poster } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const where = { platform: row.platform, channel: row.channel, slot: row.slot, page: page.index + 1 };
  const started = now().getTime();
  const fail = async (message: string, attempts: number): Promise<PageOutcome> => {
    await service.outbox.markFailed(row.id, service.owner, message, now());
    logger.error({ ...where, attempts }, `digest not posted: ${message}`);
    return { status: 'failed', error: message };
  };

  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      // The last attempt may have been applied with its answer lost: look before posting again.
      try {
        if ((await find()).has(page.index)) return { status: 'posted' };
      } catch (err) {
        const message = `could not check whether page ${page.index + 1} of the digest for ${row.slot} went out (${oneLine(err)})`;
        const next = await pause(attempt, undefined, message);
        if (next === 'give-up') return fail(message, attempt);
        continue;
      }
    }
    if (!await service.outbox.beginAttempt(row.id, service.owner, now())) return { status: 'lost' };
    let messageId: string;
    try {
      messageId = (await poster!.postPage(row.channel, toPostPage(page), key)).messageId;
    } catch (err) {
      const message = oneLine(err);
      if (!(err instanceof PostError && err.retryable)) return fail(message, attempt + 1);
      const next = await pause(attempt + 1, err.retryAfterMs, message);
      if (next === 'give-up') return fail(message, attempt + 1);
      continue;
    }
    // A crash here leaves the page pending; recovery finds it via findPosted.
    await service.outbox.markPagePosted(row.id, page.index, messageId, now());
    return { status: 'posted' };
  }

  /** Wait before try number `tried` + 1, or give up when out of tries or time. */
  async function pause(tried: number, retryAfterMs: number | undefined, message: string): Promise<'retry' | 'give-up'> {
    const wait = Math.max(delays[tried - 1] ?? Infinity, retryAfterMs ?? 0);
    const end = now().getTime() - started + wait + 2 * POST_ATTEMPT_TIMEOUT_MS;
    if (tried > delays.length || end > RETRY_BUDGET_MS) return 'give-up';
    await service.outbox.noteError(row.id, service.owner, message, now());
    logger.warn({ ...where, retryInMs: wait }, `digest post failed: ${message}`);
    await sleep(wait);
    return 'retry';
  }
}

function toPostPage(page: OutboxPage): PostPage {
  return { index: page.index, body: page.body, items: [] };
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

/** The CLI's JSON for a delivery (`in-progress`: another process owns the slot and has not finished). */
export function deliveryJson(r: DeliveryResult): DigestJson {
  const status = r.status === 'posted' && r.items.length === 0 ? 'empty' : r.status;
  return digestJson(r, status, r.items, {
    ...(r.messageId !== undefined ? { messageId: r.messageId } : {}),
    ...(r.error ? { error: r.error } : {}),
    ...(r.pages !== undefined ? { pages: r.pages, pagesPosted: r.pagesPosted ?? 0 } : {}),
  });
}
