/**
 * A PostgreSQL server of a test's own (initdb in a temp folder, its own
 * port on 127.0.0.1), for what cannot be done to the machine's shared
 * server: stopping and starting it under a running bot. Run as the
 * `postgres` user (initdb refuses root). Unavailable (with the reason)
 * when the binaries or that user are missing.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  url: string;
  stop(): void;
  start(): void;
  /** Stop it for good and remove its files. */
  destroy(): void;
}

/** null when a private server can be made here, else why not. */
export function privatePostgresProblem(): string | null {
  if (!existsSync(`${BIN}/initdb`)) return `no PostgreSQL binaries in ${BIN}`;
  if (userInfo().uid !== 0) return 'needs root (to run initdb as the postgres user)';
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
  } catch {
    return 'no postgres user';
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const asPostgres = (args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'pipe' });

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-pg-'));
  chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
  const data = join(dir, 'data');
  const port = await freePort();
  asPostgres([`${BIN}/initdb`, '-D', data, '-A', 'trust', '-U', 'postgres']);
  const ctl = (...args: string[]) => asPostgres([`${BIN}/pg_ctl`, '-D', data, ...args]);
  const start = () => ctl('-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, '-l', join(dir, 'log'), '-w', 'start');
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => ctl('-m', 'fast', '-w', 'stop'),
    start,
    destroy() {
      try {
        ctl('-m', 'immediate', '-w', 'stop');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
