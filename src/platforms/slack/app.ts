/**
 * The Slack adapter: a Bolt app whose listeners run the platform-neutral
 * commands. HTTP mode mounts Bolt's HTTPReceiver (which verifies Slack's
 * signatures and timestamps) on `POST /slack/events` of the shared server;
 * Socket Mode connects out with an app-level token. Both modes register the
 * same listeners.
 */
import { App, HTTPReceiver, type Receiver } from '@slack/bolt';
import type { CommandServices } from '../../core/command.js';
import { logger } from '../../core/log.js';
import { POST_ATTEMPT_TIMEOUT_MS, type ChannelPoster } from '../poster.js';
import type { HttpServer } from '../server.js';
import type { AnswerDeps } from './answer.js';
import { createPostingClient, createWebClient, FAIL_FAST, webClientOptions } from './client.js';
import { memorySeenRequests, type SeenRequests } from '../../store/seen-requests.js';
import { registerActionListeners } from './listeners/actions.js';
import { registerCommandListeners } from './listeners/commands.js';
import { boltLogger } from './logger.js';
import { createManageCheck } from './permissions.js';
import { createSlackPoster, type SlackPosterOptions } from './poster.js';
import { retryGuard } from './retry-guard.js';
import { SLACK_EVENTS_PATH } from './endpoint.js';
import { createSlackEventsRoute } from './http.js';

export { SLACK_EVENTS_PATH };

export interface SlackOptions {
  /** What commands run with (src/app.ts builds it). */
  services: CommandServices;
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  server?: HttpServer;
  adminUsers?: string[];
  now?: () => Date;
  /** Requests already taken, shared across restarts (the database); in memory when absent. */
  seenRequests?: SeenRequests;
  /** Digest posting pace between pages (tests shorten it). */
  poster?: SlackPosterOptions;
}

export type SlackMode = 'http' | 'socket';

export interface SlackApp {
  app: App;
  mode: SlackMode;
  /** What the listeners answer: slash names and action ids (logged at start, compared in tests). */
  listeners: string[];
  receiver?: HTTPReceiver;
}

/** A one-line, fixable configuration problem (no stack trace for the operator). */
export class SlackConfigError extends Error {
  override name = 'SlackConfigError';
}

/** Build the Bolt app with its listeners, without connecting anywhere. */
export function createSlackApp(opts: SlackOptions): SlackApp {
  if (!opts.botToken) throw new SlackConfigError('SLACK_BOT_TOKEN is empty: copy the Bot User OAuth Token (xoxb-…) from the app\'s OAuth & Permissions page.');
  const log = boltLogger();
  const clientOptions = webClientOptions(opts.apiUrl, log);
  const common = {
    token: opts.botToken,
    logger: log,
    clientOptions,
    deferInitialization: true,
    // Commands and clicks are all we handle; no conversation state is needed.
    convoStore: false as const,
  };
  let app: App;
  let mode: SlackMode;
  let receiver: HTTPReceiver | undefined;
  if (opts.appToken) {
    app = new App({ ...common, appToken: opts.appToken, socketMode: true });
    mode = 'socket';
  } else {
    if (!opts.signingSecret) {
      throw new SlackConfigError('Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode): copy one from the app\'s Basic Information page.');
    }
    receiver = new HTTPReceiver({
      signingSecret: opts.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger: log,
      // Answer Slack at ack() and do the work after: Slack wants a 200 within 3 s.
      processBeforeResponse: false,
    });
    app = new App({ ...common, receiver: receiver as Receiver });
    mode = 'http';
  }

  const deps: AnswerDeps = {
    services: opts.services,
    now: opts.now ?? (() => new Date()),
    canManage: createManageCheck(
      createWebClient(opts.botToken, opts.apiUrl, log, FAIL_FAST.retryConfig, FAIL_FAST.tuning),
      opts.adminUsers ?? [],
      opts.now ?? (() => new Date()),
    ),
  };
  // Bolt runs a command's work after its ack: counted in flight, so a shutdown drains it (platforms/server.ts).
  const server = opts.server;
  if (server) app.use(({ next }) => server.track(next()));
  app.use(retryGuard(opts.seenRequests ?? memorySeenRequests()));
  const listeners = [...registerCommandListeners(app, deps), ...registerActionListeners(app, deps)];
  app.error(async (err) => {
    logger.error({ err: err.message, code: err.code }, 'slack: unhandled error in a listener');
  });
  return { app, mode, listeners, receiver };
}

/** Connect Slack: verify the token, start receiving, and return the digest poster. */
export async function startSlack(opts: SlackOptions): Promise<{ poster: ChannelPoster; stop(): Promise<void> }> {
  const slack = createSlackApp(opts);
  try {
    // One quick auth.test first: the app's own client would retry an unreachable
    // API for five minutes before start-up could say what is wrong.
    await createWebClient(opts.botToken, opts.apiUrl, boltLogger(), { retries: 1, factor: 1, minTimeout: 500 }).auth.test();
    await slack.app.init(); // auth.test: a wrong token fails here, not on the first command
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    throw new SlackConfigError(
      code
        ? `Slack rejected SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions.`
        : `Could not reach the Slack API${opts.apiUrl ? ` at SLACK_API_URL=${opts.apiUrl}` : ''}: ${(err as Error).message}`,
    );
  }

  let stopped = false;
  if (slack.mode === 'http') {
    if (!opts.server) throw new SlackConfigError('Slack HTTP mode needs the shared HTTP server (briefing serve); pass `server`.');
    opts.server.route(
      SLACK_EVENTS_PATH,
      // Request timestamps are judged on the real clock, as Bolt judges them (opts.now is the commands' clock).
      createSlackEventsRoute({ listener: slack.receiver!.requestListener, now: () => new Date(), stopped: () => stopped }),
    );
  } else {
    await slack.app.start();
  }
  logger.info({ mode: slack.mode, listeners: slack.listeners }, 'slack: connected');

  // Its own client: a rate-limited digest channel must not hold up slash-command answers.
  const poster = createSlackPoster(createPostingClient(opts.botToken, opts.apiUrl, boltLogger(), POST_ATTEMPT_TIMEOUT_MS), opts.poster);
  return {
    poster,
    async stop() {
      stopped = true;
      if (slack.mode === 'socket') await slack.app.stop();
    },
  };
}
