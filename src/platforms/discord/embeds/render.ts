/**
 * The one place a Reply becomes Discord messages: an embed per page (title,
 * intro, one field per item with its date, text and sources), Prev/Next
 * buttons for interactive answers, several messages for channel posts.
 * Every message carries `allowed_mentions: {parse: []}`.
 */
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from 'discord-api-types/v10';
import type { Reply, ReplyItem } from '../../../core/reply.js';
import { citedCount, shownFacts, sourceLabel } from '../../../core/reply.js';
import type { SourceRef } from '../../../core/model.js';
import { paginate } from '../../paginate.js';
import { DISCORD_LIMITS as L, ITEMS_PER_PAGE, RENDER_BUDGET, embedLength, truncate } from './limits.js';
import { escapeLinkLabel, escapeText, neutraliseMentions, safeUrl } from './escape.js';

/** What we send for a message (channel post, interaction response or edit). */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: APIAllowedMentions;
  flags?: number;
}

/** No message of ours may ping anyone, whatever the text says. */
export const NO_MENTIONS: APIAllowedMentions = Object.freeze({ parse: [] }) as APIAllowedMentions;

const COLOURS: Partial<Record<Reply['kind'], number>> = {
  error: 0xd9534f,
  digest: 0x3ba55c,
};
const DEFAULT_COLOUR = 0x5865f2;

/** "[The Independent, 2024-12-19](https://…)" or the label alone when the URL is unknown. */
function renderSource(source: SourceRef): string {
  const label = sourceLabel(source);
  const url = safeUrl(source.url);
  return url ? `[${escapeLinkLabel(label)}](${url})` : escapeText(label);
}

/** Sources joined within `budget` characters; the rest counted as "+N more". */
/** `cited` counts sources a trimmed reply left out too (ReplyItem.moreSources). */
function renderSources(sources: SourceRef[], cited: number, budget: number): string {
  if (sources.length === 0) return '';
  const parts: string[] = [];
  let used = 0;
  let i = 0;
  for (; i < sources.length; i++) {
    const part = renderSource(sources[i]!);
    const rest = cited - i - 1;
    const reserve = rest > 0 ? ` · +${rest} more`.length : 0;
    if (used + part.length + 3 + reserve > budget && parts.length > 0) break;
    parts.push(i === 0 ? truncate(part, budget) : part);
    used += part.length + 3;
  }
  if (cited > i) parts.push(`+${cited - i} more`);
  return `— ${parts.join(' · ')}`;
}

/** Escaped text cut so that its escaped form fits `max` (escaping lengthens text, never shortens it). */
function escapeWithin(text: string, max: number): string {
  let raw = text.length > max ? text.slice(0, max) : text;
  let out = escapeText(raw);
  if (out.length <= max && raw === text) return out;
  out = `${out}…`;
  while (out.length > max) {
    raw = raw.slice(0, Math.max(0, raw.length - (out.length - max) - 1));
    out = `${escapeText(raw)}…`;
  }
  return out;
}

function renderItem(item: ReplyItem, index: number): APIEmbedField {
  const name = truncate(neutraliseMentions(item.date || `${index + 1}.`), L.fieldName);
  const sources = renderSources(item.sources, citedCount(item), RENDER_BUDGET.sources);
  const textBudget = L.fieldValue - (sources ? sources.length + 1 : 0);
  const text = escapeWithin(item.text, textBudget);
  // Facts only where they fit whole after the headline: the headline is never cut for them.
  const facts: string[] = [];
  let left = textBudget - text.length;
  for (const f of shownFacts(item)) {
    const line = `• ${escapeText(f)}`;
    if (line.length + 1 > left) break;
    facts.push(line);
    left -= line.length + 1;
  }
  const value = [text, ...facts, sources].filter(Boolean).join('\n') || '\u200b';
  return { name, value };
}

export interface PageView {
  /** 0-based page number. */
  page: number;
  pages: number;
  /** Extra footer text, e.g. the digest page's reference marker. */
  marker?: string;
}

function footerText(footer: string | undefined, view: PageView): string | undefined {
  const parts = [
    footer ?? '',
    view.pages > 1 ? `Page ${view.page + 1}/${view.pages}` : '',
    view.marker ?? '',
  ].filter(Boolean);
  return parts.length ? truncate(parts.join(' · '), L.footer) : undefined;
}

/** The parts of a reply's embeds that do not depend on the page, escaped once. */
interface Prepared {
  title: string;
  description?: string;
  footer?: string;
  fields: APIEmbedField[];
  colour: number;
}

function prepare(reply: Reply): Prepared {
  return {
    title: truncate(neutraliseMentions(reply.title), L.title),
    description: reply.intro ? escapeWithin(reply.intro, RENDER_BUDGET.description) : undefined,
    footer: reply.footer ? escapeWithin(reply.footer, RENDER_BUDGET.footer) : undefined,
    fields: reply.items.map(renderItem),
    colour: COLOURS[reply.kind] ?? DEFAULT_COLOUR,
  };
}

/** One page (the items at `indices`) as an embed. */
function buildEmbed(prepared: Prepared, indices: readonly number[], view: PageView): APIEmbed {
  const embed: APIEmbed = { title: prepared.title, color: prepared.colour };
  if (prepared.description) embed.description = prepared.description;
  if (indices.length) embed.fields = indices.map((i) => prepared.fields[i]!);
  const footer = footerText(prepared.footer, view);
  if (footer) embed.footer = { text: footer };
  return embed;
}

export interface RenderedPage {
  embed: APIEmbed;
  /** Index of the page's first item in `reply.items`. */
  firstIndex: number;
  /** Indexes of the page's items in `reply.items`. */
  items: number[];
}

/** Footer text per page (0-based): a digest page's reference marker. */
export type PageMarker = (page: number) => string;

/**
 * Split a reply into embeds that each fit every limit. The footer is sized
 * with a worst-case page indicator (and marker) so adding the real one cannot overflow.
 */
export function renderPages(reply: Reply, marker?: PageMarker): RenderedPage[] {
  const prepared = prepare(reply);
  const probe: PageView = { page: 998, pages: 999, marker: marker?.(998) };
  const pages = paginate(
    reply.items.map((_, i) => i),
    (indices) => {
      if (indices.length > ITEMS_PER_PAGE || indices.length > L.fields) return false;
      return embedLength(buildEmbed(prepared, indices, probe)) <= L.embedTotal;
    },
  );
  return pages.map((indices, page) => ({
    embed: buildEmbed(prepared, indices, { page, pages: pages.length, marker: marker?.(page) }),
    firstIndex: indices[0] ?? 0,
    items: indices,
  }));
}

/**
 * An interactive answer showing page `page`, with Prev/Next buttons whose
 * custom ids come from `pageButtonId` (the pager encodes how to rebuild it);
 * without it, only the page is shown.
 */
export function renderInteractive(
  reply: Reply,
  page: number,
  pageButtonId?: (targetPage: number) => string,
): DiscordMessage {
  const pages = renderPages(reply);
  const current = Math.min(Math.max(0, page), pages.length - 1);
  const message: DiscordMessage = {
    embeds: [pages[current]!.embed],
    components: [],
    allowed_mentions: NO_MENTIONS,
  };
  if (reply.ephemeral) message.flags = MessageFlags.Ephemeral;
  if (pages.length > 1 && pageButtonId) {
    const last = pages.length - 1;
    // The two targets always differ, so the custom ids are unique as Discord requires.
    const prev = current === 0 ? 0 : current - 1;
    const next = current === last ? last : current + 1;
    message.components = [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: '◀ Prev',
            custom_id: pageButtonId(prev),
            disabled: current === 0,
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'Next ▶',
            custom_id: pageButtonId(next),
            disabled: current === last,
          },
        ],
      },
    ];
  }
  return message;
}

/** A reply as channel messages (digest posts): every page, one message each, no buttons. */
export function renderMessages(reply: Reply, marker?: PageMarker): Array<DiscordMessage & { items: number[] }> {
  return renderPages(reply, marker).map((p) => ({ embeds: [p.embed], components: [], allowed_mentions: NO_MENTIONS, items: p.items }));
}
