/**
 * The Slack name of each command. Slack refuses an app manifest that
 * declares one of its built-in commands (`/search`, `/status`, …), so those
 * are offered as `/briefing-<name>`; every other command keeps its own name.
 * The manifest and the listeners both use this, so they always agree.
 */
import type { CommandDefinition } from '../../core/command.js';

/** Slack's built-in slash commands (https://slack.com/help/articles/201259356). */
const SLACK_BUILT_INS = new Set([
  'active', 'archive', 'away', 'call', 'collapse', 'dm', 'dnd', 'expand', 'feed', 'invite',
  'join', 'leave', 'me', 'msg', 'mute', 'open', 'pro', 'remind', 'remove', 'rename',
  'search', 'shortcuts', 'shrug', 'star', 'status', 'topic', 'who',
]);

const PREFIX = 'briefing-';

/** "/timeline", or "/briefing-search" for a name Slack reserves. */
export function slackCommandName(name: string): string {
  return SLACK_BUILT_INS.has(name) ? `/${PREFIX}${name}` : `/${name}`;
}

/** Commands offered on Slack (a definition may restrict its platforms). */
export function offeredOnSlack(def: CommandDefinition): boolean {
  return !def.platforms || def.platforms.includes('slack');
}
