/**
 * Discord application commands generated from the platform-neutral
 * definitions in commands/: nothing here names a command. Dates, times and
 * time zones are STRING options (dispatch validates them); subcommands become
 * type-1 options.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { allCommands } from '../../../commands/index.js';
import type { CommandDefinition, OptionDefinition } from '../../core/command.js';
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
    if (opt.choices?.length) return { ...base, type, choices: opt.choices.slice(0, 25) };
    return { ...base, type, ...(opt.autocomplete ? { autocomplete: true } : {}), max_length: 200 };
  }
  return { ...base, type };
}

/** Discord requires required options before optional ones. */
function basicOptions(options: OptionDefinition[]): APIApplicationCommandBasicOption[] {
  const required = options.filter((o) => o.required);
  const optional = options.filter((o) => !o.required);
  return [...required, ...optional].map(basicOption);
}

export function toCommandPayload(def: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options = def.subcommands?.length
    ? def.subcommands.map(
        (sub): APIApplicationCommandSubcommandOption => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: sub.name,
          description: truncate(sub.description, DISCORD_LIMITS.optionDescription),
          options: basicOptions(sub.options),
        }),
      )
    : basicOptions(def.options);
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
