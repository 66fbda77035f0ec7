/**
 * Which repetition marks (banner paragraphs, reprint of) documents get, from
 * the corpus repository's rows of shared sentence hashes: the judgement is ingest's
 * (judgeRepetition); this turns rows into its input and its verdict into the
 * documents whose marks change, and has the corpus write just those. The
 * corpus only gives rows and keeps marks, on every backend.
 */
import type { CorpusRepository, CurrentMarks, ParagraphRow, RepetitionMarks } from '../store/corpus.js';
import { judgeRepetition, type DocumentShares } from './repetition.js';

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
 * `order` sorts originals first ("published|ingestedAt|id"); it is cleared once
 * used, and `current` is read only then, so the two are never held at once.
 */
export async function repetitionChanges(
  rows: Iterable<ParagraphRow>,
  order: Map<string, string>,
  current: () => Promise<CurrentMarks> | CurrentMarks,
): Promise<Map<string, RepetitionMarks>> {
  // Rows stream in, one per paragraph of most of the corpus: hashes become
  // small integers and each document id one string (100,000 articles held
  // over a gigabyte of repeated strings here).
  const hashIds = new Map<string, number>();
  const docs = new Map<string, DocumentShares>();
  const hashDocs = new Map<number, string[]>();
  let doc: DocumentShares | undefined;
  for (const r of rows) {
    const shared: number[] = [];
    for (const h of r.shared ? r.shared.split(' ') : []) {
      let id = hashIds.get(h);
      if (id === undefined) hashIds.set(h, (id = hashIds.size));
      shared.push(id);
    }
    if (doc?.id !== r.docId) {
      doc = { id: r.docId, order: order.get(r.docId) ?? r.docId, paragraphs: [] };
      docs.set(r.docId, doc);
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
  const verdict = judgeRepetition([...docs.values()], hashDocs);
  const now = await current();
  const have = marksOf(now.banners, now.duplicates);
  const wanted = marksOf(verdict.banners, verdict.duplicates);
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
