/**
 * Run a command by name from any platform: parse or validate its input, run
 * it, and turn bad input into a one-line error with the usage (never a stack
 * trace). Unexpected failures are logged and answered with a short apology.
 */
import { UsageError, type CommandArgs, type CommandContext } from './command.js';
import { parseCommandText, syntaxOf, usage, validateArgs } from './options.js';
import { errorReply, type Reply } from './reply.js';
import { logger } from './log.js';
import { DatabaseUnavailable, EngineBusyError } from './engine.js';

export type CommandInput =
  | { text: string }
  | { subcommand?: string; options: Record<string, unknown> };

export async function dispatch(name: string, input: CommandInput, ctx: CommandContext): Promise<Reply> {
  const command = ctx.commands.find(name);
  if (!command) {
    const spell = ctx.commandName ?? ((n: string) => `/${n}`);
    const known = ctx.commands.all().map((c) => spell(c.definition.name)).join(', ');
    return errorReply(`Unknown command "/${name.replace(/^\//, '')}". Try one of: ${known}.`);
  }
  let args: CommandArgs;
  try {
    args = 'text' in input ? parseCommandText(command.definition, input.text) : validateArgs(command.definition, input);
    return await command.run(args, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      const syntax = syntaxOf(ctx);
      return errorReply(err.describe(syntax), err.usageOf && usage(err.usageOf.definition, err.usageOf.subcommand, syntax));
    }
    if (err instanceof EngineBusyError) {
      return errorReply(`The bot is busy answering others right now; try /${command.definition.name} again in a moment.`);
    }
    if (err instanceof DatabaseUnavailable) {
      logger.warn({ err: err.message, command: name }, 'command: the database did not answer');
      return errorReply(`The bot cannot reach its database right now; try /${command.definition.name} again in a moment.`);
    }
    logger.error({ err, command: name, platform: ctx.platform }, 'command failed');
    return errorReply(`Sorry, /${command.definition.name} failed unexpectedly; the error is in the bot's log.`);
  }
}
