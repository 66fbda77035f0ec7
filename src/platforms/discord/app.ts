/**
 * Start the Discord adapter. HTTP mode mounts `POST /discord/interactions` on
 * the shared server (no websocket needed); gateway mode logs a discord.js
 * client in. Both answer through the same handler and return the same
 * ChannelPoster for the digest.
 */
import type { CommandServices } from '../../core/command.js';
import { logger } from '../../core/log.js';
import { POST_ATTEMPT_TIMEOUT_MS, type ChannelPoster } from '../poster.js';
import type { HttpServer } from '../server.js';
import { describeStartupFailure } from './errors.js';
import { attachGateway, createGatewayClient } from './gateway.js';
import { createInteractionsEndpoint, INTERACTIONS_PATH } from './http.js';
import type { HandlerDeps } from './interaction.js';
import { createPager } from './pager.js';
import { createDiscordPoster } from './poster.js';
import { closeRest, createPostingRest, createRest } from './rest.js';
import { parsePublicKey } from './webhook/verify.js';

export interface DiscordOptions {
  /** What commands run with (src/app.ts builds it). */
  services: CommandServices;
  token: string;
  applicationId: string;
  /** Hex public key from the Developer Portal; required in HTTP mode. */
  publicKey?: string;
  mode: 'http' | 'gateway';
  /** REST base URL (tests, proxies); Discord's own when absent. */
  apiUrl?: string;
  /** The shared HTTP server; required in HTTP mode. */
  server?: HttpServer;
  now?: () => Date;
  /** Pauses between retries of a failed interaction edit (tests shorten them). */
  interactionRetryPausesMs?: readonly number[];
}

export interface DiscordAdapter {
  poster: ChannelPoster;
  stop(): Promise<void>;
}

export async function startDiscord(opts: DiscordOptions): Promise<DiscordAdapter> {
  const deps: HandlerDeps = { services: opts.services, pager: createPager(), now: opts.now ?? (() => new Date()) };
  return opts.mode === 'http' ? startHttp(opts, deps) : startGateway(opts, deps);
}

function startHttp(opts: DiscordOptions, deps: HandlerDeps): DiscordAdapter {
  if (!opts.publicKey) {
    throw new Error('DISCORD_PUBLIC_KEY is not set: HTTP mode needs the "Public Key" from Developer Portal → General Information (or set DISCORD_MODE=gateway).');
  }
  if (!opts.server) throw new Error('Discord HTTP mode needs the shared HTTP server to mount /discord/interactions on.');
  const rest = createRest(opts.token, opts.apiUrl);
  // Interaction edits: one attempt per call, the endpoint backs off between them.
  const interactionRest = createRest(opts.token, opts.apiUrl, { retries: 0 });
  const endpoint = createInteractionsEndpoint({
    publicKey: parsePublicKey(opts.publicKey),
    applicationId: opts.applicationId,
    rest: interactionRest,
    deps,
    retryPausesMs: opts.interactionRetryPausesMs,
  });
  let stopped = false;
  opts.server.route(INTERACTIONS_PATH, (req, res, body) => {
    if (stopped) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('shutting down');
      return;
    }
    return endpoint(req, res, body);
  });
  logger.info({ path: INTERACTIONS_PATH }, 'discord interactions endpoint mounted');
  const postingRest = createPostingRest(opts.token, opts.apiUrl, POST_ATTEMPT_TIMEOUT_MS);
  return {
    poster: createDiscordPoster(postingRest),
    async stop() {
      stopped = true;
      closeRest(rest);
      closeRest(interactionRest);
      closeRest(postingRest);
    },
  };
}

async function startGateway(opts: DiscordOptions, deps: HandlerDeps): Promise<DiscordAdapter> {
  const client = createGatewayClient(opts.apiUrl);
  attachGateway(client, deps);
  try {
    await client.login(opts.token);
  } catch (err) {
    await client.destroy();
    throw new Error(describeStartupFailure(err, 'log in to the gateway', opts.apiUrl));
  }
  logger.info({ user: client.user?.tag }, 'discord gateway connected');
  const postingRest = createPostingRest(opts.token, opts.apiUrl, POST_ATTEMPT_TIMEOUT_MS);
  return {
    poster: createDiscordPoster(postingRest),
    async stop() {
      closeRest(postingRest);
      await client.destroy();
    },
  };
}
