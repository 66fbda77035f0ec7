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
  /**
   * Sources cited but left out of `sources` (a reply from a query thread
   * carries only the first few: renderers show about five and count the
   * rest); renderers add it to their "+N more".
   */
  moreSources?: number;
  /** A development's further facts (its other reports, most salient first): renderers show shownFacts() under the text. */
  facts?: string[];
}

/**
 * What a chat reply shows of an item's further facts: the first
 * FACTS_SHOWN, each cut to FACT_CHARS at a word. A development's headline
 * stands alone; these say what else it holds (the scheme's other terms, the
 * package's parts) without making a timeline a wall of text. The JSON
 * (`--json`) carries every fact whole.
 */
export const FACTS_SHOWN = 2;
export const FACT_CHARS = 200;

export function shownFacts(item: ReplyItem): string[] {
  return (item.facts ?? []).slice(0, FACTS_SHOWN).map((f) => {
    if (f.length <= FACT_CHARS) return f;
    const cut = f.slice(0, FACT_CHARS - 1);
    const space = cut.lastIndexOf(' ');
    return `${(space > FACT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
  });
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

/** Sources per item a chat reply carries: more than any renderer shows before "+N more" (Slack 5, Discord ~400 characters). */
export const CARRIED_SOURCES = 10;

/** Every source an item cites, those carried and those only counted. */
export function citedCount(item: ReplyItem): number {
  return item.sources.length + (item.moreSources ?? 0);
}

/**
 * A reply as a chat front end needs it, small enough to copy between
 * threads cheaply: the first few sources of each item (the rest counted),
 * and no `data` (only the CLI's `--json` prints it). A timeline event cites
 * hundreds of articles; copying them all, for a renderer that shows five,
 * was most of the main thread's work under load.
 */
export function chatReply(reply: Reply): Reply {
  const { data: _data, ...rest } = reply;
  return {
    ...rest,
    items: reply.items.map((item) => {
      const facts = item.facts && item.facts.length > FACTS_SHOWN ? { facts: item.facts.slice(0, FACTS_SHOWN) } : {};
      return item.sources.length <= CARRIED_SOURCES
        ? { ...item, ...facts }
        : { ...item, ...facts, sources: item.sources.slice(0, CARRIED_SOURCES), moreSources: citedCount(item) - CARRIED_SOURCES };
    }),
  };
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
