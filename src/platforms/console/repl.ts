/**
 * Local console mode: slash commands typed at a prompt, answered from the
 * corpus as terminal text. With piped input it answers each line and exits,
 * so `echo /timeline | npm start` works in scripts.
 */
import readline from 'node:readline';
import type { CommandServices } from '../../core/command.js';
import { dispatch } from '../../core/dispatch.js';
import { renderText, styleFor } from './render.js';

export interface ConsoleOptions {
  /** What commands run with (src/app.ts builds it). */
  services: CommandServices;
  /** The configuration's colour setting (NO_COLOR unset). */
  color?: boolean;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WriteStream;
  now?: () => Date;
  /** Shown once before the first prompt. */
  banner: string;
}

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = Boolean((input as NodeJS.ReadStream).isTTY);
  const style = styleFor(output, options.color ?? true);
  const rl = readline.createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  output.write(`${options.banner}\n`);
  const prompt = () => interactive && rl.prompt();
  rl.setPrompt('briefing> ');
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line) {
      prompt();
      continue;
    }
    if (['exit', 'quit', '/exit', '/quit'].includes(line)) break;
    const [head, ...rest] = line.split(/\s+/);
    const name = head!.startsWith('/') ? head!.slice(1) : head!;
    const reply = await dispatch(name, { text: rest.join(' ') }, {
      ...options.services,
      platform: 'console',
      channel: 'console',
      user: 'console',
      canManageChannel: true,
      now: options.now ?? (() => new Date()),
    });
    output.write(`\n${renderText(reply, style, output.isTTY ? output.columns : undefined)}\n\n`);
    prompt();
  }
  rl.close();
}
