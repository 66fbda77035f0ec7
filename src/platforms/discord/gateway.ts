/**
 * Gateway mode: a discord.js Client (intent Guilds only) receives
 * interactions over the websocket and answers through the same handler as the
 * HTTP endpoint; only the Responder differs (discord.js interaction methods).
 */
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
} from 'discord.js';
import { logger } from '../../core/log.js';
import { NO_MENTIONS, type DiscordMessage } from './embeds/render.js';
import { handleInteraction, type DiscordRequest, type HandlerDeps, type Invoker, type Responder } from './interaction.js';
import { describeError } from './errors.js';

export function createGatewayClient(apiUrl?: string): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: apiUrl ? { api: apiUrl } : {},
    // Default for anything discord.js sends on our behalf; every message also sets it explicitly.
    allowedMentions: { parse: [] },
  });
}

/** discord.js spells the API's fields in camelCase; flags pass through as the API's bits. */
function toDiscordJs(message: DiscordMessage): InteractionReplyOptions {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [...(message.allowed_mentions.parse ?? [])] },
    ...(message.flags ? { flags: message.flags as MessageFlags.Ephemeral } : {}),
  };
}

function invokerOf(interaction: Interaction): Invoker {
  return {
    channel: interaction.channelId ?? undefined,
    user: interaction.user.id,
    permissions: interaction.memberPermissions?.bitfield ?? null,
  };
}

type Answerable = ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction;

function gatewayResponder(interaction: Answerable): Responder {
  const repliable = () => {
    if (interaction.isAutocomplete()) throw new Error('autocomplete interactions only take choices');
    return interaction;
  };
  return {
    async reply(message) {
      await repliable().reply(toDiscordJs(message));
    },
    async deferReply(ephemeral) {
      await repliable().deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    },
    async deferUpdate() {
      if (!interaction.isButton()) throw new Error('only a button can be answered with an update');
      await interaction.deferUpdate();
    },
    async autocomplete(choices) {
      if (!interaction.isAutocomplete()) throw new Error('choices only answer autocomplete');
      await interaction.respond(choices);
    },
    async editOriginal(message) {
      const { flags: _flags, ...options } = toDiscordJs(message);
      await repliable().editReply(options);
    },
    async deleteOriginal() {
      await repliable().deleteReply();
    },
    async followUp(message) {
      await repliable().followUp(toDiscordJs(message));
    },
  };
}

function toRequest(interaction: Interaction): DiscordRequest | undefined {
  if (interaction.isChatInputCommand()) {
    return {
      kind: 'command',
      command: interaction.commandName,
      options: interaction.options.data,
      invoker: invokerOf(interaction),
    };
  }
  if (interaction.isAutocomplete()) {
    return { kind: 'autocomplete', command: interaction.commandName, options: interaction.options.data };
  }
  if (interaction.isButton()) {
    return { kind: 'component', customId: interaction.customId, invoker: invokerOf(interaction) };
  }
  return undefined;
}

/** Route the client's interactions to the shared handler. */
export function attachGateway(client: Client, deps: HandlerDeps): void {
  client.on(Events.InteractionCreate, (interaction) => {
    void onInteraction(interaction, deps);
  });
}

async function onInteraction(interaction: Interaction, deps: HandlerDeps): Promise<void> {
  const request = toRequest(interaction);
  try {
    if (!request) {
      if (interaction.isRepliable()) {
        await interaction.reply({
          content: 'This kind of interaction is not supported; use the slash commands.',
          allowedMentions: NO_MENTIONS,
          flags: MessageFlags.Ephemeral,
        });
      }
      return;
    }
    await handleInteraction(request, gatewayResponder(interaction as Answerable), deps);
  } catch (err) {
    logger.error({ error: describeError(err), kind: request?.kind }, 'discord interaction failed');
  }
}
