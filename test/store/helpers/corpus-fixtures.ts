/**
 * What the corpus and events contracts write: documents, files and events
 * built in a line, and a search by the words a user types.
 */
import type { Event, ParsedDocument, ParsedSentence } from '../../../src/core/model.js';
import type { CorpusRepository, DocumentWrite, FileRecord } from '../../../src/store/corpus.js';
import { parseSearchQuery } from '../../../src/store/search-query.js';

export const INGESTED_AT = '2025-01-20T10:00:00.000Z';

export type SentenceSpec = string | { text: string; paragraph?: number; people?: string[]; dates?: Array<[string, string]> };

export function docWrite(id: string, published: string | null, specs: SentenceSpec[], opts: { relevant?: boolean; title?: string } = {}): DocumentWrite {
  const sentences: ParsedSentence[] = specs.map((spec, index) => {
    const s = typeof spec === 'string' ? { text: spec } : spec;
    return {
      index,
      paragraph: s.paragraph ?? index,
      text: s.text,
      dates: (s.dates ?? []).map(([text, date]) => ({ text, date, precision: date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year' })),
      people: s.people ?? [],
      organisations: [],
      amounts: [],
    } as ParsedSentence;
  });
  const doc: ParsedDocument = {
    id,
    title: opts.title ?? `Title of ${id}`,
    outlet: 'The Test Outlet',
    url: `https://example.org/${id}`,
    published,
    publishedFrom: published ? 'stated' : 'unknown',
    sentences,
    relevance: opts.relevant === false ? 0.1 : 0.9,
    relevant: opts.relevant ?? true,
    warnings: [],
  };
  return { doc, sentenceHashes: sentences.map((s) => hashOf(s.text)), quoteKeys: [] };
}

/** A sentence's hash as the fixtures store it: one token, as real hashes are (the store joins them with spaces). */
export const hashOf = (text: string): string => `h:${text.toLowerCase().replace(/\s+/g, '_')}`;

export function fileOf(path: string, hash = `hash-${path}`): FileRecord & { format: 'txt' } {
  return { path, contentHash: hash, size: 100, mtimeMs: 1_700_000_000_000.5, status: 'ingested', message: null, format: 'txt' };
}

export function event(id: string, date: string, salience: number, text: string, extra: Partial<Event> = {}): Event {
  return {
    id,
    date,
    precision: date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year',
    text,
    sourceIds: ['a'],
    members: [{ docId: 'a', index: 0 }],
    entities: [],
    amounts: [],
    salience,
    firstSeen: '2025-01-01T00:00:00.000Z',
    ...extra,
  };
}

export const search = (corpus: CorpusRepository, words: string, limit = 10) => corpus.searchSentences(parseSearchQuery(words)!, limit);
export const texts = (hits: Array<{ text: string }>) => hits.map((h) => h.text).sort();
