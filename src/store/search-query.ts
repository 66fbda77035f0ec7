/**
 * A user's search words, parsed once, in domain terms: each backend renders
 * it in its own query language (SQLite FTS5 in sqlite/fts.ts, PostgreSQL
 * tsquery in postgres/), so no backend's syntax reaches the interfaces and
 * no operator typed by a user (or found in an article) can change a query.
 */
import { plainWords } from '../core/words.js';

/** One term of a search: a single word, or words that must appear together in this order ("security guarantees"). */
export interface SearchTerm {
  /** Plain words (core/words.ts): lower case, accents removed, letters and digits only; never empty. */
  words: string[];
  /** True for words the user put in quotes: they match as a phrase (adjacent, in order). */
  phrase: boolean;
}

/**
 * Every term must match (AND). Matching is stemmed on both backends
 * ("trained" finds "training"); a phrase's words are stemmed too but must
 * be adjacent and in order.
 */
export interface SearchQuery {
  terms: SearchTerm[];
}

/** Words that never make a term on their own (they match nearly everything). */
const STOPWORDS = new Set(['a', 'an', 'and', 'the', 'of', 'in', 'on', 'to', 'for', 'with', 'about', 'or', 'is', 'uk s']);

/** User text to a SearchQuery; null when nothing searchable is left (only stopwords, punctuation). */
export function parseSearchQuery(text: string): SearchQuery | null {
  const terms: SearchTerm[] = [];
  const phrase = /["“”]([^"“”]+)["“”]/g;
  const rest = text.replace(phrase, (_m, inner: string) => {
    const words = plainWords(inner);
    if (words.length) terms.push({ words, phrase: true });
    return ' ';
  });
  for (const word of plainWords(rest)) {
    if (!STOPWORDS.has(word)) terms.push({ words: [word], phrase: false });
  }
  return terms.length ? { terms } : null;
}

/**
 * Every term in double quotes, space-separated: the form SQLite's FTS5 MATCH
 * and PostgreSQL's websearch_to_tsquery both read as the AND of phrases, with
 * nothing a user typed taken as an operator (terms are letters and digits only).
 */
export function quotedTerms(query: SearchQuery): string {
  return query.terms.map((t) => `"${t.words.join(' ')}"`).join(' ');
}
