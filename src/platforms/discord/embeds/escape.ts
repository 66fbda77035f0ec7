/**
 * Make article text safe to show in Discord: it must render as written and
 * never ping or link anyone. `allowed_mentions: {parse: []}` on every message
 * already stops the ping; this makes the text itself inert too, so a copy,
 * a quote or a future content message cannot ping either.
 *
 * Every character Discord's markdown gives a meaning to inside a line is
 * backslash-escaped wherever it appears, not only where a pattern is
 * recognised: discord.js's `escapeMarkdown` escapes one masked link per
 * line and leaves URLs alone, so a second `[label](url)` on the line, a
 * `<url>` or a bare `https://` stayed live. A backslash before any
 * punctuation renders as that character alone, so the text reads the same.
 * Links: `[`, `]`, `(`, `)` (masked links), `<`, `>` (`<url>`, mentions,
 * emoji, timestamps) and the colon of `scheme://` (autolinked URLs).
 * Formatting: `\`, `*`, `_`, `~`, `|`, backtick. Block syntax only counts
 * at a line's start: headings and subtext (`#`, `-#`), lists (`- `, `1.`);
 * `>` quotes are covered above.
 */

const ZWSP = '\u200b';

/** Inline characters with a markdown meaning, and the colon that makes `scheme://` a link. */
const INLINE_SYNTAX = /[\\*_~|`[\]()<>]|:(?=\/\/)/g;
/** `# `, `## `, `### ` headings and `-# ` subtext at a line's start (after optional indent or bullet). */
const HEADING = /^( *)(-|[*-] )?( *)(#{1,3} )/gm;
/** `- ` bullets (`*` is escaped inline already). */
const BULLET = /^( *)-( +)/gm;
/** `1. ` numbered items. */
const NUMBERED = /^( *\d+)\./gm;

/** `@everyone`/`@here` and `<@id>`, `<@&id>`, `<#id>`, `</cmd:id>` get a zero-width space so they stay text. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<([@#/])/g, `<${ZWSP}$1`);
}

/** Backslash before every inline markdown and link character (also what a link label needs). */
function escapeInline(text: string): string {
  return text.replace(INLINE_SYNTAX, (c) => `\\${c}`);
}

/** Plain article text → Discord markdown that shows exactly these words, with no link, ping or formatting. */
export function escapeText(text: string): string {
  const escaped = escapeInline(text)
    .replace(HEADING, (_m, indent: string, lead: string | undefined, gap: string, hashes: string) =>
      lead === '-' ? `${indent}\\-${gap}${hashes}` : `${indent}${lead ?? ''}${gap}\\${hashes}`,
    )
    .replace(BULLET, '$1\\-$2')
    .replace(NUMBERED, '$1\\.');
  return neutraliseMentions(escaped);
}

/** Text for a masked-link label: `[label](url)` must not be broken, nor hold a link of its own. */
export function escapeLinkLabel(text: string): string {
  return neutraliseMentions(escapeInline(text));
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
