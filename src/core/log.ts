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

/** A bad LOG_LEVEL is reported by the configuration check (one line, exit 2), not by pino throwing at import. */
function initialLevel(): string {
  const requested = process.env.LOG_LEVEL;
  if (requested && (LOG_LEVELS as readonly string[]).includes(requested)) return requested;
  return process.env.VITEST ? 'silent' : 'info';
}

export const logger = pino(
  {
    level: initialLevel(),
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
