/**
 * Grouping reports of the same happening. Near-linear: candidates are only
 * compared inside their date window (same date; ±1 day for day precision),
 * and inside a window only with others sharing an amount, a named entity or
 * one of their rarest content words (an inverted index with a cap on very
 * common keys). Accepted pairs are merged greedily, best pair first, under
 * cluster-level constraints, so the result does not depend on input order.
 *
 * Word features are sorted integer arrays (see clusterItem) so the millions
 * of pair comparisons of a large corpus are merges of small arrays.
 */
import { contentStemSet, coreStems, shingleHashes, words } from './text.js';

export interface ClusterItem {
  /** 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY' */
  date: string;
  /** Day number for day precision (window ±1), null otherwise (window = same date). */
  day: number | null;
  /**
   * The word features, four sorted runs in one array (one typed array per
   * item instead of four: a large corpus holds hundreds of thousands):
   * - stems: ids of stemmed content words;
   * - core stems: stems without entity names and calendar words (text.coreStems);
   * - shingles: hashes of 3-word shingles;
   * - entity keys: ids of entity keys (text.entityKey).
   * The first three slots hold where the first three runs end; see `run`.
   */
  features: Int32Array;
  /** Sorted amount keys (see amounts.ts). */
  amountKeys: string[];
  /** Already an event (incremental mode): two fixed items never merge. */
  fixed: boolean;
}

const enum Run {
  Stems = 0,
  CoreStems = 1,
  Shingles = 2,
  EntityKeys = 3,
}
/** Slots before the runs holding their ends. */
const HEADER = 3;

/** Where one run of an item's features starts and ends (two functions: this is the hot loop, no tuples). */
function runStart(f: Int32Array, run: Run): number {
  return run === Run.Stems ? HEADER : f[run - 1]!;
}
function runEnd(f: Int32Array, run: Run): number {
  return run === Run.EntityKeys ? f.length : f[run]!;
}

/** One run of an item's features, as a view (for the few places that iterate it). */
function run(item: ClusterItem, which: Run): Int32Array {
  return item.features.subarray(runStart(item.features, which), runEnd(item.features, which));
}

function packFeatures(runs: [Int32Array, Int32Array, Int32Array, Int32Array]): Int32Array {
  const f = new Int32Array(HEADER + runs.reduce((n, r) => n + r.length, 0));
  let at = HEADER;
  runs.forEach((r, i) => {
    f.set(r, at);
    at += r.length;
    if (i < HEADER) f[i] = at;
  });
  return f;
}

/**
 * A word's feature id: a 31-bit hash (FNV-1a), the same in every run and
 * thread, so features can be worked out anywhere (a worker thread, an
 * earlier slice of a rebuild) and compared with any others. Non-negative:
 * matchingPairs gives amounts negative ids. Two words sharing an id is
 * possible but rare enough (tens of thousands of distinct words in 2^31)
 * to change no outcome that matters.
 */
function featureId(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h & 0x7fffffff;
}

function idsOf(values: Iterable<string>): Int32Array {
  const out = new Set<number>();
  for (const v of values) out.add(featureId(v));
  return Int32Array.from(out).sort();
}

/** The word features of one text with its entities. */
export function clusterItem(args: {
  date: string;
  day: number | null;
  text: string;
  entities: string[];
  entityKeys: Set<string>;
  amountKeys: string[];
  fixed?: boolean;
  /** The text's words and content stems when the caller has them already (summary keeps them per text). */
  words?: string[];
  stems?: Set<string>;
}): ClusterItem {
  const ws = args.words ?? words(args.text);
  const stems = args.stems ?? contentStemSet(ws);
  return {
    date: args.date,
    day: args.day,
    features: packFeatures([
      idsOf(stems),
      idsOf(coreStems(stems, args.entities)),
      Int32Array.from(new Set(shingleHashes(ws))).sort(),
      idsOf(args.entityKeys),
    ]),
    amountKeys: args.amountKeys,
    fixed: args.fixed ?? false,
  };
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
  /** Without amounts: a shared entity and this much overlap of what is said (names and days left out). */
  entityCosine: 0.4,
  /** Day-precision clusters never span more than this many days. */
  maxDaySpan: 1,
};

/** Keys whose posting list in a window is longer than this are too common to block on. */
const POSTING_CAP = 250;
/** How many of an item's rarest content words are used to find its neighbours. */
const RARE_STEMS = 8;

/** Size of the intersection of one run of two items' features (sorted). */
function overlap(x: ClusterItem, y: ClusterItem, which: Run): number {
  const a = x.features;
  const b = y.features;
  let i = runStart(a, which);
  let j = runStart(b, which);
  const aEnd = runEnd(a, which);
  const bEnd = runEnd(b, which);
  let n = 0;
  while (i < aEnd && j < bEnd) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

function runLength(item: ClusterItem, which: Run): number {
  return runEnd(item.features, which) - runStart(item.features, which);
}

function cosine(a: ClusterItem, b: ClusterItem, which: Run): number {
  const na = runLength(a, which);
  const nb = runLength(b, which);
  return na && nb ? overlap(a, b, which) / Math.sqrt(na * nb) : 0;
}

function sameAmountKeys(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/**
 * Score of two items being the same happening, or null when they are not.
 * Different amounts are different facts: never the same.
 */
export function sameHappeningScore(a: ClusterItem, b: ClusterItem): number | null {
  const aAmt = a.amountKeys.length > 0;
  const bAmt = b.amountKeys.length > 0;
  const sameAmounts = aAmt && bAmt && sameAmountKeys(a.amountKeys, b.amountKeys);
  if (aAmt && bAmt && !sameAmounts) return null;

  const shared = overlap(a, b, Run.Shingles);
  if (shared >= SAME.minSharedShingles) {
    const quote = shared / Math.min(runLength(a, Run.Shingles), runLength(b, Run.Shingles));
    if (quote >= SAME.quoteContainment) return 2 + quote;
  }

  const cos = cosine(a, b, Run.Stems);
  if (cos >= SAME.nearDuplicateCosine) return 1.5 + cos;

  const sharedEntity = overlap(a, b, Run.EntityKeys) > 0;
  if (sameAmounts && (sharedEntity || cos >= SAME.sameAmountCosine)) return 1 + cos;
  if (!aAmt && !bAmt && sharedEntity) {
    const core = cosine(a, b, Run.CoreStems);
    if (core >= SAME.entityCosine) return core;
  }
  return null;
}

type Bucket = number | string;

interface ScoredPair {
  a: number;
  b: number;
  score: number;
}

/** Day-precision items bucket by day number (window ±1); others by their exact partial date. */
function bucketOf(item: ClusterItem): Bucket {
  return item.day !== null ? item.day : `p${item.date}`;
}

function neighbourBuckets(item: ClusterItem): Bucket[] {
  if (item.day === null) return [`p${item.date}`];
  return [item.day - 1, item.day, item.day + 1];
}

/**
 * Pairs (a < b) that share a window and a selective key and pass
 * sameHappeningScore. Keys: amounts and entities always (unless too common),
 * plus the item's rarest content words. Amount keys are negative numbers so
 * the three families share one integer index without colliding with word ids.
 */
function matchingPairs(items: ClusterItem[]): ScoredPair[] {
  const amountIds = new Map<string, number>();
  const amountsOf = items.map((it) =>
    it.amountKeys.map((k) => {
      let id = amountIds.get(k);
      if (id === undefined) amountIds.set(k, (id = -1 - amountIds.size));
      return id;
    }),
  );

  const index = new Map<Bucket, Map<number, number[]>>();
  // The same postings without existing events (fixed items): a fixed item
  // can only pair with a new one, so it scans these (folding a few hundred
  // reports into 40,000 events scanned every event's neighbours otherwise).
  const anyFixed = items.some((item) => item.fixed);
  const freshIndex = anyFixed ? new Map<Bucket, Map<number, number[]>>() : index;
  const post = (into: Map<Bucket, Map<number, number[]>>, item: ClusterItem, i: number) => {
    const bucket = bucketOf(item);
    let postings = into.get(bucket);
    if (!postings) into.set(bucket, (postings = new Map()));
    for (const k of amountsOf[i]!) push(postings, k, i);
    // Entity keys are stems of surnames, so they are already among the stems.
    for (const k of run(item, Run.Stems)) push(postings, k, i);
  };
  items.forEach((item, i) => {
    post(index, item, i);
    if (anyFixed && !item.fixed) post(freshIndex, item, i);
  });

  const n = items.length;
  // Each item's blocking keys (sorted): its amounts, entities and rarest
  // content words that are selective in its window. Fixed once the index is
  // built, so whether item j finds item i can be recomputed (see foundBy)
  // instead of remembering every pair seen: that set held millions of
  // entries on a large corpus, most of the event build's memory.
  const keysOf: Int32Array[] = items.map((item, i) => {
    const buckets: Array<Map<number, number[]>> = [];
    for (const b of neighbourBuckets(item)) {
      const m = index.get(b);
      if (m) buckets.push(m);
    }
    const sizeOf = (key: number): number => {
      let s = 0;
      for (const b of buckets) s += b.get(key)?.length ?? 0;
      return s;
    };
    const keys: number[] = [];
    const rare: Array<{ k: number; n: number }> = [];
    for (const k of amountsOf[i]!) if (sizeOf(k) <= POSTING_CAP) keys.push(k);
    for (const k of run(item, Run.EntityKeys)) if (sizeOf(k) <= POSTING_CAP) keys.push(k);
    for (const k of run(item, Run.Stems)) {
      const size = sizeOf(k);
      if (size > 1 && size <= POSTING_CAP) rare.push({ k, n: size });
    }
    rare.sort((a, b) => a.n - b.n || a.k - b.k);
    for (let r = 0; r < Math.min(RARE_STEMS, rare.length); r++) keys.push(rare[r]!.k);
    // An entity key that is also a rare stem counts once.
    return Int32Array.from(new Set(keys)).sort();
  });
  // What an item is listed under in the index: its amounts (negative ids) and stems, sorted.
  const postedUnder = items.map((item, i) => Int32Array.from([...amountsOf[i]!, ...run(item, Run.Stems)]).sort());
  /** Whether item j, scanning its keys, counts item i as a neighbour (the rule below). */
  const foundBy = (j: number, i: number): boolean => {
    const keys = keysOf[j]!;
    const posted = postedUnder[i]!;
    let shared = 0;
    let x = 0;
    let y = 0;
    while (x < keys.length && y < posted.length) {
      const a = keys[x]!;
      const b = posted[y]!;
      if (a === b) {
        if (a < 0) return true;
        if (++shared >= 2) return true;
        x++;
        y++;
      } else if (a < b) x++;
      else y++;
    }
    return false;
  };

  // The same words (same shingles) in one window are the same report, even
  // where every word is too common to block on (a crowded month): each item
  // is paired with the first item of its window that has them, so a
  // thousand reprints make a thousand pairs, not half a million.
  const exactOf = items.map((item) =>
    runLength(item, Run.Shingles) >= SAME.minSharedShingles ? hashOf(run(item, Run.Shingles)) : null,
  );
  const firstWith = new Map<Bucket, Map<number, number>>();
  items.forEach((item, i) => {
    const bucket = bucketOf(item);
    let first = firstWith.get(bucket);
    if (!first) firstWith.set(bucket, (first = new Map()));
    const exact = exactOf[i]!;
    if (exact !== null && !first.has(exact)) first.set(exact, i);
  });

  const hits = new Int32Array(n);
  const amountHit = new Uint8Array(n);
  const touched: number[] = [];
  const pairs: ScoredPair[] = [];
  /** Scores a found pair (two existing events never merge) and keeps it if it is the same happening. */
  const score = (i: number, j: number): void => {
    const a = Math.min(i, j);
    const b = Math.max(i, j);
    if (items[a]!.fixed && items[b]!.fixed) return;
    const s = sameHappeningScore(items[a]!, items[b]!);
    if (s !== null) pairs.push({ a, b, score: s });
  };
  const buckets: Array<Map<number, number[]>> = [];

  items.forEach((item, i) => {
    buckets.length = 0;
    const scanned = item.fixed ? freshIndex : index;
    for (const b of neighbourBuckets(item)) {
      const m = scanned.get(b);
      if (m) buckets.push(m);
    }
    for (const key of keysOf[i]!) {
      const isAmount = key < 0;
      for (const b of buckets) {
        const list = b.get(key);
        if (!list) continue;
        for (const j of list) {
          if (j === i) continue;
          if (hits[j] === 0) touched.push(j);
          hits[j]!++;
          if (isAmount) amountHit[j] = 1;
        }
      }
    }
    const exact = exactOf[i]!;
    if (exact !== null) {
      for (const b of neighbourBuckets(item)) {
        const j = firstWith.get(b)?.get(exact);
        // A pair the keys found (below) is scored there.
        if (j !== undefined && j !== i && !(hits[j]! >= 2 || amountHit[j])) score(i, j);
      }
    }
    for (const j of touched) {
      // A pair found from both sides is scored once: by its lower index.
      if ((hits[j]! >= 2 || amountHit[j]) && !(j < i && foundBy(j, i))) score(i, j);
      hits[j] = 0;
      amountHit[j] = 0;
    }
    touched.length = 0;
  });
  return pairs;
}

/** A 32-bit hash of a run of features (FNV-1a over the integers). */
function hashOf(values: Int32Array): number {
  let h = 0x811c9dc5;
  for (const v of values) h = Math.imul(h ^ v, 0x01000193);
  return h >>> 0;
}

function push(map: Map<number, number[]>, key: number, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/**
 * Groups of item indices, each one happening. Items must be given in a
 * deterministic order (callers sort them); groups come back in order of their
 * smallest index, members ascending.
 */
export function clusterItems(items: ClusterItem[]): number[][] {
  const scored = matchingPairs(items);
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
