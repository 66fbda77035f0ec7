/** The targets on a 2-core machine; sizes up to 10,000 use the 10k column. */
export interface Targets {
  ingestOverFloor: number;
  reingestUnchangedMs: number;
  p95Ms: number;
  digestMs: number;
  peakRssMb: number;
}

export function targetsFor(docs: number): Targets {
  return docs <= 10_000
    ? { ingestOverFloor: 3, reingestUnchangedMs: 2_000, p95Ms: 100, digestMs: 500, peakRssMb: 400 }
    : { ingestOverFloor: 3, reingestUnchangedMs: 15_000, p95Ms: 300, digestMs: 1_500, peakRssMb: 1_536 };
}
