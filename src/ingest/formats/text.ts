/**
 * Plain text. Metadata, if any, is in the opening lines (a `date …` header,
 * `Title:`/`Source:` lines, a dateline), read by readTextHeader in the shared
 * pipeline, since JSON and Markdown bodies may open the same way.
 */
import { emptyArticle, type RawArticle } from './article.js';

export function readText(source: string): RawArticle {
  return emptyArticle(source);
}
