/**
 * JSON: one article object, an array of them, or an object holding the array
 * under `articles`, `items` or `documents`. Fields: `title`, `text` | `body` |
 * `content` (plain text or HTML), `published` | `date` | `publishedAt`,
 * `url`, `outlet` | `source` (a string or `{name}`).
 *
 * Invalid JSON is skipped with the position of the first error (from
 * jsonc-parser, since JSON.parse does not always say where).
 */
import { getLocation, parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { SkipFile } from '../skip.js';
import { text, type RawArticle } from './article.js';
import { readHtml } from './html.js';
import { decodeEntities } from '../repair.js';

const BODY_KEYS = ['text', 'body', 'content', 'article', 'description'];
const DATE_KEYS = ['published', 'date', 'publishedAt', 'published_at', 'datePublished', 'pubDate'];

/** One entry per array item, in order; null where an item is not a usable article (with its warning). */
export interface JsonArticles {
  items: Array<RawArticle | null>;
  warnings: string[];
}

export function readJson(source: string, nearCap: boolean): JsonArticles {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    throw new SkipFile(describeJsonError(source, err as Error, nearCap));
  }
  const list = articleList(value);
  if (!list) {
    throw new SkipFile(
      'JSON holds no article: expected an object or an array of objects with "text" or "body"; fix the file or remove it',
    );
  }
  const warnings: string[] = [];
  const items = list.map((item, i) => {
    const label = list.length > 1 ? `item ${i + 1}` : 'the article';
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      warnings.push(`JSON ${label} is not an object: skipped; make it {"title", "text", "published", ...}`);
      return null;
    }
    const article = readItem(item as Record<string, unknown>);
    if (!article) {
      warnings.push(`JSON ${label} has no "text" or "body": skipped; add the article text`);
      return null;
    }
    return article;
  });
  if (items.every((a) => a === null)) {
    throw new SkipFile(`JSON holds no usable article (${warnings[0] ?? 'no items'}): add "text" or "body" to the items`);
  }
  return { items, warnings };
}

function articleList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value.length > 0 ? value : null;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of ['articles', 'items', 'documents']) {
      const inner = obj[key];
      if (Array.isArray(inner) && inner.length > 0) return inner;
    }
    return [obj];
  }
  return null;
}

function readItem(item: Record<string, unknown>): RawArticle | null {
  const bodyKey = BODY_KEYS.find((k) => typeof item[k] === 'string' && (item[k] as string).trim() !== '');
  if (!bodyKey) return null;
  const raw = item[bodyKey] as string;
  const dateKey = DATE_KEYS.find((k) => item[k] !== undefined && item[k] !== null && item[k] !== '');
  const sourceValue = item.outlet ?? item.source ?? item.publisher ?? item.site;
  const outlet = text(sourceValue) ?? text((sourceValue as { name?: unknown } | null | undefined)?.name ?? null);
  const looksHtml = /<\/?(?:p|div|br|span|a|article|section|h[1-6])\b[^>]*>/i.test(raw);
  const fromHtml = looksHtml ? readHtml(`<!doctype html><html><body><article>${raw}</article></body></html>`) : null;
  return {
    title: decodeTitle(text(item.title) ?? text(item.headline)),
    body: fromHtml ? fromHtml.body : decodeEntities(raw),
    published: dateKey ? item[dateKey] : null,
    publishedField: dateKey ? `JSON "${dateKey}" date` : null,
    outlet,
    url: text(item.url) ?? text(item.link),
    warnings: [],
  };
}

function decodeTitle(title: string | null): string | null {
  return title === null ? null : decodeEntities(title);
}

function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

function describeJsonError(source: string, err: Error, nearCap: boolean): string {
  const errors: ParseError[] = [];
  parseTolerant(source, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const first = errors[0];
  const tooBig = nearCap ? ' (the file is over 5 MB and only its start was read: split it into smaller files)' : '';
  if (!first) return `invalid JSON (${err.message.split('\n')[0]})${tooBig}: fix the JSON or remove the file`;
  const code = printParseErrorCode(first.error);
  // A file cut short: the error sits at the end, or is an unterminated string/comment running to it.
  const truncated =
    first.offset >= source.trimEnd().length || code.startsWith('UnexpectedEnd') || /end of JSON input|Unterminated string/i.test(err.message);
  if (truncated) {
    const end = lineColumn(source, source.trimEnd().length);
    return `truncated JSON: ends early at line ${end.line}, column ${end.column} (${code})${tooBig}; complete the file or remove it`;
  }
  const { line, column } = lineColumn(source, first.offset);
  const path = getLocation(source, first.offset).path.join('.');
  return `invalid JSON at line ${line}, column ${column} (${code}${path ? ` in ${path}` : ''})${tooBig}: fix the JSON or remove the file`;
}
