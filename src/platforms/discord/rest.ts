/** The REST client every Discord call goes through (posts, edits, registration). */
import { REST } from '@discordjs/rest';

/** `apiUrl` points REST elsewhere ("http://127.0.0.1:8080/api" in tests); the API version is appended. */
export function createRest(token: string, apiUrl?: string, options: { retries?: number } = {}): REST {
  return new REST({ version: '10', ...(apiUrl ? { api: apiUrl } : {}), ...options }).setToken(token);
}

/**
 * The digest poster's client: no retries of its own (the outbox retries,
 * checking what already went out first), a rate limit reported at once with
 * its wait instead of queued behind, and each request aborted after
 * `timeoutMs`, so a post's lifetime stays inside the outbox's stale window.
 */
export function createPostingRest(token: string, apiUrl: string | undefined, timeoutMs: number): REST {
  return new REST({ version: '10', ...(apiUrl ? { api: apiUrl } : {}), retries: 0, timeout: timeoutMs, rejectOnRateLimit: () => true }).setToken(token);
}

/** Stop the REST client's sweeper timers so the process can exit. */
export function closeRest(rest: REST): void {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
}
