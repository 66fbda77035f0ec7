/**
 * The digest's state for one engine: subscriptions, outbox, defaults, and who
 * to tell when subscriptions change (the scheduler rebuilds its cron tasks).
 *
 * Built once by the composition root (src/app.ts), which hands it to every
 * front end in the command context (ctx.digest): no platform adapter has to
 * know about the digest, and nothing looks it up.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Engine } from '../core/engine.js';
import type { Platform } from '../core/model.js';
import type { AppConfig } from '../config.js';
import { loadTopicProfile } from '../topic/profile.js';
import type { Outbox } from './outbox.js';
import { scheduleFromCron, type DigestSchedule } from './schedule.js';
import type { SubscriptionStore, DigestSubscription } from './subscriptions.js';

export interface DigestDefaults {
  /** From BRIEFING_DIGEST_CRON and BRIEFING_TZ. */
  schedule: DigestSchedule;
  /** Heading label when a subscription has no topic: the corpus topic's name. */
  label: string;
}

export function defaultsFromConfig(config: Pick<AppConfig, 'digestCron' | 'timezone' | 'topicFile'>): DigestDefaults {
  return {
    schedule: scheduleFromCron(config.digestCron, config.timezone, 'BRIEFING_DIGEST_CRON'),
    label: loadTopicProfile(config.topicFile).name,
  };
}

type ChangeListener = () => void;

/** The digest's repositories. */
export interface DigestStores {
  subscriptions: SubscriptionStore;
  outbox: Outbox;
}

export class DigestService {
  readonly subscriptions: SubscriptionStore;
  readonly outbox: Outbox;
  /** This process's name on the outbox rows it owns. */
  readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly engine: Engine,
    stores: DigestStores,
    readonly defaults: DigestDefaults,
  ) {
    this.subscriptions = stores.subscriptions;
    this.outbox = stores.outbox;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscriptions changed (command or configuration): reschedule. */
  changed(): void {
    for (const l of this.listeners) l();
  }

  /**
   * The channel's subscription, or what an unsubscribed channel would get from
   * a one-off run (CLI, preview): default schedule, no topic, and everything
   * it was never sent counts as new (it never subscribed, so no start time).
   */
  effectiveSubscription(platform: Platform, channel: string): { sub: DigestSubscription; subscribed: boolean } {
    const sub = this.subscriptions.get(platform, channel);
    if (sub) return { sub, subscribed: true };
    return {
      subscribed: false,
      sub: {
        platform,
        channel,
        ...this.defaults.schedule,
        topic: null,
        postWhenEmpty: true,
        origin: 'command',
        createdAt: new Date(0).toISOString(),
        createdBy: null,
        updatedAt: new Date(0).toISOString(),
      },
    };
  }

  labelFor(sub: Pick<DigestSubscription, 'topic'>): string {
    return sub.topic ?? this.defaults.label;
  }
}
