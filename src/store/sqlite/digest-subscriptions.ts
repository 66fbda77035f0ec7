/**
 * Digest subscriptions in SQLite (table digest_subscriptions, migration 100
 * in digest-schema.ts). The contract is ../digest-subscriptions.ts.
 */
import type Database from 'better-sqlite3';
import type { Platform } from '../../core/model.js';
import {
  planSync,
  type DigestSubscription,
  type SubscriptionRepository,
  type SubscriptionSchedule,
  type SubscriptionSync,
} from '../digest-subscriptions.js';
import { toSubscription, type Row } from '../rows.js';



export class SqliteSubscriptions implements SubscriptionRepository {
  constructor(private readonly db: Database.Database) {}

  async get(platform: Platform, channel: string): Promise<DigestSubscription | null> {
    return this.getSync(platform, channel);
  }

  async list(): Promise<DigestSubscription[]> {
    return this.listSync();
  }

  async save(sub: Omit<DigestSubscription, 'createdAt' | 'updatedAt'>, now: Date): Promise<DigestSubscription> {
    return this.saveSync(sub, now);
  }

  async remove(platform: Platform, channel: string): Promise<boolean> {
    return this.removeSync(platform, channel);
  }

  async syncConfigured(
    channels: Array<{ platform: Platform; channel: string }>,
    schedule: SubscriptionSchedule,
    now: Date,
  ): Promise<SubscriptionSync> {
    return this.db
      .transaction(() => {
        const plan = planSync(this.listSync(), channels, schedule);
        for (const r of plan.remove) this.removeSync(r.platform, r.channel);
        for (const sub of plan.save) this.saveSync(sub, now);
        return plan.counts;
      })
      .immediate();
  }

  // One synchronous body per operation, so syncConfigured runs them inside its one transaction.

  private getSync(platform: Platform, channel: string): DigestSubscription | null {
    const row = this.db.prepare('SELECT * FROM digest_subscriptions WHERE platform = ? AND channel = ?').get(platform, channel) as
      | Row
      | undefined;
    return row ? toSubscription(row) : null;
  }

  private listSync(): DigestSubscription[] {
    return (this.db.prepare('SELECT * FROM digest_subscriptions ORDER BY platform, channel').all() as Row[]).map(toSubscription);
  }

  private saveSync(sub: Omit<DigestSubscription, 'createdAt' | 'updatedAt'>, now: Date): DigestSubscription {
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
    return this.getSync(sub.platform, sub.channel)!;
  }

  private removeSync(platform: Platform, channel: string): boolean {
    return this.db.prepare('DELETE FROM digest_subscriptions WHERE platform = ? AND channel = ?').run(platform, channel).changes > 0;
  }
}
