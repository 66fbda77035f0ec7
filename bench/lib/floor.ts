/**
 * The floor: the same article text through compromise's bare sentence pass,
 * the NLP library the parser runs once per document. Ingest cannot be faster
 * than this without dropping the library, so ingest time ÷ floor time says
 * how much the rest of the pipeline (decode, furniture, dates, entities,
 * amounts, SQLite, cross-document steps) costs on top.
 *
 * "The same text" = what a reader sees of each article: plain text as is,
 * Markdown without its front matter, JSON items' text/body, HTML without
 * tags, scripts and styles (a cheap regex strip, not Readability: the
 * engine's HTML reading is part of what the ratio measures).
 */
import fs from 'node:fs';
import nlp from 'compromise';
import { walkCorpus, type CorpusFile } from '../../src/ingest/corpus.js';

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
      result.sentences += (nlp(text).sentences().out('array') as string[]).length;
      result.ms += performance.now() - t;
      result.documents += 1;
      result.bytes += Buffer.byteLength(text);
    }
  }
  return result;
}
