/**
 * What a format reader hands to the shared pipeline: the article's body text
 * (paragraphs separated by blank lines, or one per line) and whatever
 * metadata the format carries. Readers do not judge dates or furniture.
 */
export interface RawArticle {
  title: string | null;
  body: string;
  /** Publication date value as found in metadata (string, Date or number), and where. */
  published: unknown;
  publishedField: string | null;
  outlet: string | null;
  url: string | null;
  /** One-line notes about this article (JSON item problems, decoding). */
  warnings: string[];
}

export function emptyArticle(body: string): RawArticle {
  return { title: null, body, published: null, publishedField: null, outlet: null, url: null, warnings: [] };
}

/** A trimmed non-empty string, or null. */
export function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const t = value.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}
