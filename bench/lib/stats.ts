/** Latency summaries: nearest-rank percentiles, so p95 of 100 calls is the 95th slowest-but-five. */
export interface Latency {
  p50: number;
  p95: number;
  max: number;
  calls: number;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sortedMs.length);
  return sortedMs[Math.min(sortedMs.length, Math.max(1, rank)) - 1]!;
}

export function summarise(samplesMs: number[]): Latency {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1) ?? 0),
    calls: sorted.length,
  };
}

export interface CallTimes {
  /** Wall-clock ms per call. */
  wall: number[];
  /** This process's CPU ms per call: what the call cost, whatever else the machine was doing. */
  cpu: number[];
}

/** Run `fn` for each input, timing each call in process (no Node start-up). */
export async function timeCalls<T>(inputs: T[], fn: (input: T) => Promise<unknown>): Promise<CallTimes> {
  const out: CallTimes = { wall: [], cpu: [] };
  for (const input of inputs) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn(input);
    out.wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    out.cpu.push((used.user + used.system) / 1000);
  }
  return out;
}
