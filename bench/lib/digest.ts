/**
 * `digest --dry-run` as the digest module runs it: plan a channel's digest
 * (events arrived in its window, on its topic, new to it) and compose the
 * reply, without claiming the slot. The benchmark's channel subscribed just
 * after the cold ingest, so its window holds the day's new arrivals.
 */
import { deliverDigest } from '../../src/digest/deliver.js';
import type { DigestService } from '../../src/digest/service.js';

export interface DigestCall {
  topic?: string;
}

/** `service`: the app's digest (createApp), with the configuration's default schedule. */
export function digestDryRun(service: DigestService, windowFrom: string, now: () => Date) {
  let n = 0;
  return async (call: DigestCall): Promise<number> => {
    const base = (await service.effectiveSubscription('console', `bench-${n++}`)).sub;
    const sub = { ...base, topic: call.topic ?? null, createdAt: windowFrom };
    const slot = now().toISOString().slice(0, 10);
    const r = await deliverDigest({ service, sub, slot, dryRun: true, skipRefresh: true, now });
    if (r.status !== 'dry-run') throw new Error(`digest dry run returned ${r.status}`);
    return r.items.length;
  };
}
