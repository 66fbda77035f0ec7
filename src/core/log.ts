/**
 * Structured logging (pino) to stderr so stdout stays for command output and
 * JSON. Secrets never reach the log: the config module redacts them.
 */
import { pino } from 'pino';

export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
    redact: {
      paths: ['token', '*.token', 'secret', '*.secret', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  },
  pino.destination(2),
);
