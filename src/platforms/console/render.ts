/**
 * Reply → readable terminal text: heading, intro, one block per item with its
 * date and sources, footer. Colour only on a terminal that wants it.
 */
import type { Reply } from '../../core/reply.js';
import { shownFacts, sourceLabel } from '../../core/reply.js';

export interface TextStyle {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
}

const plain: TextStyle = { bold: (s) => s, dim: (s) => s, red: (s) => s };
const ansi: TextStyle = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  red: (s) => `\x1b[31m${s}\x1b[39m`,
};

/** `color`: the configuration's NO_COLOR check (config.ts), read once at start-up. */
export function styleFor(stream: NodeJS.WriteStream, color: boolean): TextStyle {
  return stream.isTTY && color ? ansi : plain;
}

/** Terminal control characters from article text must not reach the terminal. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Wrap at word boundaries; continuation lines indented under the first line's text. */
function wrap(text: string, width: number | undefined, indent: number): string {
  if (!width || width < 40) return text;
  const out: string[] = [];
  const lead = /^ */.exec(text)![0];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    if (line.trim() && line.length + 1 + word.length > width) {
      out.push(line);
      line = ' '.repeat(indent) + word;
    } else {
      line = line.trim() ? `${line} ${word}` : line + word;
    }
  }
  if (line) out.push(line);
  return out.join('\n');
}

/** `width`: terminal columns to wrap at (none: one line per paragraph, for pipes). */
export function renderText(reply: Reply, style: TextStyle = plain, width?: number): string {
  const lines: string[] = [];
  const heading = clean(reply.title);
  lines.push(reply.kind === 'error' ? style.red(style.bold(heading)) : style.bold(heading));
  if (reply.intro) lines.push(clean(reply.intro));
  const numbered = reply.kind === 'summary' || reply.kind === 'search' || reply.kind === 'digest';
  reply.items.forEach((item, i) => {
    lines.push('');
    const prefix = item.date ? `${item.date}  ` : numbered ? `${i + 1}. ` : '• ';
    const body = wrap(`${prefix}${clean(item.text)}`, width, prefix.length);
    lines.push(style.bold(prefix) + body.slice(prefix.length));
    for (const f of shownFacts(item)) lines.push(wrap(`    · ${clean(f)}`, width, 6));
    if (item.sources.length && reply.kind !== 'sources') {
      const more = item.moreSources ? `; +${item.moreSources} more` : '';
      const cited = `    Sources: ${item.sources.map((s) => `${clean(sourceLabel(s))} [${s.id}]`).join('; ')}${more}`;
      lines.push(style.dim(wrap(cited, width, 6)));
    } else if (reply.kind === 'sources' && item.sources[0]) {
      const s = item.sources[0];
      lines.push(style.dim(`    ${s.id}${s.outlet ? ` · ${clean(s.outlet)}` : ''}${s.url ? ` · ${s.url}` : ''}`));
    }
  });
  if (reply.footer) {
    lines.push('');
    lines.push(style.dim(clean(reply.footer)));
  }
  return lines.join('\n');
}
