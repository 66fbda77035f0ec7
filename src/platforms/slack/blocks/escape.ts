/**
 * Make article text safe to show in Slack. Reply text is plain text as the
 * article wrote it; in mrkdwn `<!channel>`, `<!here>` and `<@U123>` are
 * mentions, so `&`, `<` and `>` are escaped as Slack documents. Bare
 * `@here`/`@channel`/`@everyone` do not ping from the API, but clients and
 * copy-paste may still treat them as mentions, so a WORD JOINER (U+2060,
 * invisible, zero width) goes after the `@`: the text reads the same and is
 * no longer the keyword.
 *
 * Links: `<url|text>` cannot form once `<` is escaped, but Slack also turns
 * a bare `https://…` into a link; the same WORD JOINER after the scheme's
 * colon keeps article text's URLs as text. Only the bot's own source links
 * (`mrkdwnLink`) are live.
 */

const MAX_URL = 1_000;
const WORD_JOINER = '\u2060';
const BARE_MENTION = /@(here|channel|everyone)\b/gi;
/** `scheme://`: the joiner goes between the colon and the slashes (matched as `://` alone: linear time). */
const URL_SCHEME = /:\/\//g;

/** Neutralise bare broadcast keywords and bare URLs (for plain_text as well as mrkdwn). */
export function neutraliseMentionsAndLinks(text: string): string {
  return text.replace(BARE_MENTION, `@${WORD_JOINER}$1`).replace(URL_SCHEME, `:${WORD_JOINER}//`);
}

/** Escape plain text for a mrkdwn field. */
export function escapeMrkdwn(text: string): string {
  return neutraliseMentionsAndLinks(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** Text for a plain_text field: no entity escaping (Slack shows it literally), no broadcast keywords or bare URLs. */
export function plainText(text: string): string {
  return neutraliseMentionsAndLinks(text);
}

/**
 * A mrkdwn link `<url|label>` when the URL is a well-formed http(s) address,
 * else the escaped label alone. Characters that would end the link early are
 * percent-encoded by URL serialisation (`<`, `>`), `|` explicitly.
 */
export function mrkdwnLink(url: string | null | undefined, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, '¦');
  if (!url) return safeLabel;
  let href: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return safeLabel;
    href = parsed.href.replace(/&/g, '&amp;').replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
    // A link longer than this is a tracking URL; the label alone is more useful than a broken message.
    if (href.length > MAX_URL) return safeLabel;
  } catch {
    return safeLabel;
  }
  return `<${href}|${safeLabel}>`;
}

/** Cut text to `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Cut escaped mrkdwn to `max` characters without leaving half an entity (`&am…`). */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1)).replace(/&[a-z]*$/, '');
  return `${cut.trimEnd()}…`;
}
