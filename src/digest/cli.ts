/** `briefing digest`: placeholder until the digest module lands. */
import type { CliToolkit } from '../cli/main.js';

export async function runDigestCli(_args: string[], _cli: CliToolkit): Promise<number> {
  process.stderr.write('briefing: digest is not yet available in this build.\n');
  return 2;
}
