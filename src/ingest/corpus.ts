/**
 * The corpus folder as files to ingest, and the fingerprints the ingest run
 * uses across documents: content hashes (skip unchanged files), sentence
 * hashes (repeated banners, reprints) and quote keys (undated documents that
 * report the same words as dated ones).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DocumentFormat } from '../core/model.js';
import { plainWords } from '../core/words.js';

export interface CorpusFile {
  /** Path under the corpus folder with '/' separators: the document id's base. */
  relPath: string;
  absPath: string;
  size: number;
  /** Last modification, ms since the epoch (sub-millisecond precision where the file system has it). */
  mtimeMs: number;
  format: DocumentFormat;
}

const FORMATS: Record<string, DocumentFormat> = {
  '.txt': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
};

/** Every ingestible file below `dir`, sorted; hidden files and folders are ignored. */
export function walkCorpus(dir: string): CorpusFile[] {
  const root = path.resolve(dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new Error(`Corpus folder ${dir} does not exist: create it or point --corpus / BRIEFING_CORPUS at a folder of articles.`);
  }
  const out: CorpusFile[] = [];
  const visit = (abs: string) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(abs, entry.name);
      if (entry.isDirectory()) {
        visit(full);
        continue;
      }
      if (!entry.isFile()) continue;
      const format = FORMATS[path.extname(entry.name).toLowerCase()];
      if (!format) continue;
      const stat = fs.statSync(full);
      out.push({
        relPath: path.relative(root, full).split(path.sep).join('/'),
        absPath: full,
        size: stat.size,
        mtimeMs: stat.mtimeMs,
        format,
      });
    }
  };
  visit(root);
  return out.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Two sentences with the same plain words (case, accents, punctuation aside) hash the same. */
export function sentenceHash(text: string): string {
  return createHash('sha1').update(plainWords(text).join(' ')).digest('hex').slice(0, 16);
}

const QUOTE_SPAN = /[“"«]([^”"»“«]{20,}?)[”"»]/g;
const QUOTE_KEY_WORDS = 8;

/**
 * Keys of the quoted passages in a text: the first and last eight words of
 * each quoted sentence. Outlets quoting one interview cut quotes differently
 * and punctuate them differently, so whole-quote hashes would rarely match.
 */
export function quoteKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const m of text.matchAll(QUOTE_SPAN)) {
    for (const chunk of m[1]!.split(/[.!?;]+\s/)) {
      const words = plainWords(chunk);
      if (words.length < QUOTE_KEY_WORDS) continue;
      keys.add(words.slice(0, QUOTE_KEY_WORDS).join(' '));
      keys.add(words.slice(-QUOTE_KEY_WORDS).join(' '));
    }
  }
  return [...keys];
}

/**
 * `a.txt` and `a.md` both give the document id `a` (an id is the path
 * without its extension). The first by path is read; each other one is
 * returned with the file it collides with, for a warning naming both.
 */
export function oneFilePerId(
  files: CorpusFile[],
  idOf: (relPath: string) => string,
): { files: CorpusFile[]; collisions: Array<{ id: string; kept: string; ignored: string }> } {
  const byId = new Map<string, CorpusFile>();
  const collisions: Array<{ id: string; kept: string; ignored: string }> = [];
  for (const file of [...files].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0))) {
    const id = idOf(file.relPath);
    const kept = byId.get(id);
    if (kept) collisions.push({ id, kept: kept.relPath, ignored: file.relPath });
    else byId.set(id, file);
  }
  if (collisions.length === 0) return { files, collisions };
  const ignored = new Set(collisions.map((c) => c.ignored));
  return { files: files.filter((f) => !ignored.has(f.relPath)), collisions };
}

/**
 * Documents that came from feeds are recorded under paths starting here: a
 * hidden folder name, which no corpus file can have (walkCorpus ignores
 * hidden entries), so a corpus run never mistakes them for deleted files.
 */
export const FEED_DOCUMENT_PREFIX = '.feeds/';

export function isFeedDocumentPath(relPath: string): boolean {
  return relPath.startsWith(FEED_DOCUMENT_PREFIX);
}
