/**
 * What to do with an interaction, whichever way it arrived (signed HTTP
 * request or gateway event): slash commands, autocomplete and page buttons.
 * The transport supplies a `Responder`; everything here goes through
 * `dispatch()` and the definitions in commands/, never a command name.
 */
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { findCommand } from '../../../commands/index.js';
import { answersPrivately, UsageError, type CommandArgs, type CommandContext, type CommandDefinition, type OptionValue } from '../../core/command.js';
import { dispatch } from '../../core/dispatch.js';
import type { CommandServices } from '../../core/command.js';
import { logger } from '../../core/log.js';
import { validateArgs } from '../../core/options.js';
import { infoReply, type Reply } from '../../core/reply.js';
import { actionOption } from './commands.js';
import { DISCORD_LIMITS, truncate } from './embeds/limits.js';
import { NO_MENTIONS, renderInteractive, type DiscordMessage } from './embeds/render.js';
import { describeError } from './errors.js';
import type { Pager } from './pager.js';
import { canManageChannel } from './permissions.js';

/** An option as both the raw API and discord.js (`interaction.options.data`) present it. */
export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: readonly InteractionOption[];
  focused?: boolean;
}

export interface Invoker {
  channel?: string;
  user?: string;
  /** The member's resolved permissions in the channel; absent in DMs. */
  permissions?: string | bigint | null;
}

export type DiscordRequest =
  | { kind: 'command'; command: string; options: readonly InteractionOption[]; invoker: Invoker }
  | { kind: 'autocomplete'; command: string; options: readonly InteractionOption[] }
  | { kind: 'component'; customId: string; invoker: Invoker };

export type AutocompleteChoice = APIApplicationCommandOptionChoice<string>;

/** The interaction callbacks, implemented over HTTP responses + REST or over discord.js. */
export interface Responder {
  /** Type 4: answer now. */
  reply(message: DiscordMessage): Promise<void>;
  /** Type 5: "thinking…", completed by `editOriginal`. */
  deferReply(ephemeral: boolean): Promise<void>;
  /** Type 6: acknowledge a button, then `editOriginal` updates its message. */
  deferUpdate(): Promise<void>;
  /** Type 8. */
  autocomplete(choices: AutocompleteChoice[]): Promise<void>;
  /** PATCH /webhooks/{application}/{token}/messages/@original. */
  editOriginal(message: DiscordMessage): Promise<void>;
  deleteOriginal(): Promise<void>;
  /** POST /webhooks/{application}/{token}: a further message, ephemeral when flagged. */
  followUp(message: DiscordMessage): Promise<void>;
}

export interface HandlerDeps {
  /** What commands run with (src/app.ts builds it). */
  services: CommandServices;
  pager: Pager;
  now: () => Date;
}

/**
 * `/briefing subscribe time:08:00` → { subcommand: 'subscribe', options: { time: '08:00' } };
 * `/briefing feed add url:…` (a group) → the group's action option set to `add`.
 */
function readOptions(
  options: readonly InteractionOption[],
  def: CommandDefinition | undefined,
): {
  subcommand?: string;
  options: Record<string, unknown>;
  focused?: InteractionOption;
} {
  let list = options;
  let subcommand: string | undefined;
  const values: Record<string, unknown> = {};
  const group = list.find((o) => o.type === ApplicationCommandOptionType.SubcommandGroup);
  const sub = group ?? list.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (sub) {
    subcommand = sub.name;
    list = sub.options ?? [];
  }
  if (group) {
    const picked = list.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
    const subDef = def?.subcommands?.find((s) => s.name === group.name);
    const action = subDef && actionOption(subDef);
    if (picked && action) values[action.name] = picked.name;
    list = picked?.options ?? [];
  }
  for (const o of list) if (o.value !== undefined) values[o.name] = o.value;
  return { subcommand, options: values, focused: list.find((o) => o.focused) };
}

function contextFor(invoker: Invoker, deps: HandlerDeps): CommandContext {
  return {
    ...deps.services,
    platform: 'discord',
    channel: invoker.channel,
    user: invoker.user,
    canManageChannel: canManageChannel(invoker.permissions),
    now: deps.now,
  };
}

/** Edits cannot change flags; only new messages carry them. */
function withoutFlags(message: DiscordMessage): DiscordMessage {
  const { flags: _flags, ...rest } = message;
  return rest;
}

function ephemeral(message: DiscordMessage): DiscordMessage {
  return { ...message, flags: (message.flags ?? 0) | MessageFlags.Ephemeral };
}

function definedOptions(args: CommandArgs): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const [k, v] of Object.entries(args.options)) if (v !== undefined) out[k] = v;
  return out;
}

export async function handleInteraction(req: DiscordRequest, responder: Responder, deps: HandlerDeps): Promise<void> {
  switch (req.kind) {
    case 'autocomplete':
      return answerAutocomplete(req, responder, deps);
    case 'command':
      return answerCommand(req, responder, deps);
    case 'component':
      return answerPageButton(req, responder, deps);
  }
}

/** Autocomplete must answer within 3 s and cannot be deferred: suggestions only, no dispatch. */
async function answerAutocomplete(
  req: Extract<DiscordRequest, { kind: 'autocomplete' }>,
  responder: Responder,
  deps: HandlerDeps,
): Promise<void> {
  const command = findCommand(req.command);
  const { subcommand, focused } = readOptions(req.options, command?.definition);
  const def = command?.definition;
  const defs = def?.subcommands?.length ? def.subcommands.find((s) => s.name === subcommand)?.options : def?.options;
  const wanted = defs?.find((o) => o.name === focused?.name);
  let choices: AutocompleteChoice[] = [];
  if (wanted?.autocomplete) {
    try {
      const prefix = String(focused?.value ?? '').trim();
      const seen = new Set<string>();
      const own = (await command?.suggest?.(wanted.name, prefix, deps.services)) ?? null;
      for (const c of own ?? []) {
        const value = c.value.slice(0, DISCORD_LIMITS.choiceValue);
        if (!value || seen.has(value)) continue;
        seen.add(value);
        choices.push({ name: truncate(c.name, DISCORD_LIMITS.choiceName), value });
      }
      for (const topic of own ? [] : await deps.services.engine.suggestTopics(prefix, DISCORD_LIMITS.autocompleteChoices)) {
        const value = topic.slice(0, DISCORD_LIMITS.choiceValue);
        if (!value || seen.has(value)) continue;
        seen.add(value);
        choices.push({ name: truncate(topic, DISCORD_LIMITS.choiceName), value });
      }
      choices = choices.slice(0, DISCORD_LIMITS.autocompleteChoices);
    } catch (err) {
      logger.error({ err, command: req.command }, 'discord autocomplete failed');
    }
  }
  await responder.autocomplete(choices);
}

async function answerCommand(
  req: Extract<DiscordRequest, { kind: 'command' }>,
  responder: Responder,
  deps: HandlerDeps,
): Promise<void> {
  const ctx = contextFor(req.invoker, deps);
  const def = findCommand(req.command)?.definition;
  const input = readOptions(req.options, def);
  let args: CommandArgs | undefined;
  try {
    if (def) args = validateArgs(def, input);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
  }
  if (!def || !args) {
    // Bad input is known before any work: answer it at once, privately.
    // dispatch() stops at validation, so this is cheap and worded like everywhere else.
    const reply = await dispatch(req.command, input, ctx);
    await responder.reply(ephemeral(renderInteractive(reply, 0)));
    return;
  }
  // The engine is synchronous and may take seconds on a large corpus: acknowledge first.
  const privately = answersPrivately(def, args.subcommand);
  await responder.deferReply(privately);
  const reply = await dispatch(req.command, input, ctx);
  const pageId = (page: number) =>
    deps.pager.encode({ command: def.name, subcommand: args.subcommand, options: definedOptions(args), page });
  await complete(reply, renderInteractive(reply, 0, pageId), responder, privately);
}

/** Public answers replace "thinking…"; private ones (errors, settings) replace it with an ephemeral message. */
async function complete(reply: Reply, message: DiscordMessage, responder: Responder, deferredPrivately = false): Promise<void> {
  await delivering(responder, async () => {
    if (deferredPrivately) {
      // Acknowledged privately: the placeholder only the asker sees becomes the answer.
      await responder.editOriginal(withoutFlags(message));
    } else if (reply.ephemeral) {
      // The placeholder is public and cannot become private: remove it, then answer privately.
      await responder.deleteOriginal().catch((err: unknown) => {
        logger.warn({ error: describeError(err) }, 'discord: could not remove the deferred placeholder');
      });
      await responder.followUp(ephemeral(message));
    } else {
      await responder.editOriginal(withoutFlags(message));
    }
  });
}

/** If the answer cannot be delivered, leave the user a line rather than a "thinking…" that never ends. */
async function delivering(responder: Responder, deliver: () => Promise<void>): Promise<void> {
  try {
    await deliver();
  } catch (err) {
    logger.error({ error: describeError(err) }, 'discord: could not deliver the answer');
    await responder
      .followUp({
        content: "Sorry, the answer could not be delivered; the error is in the bot's log.",
        embeds: [],
        components: [],
        allowed_mentions: NO_MENTIONS,
        flags: MessageFlags.Ephemeral,
      })
      .catch(() => undefined);
  }
}

async function answerPageButton(
  req: Extract<DiscordRequest, { kind: 'component' }>,
  responder: Responder,
  deps: HandlerDeps,
): Promise<void> {
  const decoded = deps.pager.owns(req.customId) ? deps.pager.decode(req.customId) : undefined;
  if (!decoded?.ok) {
    const why =
      decoded?.reason === 'expired'
        ? 'This page is no longer available (the bot restarted). Run the command again.'
        : 'This button is not one the bot understands any more. Run the command again.';
    await responder.reply(ephemeral(renderInteractive(infoReply('Page unavailable', why), 0)));
    return;
  }
  const { request } = decoded;
  await responder.deferUpdate();
  const reply = await dispatch(
    request.command,
    { subcommand: request.subcommand, options: request.options },
    contextFor(req.invoker, deps),
  );
  const pageId = (page: number) => deps.pager.encode({ ...request, page });
  const message = renderInteractive(reply, request.page, pageId);
  if (reply.kind === 'error') {
    // Keep the page the user was reading; tell only them what went wrong.
    await delivering(responder, () => responder.followUp(ephemeral(message)));
    return;
  }
  // The clicked message keeps its visibility; only its page changes.
  await delivering(responder, () => responder.editOriginal(withoutFlags(message)));
}
