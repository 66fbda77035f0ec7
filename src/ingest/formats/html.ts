/**
 * HTML: the article, not the page. @mozilla/readability picks the article
 * content from a linkedom document; scripts, styles, navigation, figures and
 * their captions never reach the text. Metadata is read from the page first
 * (Readability rewrites the document): <meta property="article:published_time">
 * and similar, og:site_name, og:title / <title>, <time datetime>, canonical URL.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { text, type RawArticle } from './article.js';

/** Elements whose text is never article prose. */
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'video', 'audio',
  'figure', 'figcaption', 'picture', 'img', 'button', 'select', 'input', 'textarea', 'form', 'head',
]);
/** Page chrome: skipped in Readability's output too (it keeps a <nav> on short pages). */
const CHROME = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
/** Elements that start a new paragraph. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'blockquote', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'pre', 'table', 'tr',
  'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr', 'address', 'header', 'footer', 'nav', 'aside',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const PUBLISHED_META = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publish-date"]',
  'meta[name="date"]',
  'meta[name="dc.date"]',
  'meta[name="DC.date.issued"]',
  'meta[property="og:published_time"]',
];

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

interface DomElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  closest(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

interface DomDocument {
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  body: DomNode | null;
}

function attr(doc: DomDocument, selector: string, name: string): string | null {
  return text(doc.querySelector(selector)?.getAttribute(name) ?? null);
}

/** Paragraph texts of a DOM subtree, block by block. Headings are left out: they are not sentences. */
function blockParagraphs(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t !== '') paragraphs.push(t);
    current = '';
  };
  const walk = (node: DomNode): void => {
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.nodeType === 3) {
        current += child.textContent ?? '';
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = child.nodeName.toLowerCase();
      if (SKIP.has(tag) || CHROME.has(tag)) continue;
      if (HEADINGS.has(tag)) {
        flush();
        continue;
      }
      const block = BLOCK.has(tag);
      if (block) flush();
      walk(child);
      if (block) flush();
    }
  };
  walk(root);
  flush();
  return paragraphs;
}

/** A cookie or consent notice: marked so by its attributes, or worded so. */
const CONSENT_ATTRS = ['id', 'class', 'aria-label', 'data-module', 'data-testid'];
const CONSENT_MARK = /cookie|consent|gdpr|\bcmp\b|privacy-banner/i;
const CONSENT_TEXT = /\b(?:we use (?:some )?(?:essential )?cookies|cookies on (?:this|our) (?:site|website)|accept (?:all|additional) cookies|reject (?:all|additional) cookies|cookie (?:settings|preferences|policy)|manage (?:your )?(?:cookie )?preferences)\b/i;
const MAX_CONSENT_CHARS = 1_500;

/**
 * Cookie and consent notices outside the page's <article> are page chrome,
 * never content: elements marked as such (id, class, aria-label) or short
 * blocks worded as such are removed before the article is read. Inside an
 * <article> nothing is removed on these grounds (a report about cookie law
 * stays whole).
 */
function removeConsentNotices(document: DomDocument): void {
  const outsideArticle = (el: DomElement) => el.closest('article') === null;
  const marked = CONSENT_ATTRS.map((a) => `[${a}]`).join(',');
  for (const el of Array.from(document.querySelectorAll(marked))) {
    if (!outsideArticle(el)) continue;
    if (CONSENT_ATTRS.some((a) => CONSENT_MARK.test(el.getAttribute(a) ?? ''))) el.remove();
  }
  for (const el of Array.from(document.querySelectorAll('div, section, aside, p, dialog, form'))) {
    const text = el.textContent ?? '';
    if (!outsideArticle(el) || text.length > MAX_CONSENT_CHARS || !CONSENT_TEXT.test(text)) continue;
    // Only a block that is all notice: none of its own paragraphs or blocks reads otherwise.
    const parts = Array.from(el.querySelectorAll('p, div, section, article'));
    if (parts.some((part) => part.querySelectorAll('p, div, section').length === 0 && !CONSENT_TEXT.test(part.textContent ?? '') && (part.textContent ?? '').trim().length > 80)) continue;
    el.remove();
  }
}

export function readHtml(source: string): RawArticle {
  const { document } = parseHTML(source) as unknown as { document: DomDocument };
  removeConsentNotices(document);

  const published =
    PUBLISHED_META.map((s) => attr(document, s, 'content')).find((v) => v !== null) ??
    attr(document, 'time[datetime]', 'datetime');
  const outlet = attr(document, 'meta[property="og:site_name"]', 'content') ?? attr(document, 'meta[name="application-name"]', 'content');
  const metaTitle = attr(document, 'meta[property="og:title"]', 'content') ?? attr(document, 'meta[name="twitter:title"]', 'content');
  const pageTitle = text(document.querySelector('title')?.textContent ?? null);
  const h1 = text(document.querySelector('h1')?.textContent ?? null);
  const url = attr(document, 'link[rel="canonical"]', 'href') ?? attr(document, 'meta[property="og:url"]', 'content');

  let paragraphs: string[] = [];
  let readabilityTitle: string | null = null;
  let readabilityPublished: string | null = null;
  let readabilitySite: string | null = null;
  try {
    const article = new Readability(document as never).parse();
    if (article?.content) {
      const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`) as unknown as {
        document: DomDocument;
      };
      if (content.body) paragraphs = blockParagraphs(content.body);
      readabilityTitle = text(article.title ?? null);
      readabilityPublished = text(article.publishedTime ?? null);
      readabilitySite = text(article.siteName ?? null);
    }
  } catch {
    // Readability gives up on some pages; the body is read below instead.
  }
  if (paragraphs.length === 0) {
    // Readability rewrote the document; parse the page again and read the body without chrome.
    const { document: fresh } = parseHTML(source) as unknown as { document: DomDocument };
    removeConsentNotices(fresh);
    if (fresh.body) paragraphs = blockParagraphs(fresh.body);
  }

  const site = outlet ?? readabilitySite;
  return {
    title: cleanTitle(metaTitle ?? readabilityTitle ?? pageTitle ?? h1, site),
    body: paragraphs.join('\n\n'),
    published: published ?? readabilityPublished,
    publishedField: published || readabilityPublished ? 'HTML published time' : null,
    outlet: site,
    url,
    warnings: [],
  };
}

/** "Aid package | Kyiv Post" → "Aid package" when the suffix is the site name. */
function cleanTitle(title: string | null, site: string | null): string | null {
  if (!title) return null;
  if (site) {
    const escaped = site.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const stripped = title.replace(new RegExp(`\\s*[|\\-–—:]\\s*${escaped}\\s*$`, 'i'), '');
    if (stripped !== '') return stripped;
  }
  return title;
}
