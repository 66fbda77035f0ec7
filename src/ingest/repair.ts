/**
 * Text repair a page's extraction leaves to do, before paragraphs are split
 * (mojibake is repaired earlier, on the decoded file: ./mojibake.ts).
 *
 * - HTML entities left in plain text, Markdown and JSON bodies ("&amp;",
 *   "&#8217;", "&rsquo;", "&nbsp;") become the characters they stand for.
 *   HTML pages are decoded by their parser and not touched again.
 * - Glued headings: a heading run into the first sentence of the text under
 *   it, with no space, when the page's blocks were flattened ("Commons
 *   ChamberWith permission, Mr Speaker, …", "Westminster HallWestminster Hall
 *   is …"). At the start of a line, two or more capitalised words whose last
 *   ends in a lower-case letter and runs straight into a capitalised word
 *   followed by a space or comma are split onto their own line. The last
 *   heading word must have at least four letters before the capital, so
 *   names such as "MacDonald" or "McKinsey" are never split.
 */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', sbquo: '‚', bdquo: '„', pound: '£', euro: '€', dollar: '$',
  cent: '¢', yen: '¥', copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷',
  middot: '·', bull: '•', laquo: '«', raquo: '»', frac12: '½', frac14: '¼', frac34: '¾', eacute: 'é',
  egrave: 'è', aacute: 'á', agrave: 'à', iacute: 'í', oacute: 'ó', uacute: 'ú', ouml: 'ö', uuml: 'ü',
  auml: 'ä', ccedil: 'ç', ntilde: 'ñ', szlig: 'ß', shy: '',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,8}));/g;

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name] ?? NAMED[name.toLowerCase()] ?? whole;
    const code = dec ? Number(dec) : parseInt(hex!, 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
    return String.fromCodePoint(code);
  });
}

const GLUED_HEADING =
  /^([ \t]*(?:\p{Lu}[\p{L}'’-]*[ \t]+){1,5}\p{Lu}\p{Ll}{3,})(\p{Lu}\p{Ll}*|I)(?=[ \t,])/gmu;

export function separateGluedHeadings(text: string): string {
  return text.replace(GLUED_HEADING, '$1\n\n$2');
}
