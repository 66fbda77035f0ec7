/** The targets on a 2-core machine; sizes up to 10,000 use the 10k column. */
export interface Targets {
  ingestOverFloor: number;
  reingestUnchangedMs: number;
  p95Ms: number;
  digestMs: number;
  peakRssMb: number;
  /** Slack and Discord acks under load (issue 16): p99 at most this, and every one inside 3 s. */
  ackP99Ms: number;
  /** /health under the same load. */
  healthMs: number;
}

export function targetsFor(docs: number): Targets {
  return docs <= 10_000
    ? { ingestOverFloor: 3, reingestUnchangedMs: 2_000, p95Ms: 100, digestMs: 500, peakRssMb: 400, ackP99Ms: 1_000, healthMs: 1_000 }
    : { ingestOverFloor: 3, reingestUnchangedMs: 15_000, p95Ms: 300, digestMs: 1_500, peakRssMb: 1_536, ackP99Ms: 1_000, healthMs: 1_000 };
}
