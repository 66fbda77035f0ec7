/**
 * Discord REST failures, for logs and for the digest: what went wrong, and
 * whether trying again may help. Interaction webhook URLs contain the
 * interaction token, so errors are logged without their URL.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { PostError } from '../poster.js';

export function describeError(err: unknown): { name: string; message: string; status?: number; code?: number | string } {
  if (err instanceof DiscordAPIError) return { name: err.name, message: err.message, status: err.status, code: err.code };
  if (err instanceof HTTPError) return { name: err.name, message: err.message, status: err.status };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

/** 5xx, 429 and network failures may pass if tried again; 4xx (missing access, unknown channel) will not. */
export function isTransient(err: unknown): boolean {
  if (err instanceof DiscordAPIError || err instanceof HTTPError) return err.status >= 500 || err.status === 429;
  return true;
}

/** A failed channel post, retryable when the failure is transient. */
export function toPostError(err: unknown, channel: string): PostError {
  if (err instanceof DiscordAPIError) {
    const hint =
      err.status === 403
        ? ' (give the bot View Channel, Send Messages and Embed Links in that channel)'
        : err.status === 404
          ? ' (unknown channel: was it deleted, or is the bot not in that server?)'
          : '';
    return new PostError(`Discord refused the post to channel ${channel}: ${err.message}${hint}`, isTransient(err));
  }
  if (err instanceof RateLimitError) {
    return new PostError(`Discord rate-limited the post to channel ${channel} (retry after ${Math.ceil(err.retryAfter / 1000)} s).`, true, err.retryAfter);
  }
  if (err instanceof HTTPError) return new PostError(`Discord answered ${err.status} for channel ${channel}.`, isTransient(err));
  return new PostError(`Could not reach Discord to post to channel ${channel}: ${describeError(err).message}`, true);
}

/** Whether Discord answered at all: an HTTP status, or a token discord.js refused before sending. */
export function discordAnswered(err: unknown): boolean {
  return describeError(err).status !== undefined || (err as { code?: unknown })?.code === 'TokenInvalid';
}

/** Why Discord could not be reached, as the network's error code ("ECONNREFUSED", "ENOTFOUND") where there is one. */
export function networkCause(err: unknown): string {
  const chain: Array<{ code?: unknown; message?: unknown; cause?: unknown }> = [];
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined; e && chain.length < 5; e = e.cause as typeof e) {
    chain.push(e);
  }
  for (const e of chain) if (typeof e.code === 'string' && /^(E[A-Z]+|UND_ERR_\w+)$/.test(e.code)) return e.code;
  for (const e of chain) {
    const code = /\b(E[A-Z]{3,}|UND_ERR_\w+)\b/.exec(String(e.message ?? ''))?.[1];
    if (code) return code;
  }
  return describeError(err).message;
}

/** One line for a failed start-up call: blames the token only when Discord said so. */
export function describeStartupFailure(err: unknown, what: string, apiUrl: string | undefined): string {
  const e = describeError(err);
  if (!discordAnswered(err)) {
    return `could not reach Discord at ${apiUrl ?? 'https://discord.com/api'} (${networkCause(err)}) to ${what}: check the network, a proxy, or DISCORD_API_URL.`;
  }
  if (e.status === 401 || (err as { code?: unknown }).code === 'TokenInvalid') {
    return `Discord refused DISCORD_TOKEN when asked to ${what} (401 Unauthorized): copy the bot token again from Developer Portal → Bot.`;
  }
  return `Discord refused to ${what}: ${e.message.split('\n')[0]}`;
}
