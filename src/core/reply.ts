/**
 * Reply: the small document model every command returns. Platform renderers
 * (Slack Block Kit, Discord embeds, terminal text) turn it into messages and
 * split it into pages within their own limits; the core never knows them.
 *
 * Text in a Reply is plain text (article words as written). Renderers escape
 * it for their platform so that it can never ping anyone.
 */
import type { SourceRef } from './model.js';

export type ReplyKind =
  | 'timeline'
  | 'summary'
  | 'sources'
  | 'search'
  | 'help'
  | 'digest'
  | 'settings'
  | 'info'
  | 'error';

export interface ReplyItem {
  /** Display date at its precision ("2024-12-19", "2024-10", "2014"); absent for undated items. */
  date?: string | null;
  text: string;
  sources: SourceRef[];
}

export interface Reply {
  kind: ReplyKind;
  /** Heading: "Timeline — UK support for Ukraine". */
  title: string;
  /** One line under the heading: counts, range, what was filtered. */
  intro?: string;
  items: ReplyItem[];
  /** Closing line: hints, "3 more — use limit:". */
  footer?: string;
  /** Only the person who asked should see it (errors, settings, previews). */
  ephemeral?: boolean;
  /** The machine-readable answer (the `--json` contract of docs/cli.md). */
  data?: unknown;
}

export function errorReply(message: string, usage?: string): Reply {
  return {
    kind: 'error',
    title: 'Error',
    intro: usage ? `${message}\nUsage: ${usage}` : message,
    items: [],
    ephemeral: true,
  };
}

export function infoReply(title: string, intro: string, ephemeral = true): Reply {
  return { kind: 'info', title, intro, items: [], ephemeral };
}

/** Longest title shown in a citation: a citation names a source, it does not retell it. */
const CITED_TITLE_MAX = 60;

/** "The Independent, 2024-12-19", or a short title when the outlet is unknown. */
export function sourceLabel(source: SourceRef): string {
  const name = source.outlet ?? shortTitle(source.title);
  return source.published ? `${name}, ${source.published}` : name;
}

function shortTitle(title: string): string {
  const plain = title.replace(/[\s.…,;:]+$/u, '');
  if (plain.length <= CITED_TITLE_MAX) return `“${plain}”`;
  const cut = plain.slice(0, CITED_TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `“${(space > CITED_TITLE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/u, '')}…”`;
}
