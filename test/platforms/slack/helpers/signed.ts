/**
 * Requests signed exactly as Slack signs them: `v0=` + hex HMAC-SHA256 of
 * `v0:{timestamp}:{raw body}` with the signing secret, sent with
 * `X-Slack-Request-Timestamp` and `X-Slack-Signature`.
 */
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  /** Seconds since the epoch; default now (Bolt checks it against its own clock). */
  timestamp?: number;
  /** Sign with another secret (a forged request). */
  secret?: string;
  headers?: Record<string, string>;
}

export async function postSigned(url: string, body: string, opts: SignOptions = {}): Promise<Response> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(opts.secret ?? SIGNING_SECRET, timestamp, body),
      ...opts.headers,
    },
    body,
  });
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface SlashCommand {
  command: string;
  text: string;
  responseUrl: string;
  user?: string;
  channel?: string;
  triggerId?: string;
}

/** The form body Slack posts for a slash command. */
export function slashCommandBody(c: SlashCommand): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0TEST',
    team_domain: 'test',
    channel_id: c.channel ?? 'C0NEWS',
    channel_name: 'news',
    user_id: c.user ?? 'U0READER',
    user_name: 'reader',
    command: c.command,
    text: c.text,
    api_app_id: 'A0BRIEF',
    is_enterprise_install: 'false',
    response_url: c.responseUrl,
    trigger_id: c.triggerId ?? nextId('trig.'),
  }).toString();
}

/** The form body Slack posts when a button on an ephemeral message is clicked. */
export function blockActionBody(opts: {
  actionId: string;
  value: string;
  responseUrl: string;
  user?: string;
  channel?: string;
}): string {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0TEST', domain: 'test' },
    user: { id: opts.user ?? 'U0READER', username: 'reader', team_id: 'T0TEST' },
    api_app_id: 'A0BRIEF',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: '1700000000.000001', channel_id: opts.channel ?? 'C0NEWS', is_ephemeral: true },
    trigger_id: nextId('trig.'),
    channel: { id: opts.channel ?? 'C0NEWS', name: 'news' },
    response_url: opts.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: opts.actionId,
        block_id: 'briefing_controls',
        text: { type: 'plain_text', text: 'button' },
        value: opts.value,
        action_ts: '1700000001.000002',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
