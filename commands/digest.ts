/**
 * `/digest`: preview this channel's next daily digest, built by the same code
 * as the real one (a dry run: nothing is posted or marked as sent). Only the
 * person who asked sees it. In a channel that is not subscribed there is no
 * next digest: it says what a subscription would bring, how to start one,
 * and shows the digest the corpus's latest day would have made (replayed the
 * way `briefing digest --replay` does), so the answer is never just empty.
 */
import type { Command, CommandContext } from '../src/core/command.js';
import { syntaxOf, usage } from '../src/core/options.js';
import { errorReply, type Reply } from '../src/core/reply.js';
import { digestJson } from '../src/digest/compose.js';
import { deliverDigest, deliveryJson } from '../src/digest/deliver.js';
import { replayDigests } from '../src/digest/replay.js';
import { describeDays, nextSlot } from '../src/digest/schedule.js';
import type { DigestService } from '../src/digest/service.js';
import { scheduleOf } from '../src/store/digest-subscriptions.js';
import { addDays } from '../src/core/calendar.js';
import { longDate } from '../src/digest/zoned-time.js';

/** Days replayed before the corpus's last one, so that day's digest leaves out what earlier ones told. */
const REPLAY_LEAD_DAYS = 6;

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
    const service = ctx.digest;
    const { sub, subscribed } = await service.effectiveSubscription(ctx.platform, ctx.channel);
    if (!subscribed) return notSubscribed(service, ctx);
    const next = nextSlot(scheduleOf(sub), ctx.now());
    const result = await deliverDigest({ service, sub, slot: next.slot, dryRun: true, now: ctx.now });
    const reply = result.reply!;
    const when = `${longDate(next.slot)} at ${sub.time} ${sub.timezone}`;
    const intro = `Preview of the digest due ${when}, if nothing else arrives before then.`;
    return {
      ...reply,
      title: `Preview: ${reply.title}`,
      intro: reply.items.length ? intro : `${intro} ${reply.intro ?? ''}`.trim(),
      ephemeral: true,
      data: deliveryJson(result),
    };
  },
};

async function notSubscribed(service: DigestService, ctx: CommandContext): Promise<Reply> {
  const d = service.defaults.schedule;
  // From the context's registry: this module is one of its entries.
  const briefing = ctx.commands.find('briefing')!.definition;
  const subscribe = usage(briefing, 'subscribe', syntaxOf(ctx));
  const explain =
    `This channel is not subscribed, so it gets no digest. Subscribed, it would get one a day (${d.time} ${d.timezone}, ${describeDays(d.days)} unless chosen otherwise): ` +
    `the developments that arrived since its last digest and that it has not been told yet, each with its sources. A channel manager starts it with ${subscribe}.`;
  const last = (await ctx.engine.stats()).lastPublished;
  if (!last) return { kind: 'digest', title: 'Digest: not subscribed', intro: `${explain} The corpus has no dated articles yet, so there is nothing to show.`, items: [], ephemeral: true };
  const days = await replayDigests(ctx.engine, { from: addDays(last, -REPLAY_LEAD_DAYS), to: last, label: service.defaults.label });
  const shown = [...days].reverse().find((day) => day.items.length) ?? days.at(-1)!;
  return {
    ...shown.reply,
    title: `Example: ${shown.reply.title}`,
    intro: `${explain}\nFor example, the digest for ${longDate(shown.slot)}, the corpus's latest day with news, would have held:`,
    ephemeral: true,
    // A dry run of a replayed day, in the digest contract; `example` says it is not this channel's next digest.
    data: { ...digestJson({ platform: ctx.platform, channel: ctx.channel!, slot: shown.slot, late: false }, 'dry-run', shown.items), example: true },
  };
}
