/**
 * A user's search words, parsed once, in domain terms: each backend renders
 * it in its own query language (SQLite FTS5 in sqlite/fts.ts, PostgreSQL
 * tsquery in postgres/), so no backend's syntax reaches the interfaces and
 * no operator typed by a user (or found in an article) can change a query.
 */

/** One term of a search: a single word, or words that must appear together in this order ("security guarantees"). */
export interface SearchTerm {
  /** Lower-case, accents removed, split on anything not a letter or digit; never empty. */
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
    const words = tokens(inner);
    if (words.length) terms.push({ words, phrase: true });
    return ' ';
  });
  for (const word of tokens(rest)) {
    if (!STOPWORDS.has(word)) terms.push({ words: [word], phrase: false });
  }
  return terms.length ? { terms } : null;
}

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
