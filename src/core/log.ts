/**
 * Structured logging (pino), JSON lines to stderr by default so stdout stays
 * for command output and JSON. The console front end sends them to a file
 * instead (`logTo`), so no log line lands in the middle of its prompt.
 * Secrets never reach the log: the config module redacts them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Where log lines go; swapped once by `logTo`. */
let writeLine: (line: string) => void = (line) => process.stderr.write(line);

export type LogLevel = (typeof LOG_LEVELS)[number];

export const logger = pino(
  {
    // LOG_LEVEL is read with the rest of the configuration (config.ts) and set by the composition root (setLogLevel).
    level: 'info',
    redact: {
      paths: ['token', '*.token', 'secret', '*.secret', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  },
  { write: (line: string) => writeLine(line) },
);

/** Append log lines to `file` from now on (created with its folder); returns the resolved path. */
export function logTo(file: string): string {
  const resolved = path.resolve(file);
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const fd = fs.openSync(resolved, 'a');
  writeLine = (line) => fs.writeSync(fd, line);
  return resolved;
}

/** The level from the configuration (LOG_LEVEL), set once at start-up by createApp or the CLI. */
export function setLogLevel(level: LogLevel): void {
  logger.level = level;
}
