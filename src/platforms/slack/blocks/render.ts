/**
 * Block Kit rendering of the Reply model: the one place that decides how an
 * answer looks in Slack and how it is split into messages. Every message it
 * returns satisfies `blocks/limits.ts`.
 *
 * Layout: header (title), intro, then per item a section (`*date*  text`)
 * and a context block with its sources, the footer on the last page, and
 * when asked the controls (page buttons, "Share in channel").
 */
import type { types } from '@slack/bolt';
import type { Reply, ReplyItem } from '../../../core/reply.js';
import { citedCount, shownFacts, sourceLabel } from '../../../core/reply.js';
import type { SourceRef } from '../../../core/model.js';
import { paginate } from '../../paginate.js';
import {
  ACTION_NEXT,
  ACTION_PREVIOUS,
  ACTION_SHARE,
  encodeActionValue,
  fitsInButton,
  type AnswerRef,
} from './actions.js';
import { escapeMrkdwn, mrkdwnLink, plainText, truncate, truncateMrkdwn } from './escape.js';
import { fitsLimits, limitViolation, SLACK_LIMITS } from './limits.js';

type KnownBlock = types.KnownBlock;

/** One Slack message: notification text plus blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /**
   * The answer can be re-run from this (typed command): adds page buttons
   * when there is more than one page.
   */
  answer?: AnswerRef;
  /** Add a "Share in channel" button (ephemeral previews). Needs `answer`. */
  share?: boolean;
  /** "Shared by @user from /timeline training" above a shared answer. */
  attribution?: { userId?: string; typed: string };
}

export interface RenderedPage {
  message: SlackMessage;
  /** 0-based page actually shown (clamped). */
  page: number;
  pageCount: number;
}

/** Sources shown per item before "+N more" (keeps context blocks short). */
const MAX_SOURCES_SHOWN = 5;
/** A middle page of a huge answer: both page buttons, the longest page numbers. */
const WORST_PAGE = 998;
/** Characters of source links per item; the rest become "+N more". */
const MAX_SOURCES_CHARS = 1_500;
const MAX_SOURCE_LABEL = 200;
/** Item text cut well below the section limit so one item always fits a page. */
const MAX_ITEM_CHARS = 2_500;

/** The pages of an answer as messages (digest posting: no controls). */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const pages = pageItems(reply, options);
  return pages.map((items, i) => renderPageOf(reply, items, i, pages.length, options));
}

/** The pages of an answer as messages, each with the indexes of the items it shows (digest posts). */
export function renderPagesWithItems(reply: Reply): Array<{ message: SlackMessage; items: number[] }> {
  const pages = pageItems(reply, {});
  let next = 0;
  return pages.map((items, i) => {
    const indexes = items.map(() => next++);
    return { message: renderPageOf(reply, items, i, pages.length, {}), items: indexes };
  });
}

/** One page of an answer (interactive answers: page N with its buttons). */
export function renderReplyPage(reply: Reply, page: number, options: RenderOptions = {}): RenderedPage {
  const pages = pageItems(reply, options);
  const shown = Math.min(Math.max(0, page), pages.length - 1);
  return {
    message: renderPageOf(reply, pages[shown]!, shown, pages.length, options),
    page: shown,
    pageCount: pages.length,
  };
}

/** Split items greedily so that each page, with the worst-case controls, fits the limits. */
function pageItems(reply: Reply, options: RenderOptions): ReplyItem[][] {
  return paginate(reply.items, (items) => fitsLimits(buildBlocks(reply, items, WORST_PAGE, WORST_PAGE + 2, options, true)));
}

function renderPageOf(
  reply: Reply,
  items: readonly ReplyItem[],
  page: number,
  pageCount: number,
  options: RenderOptions,
): SlackMessage {
  const blocks = buildBlocks(reply, items, page, pageCount, options, false);
  const violation = limitViolation(blocks);
  // Pagination guarantees this; a violation here is a renderer bug, so say which limit.
  if (violation) throw new Error(`Slack renderer produced a message over the limits: ${violation}`);
  return { text: fallbackText(reply, page, pageCount), blocks };
}

/**
 * Blocks of one page. `worstCase` renders every optional part (footer,
 * page and share buttons) so that pagination reserves room for them.
 */
function buildBlocks(
  reply: Reply,
  items: readonly ReplyItem[],
  page: number,
  pageCount: number,
  options: RenderOptions,
  worstCase: boolean,
): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (options.attribution) blocks.push(context(attributionText(options.attribution)));
  const isError = reply.kind === 'error';
  if (isError) {
    blocks.push(section(`:warning: ${escapeMrkdwn(reply.intro ?? reply.title)}`));
  } else {
    blocks.push({
      type: 'header',
      text: { type: 'plain_text', text: truncate(plainText(reply.title), SLACK_LIMITS.headerText), emoji: false },
    });
    if (reply.intro) blocks.push(section(escapeMrkdwn(reply.intro)));
  }
  for (const item of items) blocks.push(...itemBlocks(item));
  const lastPage = page === pageCount - 1;
  if (reply.footer && (lastPage || worstCase)) {
    blocks.push(context(escapeMrkdwn(reply.footer)));
  }
  blocks.push(...controls(page, pageCount, options));
  return blocks;
}

/**
 * An item's blocks, rendered once per item: pagination measures growing
 * prefixes of the same items, and on the main thread each render of an
 * answer delays the acks behind it. Blocks are never changed once made.
 */
const renderedItems = new WeakMap<ReplyItem, KnownBlock[]>();

function itemBlocks(item: ReplyItem): KnownBlock[] {
  let blocks = renderedItems.get(item);
  if (!blocks) {
    blocks = [section(itemText(item))];
    if (item.sources.length) blocks.push(sourcesContext(item.sources, citedCount(item)));
    renderedItems.set(item, blocks);
  }
  return blocks;
}

function itemText(item: ReplyItem): string {
  const text = truncateMrkdwn(escapeMrkdwn(item.text), MAX_ITEM_CHARS);
  const facts = shownFacts(item).map((f) => `\n• ${escapeMrkdwn(f)}`).join('');
  return item.date ? `*${escapeMrkdwn(item.date)}*  ${text}${facts}` : `${text}${facts}`;
}

/** "Sources: <url|The Independent, 2024-12-19> · BBC News, 2024-12-20 · +2 more". */
function sourcesContext(sources: readonly SourceRef[], cited: number): KnownBlock {
  const shown: string[] = [];
  let length = 0;
  for (const source of sources) {
    const link = mrkdwnLink(source.url, truncate(sourceLabel(source), MAX_SOURCE_LABEL));
    // Whole links or none: a link cut in half would show its markup.
    if (shown.length >= MAX_SOURCES_SHOWN || (shown.length > 0 && length + link.length > MAX_SOURCES_CHARS)) break;
    shown.push(link);
    length += link.length + 3;
  }
  // `cited` counts sources a trimmed reply left out too (ReplyItem.moreSources).
  const more = cited - shown.length;
  const label = cited === 1 ? 'Source' : 'Sources';
  return context(`${label}: ${shown.join(' · ')}${more > 0 ? ` · +${more} more` : ''}`);
}

/** The user id comes from Slack's signed payload; only a well-formed id becomes a mention. */
function attributionText({ userId, typed }: { userId?: string; typed: string }): string {
  const who = userId && /^[UW][A-Z0-9]{2,30}$/.test(userId) ? `<@${userId}>` : 'someone';
  return `Shared by ${who} from ${escapeMrkdwn(truncate(typed, 300))}`;
}

function controls(page: number, pageCount: number, options: RenderOptions): KnownBlock[] {
  const answer = options.answer && fitsInButton(options.answer) ? options.answer : undefined;
  const blocks: KnownBlock[] = [];
  const buttons: types.Button[] = [];
  if (pageCount > 1) {
    blocks.push(context(`Page ${page + 1} of ${pageCount}`));
    if (answer && page > 0) buttons.push(button(ACTION_PREVIOUS, '← Previous', encodeActionValue({ ...answer, page: page - 1 })));
    if (answer && page < pageCount - 1) buttons.push(button(ACTION_NEXT, 'Next →', encodeActionValue({ ...answer, page: page + 1 })));
  }
  if (answer && options.share) {
    buttons.push({ ...button(ACTION_SHARE, 'Share in channel', encodeActionValue({ ...answer, page })), style: 'primary' });
  }
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'briefing_controls', elements: buttons });
  return blocks;
}

function button(actionId: string, label: string, value: string): types.Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label, emoji: true }, value };
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.sectionText) } };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.contextText) }] };
}

/** Notification / screen-reader text: the title, the intro's first line, the page. */
function fallbackText(reply: Reply, page: number, pageCount: number): string {
  const first = reply.intro?.split('\n')[0];
  const parts = [reply.kind === 'error' ? first ?? reply.title : reply.title];
  if (reply.kind !== 'error' && first) parts.push(first);
  if (pageCount > 1) parts.push(`(page ${page + 1} of ${pageCount})`);
  return truncateMrkdwn(escapeMrkdwn(parts.join(' — ')), SLACK_LIMITS.fallbackText);
}
