/**
 * Channel subscriptions in the database. Subscriptions made with
 * `/briefing subscribe` and those an operator declares in
 * BRIEFING_DIGEST_CHANNELS live in one table; `origin` says which, so a
 * configured one is re-declared at start and never silently overridden.
 */
import type Database from 'better-sqlite3';
import type { Platform, Subscription } from '../core/model.js';
import type { DigestSchedule } from './schedule.js';

export interface DigestSubscription extends Subscription {
  /** Weekdays (0 = Sunday) the digest runs on; null = every day. */
  days: number[] | null;
  /** Made by a command in the channel, or declared in configuration. */
  origin: 'command' | 'config';
  /** Last change of its settings (a slot due before it is not caught up). */
  updatedAt: string;
}

export function scheduleOf(sub: Pick<DigestSubscription, 'time' | 'timezone' | 'days'>): DigestSchedule {
  return { time: sub.time, timezone: sub.timezone, days: sub.days };
}

type Row = Record<string, unknown>;

function toSubscription(r: Row): DigestSubscription {
  return {
    platform: r.platform as Platform,
    channel: r.channel as string,
    time: r.time as string,
    timezone: r.timezone as string,
    days: r.days ? (JSON.parse(r.days as string) as number[]) : null,
    topic: (r.topic as string | null) ?? null,
    postWhenEmpty: r.post_when_empty === 1,
    origin: r.origin as DigestSubscription['origin'],
    createdAt: r.created_at as string,
    createdBy: (r.created_by as string | null) ?? null,
    updatedAt: r.updated_at as string,
  };
}

export class SubscriptionStore {
  constructor(private readonly db: Database.Database) {}

  get(platform: Platform, channel: string): DigestSubscription | null {
    const row = this.db
      .prepare('SELECT * FROM digest_subscriptions WHERE platform = ? AND channel = ?')
      .get(platform, channel) as Row | undefined;
    return row ? toSubscription(row) : null;
  }

  list(): DigestSubscription[] {
    return (this.db.prepare('SELECT * FROM digest_subscriptions ORDER BY platform, channel').all() as Row[]).map(
      toSubscription,
    );
  }

  /**
   * Create or change a subscription. Changing one keeps its `createdAt`, so
   * the channel still gets what arrived since it first subscribed.
   */
  save(sub: Omit<DigestSubscription, 'createdAt' | 'updatedAt'>, now: Date): DigestSubscription {
    const at = now.toISOString();
    this.db
      .prepare(
        `INSERT INTO digest_subscriptions
           (platform, channel, time, timezone, days, topic, post_when_empty, origin, created_at, created_by, updated_at)
         VALUES (@platform, @channel, @time, @timezone, @days, @topic, @postWhenEmpty, @origin, @at, @createdBy, @at)
         ON CONFLICT (platform, channel) DO UPDATE SET
           time = excluded.time, timezone = excluded.timezone, days = excluded.days, topic = excluded.topic,
           post_when_empty = excluded.post_when_empty, origin = excluded.origin, updated_at = excluded.updated_at`,
      )
      .run({
        platform: sub.platform,
        channel: sub.channel,
        time: sub.time,
        timezone: sub.timezone,
        days: sub.days ? JSON.stringify(sub.days) : null,
        topic: sub.topic,
        postWhenEmpty: sub.postWhenEmpty ? 1 : 0,
        origin: sub.origin,
        at,
        createdBy: sub.createdBy,
      });
    return this.get(sub.platform, sub.channel)!;
  }

  remove(platform: Platform, channel: string): boolean {
    return this.db.prepare('DELETE FROM digest_subscriptions WHERE platform = ? AND channel = ?').run(platform, channel)
      .changes > 0;
  }

  /**
   * Make the configured channels match BRIEFING_DIGEST_CHANNELS: add missing
   * ones with the declared schedule (BRIEFING_DIGEST_CRON, BRIEFING_TZ), give
   * listed ones that schedule again if it changed, drop configured ones no
   * longer listed. Topic and quiet, which configuration does not declare,
   * stay as a command set them. Unchanged ones are not touched: their
   * `updatedAt` decides which missed slots are caught up.
   */
  syncConfigured(
    channels: Array<{ platform: Platform; channel: string }>,
    defaults: DigestSchedule,
    now: Date,
  ): { added: number; removed: number; rescheduled: number } {
    let added = 0;
    let removed = 0;
    let rescheduled = 0;
    this.db.transaction(() => {
      const wanted = new Set(channels.map((c) => `${c.platform}:${c.channel}`));
      for (const s of this.list()) {
        if (s.origin === 'config' && !wanted.has(`${s.platform}:${s.channel}`)) {
          this.remove(s.platform, s.channel);
          removed++;
        }
      }
      for (const c of channels) {
        const current = this.get(c.platform, c.channel);
        if (!current) {
          this.save({ ...c, ...defaults, topic: null, postWhenEmpty: true, origin: 'config', createdBy: null }, now);
          added++;
          continue;
        }
        const sameSchedule =
          current.time === defaults.time && current.timezone === defaults.timezone && JSON.stringify(current.days) === JSON.stringify(defaults.days);
        if (sameSchedule && current.origin === 'config') continue;
        this.save({ ...current, ...defaults, origin: 'config' }, now);
        rescheduled++;
      }
    }).immediate();
    return { added, removed, rescheduled };
  }
}
