/**
 * Digest subscriptions on PostgreSQL (table digest_subscriptions, migration
 * 100 in digest-schema.ts). The contract is ../digest-subscriptions.ts.
 */
import type pg from 'pg';
import type { Platform } from '../../core/model.js';
import {
  planSync,
  type DigestSubscription,
  type SubscriptionRepository,
  type SubscriptionSchedule,
  type SubscriptionSync,
} from '../digest-subscriptions.js';
import { query, transaction, unavailableOr, type Queryable } from './database.js';
import { toSubscription } from '../rows.js';

type NewSubscription = Omit<DigestSubscription, 'createdAt' | 'updatedAt'>;


export class PostgresSubscriptions implements SubscriptionRepository {
  constructor(private readonly pool: pg.Pool) {}

  async get(platform: Platform, channel: string): Promise<DigestSubscription | null> {
    return onPool(this.pool, (db) => get(db, platform, channel));
  }

  async list(): Promise<DigestSubscription[]> {
    return onPool(this.pool, list);
  }

  async save(sub: NewSubscription, now: Date): Promise<DigestSubscription> {
    return onPool(this.pool, (db) => save(db, sub, now));
  }

  async remove(platform: Platform, channel: string): Promise<boolean> {
    const r = await query(this.pool, 'DELETE FROM digest_subscriptions WHERE platform = $1 AND channel = $2', [platform, channel]);
    return (r.rowCount ?? 0) > 0;
  }

  /**
   * One transaction holding the table against other writers (reads go on):
   * instances starting together with the same configuration take turns, so
   * the second finds the first's work done instead of counting it again.
   */
  async syncConfigured(
    channels: Array<{ platform: Platform; channel: string }>,
    schedule: SubscriptionSchedule,
    now: Date,
  ): Promise<SubscriptionSync> {
    return transaction(this.pool, async (c) => {
      await c.query('LOCK TABLE digest_subscriptions IN SHARE ROW EXCLUSIVE MODE');
      const plan = planSync(await list(c), channels, schedule);
      for (const r of plan.remove) await c.query('DELETE FROM digest_subscriptions WHERE platform = $1 AND channel = $2', [r.platform, r.channel]);
      for (const sub of plan.save) await save(c, sub, now);
      return plan.counts;
    });
  }
}

// On the pool or inside syncConfigured's transaction alike.

async function onPool<T>(pool: pg.Pool, work: (db: Queryable) => Promise<T>): Promise<T> {
  try {
    return await work(pool);
  } catch (err) {
    throw unavailableOr(err);
  }
}

async function get(db: Queryable, platform: Platform, channel: string): Promise<DigestSubscription | null> {
  const r = await db.query('SELECT * FROM digest_subscriptions WHERE platform = $1 AND channel = $2', [platform, channel]);
  return r.rows[0] ? toSubscription(r.rows[0]) : null;
}

async function list(db: Queryable): Promise<DigestSubscription[]> {
  return (await db.query('SELECT * FROM digest_subscriptions ORDER BY platform, channel')).rows.map(toSubscription);
}

/** Insert or change; a change keeps created_at and created_by. */
async function save(db: Queryable, sub: NewSubscription, now: Date): Promise<DigestSubscription> {
  const r = await db.query(
    `INSERT INTO digest_subscriptions
       (platform, channel, time, timezone, days, topic, post_when_empty, origin, created_at, created_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9)
     ON CONFLICT (platform, channel) DO UPDATE SET
       time = excluded.time, timezone = excluded.timezone, days = excluded.days, topic = excluded.topic,
       post_when_empty = excluded.post_when_empty, origin = excluded.origin, updated_at = excluded.updated_at
     RETURNING *`,
    [
      sub.platform,
      sub.channel,
      sub.time,
      sub.timezone,
      sub.days ? JSON.stringify(sub.days) : null,
      sub.topic,
      sub.postWhenEmpty,
      sub.origin,
      now.toISOString(),
      sub.createdBy,
    ],
  );
  return toSubscription(r.rows[0]!);
}
