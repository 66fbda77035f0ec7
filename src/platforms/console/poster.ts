/**
 * ChannelPoster for local console mode and `briefing digest --platform
 * console`: the digest is printed as terminal text. A terminal keeps no
 * history the bot can read back, so `findPosted` finds nothing; the
 * outbox still keeps each slot to one print.
 */
import { randomUUID } from 'node:crypto';
import type { Reply } from '../../core/reply.js';
import type { ChannelPoster, PostPage, PostResult } from '../poster.js';
import { renderText, styleFor } from './render.js';

/** `color`: the configuration's (NO_COLOR unset), read at start-up. */
export function createConsolePoster(output: NodeJS.WritableStream = process.stdout, color = true): ChannelPoster {
  const style = 'isTTY' in output ? styleFor(output as NodeJS.WriteStream, color) : undefined;
  return {
    platform: 'console',
    // A terminal has no message limits: the whole digest is one page.
    paginate(reply: Reply): PostPage[] {
      return [{ index: 0, items: reply.items.map((_, i) => i), body: { reply } }];
    },
    async postPage(channel: string, page: PostPage): Promise<PostResult> {
      const where = channel === 'console' ? '' : ` [#${channel}]`;
      output.write(`\n${renderText(page.body.reply as Reply, style)}${where}\n\n`);
      return { messageId: `console-${randomUUID()}` };
    },
    async findPosted(): Promise<Map<number, string>> {
      return new Map();
    },
  };
}
