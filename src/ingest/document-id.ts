/**
 * What a corpus path is: its format (by extension) and the id of the document
 * it holds. Apart from the parser so that listing and diffing the corpus
 * (every start) does not load the parsing stack (compromise, chrono, the
 * HTML readers): most starts find nothing new to parse.
 */
import type { DocumentFormat } from '../core/model.js';

export function formatOf(relPath: string): DocumentFormat | null {
  const ext = /\.([^./]+)$/.exec(relPath)?.[1]?.toLowerCase();
  if (ext === 'txt' || ext === 'md' || ext === 'html' || ext === 'json') return ext;
  if (ext === 'markdown') return 'md';
  if (ext === 'htm') return 'html';
  return null;
}

export function documentId(relPath: string): string {
  return relPath.replace(/\\/g, '/').replace(/\.[^./]+$/, '');
}
