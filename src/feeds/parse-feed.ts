/**
 * A fetched feed body → the feed's title and its items, normalised; or, for
 * an HTML page served where a feed was expected, the feeds it links to
 * (`<link rel="alternate" type="application/rss+xml" …>`).
 *
 * Parsing is feedsmith's (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed), which is
 * lenient about a bad date or a missing element instead of failing the whole
 * feed. It never expands entities a DOCTYPE declares (entity expansion off),
 * and the DOCTYPE's internal subset is removed before parsing anyway, so a
 * "billion laughs" feed is just text.
 *
 * Normalised per item:
 * - id: the guid / Atom id / JSON Feed id; else the canonical link; else a
 *   hash of title and date (an item with none of them is left out);
 * - link: canonical (canonical-link.ts), relative links resolved against the feed;
 * - title: plain text (Atom titles may be HTML);
 * - published: the item's own date as given (publication, else update),
 *   or null — never the fetch time; a date more than a day after the fetch
 *   is not believed (null, with a warning);
 * - author, and the content: full content (content:encoded, Atom content,
 *   content_html/_text) and the summary separately, so the caller can tell
 *   a full article from a teaser.
 */
import { createHash } from 'node:crypto';
import { parseFeed, type AnyFeed } from 'feedsmith';
import { parseHTML } from 'linkedom';
import { canonicalLink } from './canonical-link.js';

export interface FeedItem {
  id: string;
  link: string | null;
  title: string | null;
  /** The date as the feed gives it (RFC 822, ISO 8601, …), or null. */
  published: string | null;
  author: string | null;
  /** Full content (HTML or text), when the feed carries it. */
  content: string | null;
  summary: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  /** The site the feed belongs to. */
  siteUrl: string | null;
  items: FeedItem[];
  /** One line each: duplicate ids, items left out, dates not believed. */
  warnings: string[];
}

export type FeedParse =
  | { kind: 'feed'; feed: ParsedFeed }
  /** An HTML page: the feeds it links to (absolute URLs), perhaps none. */
  | { kind: 'html'; alternates: string[] }
  | { kind: 'invalid'; message: string };

const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;
const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|rdf\+xml|feed\+json|json)$|^text\/xml$/i;

export function parseFeedBody(text: string, baseUrl: string, fetchedAt: Date): FeedParse {
  const body = text.replace(/^\uFEFF/, '');
  const head = body.slice(0, 2048).trimStart().toLowerCase();
  if (head === '') return { kind: 'invalid', message: 'the answer is empty, not a feed' };
  if (looksLikeHtml(head)) return { kind: 'html', alternates: alternateFeeds(body, baseUrl) };
  let parsed: AnyParsed;
  try {
    parsed = parseFeed<string>(head.startsWith('{') ? body : withoutDoctype(body));
  } catch (err) {
    const reason = (err as Error).message;
    return { kind: 'invalid', message: `not a readable RSS, Atom or JSON feed (${reason.split('\n')[0]})` };
  }
  return { kind: 'feed', feed: normalise(parsed, baseUrl, fetchedAt) };
}

function looksLikeHtml(head: string): boolean {
  const start = head.replace(/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*/, '');
  return start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<head') || start.startsWith('<body');
}

/** A DOCTYPE, with any internal subset (where entities are declared), removed. */
function withoutDoctype(xml: string): string {
  return xml.replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/i, '');
}

export function alternateFeeds(html: string, baseUrl: string): string[] {
  const { document } = parseHTML(html) as unknown as {
    document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> };
  };
  const out: string[] = [];
  const links = document.querySelectorAll('link[rel~="alternate"]');
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    const type = link.getAttribute('type')?.trim() ?? '';
    const href = link.getAttribute('href');
    if (!href || !FEED_TYPES.test(type)) continue;
    try {
      const url = new URL(href, baseUrl).href;
      if (/^https?:/.test(url) && !out.includes(url)) out.push(url);
    } catch {
      // An unusable href is not offered.
    }
  }
  return out;
}

type AnyParsed = AnyFeed<string>;

function normalise(parsed: AnyParsed, baseUrl: string, fetchedAt: Date): ParsedFeed {
  const warnings: string[] = [];
  let title: string | null;
  let siteUrl: string | null;
  let raw: FeedItem[];
  switch (parsed.format) {
    case 'rss': {
      const f = parsed.feed;
      title = plain(f.title);
      siteUrl = f.link ?? null;
      raw = (f.items ?? []).map((i) => ({
        id: i.guid?.value?.trim() || '',
        link: i.link ?? (i.guid?.isPermaLink !== false ? (i.guid?.value ?? null) : null),
        title: plain(i.title),
        published: i.pubDate ?? i.dc?.dates?.[0] ?? null,
        author: i.authors?.[0]?.name ?? i.dc?.creators?.[0] ?? i.authors?.[0]?.email ?? null,
        content: i.content?.encoded ?? null,
        summary: i.description ?? null,
      }));
      break;
    }
    case 'rdf': {
      const f = parsed.feed;
      title = plain(f.title);
      siteUrl = f.link ?? null;
      raw = (f.items ?? []).map((i) => ({
        id: i.rdf?.about?.trim() || '',
        link: i.link ?? i.rdf?.about ?? null,
        title: plain(i.title),
        published: i.dc?.dates?.[0] ?? null,
        author: i.dc?.creators?.[0] ?? null,
        content: i.content?.encoded ?? null,
        summary: i.description ?? null,
      }));
      break;
    }
    case 'atom': {
      const f = parsed.feed;
      title = plain(f.title?.value);
      siteUrl = atomLink(f.links);
      raw = (f.entries ?? []).map((e) => ({
        id: e.id?.trim() || '',
        link: atomLink(e.links),
        title: plain(e.title?.value),
        published: e.published ?? e.updated ?? null,
        author: e.authors?.[0]?.name ?? null,
        content: e.content?.value ?? null,
        summary: e.summary?.value ?? null,
      }));
      break;
    }
    case 'json': {
      const f = parsed.feed;
      title = plain(f.title);
      siteUrl = f.home_page_url ?? null;
      raw = (f.items ?? []).map((i) => ({
        id: i.id === undefined || i.id === null ? '' : String(i.id).trim(),
        link: i.url ?? i.external_url ?? null,
        title: plain(i.title),
        published: i.date_published ?? i.date_modified ?? null,
        author: i.authors?.[0]?.name ?? null,
        content: i.content_html ?? i.content_text ?? null,
        summary: i.summary ?? null,
      }));
      break;
    }
  }
  const seen = new Set<string>();
  const items: FeedItem[] = [];
  let duplicates = 0;
  let anonymous = 0;
  let future = 0;
  for (const item of raw) {
    const link = canonicalLink(item.link, baseUrl);
    let published = typeof item.published === 'string' && item.published.trim() !== '' ? item.published.trim() : null;
    const at = published ? Date.parse(published) : NaN;
    if (Number.isFinite(at) && at > fetchedAt.getTime() + FUTURE_TOLERANCE_MS) {
      future += 1;
      published = null;
    }
    const id = item.id || link || (item.title ? `hash:${hash(`${item.title}\n${item.published ?? ''}`)}` : '');
    if (!id) {
      anonymous += 1;
      continue;
    }
    if (seen.has(id)) {
      duplicates += 1;
      continue;
    }
    seen.add(id);
    items.push({ ...item, id, link, published, author: plain(item.author) });
  }
  if (duplicates) warnings.push(`${duplicates} item${duplicates === 1 ? ' repeats' : 's repeat'} an earlier item's id: only the first is kept`);
  if (anonymous) warnings.push(`${anonymous} item${anonymous === 1 ? '' : 's'} without id, link or title left out`);
  if (future) warnings.push(`${future} item${future === 1 ? '' : 's'} dated in the future: the date was not believed`);
  return { format: parsed.format, title, siteUrl, items, warnings };
}

function atomLink(links: Array<{ href?: string; rel?: string }> | undefined): string | null {
  if (!links || links.length === 0) return null;
  return (links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0])?.href ?? null;
}

/** Text without markup or runs of white space; null when nothing is left. */
export function plain(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.includes('<') ? (parseHTML(`<!doctype html><body>${value}</body>`) as unknown as { document: { body: { textContent: string | null } } }).document.body.textContent ?? '' : value;
  const t = text.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
