/**
 * Bolt and the WebClient log through the project's pino logger, so Slack's
 * messages land in the same structured log (tokens are redacted there).
 */
import { LogLevel, type Logger } from '@slack/bolt';
import { logger as rootLogger } from '../../core/log.js';

export function boltLogger(): Logger {
  const log = rootLogger.child({ platform: 'slack' });
  let level: LogLevel = LogLevel.INFO;
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : String(p))).join(' ');
  return {
    debug: (...msg) => log.debug(text(msg)),
    info: (...msg) => log.info(text(msg)),
    warn: (...msg) => log.warn(text(msg)),
    error: (...msg) => log.error(text(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
