/**
 * The floor: the same article text through compromise's bare tokenizer and
 * sentence pass, the NLP library the parser runs once per document. Ingest cannot be faster
 * than this without dropping the library, so ingest time ÷ floor time says
 * how much the rest of the pipeline (decode, furniture, dates, entities,
 * amounts, SQLite, cross-document steps) costs on top.
 *
 * Two readings of "the same text":
 * - raw: what a reader sees of each article: plain text as is, Markdown
 *   without its front matter, JSON items' text/body, HTML without tags,
 *   scripts and styles (a cheap regex strip, not Readability). Page
 *   furniture included: run-on banners are slow for compromise.
 * - kept: exactly the text the parser handed to compromise (each
 *   document's kept paragraphs, read back from the database). Shorter and
 *   cleaner, so a faster floor: the benchmark's ratio uses this one, the
 *   stricter of the two.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import nlp from 'compromise';
import { walkCorpus, type CorpusFile } from '../../src/ingest/corpus.js';

/**
 * compromise's bare tokenizer and sentence split (`nlp.tokenize`, no
 * tagging): the pass the parser itself runs (src/ingest/sentences.ts). The
 * full `nlp()` tagger is 5–10× slower and the parser no longer uses it.
 */
export function sentencePass(text: string): number {
  return (nlp.tokenize(text).sentences().out('array') as string[]).length;
}

/** The full tagger pass (`nlp(text)`), the floor the issue first named: kept for comparison. */
export function taggerPass(text: string): number {
  return (nlp(text).sentences().out('array') as string[]).length;
}

export interface FloorResult {
  documents: number;
  bytes: number;
  sentences: number;
  ms: number;
}

export function articleTexts(file: CorpusFile, raw: string): string[] {
  switch (file.format) {
    case 'md':
      return [raw.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '')];
    case 'json': {
      const parsed = JSON.parse(raw) as unknown;
      const items = Array.isArray(parsed) ? parsed : [parsed];
      return items.map((it) => {
        const o = it as Record<string, unknown>;
        return String(o.text ?? o.body ?? '');
      });
    }
    case 'html':
      return [
        raw
          .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
          .replace(/<[^>]+>/g, ' ')
          .replace(/&(amp|lt|gt|quot);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e] ?? ' ')
          .replace(/[ \t]+/g, ' '),
      ];
    default:
      return [raw];
  }
}

/**
 * Time read + compromise sentence pass over every article under `corpusDir`
 * (excluding `exclude`, a top-level folder the runner adds later). Only the
 * NLP pass and the read are timed, not the text extraction above.
 */
export function measureFloor(corpusDir: string, exclude?: string): FloorResult {
  const files = walkCorpus(corpusDir).filter((f) => !exclude || !f.relPath.startsWith(`${exclude}/`));
  const result: FloorResult = { documents: 0, bytes: 0, sentences: 0, ms: 0 };
  for (const file of files) {
    let t = performance.now();
    const raw = fs.readFileSync(file.absPath, 'utf8');
    result.ms += performance.now() - t;
    for (const text of articleTexts(file, raw)) {
      t = performance.now();
      result.sentences += sentencePass(text);
      result.ms += performance.now() - t;
      result.documents += 1;
      result.bytes += Buffer.byteLength(text);
    }
  }
  return result;
}

/** Time compromise over each document's kept paragraphs, as stored by the ingest (see above). */
export function measureKeptFloor(dbPath: string, pass: (text: string) => number = sentencePass): FloorResult {
  const db = new Database(dbPath, { readonly: true });
  const result: FloorResult = { documents: 0, bytes: 0, sentences: 0, ms: 0 };
  try {
    const rows = db.prepare('SELECT doc_id, paragraph, text FROM sentences ORDER BY doc_id, idx').iterate() as IterableIterator<{
      doc_id: string;
      paragraph: number;
      text: string;
    }>;
    let doc: string | null = null;
    let paragraphs: string[][] = [];
    const flush = () => {
      if (doc === null) return;
      const text = paragraphs.map((p) => p.join(' ')).join('\n\n');
      const t = performance.now();
      result.sentences += pass(text);
      result.ms += performance.now() - t;
      result.documents += 1;
      result.bytes += Buffer.byteLength(text);
    };
    let lastParagraph = -1;
    for (const r of rows) {
      if (r.doc_id !== doc) {
        flush();
        doc = r.doc_id;
        paragraphs = [];
        lastParagraph = -1;
      }
      if (r.paragraph !== lastParagraph) paragraphs.push([]);
      lastParagraph = r.paragraph;
      paragraphs[paragraphs.length - 1]!.push(r.text);
    }
    flush();
  } finally {
    db.close();
  }
  return result;
}
