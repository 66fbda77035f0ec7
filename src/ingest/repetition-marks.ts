/**
 * Which repetition marks (banner paragraphs, reprint of) documents get, from
 * the corpus repository's rows of shared sentence hashes: the judgement is ingest's
 * (judgeRepetition); this turns rows into its input and its verdict into the
 * documents whose marks change, and has the corpus write just those. The
 * corpus only gives rows and keeps marks, on every backend.
 */
import type { CorpusRepository, CurrentMarks, ParagraphHash, ParagraphRow, RepetitionMarks, RepetitionRank, RepetitionState } from '../store/corpus.js';
import { candidateBlocks, HOLDERS_RANKED, judgeRepetition, partnersToCheck, REPRINT_MAX_DOCS, type DocumentShares } from './repetition.js';

export type { CurrentMarks, ParagraphRow, RepetitionMarks };

/** Judge repetition across the corpus and write the marks that changed; returns the documents whose marks changed. */
export async function markRepetition(corpus: Pick<CorpusRepository, 'sharedParagraphs' | 'repetitionOrder' | 'currentMarks' | 'writeMarks'>): Promise<Set<string>> {
  const order = await corpus.repetitionOrder();
  const rows = await corpus.sharedParagraphs();
  const changed = await repetitionChanges(rows, order, () => corpus.currentMarks());
  // Only the documents whose marks changed are written: re-marking the whole
  // corpus rewrote every banner sentence of it on every run.
  await corpus.writeMarks(changed);
  return new Set(changed.keys());
}

/**
 * The marks each changed document should carry (documents absent keep theirs).
 * `order` sorts originals first and ranks holders by arrival (RepetitionRank);
 * it is cleared once used, and `current` is read only then, so the two are
 * never held at once.
 */
export async function repetitionChanges(
  rows: Iterable<ParagraphRow>,
  order: Map<string, RepetitionRank>,
  current: () => Promise<CurrentMarks> | CurrentMarks,
): Promise<Map<string, RepetitionMarks>> {
  // Rows stream in, one per paragraph of most of the corpus: hashes become
  // small integers and each document id one string (100,000 articles held
  // over a gigabyte of repeated strings here).
  const hashIds = new Map<string, number>();
  const docs = new Map<string, DocumentShares>();
  const hashDocs = new Map<number, string[]>();
  const arrival = new Map<string, number>();
  let doc: DocumentShares | undefined;
  for (const r of rows) {
    const shared: number[] = [];
    for (const h of r.shared ? r.shared.split(' ') : []) {
      let id = hashIds.get(h);
      if (id === undefined) hashIds.set(h, (id = hashIds.size));
      shared.push(id);
    }
    if (doc?.id !== r.docId) {
      const rank = order.get(r.docId);
      doc = { id: r.docId, order: rank?.order ?? r.docId, paragraphs: [] };
      docs.set(r.docId, doc);
      arrival.set(r.docId, rank?.arrival ?? Number.MAX_SAFE_INTEGER);
    }
    doc.paragraphs.push({ paragraph: r.paragraph, n: r.n, shared });
    for (const h of new Set(shared)) {
      const holders = hashDocs.get(h);
      if (holders) {
        if (holders[holders.length - 1] !== doc.id) holders.push(doc.id);
      } else hashDocs.set(h, [doc.id]);
    }
  }
  order.clear();
  // Rows come by document id; holders are ranked by arrival, as hashHolders
  // gives them to markRepetitionNear: a document arriving later joins the end
  // of every list, and cannot change which holders the older ones see first.
  const rank = (id: string) => arrival.get(id)!;
  for (const holders of hashDocs.values()) if (holders.length > 1) holders.sort((a, b) => rank(a) - rank(b));
  arrival.clear();
  const verdict = judgeRepetition([...docs.values()], hashDocs);
  const now = await current();
  const have = marksOf(now.banners, now.duplicates);
  const wanted = marksOf(verdict.banners, verdict.duplicates);
  return changedMarks(have, wanted);
}

/** The documents whose marks differ between what they carry and what they should, with what they should carry. */
function changedMarks(have: ReturnType<typeof marksOf>, wanted: ReturnType<typeof marksOf>): Map<string, RepetitionMarks> {
  const changed = new Map<string, RepetitionMarks>();
  for (const id of new Set([...have.keys(), ...wanted.keys()])) {
    if ((have.get(id)?.key ?? '') === (wanted.get(id)?.key ?? '')) continue;
    const want = wanted.get(id);
    changed.set(id, { paragraphs: want?.paragraphs ?? [], original: want?.original ?? null });
  }
  return changed;
}

/**
 * The marks as one string per document (banner paragraphs in order, then
 * the original of a reprint): comparing them tells which documents changed.
 */
function marksOf(banners: Array<{ docId: string; paragraph: number }>, dups: Iterable<[string, string]>) {
  const out = new Map<string, { key: string; paragraphs: number[]; original: string | null }>();
  const entry = (id: string) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { key: '', paragraphs: [], original: null }));
    return e;
  };
  for (const b of [...banners].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.paragraph - b.paragraph))) {
    const e = entry(b.docId);
    if (!e.paragraphs.includes(b.paragraph)) e.paragraphs.push(b.paragraph);
  }
  for (const [copy, original] of dups) entry(copy).original = original;
  for (const e of out.values()) e.key = `${e.paragraphs.map((p) => `b${p}`).join('')}${e.original ? `d${e.original}` : ''}`;
  return out;
}

/** A document's marks before and after markRepetitionNear. */
export interface MarksChange {
  was: RepetitionState;
  now: RepetitionMarks;
}

type NearCorpus = Pick<CorpusRepository, 'paragraphHashes' | 'hashHolders' | 'holdersRepeating' | 'repetitionStates' | 'writeMarks'>;

/**
 * markRepetition for a corpus judged whole before `added` were written:
 * only the verdicts these documents can change are worked out again, with
 * the same judgement and the same inputs a whole-corpus pass would give them.
 *
 * A document's verdict reads its sentences' sharedness (held by two
 * documents or more), the first HOLDERS_RANKED holders by arrival of each
 * of its hashes (partners), all holders of a hash held by at most
 * REPRINT_MAX_DOCS (possible originals), and its partners' rests. New
 * documents reach an older document holding one of their hashes (a
 * carrier) only where that hash had at most REPRINT_MAX_DOCS holders
 * before, or a new document is among its first HOLDERS_RANKED holders now;
 * of those carriers, only the ones whose inputs change in a way that can
 * change the verdict are judged again (see below), with their partners and
 * possible originals loaded beside them. New documents arrive last, so a
 * banner thousands carry gets them at the end of its holder list, and its
 * carriers are not judged again. One way reaches further: a sentence only
 * one older document carried is shared now, which can make a paragraph of
 * that document a banner candidate and so change what its partners see:
 * those are judged again too.
 */
export async function markRepetitionNear(
  corpus: NearCorpus,
  added: Iterable<string>,
  /** Filled with what each changed document carried and carries now (events use it to tell a change they can ignore). */
  details?: Map<string, MarksChange>,
): Promise<Set<string>> {
  const addedIds = new Set(added);
  if (addedIds.size === 0) return new Set();
  const byDoc = new Map<string, ParagraphHash[]>();
  const holders = new Map<string, { count: number; first: string[] }>();
  const load = async (ids: Iterable<string>) => {
    const missing = [...ids].filter((id) => !byDoc.has(id));
    for (const id of missing) byDoc.set(id, []);
    for (const r of await corpus.paragraphHashes(missing)) byDoc.get(r.docId)!.push(r);
  };
  const hashesOf = (ids: Iterable<string>) => {
    const out = new Set<string>();
    for (const id of ids) for (const r of byDoc.get(id) ?? []) out.add(r.hash);
    return out;
  };
  const learn = async (hashes: Iterable<string>, first: number) => {
    const unknown = [...hashes].filter((h) => !holders.has(h));
    for (const [h, hh] of await corpus.hashHolders(unknown, first)) holders.set(h, hh);
  };

  await load(addedIds);
  const ownHashes = hashesOf(addedIds);
  const addedHolding = new Map<string, number>();
  for (const id of addedIds) for (const h of hashesOf([id])) addedHolding.set(h, (addedHolding.get(h) ?? 0) + 1);
  await learn(ownHashes, HOLDERS_RANKED);
  // The hashes whose older holders' verdicts the new documents can change, with every holder.
  const reaching = [...ownHashes].filter((h) => {
    const hh = holders.get(h)!;
    const before = hh.count - addedHolding.get(h)!;
    return before > 0 && (before <= REPRINT_MAX_DOCS || hh.first.some((id) => addedIds.has(id)));
  });
  const everyHolder = await corpus.hashHolders(
    reaching.filter((h) => holders.get(h)!.count > holders.get(h)!.first.length),
    Infinity,
  );
  // The carriers whose verdicts the new documents can change (judging every
  // carrier again made each of two dozen outlets running one wire story a
  // target of every poll bringing another copy: 32,000 documents for 1,000
  // new ones at 100,000 articles):
  // - the only older holder of a hash: the sentence is shared now, which
  //   changes its candidate blocks and its rest;
  // - one holding two of them or more with one new document: only a document
  //   holding most of a block's sentences becomes its partner (a block is
  //   three sentences or more, most of them shared) and only one holding most
  //   of a document's content becomes its original, and that is two
  //   sentences at least (new documents arrive last, so they push no other
  //   holder out of the first ranked);
  // - one holding such a hash in two sentences or more, where one shared
  //   sentence can be most of a block;
  // - a reprint holding a hash that more than REPRINT_MAX_DOCS hold now and
  //   fewer did: it is no longer evidence of the copy, which may lose its
  //   original (a document that was no copy cannot become one by it).
  const targets = new Set(addedIds);
  const newlyShared = new Map<string, Set<string>>();
  const heldWithNew = new Map<string, Map<string, number>>();
  const pastEvidence = new Set<string>();
  for (const h of reaching) {
    const all = everyHolder.get(h)?.first ?? holders.get(h)!.first;
    const older = all.filter((id) => !addedIds.has(id));
    const fresh = all.filter((id) => addedIds.has(id));
    if (older.length === 1) {
      const set = newlyShared.get(older[0]!) ?? new Set<string>();
      set.add(h);
      newlyShared.set(older[0]!, set);
      targets.add(older[0]!);
    }
    if (older.length <= REPRINT_MAX_DOCS && all.length > REPRINT_MAX_DOCS) for (const id of older) pastEvidence.add(id);
    for (const id of older) {
      let withNew = heldWithNew.get(id);
      if (!withNew) heldWithNew.set(id, (withNew = new Map()));
      for (const e of fresh) {
        const n = (withNew.get(e) ?? 0) + 1;
        withNew.set(e, n);
        if (n >= 2) targets.add(id);
      }
    }
  }
  for (const [, ids] of await corpus.holdersRepeating(reaching)) for (const id of ids) if (heldWithNew.has(id)) targets.add(id);
  for (const [id, state] of await corpus.repetitionStates([...pastEvidence].filter((id) => !targets.has(id)))) if (state.duplicateOf) targets.add(id);
  await load(targets);
  await learn(hashesOf(targets), HOLDERS_RANKED);

  const shares = (id: string, countOf: (h: string) => number): DocumentShares => {
    const doc: DocumentShares = { id, order: id, paragraphs: [] };
    for (const r of byDoc.get(id) ?? []) {
      let p = doc.paragraphs.at(-1);
      if (p?.paragraph !== r.paragraph) doc.paragraphs.push((p = { paragraph: r.paragraph, n: 0, shared: [] }));
      p.n += 1;
      if (countOf(r.hash) >= 2) p.shared.push(hashId(r.hash));
    }
    return doc;
  };
  const hashIds = new Map<string, number>();
  const hashId = (h: string) => {
    let id = hashIds.get(h);
    if (id === undefined) hashIds.set(h, (id = hashIds.size));
    return id;
  };
  const countNow = (h: string) => holders.get(h)?.count ?? 0;
  // A document whose banner candidates changed shows its partners another
  // rest: every document it can be a partner of (it is among the first
  // holders of one of their hashes) is judged again too. Verdicts are not
  // inputs of other verdicts, so it stops there.
  const reshaped: string[] = [];
  for (const [id, hashes] of newlyShared) {
    const countBefore = (h: string) => countNow(h) - (hashes.has(h) ? addedHolding.get(h)! : 0);
    const before = [...candidateBlocks(shares(id, countBefore))].sort().join(' ');
    const after = [...candidateBlocks(shares(id, countNow))].sort().join(' ');
    if (before !== after) reshaped.push(id);
  }
  if (reshaped.length > 0) {
    // Their hashes were learnt with the targets'; every holder is read only where one of them is among the first.
    const ranksThem = [...hashesOf(reshaped)].filter((h) => countNow(h) >= 2 && reshaped.some((id) => holders.get(h)!.first.includes(id)));
    const partnersOf = new Set<string>();
    for (const [, hh] of await corpus.hashHolders(ranksThem, Infinity)) for (const id of hh.first) if (!targets.has(id)) partnersOf.add(id);
    for (const id of partnersOf) targets.add(id);
    await load(partnersOf);
    await learn(hashesOf(partnersOf), HOLDERS_RANKED);
  }

  const hashDocs = new Map<number, string[]>();
  for (const h of hashesOf(targets)) {
    const hh = holders.get(h);
    if (hh && hh.count >= 2) hashDocs.set(hashId(h), hh.first);
  }
  // What the targets' verdicts read of other documents, loaded beside them
  // (their own verdicts are not worked out): the partners their candidate
  // blocks are compared with, read whole (their rests are compared), and
  // the possible originals (the holders of a hash few hold), of which only
  // the copy order is read. Every first holder of every hash, loaded whole,
  // was tens of thousands of documents at 100,000 articles.
  const partners = [...partnersToCheck([...targets].map((id) => shares(id, countNow)), hashDocs)].filter((id) => !targets.has(id));
  await load(partners);
  await learn(hashesOf(partners), 0);
  const originals = new Set<string>();
  for (const h of hashesOf(targets)) {
    const hh = holders.get(h);
    if (hh && hh.count >= 2 && hh.count <= REPRINT_MAX_DOCS) for (const id of hh.first) if (!targets.has(id)) originals.add(id);
  }

  const all = [...new Set([...targets, ...partners, ...originals])];
  const states = await corpus.repetitionStates(all);
  const docs: DocumentShares[] = [];
  for (const id of all) {
    const state = states.get(id);
    if (!state) continue;
    docs.push({ ...shares(id, countNow), order: state.order });
  }
  const verdict = judgeRepetition(docs, hashDocs, targets);
  const changed = marksChanged(targets, states, verdict);
  await corpus.writeMarks(changed);
  for (const [id, now] of changed) details?.set(id, { was: states.get(id)!, now });
  return new Set(changed.keys());
}

/** The marks of `ids` that differ from what they carry (`states`). */
function marksChanged(
  ids: Set<string>,
  states: Map<string, RepetitionState>,
  verdict: { banners: Array<{ docId: string; paragraph: number }>; duplicates: Map<string, string> },
): Map<string, RepetitionMarks> {
  const banners: Array<{ docId: string; paragraph: number }> = [];
  const duplicates: Array<[string, string]> = [];
  for (const id of ids) {
    const s = states.get(id);
    if (!s) continue;
    for (const paragraph of s.banners) banners.push({ docId: id, paragraph });
    if (s.duplicateOf) duplicates.push([id, s.duplicateOf]);
  }
  const have = marksOf(banners, duplicates);
  const wanted = marksOf(
    verdict.banners.filter((b) => ids.has(b.docId)),
    [...verdict.duplicates].filter(([id]) => ids.has(id)),
  );
  return changedMarks(have, wanted);
}
