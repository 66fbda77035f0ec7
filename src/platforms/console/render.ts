/**
 * Reply → readable terminal text: heading, intro, one block per item with its
 * date and sources, footer. Colour only on a terminal that wants it.
 */
import type { Reply } from '../../core/reply.js';
import { sourceLabel } from '../../core/reply.js';

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

export function styleFor(stream: NodeJS.WriteStream): TextStyle {
  return stream.isTTY && !process.env.NO_COLOR ? ansi : plain;
}

/** Terminal control characters from article text must not reach the terminal. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

export function renderText(reply: Reply, style: TextStyle = plain): string {
  const lines: string[] = [];
  const heading = clean(reply.title);
  lines.push(reply.kind === 'error' ? style.red(style.bold(heading)) : style.bold(heading));
  if (reply.intro) lines.push(clean(reply.intro));
  const numbered = reply.kind === 'summary' || reply.kind === 'search' || reply.kind === 'digest';
  reply.items.forEach((item, i) => {
    lines.push('');
    const prefix = item.date ? `${item.date}  ` : numbered ? `${i + 1}. ` : '• ';
    lines.push(`${style.bold(prefix)}${clean(item.text)}`);
    if (item.sources.length && reply.kind !== 'sources') {
      lines.push(style.dim(`    Sources: ${item.sources.map((s) => `${clean(sourceLabel(s))} [${s.id}]`).join('; ')}`));
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
