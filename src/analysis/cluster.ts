/**
 * Grouping reports of the same happening. Near-linear: candidates are only
 * compared inside their date window (same date; ±1 day for day precision),
 * and inside a window only with others sharing an amount, a named entity or
 * one of their rarest content words (an inverted index with a cap on very
 * common keys). Accepted pairs are merged greedily, best pair first, under
 * cluster-level constraints, so the result does not depend on input order.
 */
import { containment, setCosine } from './text.js';

export interface ClusterItem {
  /** 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY' */
  date: string;
  /** Day number for day precision (window ±1), null otherwise (window = same date). */
  day: number | null;
  stems: Set<string>;
  shingles: Set<string>;
  entityKeys: Set<string>;
  /** Sorted amount keys (see amounts.ts). */
  amountKeys: string[];
  /** Already an event (incremental mode): two fixed items never merge. */
  fixed: boolean;
}

/** Thresholds of "same happening", in one place. */
export const SAME = {
  /** Share of the shorter sentence's 3-word shingles found in the other: the same quoted words. */
  quoteContainment: 0.5,
  minSharedShingles: 4,
  /** Stemmed content-word cosine that alone means the same sentence reworded. */
  nearDuplicateCosine: 0.6,
  /** With the same amount(s): a shared entity or this much content overlap. */
  sameAmountCosine: 0.2,
  /** Without amounts: a shared entity and this much content overlap. */
  entityCosine: 0.4,
  /** Day-precision clusters never span more than this many days. */
  maxDaySpan: 1,
};

/** Keys whose posting list in a window is longer than this are too common to block on. */
const POSTING_CAP = 250;
/** How many of an item's rarest content words are used to find its neighbours. */
const RARE_STEMS = 8;

/**
 * Score of two items being the same happening, or null when they are not.
 * Different amounts are different facts: never the same.
 */
export function sameHappeningScore(a: ClusterItem, b: ClusterItem): number | null {
  const aAmt = a.amountKeys.length > 0;
  const bAmt = b.amountKeys.length > 0;
  const sameAmounts = aAmt && bAmt && a.amountKeys.length === b.amountKeys.length && a.amountKeys.every((k, i) => k === b.amountKeys[i]);
  if (aAmt && bAmt && !sameAmounts) return null;

  const shared = sharedCount(a.shingles, b.shingles);
  const quote = shared >= SAME.minSharedShingles ? containment(a.shingles, b.shingles) : 0;
  if (quote >= SAME.quoteContainment) return 2 + quote;

  const cos = setCosine(a.stems, b.stems);
  if (cos >= SAME.nearDuplicateCosine) return 1.5 + cos;

  const sharedEntity = sharedCount(a.entityKeys, b.entityKeys) > 0;
  if (sameAmounts && (sharedEntity || cos >= SAME.sameAmountCosine)) return 1 + cos;
  if (!aAmt && !bAmt && sharedEntity && cos >= SAME.entityCosine) return cos;
  return null;
}

function sharedCount<T>(a: Set<T>, b: Set<T>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

function bucketOf(item: ClusterItem): string {
  return item.day !== null ? `d${item.day}` : `p${item.date}`;
}

function neighbourBuckets(item: ClusterItem): string[] {
  if (item.day === null) return [`p${item.date}`];
  return [`d${item.day - 1}`, `d${item.day}`, `d${item.day + 1}`];
}

function featureKeys(item: ClusterItem): { strong: string[]; stems: string[] } {
  return {
    strong: [...item.amountKeys.map((k) => `a:${k}`), ...[...item.entityKeys].map((k) => `e:${k}`)],
    stems: [...item.stems].map((k) => `w:${k}`),
  };
}

/** Candidate pairs (i < j) that share a window and a selective key. */
function candidatePairs(items: ClusterItem[]): Array<[number, number]> {
  const index = new Map<string, Map<string, number[]>>();
  const features = items.map(featureKeys);
  items.forEach((item, i) => {
    const bucket = bucketOf(item);
    let postings = index.get(bucket);
    if (!postings) index.set(bucket, (postings = new Map()));
    const f = features[i]!;
    for (const key of [...f.strong, ...f.stems]) {
      const list = postings.get(key);
      if (list) list.push(i);
      else postings.set(key, [i]);
    }
  });

  const pairs: Array<[number, number]> = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const buckets = neighbourBuckets(item).map((b) => index.get(b)).filter((b) => b !== undefined);
    const postingsOf = (key: string): number[][] => buckets.map((b) => b.get(key) ?? []);
    const sizeOf = (key: string): number => postingsOf(key).reduce((n, l) => n + l.length, 0);

    const f = features[i]!;
    const strong = f.strong.filter((k) => sizeOf(k) <= POSTING_CAP);
    const rare = f.stems
      .map((k) => ({ k, n: sizeOf(k) }))
      .filter((x) => x.n <= POSTING_CAP && x.n > 1)
      .sort((a, b) => a.n - b.n || (a.k < b.k ? -1 : 1))
      .slice(0, RARE_STEMS)
      .map((x) => x.k);

    const hits = new Map<number, number>();
    const amountHit = new Set<number>();
    for (const key of [...strong, ...rare]) {
      for (const list of postingsOf(key)) {
        for (const j of list) {
          if (j === i) continue;
          hits.set(j, (hits.get(j) ?? 0) + 1);
          if (key.startsWith('a:')) amountHit.add(j);
        }
      }
    }
    for (const [j, n] of hits) {
      if (n < 2 && !amountHit.has(j)) continue;
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      const id = `${a}:${b}`;
      if (seen.has(id)) continue;
      seen.add(id);
      pairs.push([a, b]);
    }
  });
  return pairs;
}

/**
 * Groups of item indices, each one happening. Items must be given in a
 * deterministic order (callers sort them); groups come back in order of their
 * smallest index, members ascending.
 */
export function clusterItems(items: ClusterItem[]): number[][] {
  const scored: Array<{ a: number; b: number; score: number }> = [];
  for (const [a, b] of candidatePairs(items)) {
    if (items[a]!.fixed && items[b]!.fixed) continue;
    const score = sameHappeningScore(items[a]!, items[b]!);
    if (score !== null) scored.push({ a, b, score });
  }
  scored.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);

  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // Cluster-level facts checked before every merge, so chains cannot join what pairs would not.
  const amounts = items.map((it) => (it.amountKeys.length ? it.amountKeys.join('|') : ''));
  const minDay = items.map((it) => it.day);
  const maxDay = items.map((it) => it.day);
  const fixed = items.map((it) => it.fixed);

  for (const { a, b } of scored) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    if (fixed[ra] && fixed[rb]) continue;
    if (amounts[ra] && amounts[rb] && amounts[ra] !== amounts[rb]) continue;
    const lo = minOf(minDay[ra]!, minDay[rb]!);
    const hi = maxOf(maxDay[ra]!, maxDay[rb]!);
    if (lo !== null && hi !== null && hi - lo > SAME.maxDaySpan) continue;
    const root = Math.min(ra, rb);
    const other = root === ra ? rb : ra;
    parent[other] = root;
    amounts[root] = amounts[root] || amounts[other]!;
    minDay[root] = lo;
    maxDay[root] = hi;
    fixed[root] = fixed[root]! || fixed[other]!;
  }

  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.entries()].sort((x, y) => x[0] - y[0]).map(([, g]) => g);
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}
function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
