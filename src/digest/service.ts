/**
 * The digest's state for one engine: subscriptions, outbox, defaults, and who
 * to tell when subscriptions change (the scheduler rebuilds its cron tasks).
 *
 * Commands reach it with `digestServiceFor(ctx.engine)`, so no platform
 * adapter has to know about the digest: `serve` registers the service it
 * configured; anywhere else one is made from the environment's defaults.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Engine } from '../core/engine.js';
import type { Platform } from '../core/model.js';
import { loadConfig, type AppConfig } from '../config.js';
import { loadTopicProfile } from '../topic/profile.js';
import { Outbox } from './outbox.js';
import { scheduleFromCron, type DigestSchedule } from './schedule.js';
import { SubscriptionStore, type DigestSubscription } from './subscriptions.js';

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

export class DigestService {
  readonly subscriptions: SubscriptionStore;
  readonly outbox: Outbox;
  /** This process's name on the outbox rows it owns. */
  readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly engine: Engine,
    readonly db: Database.Database,
    readonly defaults: DigestDefaults,
  ) {
    this.subscriptions = new SubscriptionStore(db);
    this.outbox = new Outbox(db);
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

const services = new WeakMap<Engine, DigestService>();

/** Make `service` the one commands see for its engine (serve, CLI, tests). */
export function registerDigestService(service: DigestService): DigestService {
  services.set(service.engine, service);
  return service;
}

/** The SQLite handle of an engine built on the SQLite store. */
function sqliteOf(engine: Engine): Database.Database {
  const db = (engine as { store?: { db?: Database.Database } }).store?.db;
  if (!db) throw new Error('The digest needs the SQLite store (engine.store.db).');
  return db;
}

export function createDigestService(engine: Engine, defaults: DigestDefaults): DigestService {
  return registerDigestService(new DigestService(engine, sqliteOf(engine), defaults));
}

/** The registered service for this engine, or one with the environment's defaults. */
export function digestServiceFor(engine: Engine): DigestService {
  const known = services.get(engine);
  if (known) return known;
  let defaults: DigestDefaults;
  try {
    defaults = defaultsFromConfig(loadConfig(process.env));
  } catch {
    // Start-up already reported a bad environment; commands still answer.
    defaults = defaultsFromConfig({ digestCron: '0 8 * * *', timezone: 'Europe/London' });
  }
  return createDigestService(engine, defaults);
}
