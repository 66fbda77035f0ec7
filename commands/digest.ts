/**
 * `/digest`: preview this channel's next daily digest, built by the same code
 * as the real one (a dry run: nothing is posted or marked as sent). Only the
 * person who asked sees it.
 */
import type { Command } from '../src/core/command.js';
import { errorReply } from '../src/core/reply.js';
import { deliverDigest, deliveryJson } from '../src/digest/deliver.js';
import { nextSlot } from '../src/digest/schedule.js';
import { digestServiceFor } from '../src/digest/service.js';
import { scheduleOf } from '../src/digest/subscriptions.js';
import { longDate } from '../src/digest/zoned-time.js';

export const digest: Command = {
  definition: {
    name: 'digest',
    description: "Preview this channel's next daily digest (only you see it)",
    options: [],
    private: true,
    examples: ['/digest'],
  },
  async run(_args, ctx) {
    if (!ctx.channel) return errorReply('/digest previews a channel\'s digest: run it in a channel.');
    const service = digestServiceFor(ctx.engine);
    const { sub, subscribed } = service.effectiveSubscription(ctx.platform, ctx.channel);
    const next = nextSlot(scheduleOf(sub), ctx.now());
    const result = await deliverDigest({ service, sub, slot: next.slot, dryRun: true, now: ctx.now });
    const reply = result.reply!;
    const when = `${longDate(next.slot)} at ${sub.time} ${sub.timezone}`;
    const intro = subscribed
      ? `Preview of the digest due ${when}, if nothing else arrives before then.`
      : 'This channel is not subscribed (/briefing subscribe); a digest now would hold everything it has not been sent:';
    return {
      ...reply,
      title: `Preview: ${reply.title}`,
      intro: reply.items.length ? intro : `${intro} ${reply.intro ?? ''}`.trim(),
      ephemeral: true,
      data: deliveryJson(result),
    };
  },
};
