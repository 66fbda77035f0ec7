/**
 * User words to an SQLite FTS5 match expression (see search-query.ts: the
 * parse and the quoting are there, one rule for both backends).
 */
import { parseSearchQuery, quotedTerms } from './search-query.js';

export function toFtsQuery(text: string): string | null {
  const query = parseSearchQuery(text);
  return query ? quotedTerms(query) : null;
}
