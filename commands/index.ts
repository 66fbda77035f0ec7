/**
 * The registry of slash commands. Slack, Discord, the console and the CLI all
 * dispatch through this list (handed to them in their command context); the
 * Slack manifest and the Discord registration are generated from it. Add a
 * command here and it appears everywhere.
 */
import type { Command, CommandRegistry } from '../src/core/command.js';
import { briefing } from './briefing.js';
import { digest } from './digest.js';
import { help } from './help.js';
import { search } from './search.js';
import { sources } from './sources.js';
import { summary } from './summary.js';
import { timeline } from './timeline.js';

const registry: Command[] = [timeline, summary, sources, search, digest, briefing, help];

export function allCommands(): readonly Command[] {
  return registry;
}

export function findCommand(name: string): Command | undefined {
  const wanted = name.replace(/^\//, '').toLowerCase();
  return registry.find((c) => c.definition.name === wanted);
}

/** The registry as front ends receive it (CommandContext.commands). */
export const commandRegistry: CommandRegistry = { all: allCommands, find: findCommand };
