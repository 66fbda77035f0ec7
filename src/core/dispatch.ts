/**
 * Run a command by name from any platform: parse or validate its input, run
 * it, and turn bad input into a one-line error with the usage (never a stack
 * trace). Unexpected failures are logged and answered with a short apology.
 */
import { UsageError, type Command, type CommandArgs, type CommandContext, type CommandInput, type PortableAsker, type ReadContext } from './command.js';
import { parseCommandText, syntaxOf, usage, validateArgs } from './options.js';
import { errorReply, type Reply } from './reply.js';
import { logger } from './log.js';
import { DatabaseUnavailable, EngineBusyError } from './engine.js';


export async function dispatch(name: string, input: CommandInput, ctx: CommandContext): Promise<Reply> {
  const command = ctx.commands.find(name);
  if (!command) {
    const spell = ctx.commandName ?? ((n: string) => `/${n}`);
    const known = ctx.commands.all().map((c) => spell(c.definition.name)).join(', ');
    return errorReply(`Unknown command "/${name.replace(/^\//, '')}". Try one of: ${known}.`);
  }
  return answering(command, ctx, () => {
    const args = 'text' in input ? parseCommandText(command.definition, input.text) : validateArgs(command.definition, input);
    // Read-only commands run whole on a query thread when there are some; the
    // CLI's own syntax (a function) stays here, as does every command of a process without threads.
    if (command.readsOnly && ctx.readThreads && !ctx.syntax) return ctx.readThreads.runRead(command.definition.name, args, portableAsker(ctx));
    return command.run(args, ctx);
  });
}

/**
 * A read-only command on a query thread, its arguments already validated by
 * dispatch: the same answers and error lines as dispatch gives.
 */
export async function dispatchRead(name: string, args: CommandArgs, ctx: ReadContext): Promise<Reply> {
  const command = ctx.commands.find(name);
  if (!command?.readsOnly) return errorReply(`Sorry, /${name} cannot run here; the error is in the bot's log.`);
  return answering(command, ctx, () => command.run(args, ctx));
}

/** Who asks, as plain values for a query thread (see PortableAsker). */
export function portableAsker(ctx: CommandContext): PortableAsker {
  const spell = ctx.commandName ?? ((n: string) => `/${n}`);
  const commandNames: Record<string, string> = {};
  for (const c of ctx.commands.all()) commandNames[c.definition.name] = spell(c.definition.name);
  return { platform: ctx.platform, channel: ctx.channel, user: ctx.user, nowMs: ctx.now().getTime(), commandNames };
}

/** The asker's context rebuilt on a query thread around its read-only engine. */
export function readContext(asker: PortableAsker, services: Pick<ReadContext, 'engine' | 'commands'>): ReadContext {
  const now = new Date(asker.nowMs);
  return {
    ...services,
    platform: asker.platform,
    channel: asker.channel,
    user: asker.user,
    now: () => now,
    commandName: (n) => asker.commandNames[n] ?? `/${n}`,
  };
}

/** Runs a command's work, turning bad input and known failures into one-line replies. */
async function answering(command: Command, ctx: ReadContext, work: () => Promise<Reply>): Promise<Reply> {
  const name = command.definition.name;
  try {
    return await work();
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
