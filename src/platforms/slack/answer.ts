/**
 * Running a command for a Slack user and shaping the answer for Slack's
 * response_url: results come back as an ephemeral preview with page buttons
 * and "Share in channel"; errors and personal replies (help, settings) stay
 * ephemeral without a share button. Shared by the slash-command and the
 * button listeners so a click re-runs exactly what was typed.
 */
import type { RespondArguments } from '@slack/bolt';
import type { CommandServices } from '../../core/command.js';
import type { Reply, ReplyKind } from '../../core/reply.js';
import { dispatch } from '../../core/dispatch.js';
import { findCommand } from '../../../commands/index.js';
import { needsChannelManager } from '../../core/command.js';
import { parseCommandText } from '../../core/options.js';
import type { AnswerRef } from './blocks/actions.js';
import { renderReply, renderReplyPage, type SlackMessage } from './blocks/render.js';
import type { ManageCheck } from './permissions.js';
import { slackCommandName } from './command-names.js';

export interface AnswerDeps {
  /** What commands run with (src/app.ts builds it). */
  services: CommandServices;
  now: () => Date;
  canManage: ManageCheck;
}

export interface Asker {
  user?: string;
  channel?: string;
}

/**
 * Whether the typed command changes channel settings. Text that does not
 * parse needs no check: dispatch answers it with the usage.
 */
function changesChannel(answer: AnswerRef): boolean {
  const def = findCommand(answer.command)?.definition;
  if (!def?.subcommands?.length) return false;
  try {
    return needsChannelManager(def, parseCommandText(def, answer.text).subcommand);
  } catch {
    return false;
  }
}

export async function runCommand(deps: AnswerDeps, answer: AnswerRef, asker: Asker): Promise<Reply> {
  // users.info is a call to Slack: only a command that changes the channel waits on it.
  const canManageChannel = changesChannel(answer) ? await deps.canManage(asker.user) : false;
  return dispatch(
    answer.command,
    { text: answer.text },
    {
      ...deps.services,
      platform: 'slack',
      user: asker.user,
      channel: asker.channel,
      canManageChannel,
      now: deps.now,
      commandName: slackCommandName,
    },
  );
}

/** Replies about the asker or the channel's settings, never offered for sharing. */
const PERSONAL_KINDS: ReadonlySet<ReplyKind> = new Set(['error', 'settings', 'info', 'help']);

/** A result others may want to see (timeline, summary, …): offered with a Share button. */
export function isShareable(reply: Reply): boolean {
  return !reply.ephemeral && !PERSONAL_KINDS.has(reply.kind);
}

/** Page `page` of an answer as an ephemeral response (the preview everyone gets first). */
export function previewResponse(reply: Reply, answer: AnswerRef, page: number, replaceOriginal: boolean): RespondArguments {
  const { message } = renderReplyPage(reply, page, { answer, share: isShareable(reply) });
  return { response_type: 'ephemeral', replace_original: replaceOriginal, text: message.text, blocks: message.blocks };
}

/** All pages of an answer for posting in the channel, with who shared it. */
export function sharedMessages(reply: Reply, answer: AnswerRef, user: string | undefined): SlackMessage[] {
  const typed = `${slackCommandName(answer.command)}${answer.text ? ` ${answer.text}` : ''}`;
  return renderReply(reply, { attribution: { userId: user, typed } });
}
