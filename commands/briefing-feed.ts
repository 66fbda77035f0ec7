/**
 * `/briefing feed add url:… | list | remove feed:…`: the feeds the corpus
 * is fed from, managed from chat by channel managers, answered privately.
 * Adding polls the feed at once and answers with its title and newest item,
 * so the manager sees it works. Feed titles and item titles are article
 * text: renderers escape them like any other.
 */
import type { CommandArgs, CommandContext, SubcommandDefinition, UsageOf } from '../src/core/command.js';
import { UsageError } from '../src/core/command.js';
import { count } from '../src/core/plural.js';
import { errorReply, infoReply, type Reply } from '../src/core/reply.js';
import { displayUrl } from '../src/feeds/fetch.js';
import { describeStatus, feedJson, itemJson, pollJson, shortTime } from '../src/feeds/present.js';

export const feedSubcommand: SubcommandDefinition = {
  name: 'feed',
  description: 'Feeds the corpus is fed from (managers): add url:…, list, remove feed:…',
  options: [
    {
      name: 'action',
      type: 'string',
      description: 'add, list or remove',
      required: true,
      positional: true,
      choices: [
        { name: 'add', value: 'add', description: 'Add a feed (RSS, Atom or JSON Feed) and poll it now' },
        { name: 'list', value: 'list', description: 'The feeds, their status and last fetch' },
        { name: 'remove', value: 'remove', description: 'Stop polling a feed' },
      ],
    },
    { name: 'url', type: 'string', description: 'add: the feed address (RSS, Atom or JSON Feed), https://…', forChoices: ['add'] },
    {
      name: 'feed',
      type: 'string',
      description: 'remove: the feed, by its number from list or its address',
      autocomplete: true,
      forChoices: ['remove'],
    },
  ],
  private: true,
};

const USAGE = '/briefing feed add url:https://… | /briefing feed list | /briefing feed remove feed:ID';
const REFUSAL =
  'Only people who can manage this channel can manage the bot\'s feeds (Discord: Manage Channels; Slack: a workspace admin or owner).';

/** `usageOf`: the /briefing definition this subcommand belongs to (its usage goes with a problem). */
export async function runFeed(args: CommandArgs, ctx: CommandContext, usageOf: UsageOf): Promise<Reply> {
  if (ctx.canManageChannel !== true) return errorReply(REFUSAL);
  const action = String(args.options.action ?? '').trim().toLowerCase();
  const feeds = ctx.feeds;
  if (action === 'list') {
    const all = await feeds.list();
    return {
      kind: 'info',
      title: 'Feeds',
      intro: all.length ? `${count(all.length, 'feed')}, polled every ${count(Math.round(feeds.intervalMs / 60_000), 'minute')}.` : `No feeds yet. Add one: ${USAGE.split(' | ')[0]}`,
      items: all.map((f) => ({
        text: `#${f.id} ${f.title ?? displayUrl(f.url)} — ${describeStatus(f)}; ${count(f.itemsSeen, 'item')}; last fetch ${shortTime(f.lastFetch)} — ${displayUrl(f.url)}`,
        sources: [],
      })),
      ephemeral: true,
      data: { feeds: all.map(feedJson) },
    };
  }
  if (action === 'add') {
    if (args.options.url === undefined) throw new UsageError('Give the feed\'s address as url:https://…', usageOf);
    const outcome = await feeds.add(String(args.options.url), { origin: 'command', addedBy: ctx.user ?? null });
    if (!outcome.ok) return errorReply(outcome.error);
    const { feed, newest, poll } = outcome;
    const name = feed.title ?? displayUrl(feed.url);
    const lines = [outcome.created ? `Added #${feed.id} ${name}.` : `#${feed.id} ${name} is already a feed.`];
    if (poll?.outcome === 'ok') lines.push(`First poll: ${count(poll.new, 'item')} in.`);
    else if (poll?.outcome === 'failed') lines.push(`The first fetch failed (${poll.error}); it is retried on its schedule.`);
    lines.push(newest ? `Newest item: ${newest.title ?? '(untitled)'}${newest.published ? ` (${newest.published.slice(0, 10)})` : ''}` : 'No items in it yet.');
    return {
      kind: 'info',
      title: outcome.created ? 'Feed added' : 'Feed already there',
      intro: lines.join('\n'),
      items: [],
      ephemeral: true,
      data: { feed: feedJson(feed), created: outcome.created, newest: itemJson(newest), poll: poll ? pollJson(poll) : null },
    };
  }
  if (action === 'remove') {
    if (args.options.feed === undefined) throw new UsageError('Say which feed: feed:ID (the number /briefing feed list shows) or its address.', usageOf);
    const outcome = await feeds.remove(String(args.options.feed));
    if (!outcome.ok) return errorReply(outcome.error);
    return infoReply('Feed removed', `#${outcome.feed.id} ${outcome.feed.title ?? displayUrl(outcome.feed.url)} is no longer polled; the articles it brought stay in the corpus.`);
  }
  throw new UsageError(`Unknown feed action "${action}": add, list or remove.`, usageOf);
}

/** Feeds whose number, title or address starts with (or contains) what was typed. */
export async function suggestFeeds(prefix: string, ctx: Pick<CommandContext, 'feeds'>): Promise<Array<{ name: string; value: string }>> {
  const wanted = prefix.toLowerCase();
  const all = await ctx.feeds.list();
  return all
    .filter((f) => !wanted || String(f.id).startsWith(wanted) || (f.title ?? '').toLowerCase().includes(wanted) || displayUrl(f.url).toLowerCase().includes(wanted))
    .slice(0, 25)
    .map((f) => ({ name: `#${f.id} ${f.title ?? displayUrl(f.url)}`, value: String(f.id) }));
}
