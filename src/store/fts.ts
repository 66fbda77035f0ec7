/**
 * User words to an SQLite FTS5 match expression. Every term is quoted, so no
 * FTS operator typed by a user (or an article) can change the query; phrases
 * in quotes stay phrases. Terms are ANDed: "Healey training" needs both.
 */
const STOPWORDS = new Set(['a', 'an', 'and', 'the', 'of', 'in', 'on', 'to', 'for', 'with', 'about', 'or', 'is', 'uk s']);

export function toFtsQuery(text: string): string | null {
  const terms: string[] = [];
  const phrase = /["“”]([^"“”]+)["“”]/g;
  const rest = text.replace(phrase, (_m, inner: string) => {
    const words = tokens(inner);
    if (words.length) terms.push(`"${words.join(' ')}"`);
    return ' ';
  });
  for (const word of tokens(rest)) {
    if (!STOPWORDS.has(word)) terms.push(`"${word}"`);
  }
  return terms.length ? terms.join(' ') : null;
}

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
