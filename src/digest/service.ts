/**
 * The digest's state for one engine: subscriptions, outbox, defaults, and who
 * to tell when subscriptions change (the scheduler rebuilds its cron tasks).
 *
 * Built once by the composition root (src/app.ts), which hands it to every
 * front end in the command context (ctx.digest): no platform adapter has to
 * know about the digest, and nothing looks it up.
 */
import type { Engine } from '../core/engine.js';
import type { Platform } from '../core/model.js';
import { loadTopicProfile } from '../topic/profile.js';
import type { OutboxRepository } from '../store/digest-outbox.js';
import { scheduleFromCron, type DigestSchedule } from './schedule.js';
import type { DigestSubscription, SubscriptionRepository } from '../store/digest-subscriptions.js';

export interface DigestDefaults {
  /** From BRIEFING_DIGEST_CRON and BRIEFING_TZ. */
  schedule: DigestSchedule;
  /** Heading label when a subscription has no topic: the corpus topic's name. */
  label: string;
}

/** From the configuration's BRIEFING_DIGEST_CRON, BRIEFING_TZ and BRIEFING_TOPIC_FILE (config.ts). */
export function defaultsFromConfig(config: { digestCron: string; timezone: string; topicFile?: string }): DigestDefaults {
  return {
    schedule: scheduleFromCron(config.digestCron, config.timezone, 'BRIEFING_DIGEST_CRON'),
    label: loadTopicProfile(config.topicFile).name,
  };
}

/** Told when subscriptions change; the change is done once every listener's promise settles. */
type ChangeListener = () => void | Promise<void>;

/** The digest's repositories, and this process's name on the outbox rows it owns. */
export interface DigestStores {
  subscriptions: SubscriptionRepository;
  outbox: OutboxRepository;
  owner: string;
}

export class DigestService {
  readonly subscriptions: SubscriptionRepository;
  readonly outbox: OutboxRepository;
  /** This process's name on the outbox rows it owns. */
  readonly owner: string;
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly engine: Engine,
    stores: DigestStores,
    readonly defaults: DigestDefaults,
  ) {
    this.subscriptions = stores.subscriptions;
    this.outbox = stores.outbox;
    this.owner = stores.owner;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscriptions changed (command or configuration): reschedule. */
  async changed(): Promise<void> {
    await Promise.all([...this.listeners].map((l) => l()));
  }

  /**
   * The channel's subscription, or what an unsubscribed channel would get from
   * a one-off run (CLI, preview): default schedule, no topic, and everything
   * it was never sent counts as new (it never subscribed, so no start time).
   */
  async effectiveSubscription(platform: Platform, channel: string): Promise<{ sub: DigestSubscription; subscribed: boolean }> {
    const sub = await this.subscriptions.get(platform, channel);
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
