/**
 * Repetition across documents, decided from sentence hashes alone:
 *
 * - a **banner** is a block several documents carry verbatim at their start
 *   or end (a donation appeal, an "about us" paragraph) while the rest of
 *   those documents differ: it is boilerplate in every one of them;
 * - a **reprint** is a document whose content (banners aside) mostly stands
 *   in another one: the same press release run by two outlets is one
 *   document in effect, and the earliest copy is the original.
 *
 * Two outlets quoting one interview share a sentence or two, not a block, and
 * not most of their text: that is reporting, and stays.
 */

export interface ParagraphShares {
  paragraph: number;
  /** Sentences in the paragraph. */
  n: number;
  /** Hashes of its sentences that other documents also carry (as small integers, one per distinct hash). */
  shared: number[];
}

export interface DocumentShares {
  id: string;
  /** Sorts the original before its copies: "published|ingestedAt|id". */
  order: string;
  /** Every paragraph of the document, in reading order. */
  paragraphs: ParagraphShares[];
}

export interface RepetitionVerdict {
  banners: Array<{ docId: string; paragraph: number }>;
  /** Reprint id → original id. */
  duplicates: Map<string, string>;
}

/** A banner block has at least this many sentences: one shared quote is reporting. */
const BANNER_MIN_SENTENCES = 3;
/** Share of a block's sentences found elsewhere that makes it repeated. */
const BANNER_SHARE = 0.6;
/** Banners sit within this many paragraphs of a document's start or end. */
const BANNER_EDGE = 2;
/** Other documents carrying the block that are compared with (enough to decide). */
const PARTNERS_CHECKED = 8;
/** Rest of two documents overlapping less than this: they only share the banner. */
const DIFFERENT_REST = 0.5;
/** Share of a document's content found in one other document that makes it a reprint. */
const REPRINT_SHARE = 0.8;
/** Hashes carried by more documents than this are furniture, not evidence of a reprint. */
export const REPRINT_MAX_DOCS = 20;
/**
 * Holders of one hash looked at when ranking a block's partners. A banner's
 * carriers hold all its sentences, so they lead every one of its hash lists
 * (each list ranked by arrival: ingested_at, then id); looking further only
 * costs time: a corpus whose sentences recur in thousands of documents made
 * this count grow with the square of the corpus (100,000 articles: did not
 * finish in 400 s). Ranked by arrival, a new document joins the end of each
 * list, so it does not change the partners of the thousands of older
 * documents carrying a banner with it (markRepetitionNear relies on it).
 */
export const HOLDERS_RANKED = 64;

/**
 * `hashDocs` holds, per shared hash, its holders ranked by arrival (all of
 * them, or at least the first HOLDERS_RANKED of a hash more documents hold).
 * `judged` (default: every document) limits the verdicts to some documents;
 * the others are there as partners and originals only, their own verdicts
 * not worked out (repetition judged near new documents, repetition-marks.ts).
 */
export function judgeRepetition(docs: DocumentShares[], hashDocs: Map<number, string[]>, judged?: ReadonlySet<string>): RepetitionVerdict {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const candidates = new Map(docs.map((d) => [d.id, candidateBlocks(d)]));

  const rests = new Map<string, { n: number; hashes: Set<number> }>();
  const rest = (d: DocumentShares) => {
    let r = rests.get(d.id);
    if (!r) {
      const blocks = candidates.get(d.id)!;
      const outside = d.paragraphs.filter((p) => !blocks.has(p.paragraph));
      r = { n: outside.reduce((sum, p) => sum + p.n, 0), hashes: new Set(outside.flatMap((p) => p.shared)) };
      rests.set(d.id, r);
    }
    return r;
  };

  const rankedPartners = new Map<string, string[]>();
  const banners: RepetitionVerdict['banners'] = [];
  const bannerKeys = new Set<string>();
  for (const d of docs) {
    if (judged && !judged.has(d.id)) continue;
    const restD = rest(d);
    for (const p of d.paragraphs) {
      if (!candidates.get(d.id)!.has(p.paragraph)) continue;
      const isBanner = partnersOf(d.id, p.shared, hashDocs, rankedPartners).some((partnerId) => {
        const e = byId.get(partnerId);
        if (!e) return false;
        const restE = rest(e);
        if (restD.n === 0 || restE.n === 0) return false; // one is only the block: a reprint
        let overlap = 0;
        for (const h of restD.hashes) if (restE.hashes.has(h)) overlap += 1;
        return overlap / Math.min(restD.n, restE.n) < DIFFERENT_REST;
      });
      if (isBanner) {
        banners.push({ docId: d.id, paragraph: p.paragraph });
        bannerKeys.add(`${d.id}\u0000${p.paragraph}`);
      }
    }
  }

  const duplicates = new Map<string, string>();
  for (const d of docs) {
    if (judged && !judged.has(d.id)) continue;
    const content = d.paragraphs.filter((p) => !bannerKeys.has(`${d.id}\u0000${p.paragraph}`));
    const contentN = content.reduce((sum, p) => sum + p.n, 0);
    if (contentN < 2) continue;
    const counts = new Map<string, number>();
    for (const h of new Set(content.flatMap((p) => p.shared))) {
      const holders = hashDocs.get(h) ?? [];
      if (holders.length > REPRINT_MAX_DOCS) continue;
      for (const other of holders) if (other !== d.id) counts.set(other, (counts.get(other) ?? 0) + 1);
    }
    let original: DocumentShares | null = null;
    for (const [otherId, count] of counts) {
      const other = byId.get(otherId);
      if (!other || count / contentN < REPRINT_SHARE || other.order >= d.order) continue;
      if (!original || other.order < original.order) original = other;
    }
    if (original) duplicates.set(d.id, original.id);
  }
  return { banners, duplicates };
}

/**
 * Every document judgeRepetition compares a candidate block of `docs` with
 * (their rests are read): markRepetitionNear loads just these beside the
 * documents it judges. The ranking reads `hashDocs` alone.
 */
export function partnersToCheck(docs: DocumentShares[], hashDocs: Map<number, string[]>): Set<string> {
  const ranked = new Map<string, string[]>();
  const out = new Set<string>();
  for (const d of docs) {
    const blocks = candidateBlocks(d);
    for (const p of d.paragraphs) if (blocks.has(p.paragraph)) for (const id of partnersOf(d.id, p.shared, hashDocs, ranked)) out.add(id);
  }
  return out;
}

/** Paragraphs near the document's edges that are mostly repeated elsewhere. */
export function candidateBlocks(d: DocumentShares): Set<number> {
  const out = new Set<number>();
  const last = d.paragraphs.length - 1;
  d.paragraphs.forEach((p, i) => {
    const nearEdge = i < BANNER_EDGE || last - i < BANNER_EDGE;
    if (nearEdge && p.n >= BANNER_MIN_SENTENCES && p.shared.length / p.n >= BANNER_SHARE) out.add(p.paragraph);
  });
  return out;
}

/**
 * Documents that carry most of a block's sentences, a handful of them.
 *
 * A banner is carried by thousands of documents, each asking for the
 * partners of the same block: the ranking of every holder is computed once
 * per distinct block (`ranked`) and each document skips itself in it, which
 * gives the same partners as counting per document (that grew with the
 * square of the corpus).
 */
function partnersOf(docId: string, hashes: number[], hashDocs: Map<number, string[]>, ranked: Map<string, string[]>): string[] {
  const key = hashes.join('\u0000');
  let holders = ranked.get(key);
  if (!holders) {
    const counts = new Map<string, number>();
    for (const h of hashes) {
      const holdersOfH = hashDocs.get(h) ?? [];
      const end = Math.min(holdersOfH.length, HOLDERS_RANKED);
      for (let i = 0; i < end; i++) {
        const other = holdersOfH[i]!;
        counts.set(other, (counts.get(other) ?? 0) + 1);
      }
    }
    holders = [...counts]
      .filter(([, c]) => c >= BANNER_SHARE * hashes.length)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([id]) => id);
    ranked.set(key, holders);
  }
  const out: string[] = [];
  for (const id of holders) {
    if (out.length === PARTNERS_CHECKED) break;
    if (id !== docId) out.push(id);
  }
  return out;
}
