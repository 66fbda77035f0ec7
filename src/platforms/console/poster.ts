/**
 * ChannelPoster for local console mode and `briefing digest --platform
 * console`: the digest is printed as terminal text. A terminal keeps no
 * history the bot can read back, so `findPosted` cannot tell (null); the
 * outbox still keeps each slot to one print.
 */
import { randomUUID } from 'node:crypto';
import type { Reply } from '../../core/reply.js';
import type { ChannelPoster, PostOptions, PostResult } from '../poster.js';
import { renderText, styleFor } from './render.js';

export function createConsolePoster(output: NodeJS.WritableStream = process.stdout): ChannelPoster {
  const style = 'isTTY' in output ? styleFor(output as NodeJS.WriteStream) : undefined;
  return {
    platform: 'console',
    async post(channel: string, reply: Reply, _options: PostOptions): Promise<PostResult> {
      const where = channel === 'console' ? '' : ` [#${channel}]`;
      output.write(`\n${renderText(reply, style)}${where}\n\n`);
      return { messageId: `console-${randomUUID()}` };
    },
    async findPosted(): Promise<PostResult | null> {
      return null;
    },
  };
}
