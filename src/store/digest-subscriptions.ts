/**
 * Which channel gets a digest, when, and about what. Subscriptions made with
 * `/briefing subscribe` and those an operator declares in
 * BRIEFING_DIGEST_CHANNELS live together; `origin` says which, so a
 * configured one is re-declared at start and never silently overridden.
 * Keyed by (platform, channel).
 */
import type { Platform, Subscription } from '../core/model.js';

export interface DigestSubscription extends Subscription {
  /** Weekdays (0 = Sunday) the digest runs on; null = every day. */
  days: number[] | null;
  /** Made by a command in the channel, or declared in configuration. */
  origin: 'command' | 'config';
  /** Last change of its settings (a slot due before it is not caught up). */
  updatedAt: string;
}

/** When a digest runs: "HH:MM" in an IANA zone, on some weekdays or every day. */
export interface SubscriptionSchedule {
  time: string;
  timezone: string;
  days: number[] | null;
}

export interface SubscriptionSync {
  added: number;
  removed: number;
  rescheduled: number;
}

export interface SubscriptionRepository {
  get(platform: Platform, channel: string): Promise<DigestSubscription | null>;
  /** Every subscription, by platform then channel. */
  list(): Promise<DigestSubscription[]>;
  /**
   * Create or change a subscription. Changing one keeps its `createdAt` (the
   * channel still gets what arrived since it first subscribed) and sets
   * `updatedAt` to `now`. Returns it as stored.
   */
  save(sub: Omit<DigestSubscription, 'createdAt' | 'updatedAt'>, now: Date): Promise<DigestSubscription>;
  /** False when there was none. */
  remove(platform: Platform, channel: string): Promise<boolean>;
  /**
   * In one transaction, make the configured channels exactly `channels`: add
   * missing ones with `schedule`, give listed ones `schedule` again if it
   * differs (or take over a command-made one as configured), drop configured
   * ones no longer listed. Topic and quiet stay as a command set them;
   * unchanged ones are not touched (their updatedAt decides catch-up).
   */
  syncConfigured(channels: Array<{ platform: Platform; channel: string }>, schedule: SubscriptionSchedule, now: Date): Promise<SubscriptionSync>;
}

/** A subscription's schedule alone. */
export function scheduleOf(sub: Pick<DigestSubscription, 'time' | 'timezone' | 'days'>): SubscriptionSchedule {
  return { time: sub.time, timezone: sub.timezone, days: sub.days };
}

/** What syncConfigured changes, worked out once for both backends (planSync); each applies it in its transaction. */
export interface SyncPlan {
  remove: Array<{ platform: Platform; channel: string }>;
  save: Array<Omit<DigestSubscription, 'createdAt' | 'updatedAt'>>;
  counts: SubscriptionSync;
}

/** The changes that make the configured channels exactly `channels` (see syncConfigured), given every subscription now. */
export function planSync(
  current: readonly DigestSubscription[],
  channels: ReadonlyArray<{ platform: Platform; channel: string }>,
  schedule: SubscriptionSchedule,
): SyncPlan {
  const key = (c: { platform: Platform; channel: string }) => `${c.platform}:${c.channel}`;
  const wanted = new Set(channels.map(key));
  const byKey = new Map(current.map((s) => [key(s), s]));
  const plan: SyncPlan = { remove: [], save: [], counts: { added: 0, removed: 0, rescheduled: 0 } };
  for (const s of current) {
    if (s.origin === 'config' && !wanted.has(key(s))) {
      plan.remove.push({ platform: s.platform, channel: s.channel });
      plan.counts.removed++;
    }
  }
  for (const ch of new Map(channels.map((c) => [key(c), c])).values()) {
    const existing = byKey.get(key(ch));
    if (!existing) {
      plan.save.push({ platform: ch.platform, channel: ch.channel, ...schedule, topic: null, postWhenEmpty: true, origin: 'config', createdBy: null });
      plan.counts.added++;
      continue;
    }
    const sameSchedule =
      existing.time === schedule.time && existing.timezone === schedule.timezone && JSON.stringify(existing.days) === JSON.stringify(schedule.days);
    if (sameSchedule && existing.origin === 'config') continue;
    plan.save.push({ ...existing, ...schedule, origin: 'config' });
    plan.counts.rescheduled++;
  }
  return plan;
}
