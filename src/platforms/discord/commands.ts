/**
 * Discord application commands generated from the platform-neutral
 * definitions in commands/: nothing here names a command. Dates, times and
 * time zones are STRING options (dispatch validates them); subcommands become
 * type-1 options, and a subcommand led by a positional choice (`feed add|list|
 * remove`) a type-2 group whose subcommands are the choices.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { allCommands } from '../../../commands/index.js';
import type { CommandDefinition, OptionDefinition, SubcommandDefinition } from '../../core/command.js';
import { MAX_TEXT_OPTION } from '../../core/options.js';
import { DISCORD_LIMITS, truncate } from './embeds/limits.js';

const OPTION_TYPES: Record<OptionDefinition['type'], ApplicationCommandOptionType.String | ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Boolean> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
  date: ApplicationCommandOptionType.String,
  time: ApplicationCommandOptionType.String,
  timezone: ApplicationCommandOptionType.String,
};

function basicOption(opt: OptionDefinition): APIApplicationCommandBasicOption {
  const type = OPTION_TYPES[opt.type];
  const base = {
    name: opt.name,
    description: truncate(opt.description, DISCORD_LIMITS.optionDescription),
    required: opt.required ?? false,
  };
  if (type === ApplicationCommandOptionType.Integer) {
    return {
      ...base,
      type,
      ...(opt.min !== undefined ? { min_value: opt.min } : {}),
      ...(opt.max !== undefined ? { max_value: opt.max } : {}),
    };
  }
  if (type === ApplicationCommandOptionType.String) {
    // Discord forbids choices together with autocomplete; fixed choices win.
    if (opt.choices?.length) return { ...base, type, choices: opt.choices.slice(0, DISCORD_LIMITS.optionChoices).map(({ name, value }) => ({ name, value })) };
    return { ...base, type, ...(opt.autocomplete ? { autocomplete: true } : {}), max_length: MAX_TEXT_OPTION };
  }
  return { ...base, type };
}

/** Discord requires required options before optional ones. */
function basicOptions(options: OptionDefinition[]): APIApplicationCommandBasicOption[] {
  const required = options.filter((o) => o.required);
  const optional = options.filter((o) => !o.required);
  return [...required, ...optional].map(basicOption);
}

/**
 * The option of a subcommand that picks what it does (`feed add`): Discord
 * shows it as subcommands rather than an `action:` option with choices.
 */
export function actionOption(sub: SubcommandDefinition): OptionDefinition | undefined {
  return sub.options.find((o) => o.positional && o.required && o.choices?.length);
}

function subcommandOption(sub: SubcommandDefinition): APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption {
  const description = truncate(sub.description, DISCORD_LIMITS.optionDescription);
  const action = actionOption(sub);
  if (!action?.choices) {
    return { type: ApplicationCommandOptionType.Subcommand, name: sub.name, description, options: basicOptions(sub.options) };
  }
  return {
    type: ApplicationCommandOptionType.SubcommandGroup,
    name: sub.name,
    description,
    options: action.choices.slice(0, DISCORD_LIMITS.optionsPerCommand).map((choice) => ({
      type: ApplicationCommandOptionType.Subcommand,
      name: choice.value,
      description: truncate(choice.description ?? choice.name, DISCORD_LIMITS.optionDescription),
      options: basicOptions(sub.options.filter((o) => o !== action && (!o.forChoices || o.forChoices.includes(choice.value)))),
    })),
  };
}

export function toCommandPayload(def: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options = def.subcommands?.length ? def.subcommands.map(subcommandOption) : basicOptions(def.options);
  return {
    type: ApplicationCommandType.ChatInput,
    name: def.name,
    description: truncate(def.description, DISCORD_LIMITS.commandDescription),
    options,
  };
}

/** The bulk-overwrite body for `PUT /applications/{id}/commands`, in registry order. */
export function buildCommandPayloads(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return allCommands()
    .map((c) => c.definition)
    .filter((def) => !def.platforms || def.platforms.includes('discord'))
    .map(toCommandPayload);
}
