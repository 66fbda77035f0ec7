/**
 * Who may change a channel's settings on Slack (`ctx.canManageChannel`):
 * workspace admins and owners (`users.info`), plus the user ids the operator
 * lists in SLACK_ADMIN_USERS. Answers are cached so a burst of commands
 * costs one `users.info` call; a failed call is remembered briefly too, so a
 * Slack outage costs each asker one short wait, not one per command. The
 * client given is one that fails fast (short timeout, no retries): the user
 * is waiting for the answer.
 */
import type { SlackWebClient as WebClient } from './client.js';
import { logger } from '../../core/log.js';

const CACHE_MS = 5 * 60_000;
/** How long "could not tell" stands before users.info is asked again. */
const FAILURE_CACHE_MS = 30_000;

export type ManageCheck = (userId: string | undefined) => Promise<boolean>;

export function createManageCheck(client: WebClient, adminUsers: readonly string[], now: () => Date): ManageCheck {
  const admins = new Set(adminUsers.map((u) => u.trim()).filter(Boolean));
  const cache = new Map<string, { allowed: boolean; until: number }>();
  return async (userId) => {
    if (!userId) return false;
    if (admins.has(userId)) return true;
    const cached = cache.get(userId);
    const at = now().getTime();
    if (cached && cached.until > at) return cached.allowed;
    let allowed = false;
    try {
      const info = await client.users.info({ user: userId });
      allowed = Boolean(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner);
    } catch (err) {
      // Unknown is "no": settings stay locked rather than open to everyone.
      logger.warn({ err: (err as Error).message, user: userId }, 'slack users.info failed; treating user as non-admin');
      cache.set(userId, { allowed: false, until: at + FAILURE_CACHE_MS });
      return false;
    }
    cache.set(userId, { allowed, until: at + CACHE_MS });
    return allowed;
  };
}
