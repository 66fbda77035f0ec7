/**
 * User words to an SQLite FTS5 match expression. Every term is quoted, so no
 * FTS operator typed by a user (or an article) can change the query; phrases
 * in quotes stay phrases. Terms are ANDed: "Healey training" needs both.
 */
import { plainWords } from '../core/words.js';

const STOPWORDS = new Set(['a', 'an', 'and', 'the', 'of', 'in', 'on', 'to', 'for', 'with', 'about', 'or', 'is', 'uk s']);

export function toFtsQuery(text: string): string | null {
  const terms: string[] = [];
  const phrase = /["“”]([^"“”]+)["“”]/g;
  const rest = text.replace(phrase, (_m, inner: string) => {
    const words = plainWords(inner);
    if (words.length) terms.push(`"${words.join(' ')}"`);
    return ' ';
  });
  for (const word of plainWords(rest)) {
    if (!STOPWORDS.has(word)) terms.push(`"${word}"`);
  }
  return terms.length ? terms.join(' ') : null;
}
