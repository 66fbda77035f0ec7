/**
 * An article as a file, in the formats a corpus folder holds: plain text with
 * a ` date` header, a dateline or no date at all; Markdown with front matter;
 * an HTML page with meta tags and page chrome; JSON arrays of articles.
 */
import { iso, longDate } from './calendar.js';
import type { Article, Block } from './article.js';
import type { Rng } from './prng.js';

export type FileStyle = 'txt-header' | 'txt-dateline' | 'txt-undated' | 'md' | 'html' | 'json';

export const STYLE_WEIGHTS: ReadonlyArray<readonly [FileStyle, number]> = [
  ['txt-header', 20],
  ['txt-dateline', 18],
  ['txt-undated', 12],
  ['md', 20],
  ['html', 17],
  ['json', 13],
];

export const EXTENSION: Record<FileStyle, string> = {
  'txt-header': 'txt',
  'txt-dateline': 'txt',
  'txt-undated': 'txt',
  md: 'md',
  html: 'html',
  json: 'json',
};

export function slugify(text: string, max = 48): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, max)
    .replace(/-$/, '');
}

function url(a: Article): string {
  return `https://www.${a.outlet.domain}/news/${iso(a.published).slice(0, 7)}/${slugify(a.title)}`;
}

function blockText(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return b.sentences.join(' ');
    case 'caption':
      return `Open image in gallery ${b.text} (${b.credit})`;
    default:
      return b.text;
  }
}

/** Plain text: paragraphs on their own lines, blank-line separated or not, as scraped text varies. */
export function renderText(rng: Rng, a: Article, style: 'txt-header' | 'txt-dateline' | 'txt-undated'): string {
  const blocks = [...a.blocks];
  const sep = rng.chance(0.5) ? '\n\n' : '\n';
  let head = '';
  if (style === 'txt-header') {
    // Like scraped pages: the date header and a leading banner share the first line.
    head = ` date ${iso(a.published)} `;
    if (blocks[0]?.kind === 'donation') head += blockText(blocks.shift()!);
    head += '\n\n';
  } else if (style === 'txt-dateline') {
    head = `${longDate(a.published)}, ${a.time}\n`;
  } else if (!a.offTopic && rng.chance(0.5)) {
    // An undated text that says its own day in the lede, as wire copy often does.
    const lede = blocks.findIndex((b) => b.kind === 'paragraph');
    const p = blocks[lede];
    if (p?.kind === 'paragraph') {
      blocks[lede] = { kind: 'paragraph', sentences: [`${p.sentences[0]!.replace(/\.$/, '')}, ${a.inferablePhrase}.`, ...p.sentences.slice(1)] };
    }
  }
  return `${head}${blocks.map(blockText).join(sep)}\n`;
}

export function renderMarkdown(rng: Rng, a: Article): string {
  const dateKey = rng.chance(0.5) ? 'date' : 'published';
  const dateValue = rng.chance(0.5) ? iso(a.published) : `${iso(a.published)}T${a.time}:00Z`;
  const outletKey = rng.chance(0.5) ? 'outlet' : 'source';
  const front = [
    '---',
    `title: ${JSON.stringify(a.title)}`,
    `${dateKey}: ${dateValue}`,
    `url: ${url(a)}`,
    `${outletKey}: ${JSON.stringify(a.outlet.name)}`,
    '---',
  ].join('\n');
  const body = a.blocks
    .map((b) => (b.kind === 'caption' ? `![${b.text}](https://img.${a.outlet.domain}/${slugify(b.text)}.jpg)\n${blockText(b)}` : blockText(b)))
    .join('\n\n');
  return `${front}\n\n# ${a.title}\n\n${body}\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderHtml(rng: Rng, a: Article): string {
  const published = `${iso(a.published)}T${a.time}:00+00:00`;
  const body = a.blocks
    .map((b) => {
      switch (b.kind) {
        case 'paragraph':
          return `      <p>${escapeHtml(blockText(b))}</p>`;
        case 'caption':
          return `      <figure><img src="/img/${slugify(b.text)}.jpg" alt=""><figcaption>Open image in gallery ${escapeHtml(b.text)} <span class="credit">(${escapeHtml(b.credit)})</span></figcaption></figure>`;
        case 'donation':
          return `      <aside class="support-banner"><p>${escapeHtml(b.text)}</p><a href="/donate">Support now</a></aside>`;
        case 'newsletter':
          return `      <div class="newsletter"><p>${escapeHtml(b.text)}</p><form><input type="email"><button>Sign up</button></form></div>`;
        case 'readmore':
          return `      <p class="related"><a href="/related">${escapeHtml(b.text)}</a></p>`;
      }
    })
    .join('\n');
  const timeTag = rng.chance(0.6) ? `<time datetime="${published}">${longDate(a.published)}</time>` : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(a.title)} | ${escapeHtml(a.outlet.name)}</title>
  <meta property="og:title" content="${escapeHtml(a.title)}">
  <meta property="og:site_name" content="${escapeHtml(a.outlet.name)}">
  <meta property="og:url" content="${url(a)}">
  <meta property="article:published_time" content="${published}">
  <link rel="stylesheet" href="/static/site.css">
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({ page: "article" });</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
  <main>
    <article>
      <h1>${escapeHtml(a.title)}</h1>
      <p class="byline">By ${escapeHtml(a.outlet.name)} staff ${timeTag}</p>
${body}
    </article>
  </main>
  <footer><p>© ${a.published.getUTCFullYear()} ${escapeHtml(a.outlet.name)}. All rights reserved.</p><script src="/static/analytics.js"></script></footer>
</body>
</html>
`;
}

/** A JSON array of articles (feeds exported as JSON hold several). */
export function renderJson(rng: Rng, articles: Article[]): string {
  const items = articles.map((a) => {
    const text = a.blocks.map(blockText).join('\n\n');
    const item: Record<string, string> = { title: a.title };
    item[rng.chance(0.5) ? 'text' : 'body'] = text;
    item[rng.chance(0.5) ? 'published' : 'date'] = rng.chance(0.5) ? iso(a.published) : `${iso(a.published)}T${a.time}:00Z`;
    item.url = url(a);
    item[rng.chance(0.5) ? 'outlet' : 'source'] = a.outlet.name;
    return item;
  });
  return `${JSON.stringify(items, null, 2)}\n`;
}
