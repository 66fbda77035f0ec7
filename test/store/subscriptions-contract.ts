/**
 * The subscriptions contract (src/store/digest-subscriptions.ts): a channel's
 * digest settings as saved, changes keeping when it first subscribed, and the
 * configured channels made exactly the declared ones, on two instances
 * sharing a database (which may start at the same moment).
 */
import { beforeEach, expect, it } from 'vitest';
import type { Platform } from '../../src/core/model.js';
import type { DigestSubscription, SubscriptionRepository, SubscriptionSchedule } from '../../src/store/digest-subscriptions.js';
import type { FreshInstances, Instances } from './helpers/instances.js';

const T0 = new Date('2025-02-10T09:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const DEFAULT_SCHEDULE: SubscriptionSchedule = { time: '08:00', timezone: 'Europe/London', days: null };

function bySubscribe(platform: Platform, channel: string, over: Partial<DigestSubscription> = {}): Omit<DigestSubscription, 'createdAt' | 'updatedAt'> {
  return {
    platform,
    channel,
    time: '07:30',
    timezone: 'America/New_York',
    days: [1, 2, 3, 4, 5],
    topic: 'air defence',
    postWhenEmpty: false,
    origin: 'command',
    createdBy: 'U7',
    ...over,
  };
}

export function subscriptionsContract(fresh: FreshInstances<SubscriptionRepository>): void {
  let subs: Instances<SubscriptionRepository>;
  beforeEach(async () => {
    subs = await fresh();
  });

  it('keeps a subscription as saved, and lists them by platform then channel', async () => {
    const saved = await subs.one.save(bySubscribe('slack', 'C2'), T0);
    expect(saved).toEqual({ ...bySubscribe('slack', 'C2'), createdAt: T0.toISOString(), updatedAt: T0.toISOString() });
    expect(await subs.two.get('slack', 'C2')).toEqual(saved);
    await subs.two.save(bySubscribe('discord', '900', { days: null, topic: null, postWhenEmpty: true, createdBy: null }), T0);
    await subs.one.save(bySubscribe('slack', 'C1'), T0);
    expect((await subs.one.list()).map((s) => `${s.platform}:${s.channel}`)).toEqual(['discord:900', 'slack:C1', 'slack:C2']);
    expect(await subs.one.get('discord', '900')).toMatchObject({ days: null, topic: null, postWhenEmpty: true, createdBy: null });
    expect(await subs.one.get('discord', 'C2')).toBeNull();
  });

  it('a change keeps when and by whom the channel first subscribed', async () => {
    await subs.one.save(bySubscribe('discord', '900'), T0);
    const changed = await subs.two.save(bySubscribe('discord', '900', { time: '06:45', topic: null, createdBy: 'U8' }), later(5));
    expect(changed).toMatchObject({ time: '06:45', topic: null, createdBy: 'U7', createdAt: T0.toISOString(), updatedAt: later(5).toISOString() });
    expect(await subs.one.get('discord', '900')).toEqual(changed);
  });

  it('removes a subscription, saying whether there was one', async () => {
    await subs.one.save(bySubscribe('discord', '900'), T0);
    expect(await subs.two.remove('discord', '900')).toBe(true);
    expect(await subs.one.remove('discord', '900')).toBe(false);
    expect(await subs.one.get('discord', '900')).toBeNull();
  });

  it('syncs the configured channels: adds the missing with the schedule, drops those no longer declared, leaves commands’ alone', async () => {
    await subs.one.save(bySubscribe('slack', 'C-cmd'), T0);
    const declared = [
      { platform: 'slack' as const, channel: 'C123' },
      { platform: 'discord' as const, channel: '456' },
    ];
    expect(await subs.one.syncConfigured(declared, DEFAULT_SCHEDULE, T0)).toEqual({ added: 2, removed: 0, rescheduled: 0 });
    expect(await subs.two.get('slack', 'C123')).toEqual({
      platform: 'slack',
      channel: 'C123',
      ...DEFAULT_SCHEDULE,
      topic: null,
      postWhenEmpty: true,
      origin: 'config',
      createdBy: null,
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
    });
    // Dropped from configuration: gone at the next start; the command-made one stays.
    expect(await subs.two.syncConfigured(declared.slice(0, 1), DEFAULT_SCHEDULE, later(1))).toEqual({ added: 0, removed: 1, rescheduled: 0 });
    expect(await subs.one.get('discord', '456')).toBeNull();
    expect((await subs.one.list()).map((s) => s.channel)).toEqual(['C-cmd', 'C123']);
    expect(await subs.one.syncConfigured([], DEFAULT_SCHEDULE, later(2))).toEqual({ added: 0, removed: 1, rescheduled: 0 });
    expect((await subs.one.list()).map((s) => s.channel)).toEqual(['C-cmd']);
  });

  it('gives a declared channel the declared schedule again, keeping topic and quiet; an unchanged one is not touched', async () => {
    const declared = [{ platform: 'slack' as const, channel: 'C777' }];
    // Subscribed by command before the operator declared it.
    const before = await subs.one.save(bySubscribe('slack', 'C777', { time: '06:15', topic: 'training' }), T0);
    expect(await subs.one.syncConfigured(declared, DEFAULT_SCHEDULE, later(1))).toEqual({ added: 0, removed: 0, rescheduled: 1 });
    expect(await subs.two.get('slack', 'C777')).toMatchObject({
      ...DEFAULT_SCHEDULE,
      origin: 'config',
      topic: 'training',
      postWhenEmpty: false,
      createdAt: before.createdAt,
      updatedAt: later(1).toISOString(),
    });

    const weekdays = { time: '07:30', timezone: 'America/New_York', days: [1, 2, 3, 4, 5] };
    expect(await subs.two.syncConfigured(declared, weekdays, later(2))).toEqual({ added: 0, removed: 0, rescheduled: 1 });
    const moved = (await subs.one.get('slack', 'C777'))!;
    expect(moved).toMatchObject({ ...weekdays, origin: 'config', createdAt: before.createdAt, updatedAt: later(2).toISOString() });

    // Unchanged configuration: untouched (its updatedAt decides what is caught up).
    expect(await subs.one.syncConfigured(declared, weekdays, later(3))).toEqual({ added: 0, removed: 0, rescheduled: 0 });
    expect(await subs.two.get('slack', 'C777')).toEqual(moved);
  });

  it('two instances starting at once with the same configuration add each channel once between them', async () => {
    const declared = Array.from({ length: 6 }, (_, i) => ({ platform: 'slack' as const, channel: `C${i}` }));
    const [a, b] = await Promise.all([
      subs.one.syncConfigured(declared, DEFAULT_SCHEDULE, T0),
      subs.two.syncConfigured(declared, DEFAULT_SCHEDULE, T0),
    ]);
    expect(a.added + b.added).toBe(declared.length);
    expect(a.removed + b.removed + a.rescheduled + b.rescheduled).toBe(0);
    expect((await subs.one.list()).map((s) => s.channel)).toEqual(declared.map((d) => d.channel));
  });
}
