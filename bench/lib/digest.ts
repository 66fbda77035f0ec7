/**
 * `digest --dry-run` as the digest module runs it: plan a channel's digest
 * (events arrived in its window, on its topic, new to it) and compose the
 * reply, without claiming the slot. The benchmark's channel subscribed just
 * after the cold ingest, so its window holds the day's new arrivals.
 */
import type { BriefingEngine } from '../../src/engine.js';
import { deliverDigest } from '../../src/digest/deliver.js';
import { createDigestService, defaultsFromConfig } from '../../src/digest/service.js';

export interface DigestCall {
  topic?: string;
}

export function digestDryRun(engine: BriefingEngine, windowFrom: string, now: () => Date) {
  const service = createDigestService(engine, defaultsFromConfig({ digestCron: '0 8 * * *', timezone: 'Europe/London' }));
  let n = 0;
  return async (call: DigestCall): Promise<number> => {
    const base = service.effectiveSubscription('console', `bench-${n++}`).sub;
    const sub = { ...base, topic: call.topic ?? null, createdAt: windowFrom };
    const slot = now().toISOString().slice(0, 10);
    const r = await deliverDigest({ service, sub, slot, dryRun: true, skipRefresh: true, now });
    if (r.status !== 'dry-run') throw new Error(`digest dry run returned ${r.status}`);
    return r.items.length;
  };
}
