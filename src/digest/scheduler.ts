/**
 * The digest clock. node-cron runs one task per distinct schedule (time, days,
 * time zone); when it fires, each of its channels gets the slot that just came
 * due. node-cron neither persists nor catches up, and in a zone with DST a
 * time in the skipped hour never fires while one in the repeated hour fires
 * twice — so a sweep (at start and every minute) also posts any slot that
 * came due and has no outbox row, and recovers rows whose owner died. The
 * outbox's unique key makes the double firing, the sweep and other processes
 * harmless: one post per slot.
 */
import cron from 'node-cron';
import { DIGEST_SWEEP_LEASE, type RunOnce } from '../run-once.js';
import { logger } from '../core/log.js';
import type { Platform } from '../core/model.js';
import type { ChannelPoster } from '../platforms/poster.js';
import { deliverDigest, recoverRow, STALE_AFTER_MS, type DeliveryResult } from './deliver.js';
import { cronExpression, latestSlot } from './schedule.js';
import type { DigestService } from './service.js';
import { scheduleOf, type DigestSubscription } from '../store/digest-subscriptions.js';

/** A slot posted later than this after it was due says "(late)". */
export const LATE_AFTER_MS = 10 * 60_000;
/** The sweep's own schedule (UTC): a DST-skipped slot is barely late, and a digest whose poster died is finished within two minutes (stale after one, then the next sweep). */
export const SWEEP_EXPRESSION = '* * * * *';

/** The part of node-cron the scheduler uses (tests pass a recorder). */
export interface CronLike {
  schedule(expression: string, fn: () => unknown, options: { timezone?: string; name?: string }): { destroy(): unknown };
}

export interface SchedulerOptions {
  service: DigestService;
  posters: ChannelPoster[];
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  cron?: CronLike;
  /** The sweep runs on one instance at a time among those on the database (its lease); absent, always here. */
  runOnce?: Pick<RunOnce, 'hold'>;
}

export interface ScheduledGroup {
  key: string;
  expression: string;
  timezone: string;
  channels: string[];
}

const nodeCron: CronLike = {
  schedule: (expression, fn, options) => cron.schedule(expression, fn, { ...options, noOverlap: false }),
};

export class DigestScheduler {
  private readonly tasks = new Map<string, { destroy(): unknown }>();
  private sweepTask: { destroy(): unknown } | null = null;
  private unsubscribe: (() => void) | null = null;
  /** One delivery at a time per channel in this process. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly posters: Map<Platform, ChannelPoster>;
  private readonly now: () => Date;
  private readonly cron: CronLike;
  private warnedPlatforms = new Set<string>();

  constructor(private readonly options: SchedulerOptions) {
    this.posters = new Map(options.posters.map((p) => [p.platform, p]));
    this.now = options.now ?? (() => new Date());
    this.cron = options.cron ?? nodeCron;
  }

  /** Build the tasks, then catch up on what was missed while down. */
  async start(): Promise<DeliveryResult[]> {
    await this.rebuild();
    this.unsubscribe = this.options.service.onChange(() => this.rebuild().catch(logError('reschedule')));
    // Each sweep also re-reads the subscriptions: another process sharing the database may have changed them.
    this.sweepTask = this.cron.schedule(SWEEP_EXPRESSION, () => this.periodic().catch(logError('sweep')), {
      timezone: 'UTC',
      name: 'digest-sweep',
    });
    return this.sweep();
  }

  private async periodic(): Promise<void> {
    await this.rebuild();
    await this.sweep();
  }

  stop(): void {
    this.unsubscribe?.();
    for (const t of this.tasks.values()) t.destroy();
    this.tasks.clear();
    this.sweepTask?.destroy();
    this.sweepTask = null;
  }

  /** After stop: wait for the deliveries running now to post their pages (a shutdown drains them). */
  async drain(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  /** The cron tasks, one per distinct schedule (for logs, settings and tests). */
  async groups(): Promise<ScheduledGroup[]> {
    const groups = new Map<string, ScheduledGroup>();
    for (const sub of await this.deliverable()) {
      const expression = cronExpression(sub);
      const key = `${expression}|${sub.timezone}`;
      const g = groups.get(key) ?? { key, expression, timezone: sub.timezone, channels: [] };
      g.channels.push(`${sub.platform}:${sub.channel}`);
      groups.set(key, g);
    }
    return [...groups.values()];
  }

  /** Make the tasks match the subscriptions: add new schedules, drop unused ones. */
  async rebuild(): Promise<void> {
    // Read first, then change the tasks without awaiting: rebuilds that overlap never schedule one key twice.
    const wanted = new Map((await this.groups()).map((g) => [g.key, g]));
    for (const [key, task] of this.tasks) {
      if (!wanted.has(key)) {
        task.destroy();
        this.tasks.delete(key);
      }
    }
    for (const [key, g] of wanted) {
      if (this.tasks.has(key)) continue;
      const task = this.cron.schedule(g.expression, () => this.fire(key).catch(logError('scheduled digest')), {
        timezone: g.timezone,
        name: `digest ${g.expression} ${g.timezone}`,
      });
      this.tasks.set(key, task);
    }
    logger.debug({ tasks: [...wanted.values()].map((g) => `${g.expression} ${g.timezone} (${g.channels.length})`) }, 'digest schedules');
  }

  /** A task fired: each of its channels gets the slot that just came due. */
  async fire(key: string): Promise<DeliveryResult[]> {
    const now = this.now();
    const subs = (await this.deliverable()).filter((s) => `${cronExpression(s)}|${s.timezone}` === key);
    const results: DeliveryResult[] = [];
    for (const sub of subs) {
      // A little ahead: a firing a moment early still belongs to today's slot.
      const due = latestSlot(scheduleOf(sub), new Date(now.getTime() + 60_000));
      if (!due || Date.parse(sub.createdAt) > due.at.getTime()) continue;
      results.push(await this.deliver(sub, due.slot, false));
    }
    return results;
  }

  /**
   * Recover rows whose owner died, and post each channel's most recent due slot
   * if it has no outbox row and the channel was subscribed by then (catch-up
   * after downtime, or a slot DST made node-cron skip). Posted once, marked
   * late when it is well past due.
   */
  async sweep(): Promise<DeliveryResult[]> {
    const { runOnce } = this.options;
    if (!runOnce) return this.sweepHere();
    const held = await runOnce.hold(DIGEST_SWEEP_LEASE, () => this.sweepHere());
    if (!held.ran) logger.debug({ holder: held.holder }, 'digest sweep: another instance is sweeping');
    return held.ran ? held.value : [];
  }

  private async sweepHere(): Promise<DeliveryResult[]> {
    const now = this.now();
    const results: DeliveryResult[] = [];
    const { service } = this.options;
    for (const row of await service.outbox.stalePending(now, STALE_AFTER_MS)) {
      const poster = this.posters.get(row.platform);
      if (!poster) continue;
      results.push(
        await this.queued(`${row.platform}:${row.channel}`, () =>
          recoverRow(row, this.deliverOptions(poster), false),
        ),
      );
    }
    for (const sub of await this.deliverable()) {
      const due = latestSlot(scheduleOf(sub), now);
      // Only slots of the schedule as it was then: moving 09:00 to 07:00 at 08:00 does not post at once.
      if (!due || Date.parse(sub.updatedAt) > due.at.getTime()) continue;
      if (await service.outbox.find(sub.platform, sub.channel, due.slot)) continue;
      const late = now.getTime() - due.at.getTime() > LATE_AFTER_MS;
      results.push(await this.deliver(sub, due.slot, late));
    }
    return results;
  }

  private deliver(sub: DigestSubscription, slot: string, late: boolean): Promise<DeliveryResult> {
    const poster = this.posters.get(sub.platform)!;
    return this.queued(`${sub.platform}:${sub.channel}`, () =>
      deliverDigest({ ...this.deliverOptions(poster), sub, slot, late }),
    );
  }

  private deliverOptions(poster: ChannelPoster) {
    return { service: this.options.service, poster, now: this.now, sleep: this.options.sleep };
  }

  private queued<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(fn);
    this.queues.set(key, next);
    void next.finally(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    }).catch(() => undefined);
    return next;
  }

  /** Subscriptions on a platform this process can post to. */
  private async deliverable(): Promise<DigestSubscription[]> {
    return (await this.options.service.subscriptions.list()).filter((s) => {
      if (this.posters.has(s.platform)) return true;
      if (!this.warnedPlatforms.has(s.platform)) {
        this.warnedPlatforms.add(s.platform);
        logger.warn({ platform: s.platform }, 'digest: subscriptions on a platform that is not configured are skipped');
      }
      return false;
    });
  }
}

function logError(what: string) {
  return (err: unknown) => logger.error({ err: (err as Error).message }, `digest: ${what} failed`);
}
