/**
 * `briefing digest`: build and post one channel's digest for one slot (same
 * outbox as the scheduler, so a slot is never posted twice), or --replay a
 * corpus day by day. JSON output is the `digest` contract of docs/cli.md.
 */
import type { CliToolkit } from '../cli/toolkit.js';
import type { AppConfig } from '../config.js';
import type { Platform } from '../core/model.js';
import { isIsoDay } from '../core/partial-date.js';
import { renderText, styleFor } from '../platforms/console/render.js';
import { createConsolePoster } from '../platforms/console/poster.js';
import { POST_ATTEMPT_TIMEOUT_MS, type ChannelPoster } from '../platforms/poster.js';
import { parseSearchQuery } from '../store/search-query.js';
import { digestItemJson } from './compose.js';
import { deliverDigest, deliveryJson, type DeliveryResult } from './deliver.js';
import { MAX_REPLAY_DAYS, replayDigests } from './replay.js';
import { localDay, ScheduleError } from './schedule.js';
import { addDays } from '../core/calendar.js';
import { count } from '../core/plural.js';

const USAGE =
  'briefing digest [--platform console|slack|discord] [--channel ID] [--slot YYYY-MM-DD] [--dry-run] [--json]' +
  ' | briefing digest --replay [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--topic T] [--json]';

const FLAGS = {
  platform: { type: 'string' },
  channel: { type: 'string' },
  slot: { type: 'string' },
  'dry-run': { type: 'boolean' },
  replay: { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  topic: { type: 'string' },
} as const;

/** Another process owns the slot and has not finished it: not done, not failed; run again later. */
const EXIT_IN_PROGRESS = 3;

/** A bad flag or missing configuration: one line on stderr, exit 2. */
class DigestCliError extends Error {}

export async function runDigestCli(args: string[], cli: CliToolkit): Promise<number> {
  try {
    const flags = cli.parseFlags(args, FLAGS, USAGE);
    if (flags.positionals.length) throw new DigestCliError(`Unexpected argument "${flags.positionals[0]}". Usage: ${USAGE}`);
    const cfg = cli.config(flags);
    return flags.replay ? await replay(flags, cfg, cli) : await runSlot(flags, cfg, cli);
  } catch (err) {
    if (err instanceof DigestCliError || err instanceof ScheduleError) {
      process.stderr.write(`briefing: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

type Flags = ReturnType<CliToolkit['parseFlags']>;

async function runSlot(flags: Flags, cfg: AppConfig, cli: CliToolkit): Promise<number> {
  for (const f of ['from', 'to', 'topic'] as const) {
    if (flags[f] !== undefined) throw new DigestCliError(`--${f} goes with --replay. Usage: ${USAGE}`);
  }
  const platform = (flags.platform as string | undefined) ?? 'console';
  if (!['console', 'slack', 'discord'].includes(platform)) {
    throw new DigestCliError(`--platform ${platform} is not one of console, slack, discord.`);
  }
  const channel = (flags.channel as string | undefined) ?? 'console';
  if (!/^[\w.-]+$/.test(channel)) throw new DigestCliError(`--channel ${channel} is not a channel id (letters, digits, . _ -).`);
  const slot = (flags.slot as string | undefined) ?? localDay({ timezone: cfg.timezone }, new Date());
  if (!isIsoDay(slot)) throw new DigestCliError(`--slot ${slot} is not a date: use YYYY-MM-DD.`);
  const dryRun = Boolean(flags['dry-run']);
  const json = Boolean(flags.json);
  const target = dryRun ? null : await openPoster(platform as Platform, cfg, json);

  const app = await cli.openApp(cfg);
  try {
    await cli.refresh(app, json);
    const service = app.digest;
    const { sub } = await service.effectiveSubscription(platform as Platform, channel);
    const result = await deliverDigest({
      service,
      poster: target?.poster,
      sub,
      slot,
      dryRun,
      retryFailed: true,
      skipRefresh: true,
    });
    if (json) cli.print(deliveryJson(result));
    else printResult(result, platform, cfg.color);
    if (result.status === 'failed' || result.status === 'in-progress') {
      if (json) process.stderr.write(`briefing: ${describe(result)}\n`);
      return result.status === 'failed' ? 1 : EXIT_IN_PROGRESS;
    }
    return 0;
  } finally {
    await target?.close();
    await app.close();
  }
}

/** The platform's real poster, or a one-line error naming what to configure. */
async function openPoster(platform: Platform, cfg: AppConfig, json: boolean): Promise<{ poster: ChannelPoster; close(): Promise<void> }> {
  if (platform === 'slack') {
    if (!cfg.slack) {
      throw new DigestCliError('--platform slack needs SLACK_BOT_TOKEN (and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN): set them in .env.');
    }
    const { createPostingClient } = await import('../platforms/slack/client.js');
    const { createSlackPoster } = await import('../platforms/slack/poster.js');
    const { boltLogger } = await import('../platforms/slack/logger.js');
    return {
      poster: createSlackPoster(createPostingClient(cfg.slack.botToken, cfg.slack.apiUrl, boltLogger(), POST_ATTEMPT_TIMEOUT_MS)),
      close: async () => undefined,
    };
  }
  if (platform === 'discord') {
    if (!cfg.discord) {
      throw new DigestCliError('--platform discord needs DISCORD_TOKEN and DISCORD_APPLICATION_ID: set them in .env.');
    }
    const { createPostingRest, closeRest } = await import('../platforms/discord/rest.js');
    const { createDiscordPoster } = await import('../platforms/discord/poster.js');
    const rest = createPostingRest(cfg.discord.token, cfg.discord.apiUrl, POST_ATTEMPT_TIMEOUT_MS);
    return { poster: createDiscordPoster(rest), close: async () => closeRest(rest) };
  }
  // Keep stdout for the JSON when --json is given.
  return { poster: createConsolePoster(json ? process.stderr : process.stdout, cfg.color), close: async () => undefined };
}

function describe(r: DeliveryResult): string {
  const where = `${r.platform}:${r.channel}`;
  switch (r.status) {
    case 'posted':
      return r.recovered
        ? `The digest for ${r.slot} to ${where} was partly or wholly posted before a crash; found what was there and posted the rest: ${pagesLine(r)} (message ${r.messageId}).`
        : `Posted the digest for ${r.slot} to ${where}: ${count(r.items.length, 'item')}${(r.pages ?? 1) > 1 ? ` in ${r.pages} messages` : ''} (message ${r.messageId}).`;
    case 'already-posted':
      return `The digest for ${r.slot} was already posted to ${where}${r.messageId ? ` (message ${r.messageId})` : ''}; nothing posted.`;
    case 'in-progress':
      return `The digest for ${r.slot} to ${where} is still being posted by another process (or one that stopped less than a minute ago); nothing posted by this run: run it again in a minute to see the outcome.`;
    case 'empty':
      return `Nothing new for ${where} on ${r.slot}, and the channel has the "nothing new" line turned off; nothing posted.`;
    case 'dry-run':
      return `Dry run: nothing posted to ${where}.`;
    case 'failed':
      return r.pagesPosted
        ? `The digest for ${r.slot} was only partly posted to ${where} (${pagesLine(r)}): ${r.error}`
        : `The digest for ${r.slot} was not posted to ${where}: ${r.error}`;
  }
}

function pagesLine(r: DeliveryResult): string {
  return `${r.pagesPosted ?? 0} of ${r.pages ?? 0} message${r.pages === 1 ? '' : 's'} in the channel`;
}

function printResult(r: DeliveryResult, platform: string, color: boolean): void {
  const out = process.stdout;
  // The console poster already printed the digest itself.
  const showDigest = r.reply && (r.status === 'dry-run' || r.status === 'already-posted' || (r.status === 'posted' && platform !== 'console'));
  if (showDigest) out.write(`${renderText(r.reply!, styleFor(out, color))}\n\n`);
  const line = describe(r);
  if (r.status === 'failed') process.stderr.write(`briefing: ${line}\n`);
  else out.write(`${line}\n`);
}

async function replay(flags: Flags, cfg: AppConfig, cli: CliToolkit): Promise<number> {
  for (const f of ['platform', 'channel', 'slot', 'dry-run'] as const) {
    if (flags[f] !== undefined) throw new DigestCliError(`--${f} does not go with --replay (nothing is posted). Usage: ${USAGE}`);
  }
  for (const f of ['from', 'to'] as const) {
    const v = flags[f] as string | undefined;
    if (v !== undefined && !isIsoDay(v)) throw new DigestCliError(`--${f} ${v} is not a date: use YYYY-MM-DD.`);
  }
  const topic = (flags.topic as string | undefined)?.trim() || undefined;
  if (flags.topic !== undefined && (!topic || !parseSearchQuery(topic))) {
    throw new DigestCliError(`--topic "${String(flags.topic)}" has no words to search for: use words such as training or a name.`);
  }
  const json = Boolean(flags.json);
  const app = await cli.openApp(cfg);
  const { engine } = app;
  try {
    await cli.refresh(app, json);
    const stats = await engine.stats();
    const from = (flags.from as string | undefined) ?? stats.firstPublished;
    const to = (flags.to as string | undefined) ?? stats.lastPublished;
    if (!from || !to) {
      throw new DigestCliError('The corpus has no dated articles on topic: give --from and --to, or add articles.');
    }
    if (from > to) throw new DigestCliError(`--from ${from} is after --to ${to}.`);
    if (addDays(from, MAX_REPLAY_DAYS) < to) throw new DigestCliError(`--from ${from} to ${to} is over ${MAX_REPLAY_DAYS} days: replay a shorter span.`);
    const days = await replayDigests(engine, { from, to, topic, label: topic ?? app.digest.defaults.label });
    if (json) {
      cli.print({
        from,
        to,
        topic: topic ?? null,
        days: days.map((d) => ({
          slot: d.slot,
          status: d.items.length ? 'dry-run' : 'empty',
          items: d.items.map(digestItemJson),
          overflow: d.overflow,
          repeats: d.repeats,
        })),
      });
      return 0;
    }
    const style = styleFor(process.stdout, cfg.color);
    for (const d of days) {
      process.stdout.write(d.items.length ? `${renderText(d.reply, style)}\n\n` : `${style.dim(d.reply.title)}\n\n`);
    }
    const total = days.reduce((n, d) => n + d.items.length, 0);
    const repeats = days.reduce((n, d) => n + d.repeats, 0);
    process.stdout.write(
      `Replay ${from} to ${to}${topic ? ` on "${topic}"` : ''}: ${count(total, 'item')} over ${days.filter((d) => d.items.length).length} of ${count(days.length, 'day')}; ${count(repeats, 'repeat')} left out.\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}
