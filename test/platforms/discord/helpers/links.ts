/**
 * Which parts of a Discord message would render as links, judged by an
 * independent parser of Discord's markdown (@odiffey/discord-markdown, the
 * simple-markdown rules Discord's client is built on) in embed mode, where
 * masked links `[label](url)` render as well as `<url>` and bare URLs.
 */
import { toHTML } from '@odiffey/discord-markdown';

/** The link targets a text would render, in order. */
export function renderedLinks(markdown: string): string[] {
  const html = toHTML(markdown, { embed: true });
  return [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** What a reader sees of a text: the rendered HTML's text content. */
export function renderedText(markdown: string): string {
  return toHTML(markdown, { embed: true })
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Every string an embed shows (title, description, field names and values, footer). */
export function embedTexts(embed: { title?: string; description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string } }): string[] {
  return [embed.title, embed.description, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text].filter(
    (t): t is string => typeof t === 'string',
  );
}
