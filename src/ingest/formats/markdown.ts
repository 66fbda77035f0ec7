/**
 * Markdown with optional YAML front matter (gray-matter): `title`, `date` or
 * `published`, `url`, `outlet` or `source`. The body is reduced to plain
 * prose: headings, images, code blocks and rules go; links keep their words.
 */
import matter from 'gray-matter';
import { text, type RawArticle } from './article.js';

const DATE_KEYS = ['date', 'published', 'published_at', 'publishedAt', 'pubDate', 'datePublished'];

export function readMarkdown(source: string): RawArticle {
  const warnings: string[] = [];
  let data: Record<string, unknown> = {};
  let content = source;
  let frontMatter = '';
  try {
    const file = matter(source);
    data = file.data as Record<string, unknown>;
    content = file.content;
    frontMatter = file.matter ?? '';
  } catch (err) {
    const reason = ((err as Error).message.split('\n')[0] ?? 'invalid YAML').slice(0, 120);
    warnings.push(`front matter is not valid YAML (${reason}): metadata ignored; fix the block between the --- lines`);
    content = source.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/, '');
  }

  let published: unknown = null;
  let publishedField: string | null = null;
  for (const key of DATE_KEYS) {
    if (data[key] === undefined || data[key] === null) continue;
    // YAML turns 2024-13-45 into a real Date (it rolls over); judge the text as written instead.
    const line = new RegExp(`^\\s*${key}\\s*:\\s*["']?([^"'\\n#]*?)["']?\\s*(?:#.*)?$`, 'm').exec(frontMatter);
    published = line?.[1] ?? data[key];
    publishedField = `front-matter ${key}`; // e.g. "front-matter date"
    break;
  }

  const { title: heading, body } = markdownToText(content);
  const outletValue = data.outlet ?? data.source ?? data.publisher ?? data.site;
  return {
    title: text(data.title) ?? heading,
    body,
    published,
    publishedField,
    outlet: text(outletValue) ?? text((outletValue as { name?: unknown } | undefined)?.name),
    url: text(data.url) ?? text(data.link) ?? text(data.canonical_url),
    warnings,
  };
}

/** Markdown → prose paragraphs separated by blank lines; the first H1 is returned as a title. */
export function markdownToText(md: string): { title: string | null; body: string } {
  let title: string | null = null;
  const out: string[] = [];
  let inFence = false;
  for (const rawLine of md.split(/\r?\n/)) {
    const line = rawLine.trimEnd();
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      if (!title && heading[1] === '#') title = inline(heading[2] ?? '');
      out.push('');
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push('');
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      out.push('', inline(item[1] ?? ''), '');
      continue;
    }
    out.push(inline(line.replace(/^\s*(?:>\s?)+/, '')));
  }
  return { title: title && title.trim() !== '' ? title : null, body: out.join('\n') };
}

function inline(s: string): string {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<https?:[^>]+>/g, '')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}*_])([*_])(?=\S)(.+?)(?<=\S)\1(?![\p{L}\p{N}*_])/gu, '$2')
    .replace(/`([^`]+)`/g, '$1');
}
