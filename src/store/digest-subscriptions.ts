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
