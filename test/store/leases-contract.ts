/**
 * The leases contract (src/store/leases.ts) and LeaseKeeper on top of it:
 * acquire, renew, lapse, release, and two instances asking at once. Short
 * TTLs stand in for a dead holder.
 */
import { beforeEach, expect, it } from 'vitest';
import { LeaseKeeper, type Leases } from '../../src/store/lease.js';
import { sleep, type FreshInstances, type Instances } from './helpers/instances.js';

export function leasesContract(fresh: FreshInstances<Leases>): void {
  let leases: Instances<Leases>;
  beforeEach(async () => {
    leases = await fresh();
  });

  it('gives a free lease to one holder and refuses it to another until it lapses', async () => {
    const { one, two } = leases;
    expect(await one.acquire('ingest', 'a', 400)).toBe(true);
    expect(await two.acquire('ingest', 'b', 400)).toBe(false);
    expect((await two.holder('ingest'))?.holder).toBe('a');
    // Renewing keeps it.
    expect(await one.acquire('ingest', 'a', 400)).toBe(true);
    await sleep(600);
    expect(await one.holder('ingest')).toBeNull();
    expect(await two.acquire('ingest', 'b', 400)).toBe(true);
    // The old holder cannot renew what it lost.
    expect(await one.acquire('ingest', 'a', 400)).toBe(false);
    expect((await one.holder('ingest'))?.holder).toBe('b');
  });

  it('renewing pushes the expiry on', async () => {
    expect(await leases.one.acquire('feeds', 'a', 60_000)).toBe(true);
    const first = (await leases.one.holder('feeds'))!;
    await sleep(20);
    expect(await leases.one.acquire('feeds', 'a', 60_000)).toBe(true);
    const renewed = (await leases.two.holder('feeds'))!;
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.parse(first.expiresAt));
  });

  it('lets another holder in at once after a release, and only the holder can release', async () => {
    const { one, two } = leases;
    expect(await one.acquire('sweep', 'a', 60_000)).toBe(true);
    await two.release('sweep', 'b');
    expect(await two.acquire('sweep', 'b', 60_000)).toBe(false);
    await one.release('sweep', 'a');
    expect(await one.holder('sweep')).toBeNull();
    expect(await two.acquire('sweep', 'b', 60_000)).toBe(true);
  });

  it('keeps leases of different names apart', async () => {
    expect(await leases.one.acquire('feeds', 'a', 60_000)).toBe(true);
    expect(await leases.two.acquire('watch', 'b', 60_000)).toBe(true);
  });

  it('gives a free lease asked for by two instances at the same moment to exactly one', async () => {
    for (let round = 0; round < 5; round++) {
      const name = `digest-sweep-${round}`;
      const got = await Promise.all([leases.one.acquire(name, 'a', 60_000), leases.two.acquire(name, 'b', 60_000)]);
      expect(got.filter(Boolean), name).toHaveLength(1);
      expect((await leases.one.holder(name))?.holder).toBe(got[0] ? 'a' : 'b');
    }
  });

  it('hands the work over between keepers: one at a time, the other takes over when the first stops renewing', async () => {
    const events: string[] = [];
    const a = new LeaseKeeper(leases.one, 'poll', 'a', { ttlMs: 300, renewMs: 100, onAcquired: () => events.push('a+'), onLost: () => events.push('a-') });
    const b = new LeaseKeeper(leases.two, 'poll', 'b', { ttlMs: 300, renewMs: 100, onAcquired: () => events.push('b+'), onLost: () => events.push('b-') });
    await a.start();
    await b.start();
    expect([a.held, b.held]).toEqual([true, false]);
    await sleep(450);
    expect([a.held, b.held]).toEqual([true, false]);
    await a.stop();
    await sleep(250);
    expect([a.held, b.held]).toEqual([false, true]);
    await b.stop();
    expect(events).toEqual(['a+', 'a-', 'b+', 'b-']);
  });
}
