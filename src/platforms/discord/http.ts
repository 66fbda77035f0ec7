/**
 * `POST /discord/interactions`: Discord's Interactions Endpoint URL. Verifies
 * the Ed25519 signature over the raw body, answers PING, and hands commands,
 * autocomplete and button clicks to the shared interaction handler. The first
 * callback is the HTTP response itself; later ones (edit, follow-up) go
 * through @discordjs/rest to the interaction webhook.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { REST } from '@discordjs/rest';
import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIInteraction,
} from 'discord-api-types/v10';
import { logger } from '../../core/log.js';
import type { RouteHandler } from '../server.js';
import { NO_MENTIONS, type DiscordMessage } from './embeds/render.js';
import { handleInteraction, type DiscordRequest, type HandlerDeps, type Invoker, type Responder } from './interaction.js';
import { verifyInteraction } from './webhook/verify.js';
import { describeError, isTransient } from './errors.js';

export const INTERACTIONS_PATH = '/discord/interactions';

export interface InteractionsEndpointOptions {
  publicKey: KeyObject;
  applicationId: string;
  /** One attempt per call (retries: 0): the endpoint backs off itself. */
  rest: REST;
  deps: HandlerDeps;
  /** Pauses between retries of a failed edit (tests shorten them). */
  retryPausesMs?: readonly number[];
}

function sendJson(res: ServerResponse, status: number, body: unknown): Promise<void> {
  return new Promise((resolve) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    // Resolve once flushed, so Discord has its answer before synchronous work starts.
    res.end(JSON.stringify(body), () => resolve());
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Interaction types that carry a `data` object the handler reads. */
const TYPES_WITH_DATA: ReadonlySet<number> = new Set([
  InteractionType.ApplicationCommand,
  InteractionType.ApplicationCommandAutocomplete,
  InteractionType.MessageComponent,
  InteractionType.ModalSubmit,
]);

/**
 * The signed body as an interaction, or what is wrong with it: a signature
 * proves who sent a body, not that it has the shape the handler reads.
 */
function parseInteraction(raw: Buffer): APIInteraction | string {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'body is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'body is not an interaction object';
  const candidate = value as { type?: unknown; token?: unknown; data?: unknown };
  if (typeof candidate.type !== 'number') return 'interaction has no type';
  if (candidate.type === InteractionType.Ping) return value as APIInteraction;
  if (typeof candidate.token !== 'string' || !candidate.token) return 'interaction has no token';
  if (TYPES_WITH_DATA.has(candidate.type) && (typeof candidate.data !== 'object' || candidate.data === null)) {
    return 'interaction has no data';
  }
  return value as APIInteraction;
}

function invokerOf(interaction: APIInteraction): Invoker {
  return {
    channel: interaction.channel_id ?? interaction.channel?.id,
    user: interaction.member?.user.id ?? interaction.user?.id,
    permissions: interaction.member?.permissions ?? null,
  };
}

/** The platform-neutral request, or undefined for kinds the bot does not offer (context menus, modals). */
function toRequest(interaction: APIInteraction): DiscordRequest | undefined {
  switch (interaction.type) {
    case InteractionType.ApplicationCommand:
      if (interaction.data.type !== ApplicationCommandType.ChatInput) return undefined;
      return {
        kind: 'command',
        command: interaction.data.name,
        options: interaction.data.options ?? [],
        invoker: invokerOf(interaction),
      };
    case InteractionType.ApplicationCommandAutocomplete:
      return { kind: 'autocomplete', command: interaction.data.name, options: interaction.data.options ?? [] };
    case InteractionType.MessageComponent:
      return { kind: 'component', customId: interaction.data.custom_id, invoker: invokerOf(interaction) };
    default:
      return undefined;
  }
}

/**
 * Pauses before each retry of a transient failure (5xx, network) on the
 * interaction webhook: an answer is worth waiting for (the token lives
 * 15 minutes), and retrying at once only repeats the failure. The REST
 * client for interactions makes one attempt per call (retries: 0) so these
 * are the only retries; a 429 is waited out by the client itself.
 */
export const EDIT_RETRY_PAUSES_MS = [1_000, 3_000, 10_000, 30_000];

async function withBackoff<T>(call: () => Promise<T>, pauses: readonly number[]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!isTransient(err) || attempt >= pauses.length) throw err;
      logger.warn({ error: describeError(err), retryInMs: pauses[attempt] }, 'discord: interaction webhook failed; trying again');
      await new Promise((resolve) => setTimeout(resolve, pauses[attempt]));
    }
  }
}

function httpResponder(res: ServerResponse, rest: REST, applicationId: string, token: string, pauses: readonly number[]): Responder {
  const original = Routes.webhookMessage(applicationId, token, '@original');
  let answered = false;
  const first = async (type: InteractionResponseType, data?: unknown) => {
    if (answered) throw new Error('interaction already answered');
    answered = true;
    await sendJson(res, 200, data === undefined ? { type } : { type, data });
  };
  return {
    reply: (message) => first(InteractionResponseType.ChannelMessageWithSource, message),
    deferReply: (eph) =>
      first(InteractionResponseType.DeferredChannelMessageWithSource, eph ? { flags: MessageFlags.Ephemeral } : undefined),
    deferUpdate: () => first(InteractionResponseType.DeferredMessageUpdate),
    autocomplete: (choices) => first(InteractionResponseType.ApplicationCommandAutocompleteResult, { choices }),
    async editOriginal(message: DiscordMessage) {
      await withBackoff(() => rest.patch(original, { body: message, auth: false }), pauses);
    },
    async deleteOriginal() {
      await withBackoff(() => rest.delete(original, { auth: false }), pauses);
    },
    async followUp(message: DiscordMessage) {
      // Not retried after an unclear failure: a follow-up that Discord applied would then appear twice.
      await rest.post(Routes.webhook(applicationId, token), { body: message, auth: false });
    },
  };
}

export function createInteractionsEndpoint(opts: InteractionsEndpointOptions): RouteHandler {
  return async (req, res, raw) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const verdict = verifyInteraction(
      opts.publicKey,
      { signature: header(req, 'x-signature-ed25519'), timestamp: header(req, 'x-signature-timestamp') },
      raw,
      opts.deps.now(),
    );
    if (!verdict.ok) {
      logger.warn({ reason: verdict.reason }, 'discord interaction refused');
      res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature');
      return;
    }
    const interaction = parseInteraction(raw);
    if (typeof interaction === 'string') {
      logger.warn({ reason: interaction }, 'discord interaction refused');
      res.writeHead(400, { 'content-type': 'text/plain' }).end(interaction);
      return;
    }
    if (interaction.type === InteractionType.Ping) {
      await sendJson(res, 200, { type: InteractionResponseType.Pong });
      return;
    }
    const request = toRequest(interaction);
    const responder = httpResponder(res, opts.rest, opts.applicationId, interaction.token, opts.retryPausesMs ?? EDIT_RETRY_PAUSES_MS);
    if (!request) {
      await responder.reply({
        content: 'This kind of interaction is not supported; use the slash commands.',
        embeds: [],
        components: [],
        allowed_mentions: NO_MENTIONS,
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    try {
      await handleInteraction(request, responder, opts.deps);
    } catch (err) {
      logger.error({ error: describeError(err), kind: request.kind }, 'discord interaction failed');
      if (!res.headersSent) res.writeHead(500).end();
    }
  };
}
