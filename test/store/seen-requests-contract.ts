/**
 * The seen-requests contract (src/store/seen-requests.ts): a key is taken
 * once while it lives, again once it lapsed, and two instances sharing the
 * database agree on it, even when they see it at the same moment.
 */
import { beforeEach, expect, it } from 'vitest';
import type { SeenRequests } from '../../src/store/seen-requests.js';
import { sleep, type FreshInstances, type Instances } from './helpers/instances.js';

export function seenRequestsContract(fresh: FreshInstances<SeenRequests>): void {
  let seen: Instances<SeenRequests>;
  beforeEach(async () => {
    seen = await fresh();
  });

  it('takes a key once while it lives, again once it lapsed, and agrees across instances', async () => {
    expect(await seen.one.firstSighting('slack:trigger_id:1', 300)).toBe(true);
    expect(await seen.one.firstSighting('slack:trigger_id:1', 300)).toBe(false);
    expect(await seen.two.firstSighting('slack:trigger_id:1', 300)).toBe(false);
    expect(await seen.two.firstSighting('slack:trigger_id:2', 300)).toBe(true);
    await sleep(400);
    expect(await seen.two.firstSighting('slack:trigger_id:1', 300)).toBe(true);
    expect(await seen.one.firstSighting('slack:trigger_id:1', 300)).toBe(false);
  });

  it('gives a retry seen by both instances at the same moment to exactly one of them', async () => {
    for (let round = 0; round < 5; round++) {
      const key = `discord:interaction:${round}`;
      const taken = await Promise.all([
        seen.one.firstSighting(key, 60_000),
        seen.two.firstSighting(key, 60_000),
        seen.one.firstSighting(key, 60_000),
        seen.two.firstSighting(key, 60_000),
      ]);
      expect(taken.filter(Boolean), key).toHaveLength(1);
    }
  });
}
