/**
 * `/briefing help | subscribe | unsubscribe | settings`: a channel's daily
 * digest. Changing it needs the right to manage the channel (computed by the
 * platform adapter into `ctx.canManageChannel`); seeing it does not.
 * `/briefing feed …` manages the feeds (briefing-feed.ts).
 */
import type { Command, CommandArgs, CommandContext, CommandDefinition } from '../src/core/command.js';
import { UsageError } from '../src/core/command.js';
import { syntaxOf, usage } from '../src/core/options.js';
import { errorReply, infoReply, type Reply } from '../src/core/reply.js';
import {
  checkTime,
  checkTimeZone,
  describeDays,
  nextSlot,
  scheduleFromCron,
  ScheduleError,
  type DigestSchedule,
} from '../src/digest/schedule.js';
import type { DigestService } from '../src/digest/service.js';
import { scheduleOf, type DigestSubscription } from '../src/store/digest-subscriptions.js';
import { windowStart } from '../src/digest/plan.js';
import { longDate } from '../src/digest/zoned-time.js';
import { parseSearchQuery } from '../src/store/search-query.js';
import { count } from '../src/core/plural.js';
import { feedSubcommand, runFeed, suggestFeeds } from './briefing-feed.js';

const definition: CommandDefinition = {
  name: 'briefing',
  description: "This channel's daily digest: subscribe, unsubscribe, settings, help; the bot's feeds",
  options: [],
  subcommands: [
    { name: 'help', description: 'How the daily digest works', options: [], private: true },
    {
      name: 'subscribe',
      description: 'Post a daily digest of new developments in this channel',
      managesChannel: true,
      options: [
        { name: 'time', type: 'time', description: 'Time of day, HH:MM (default 08:00)' },
        { name: 'tz', type: 'timezone', description: 'Time zone, e.g. Europe/London (default BRIEFING_TZ)' },
        { name: 'topic', type: 'string', description: 'Only developments about this (e.g. training, Healey)', autocomplete: true },
        { name: 'quiet', type: 'boolean', description: 'yes: post nothing on days with nothing new' },
        { name: 'cron', type: 'string', description: 'Instead of time: "minute hour * * days", e.g. "30 7 * * 1-5"' },
      ],
    },
    { name: 'unsubscribe', description: 'Stop the daily digest in this channel', options: [], managesChannel: true },
    { name: 'settings', description: 'What this channel gets, and when the next digest is due', options: [], private: true },
    feedSubcommand,
  ],
  examples: ['/briefing subscribe time:07:30 tz:Europe/London', '/briefing subscribe topic:training quiet:yes', '/briefing settings'],
};

const REFUSAL =
  "Only people who can manage this channel can change its digest (Discord: Manage Channels; Slack: a workspace admin or owner). /briefing settings shows what it gets now.";

export const briefing: Command = {
  definition,
  async run(args, ctx) {
    const sub = args.subcommand ?? 'help';
    if (sub === 'help') return help(ctx);
    if (sub === 'feed') return runFeed(args, ctx, { definition, subcommand: 'feed' });
    if (!ctx.channel) return errorReply(`/briefing ${sub} works in a channel: run it in the channel that gets (or should get) the digest.`);
    const service = ctx.digest;
    if (sub === 'settings') return settings(service, ctx, ctx.channel);
    if (ctx.canManageChannel !== true) return errorReply(REFUSAL);
    if (sub === 'subscribe') return subscribe(service, args, ctx, ctx.channel);
    return unsubscribe(service, ctx, ctx.channel);
  },
  async suggest(option, prefix, ctx) {
    return option === 'feed' ? suggestFeeds(prefix, ctx) : null;
  },
};

function help(ctx: CommandContext): Reply {
  const service = ctx.digest;
  const d = service.defaults.schedule;
  return {
    kind: 'help',
    title: 'Daily digest',
    intro:
      `A subscribed channel gets one digest a day (default ${d.time} ${d.timezone}, ${describeDays(d.days)}): ` +
      'the developments that arrived since its last digest, on its topic, that it has not been told yet (the same news from another outlet is left out), each with its sources.',
    items: [
      { text: `Subscribe (channel managers): ${usage(definition, 'subscribe', syntaxOf(ctx))}`, sources: [] },
      { text: 'Stop it: /briefing unsubscribe — see what the channel gets and when: /briefing settings', sources: [] },
      { text: 'Preview the next digest (only you see it): /digest', sources: [] },
      { text: 'Feeds the corpus is fed from (channel managers): /briefing feed add url:https://… · /briefing feed list · /briefing feed remove feed:ID', sources: [] },
    ],
    footer: `Examples: ${definition.examples!.join(' · ')}`,
    ephemeral: true,
  };
}

/** The schedule the options ask for, on top of the channel's current one or the defaults. */
function requestedSchedule(args: CommandArgs, base: DigestSchedule): DigestSchedule {
  const o = args.options;
  try {
    const timezone = o.tz !== undefined ? checkTimeZone(String(o.tz)) : base.timezone;
    if (o.cron !== undefined) {
      if (o.time !== undefined) throw new ScheduleError('Give time: or cron:, not both.');
      return scheduleFromCron(String(o.cron), timezone, 'cron');
    }
    return { time: o.time !== undefined ? checkTime(String(o.time)) : base.time, timezone, days: base.days };
  } catch (err) {
    if (err instanceof ScheduleError) throw new UsageError(err.message, { definition, subcommand: 'subscribe' });
    throw err;
  }
}

function checkTopic(topic: string): string {
  if (!parseSearchQuery(topic)) {
    throw new UsageError(
      (s) => `${s.option('topic', topic)} has no words to look for: use words such as training, Healey or "air defence".`,
      { definition, subcommand: 'subscribe' },
    );
  }
  return topic;
}

function describe(service: DigestService, sub: DigestSubscription): string {
  const topic = sub.topic ? `about "${sub.topic}"` : `on ${service.defaults.label}`;
  return `${sub.time} ${sub.timezone}, ${describeDays(sub.days)}, ${topic}${sub.postWhenEmpty ? '' : ', quiet on days with nothing new'}`;
}

function nextLine(sub: DigestSubscription, now: Date): string {
  const next = nextSlot(scheduleOf(sub), now);
  return `Next digest: ${longDate(next.slot)} at ${sub.time} ${sub.timezone} (${next.at.toISOString().replace(/:\d\d\.\d{3}Z$/, ' UTC').replace('T', ' ')}).`;
}

async function subscribe(service: DigestService, args: CommandArgs, ctx: CommandContext, channel: string): Promise<Reply> {
  const current = await service.subscriptions.get(ctx.platform, channel);
  const declared = current?.origin === 'config';
  if (declared && ['time', 'tz', 'cron'].some((o) => args.options[o] !== undefined)) {
    // Configuration declares the schedule again at every start: a change here would not last.
    return errorReply(
      `This channel's schedule is set in the bot's configuration (BRIEFING_DIGEST_CHANNELS=${ctx.platform}:${channel}, BRIEFING_DIGEST_CRON and BRIEFING_TZ): ask the operator to change it there. topic: and quiet: can be set here.`,
    );
  }
  const schedule = requestedSchedule(args, current ? scheduleOf(current) : service.defaults.schedule);
  const topic = args.options.topic !== undefined ? checkTopic(String(args.options.topic)) : (current?.topic ?? null);
  const postWhenEmpty = args.options.quiet !== undefined ? args.options.quiet !== true : (current?.postWhenEmpty ?? true);
  const saved = await service.subscriptions.save(
    { platform: ctx.platform, channel, ...schedule, topic, postWhenEmpty, origin: declared ? 'config' : 'command', createdBy: current?.createdBy ?? ctx.user ?? null },
    ctx.now(),
  );
  await service.changed();
  let note = '';
  if (topic && (await ctx.engine.events({ topic })).length === 0) {
    note = ` Nothing in the corpus mentions "${topic}" yet; the digest will include it once articles do.`;
  }
  return {
    kind: 'settings',
    title: current ? 'Digest updated' : 'Digest subscribed',
    intro: `This channel gets the daily digest at ${describe(service, saved)}. ${nextLine(saved, ctx.now())}${
      current ? '' : ' It will hold developments that arrive from now on.'
    }${note}`,
    items: [],
    ephemeral: false,
  };
}

async function unsubscribe(service: DigestService, ctx: CommandContext, channel: string): Promise<Reply> {
  const current = await service.subscriptions.get(ctx.platform, channel);
  if (!current) return infoReply('Not subscribed', 'This channel does not get the daily digest; nothing to stop.');
  if (current.origin === 'config') {
    return errorReply(
      `This channel's digest is set in the bot's configuration (BRIEFING_DIGEST_CHANNELS=${ctx.platform}:${channel}): ask the operator to remove it there.`,
    );
  }
  await service.subscriptions.remove(ctx.platform, channel);
  await service.changed();
  return infoReply('Digest stopped', 'This channel will no longer get the daily digest. /briefing subscribe starts it again.', false);
}

async function settings(service: DigestService, ctx: CommandContext, channel: string): Promise<Reply> {
  const sub = await service.subscriptions.get(ctx.platform, channel);
  if (!sub) {
    return infoReply(
      'Digest settings',
      `This channel does not get the daily digest. A channel manager can start it with ${usage(definition, 'subscribe', syntaxOf(ctx))}.`,
    );
  }
  const lines = [`This channel gets the daily digest at ${describe(service, sub)}${sub.origin === 'config' ? ' (set in configuration)' : ''}.`];
  lines.push(nextLine(sub, ctx.now()));
  lines.push(`It will hold what arrived since ${(await windowStart(service, sub)).replace(/\.\d{3}Z$/, 'Z')}.`);
  const last = await service.outbox.lastSettled(sub.platform, sub.channel);
  if (last) {
    lines.push(
      `Last digest: ${last.slot}${last.late ? ' (late)' : ''}, ${count(last.items.length, 'item')}${last.status === 'skipped' ? ' (nothing new, not posted)' : ''}.`,
    );
  }
  const failure = await service.outbox.lastFailure(sub.platform, sub.channel);
  if (failure) {
    const state = failure.status === 'failed' ? 'not posted' : 'still retrying';
    lines.push(`Last failure: the digest for ${failure.slot} (${state}): ${failure.error}`);
  }
  return { kind: 'settings', title: 'Digest settings', intro: lines.join('\n'), items: [], ephemeral: true };
}
