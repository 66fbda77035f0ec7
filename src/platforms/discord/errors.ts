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

/** 5xx, 429 and network failures are retryable; 4xx (missing access, unknown channel) are not. */
export function toPostError(err: unknown, channel: string): PostError {
  if (err instanceof DiscordAPIError) {
    const hint =
      err.status === 403
        ? ' (give the bot View Channel, Send Messages and Embed Links in that channel)'
        : err.status === 404
          ? ' (unknown channel: was it deleted, or is the bot not in that server?)'
          : '';
    return new PostError(
      `Discord refused the post to channel ${channel}: ${err.message}${hint}`,
      err.status >= 500 || err.status === 429,
    );
  }
  if (err instanceof RateLimitError) return new PostError(`Discord rate-limited the post to channel ${channel}.`, true);
  if (err instanceof HTTPError) return new PostError(`Discord answered ${err.status} for channel ${channel}.`, err.status >= 500 || err.status === 429);
  return new PostError(`Could not reach Discord to post to channel ${channel}: ${describeError(err).message}`, true);
}
