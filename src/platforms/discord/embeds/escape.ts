/**
 * Make article text safe to show in Discord: it must render as written and
 * never ping or link anyone. `allowed_mentions: {parse: []}` on every message
 * already stops the ping; this makes the text itself inert too, so a copy,
 * a quote or a future content message cannot ping either.
 */
import { escapeMarkdown } from 'discord.js';

const ZWSP = '\u200b';

/** `@everyone`/`@here` and `<@id>`, `<@&id>`, `<#id>`, `</cmd:id>` get a zero-width space so they stay text. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<([@#/])/g, `<${ZWSP}$1`);
}

/** Plain article text → Discord markdown that shows exactly these words. */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return neutraliseMentions(escaped);
}

/** Text for a masked-link label: `[label](url)` must not be broken by brackets. */
export function escapeLinkLabel(text: string): string {
  return neutraliseMentions(text.replace(/[[\]\\*_~`|]/g, (c) => `\\${c}`));
}

/** Only http(s) URLs become links; parentheses are encoded so the link syntax holds. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.toString().replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return null;
  }
}
