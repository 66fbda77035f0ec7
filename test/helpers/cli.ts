/** Run the real CLI (TypeScript through tsx) as a child process. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = 'src/cli/main.ts';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  // Platform tokens from the developer's shell must not leak into tests.
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|BRIEFING_)/.test(k)),
  );
  return { ...clean, NO_COLOR: '1', LOG_LEVEL: 'silent', ...extra };
}

export function runCli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    env: env(options.env ?? {}),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function spawnCli(args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: env(extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
