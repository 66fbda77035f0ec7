/**
 * `briefing feeds add URL | list | remove URL|ID | import FILE.opml | poll`,
 * with --json in the `feeds` shapes of docs/cli.md. The feeds configuration
 * declares (BRIEFING_FEEDS, BRIEFING_FEEDS_FILE) are declared again first,
 * as at every start, so `list` shows them.
 */
import type { CliToolkit } from '../cli/toolkit.js';
import type { Engine } from '../core/engine.js';
import { count } from '../core/plural.js';
import { OpmlError } from './opml.js';
import { feedJson, feedLine, itemJson, pollJson, pollLine, shortTime } from './present.js';
import type { FeedService } from './service.js';

const USAGE = 'briefing feeds add URL [--json] | list [--json] | remove URL|ID | import FILE.opml [--json] | poll [--json]';

class FeedsCliError extends Error {}

export async function runFeedsCli(args: string[], cli: CliToolkit): Promise<number> {
  const flags = cli.parseFlags(args, {}, USAGE);
  const [sub, ...rest] = flags.positionals;
  const json = Boolean(flags.json);
  const needsOne = (what: string) => {
    if (rest.length !== 1) throw new FeedsCliError(`briefing feeds ${sub} takes one ${what}. Usage: ${USAGE}`);
    return rest[0]!;
  };
  try {
    if (!sub || !['add', 'list', 'remove', 'import', 'poll'].includes(sub)) {
      throw new FeedsCliError(`${sub ? `Unknown feeds command "${sub}"` : 'Say what to do with feeds'}. Usage: ${USAGE}`);
    }
    if ((sub === 'list' || sub === 'poll') && rest.length) throw new FeedsCliError(`Unexpected argument "${rest[0]}". Usage: ${USAGE}`);
    const arg = sub === 'add' ? needsOne('URL') : sub === 'remove' ? needsOne('feed id or URL') : sub === 'import' ? needsOne('OPML file') : '';
    const cfg = cli.config(flags);
    const app = await cli.openApp(cfg);
    const { engine } = app;
    try {
      const feeds = app.feeds;
      for (const problem of await feeds.declare(cfg.feeds)) process.stderr.write(`warning ${problem}\n`);
      switch (sub) {
        case 'add':
          return await add(feeds, arg, json, cli);
        case 'list':
          return await list(feeds, json, cli);
        case 'remove':
          return await remove(feeds, arg, json, cli);
        case 'import':
          return await importFile(feeds, arg, json, cli);
        default:
          return await poll(feeds, engine, json, cli);
      }
    } finally {
      await app.close();
    }
  } catch (err) {
    if (err instanceof FeedsCliError || err instanceof OpmlError) {
      process.stderr.write(`briefing: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

async function add(feeds: FeedService, url: string, json: boolean, cli: CliToolkit): Promise<number> {
  const outcome = await feeds.add(url, { origin: 'command', addedBy: 'cli' });
  if (!outcome.ok) {
    if (json) cli.print({ error: outcome.error, alternates: outcome.alternates });
    else process.stderr.write(`briefing: ${outcome.error}\n`);
    return 2;
  }
  if (json) {
    cli.print({ feed: feedJson(outcome.feed), created: outcome.created, newest: itemJson(outcome.newest), poll: outcome.poll ? pollJson(outcome.poll) : null });
    return 0;
  }
  const lines = [`${outcome.created ? 'Added' : 'Already there'}: ${feedLine(outcome.feed)}`];
  if (outcome.poll) lines.push(`First poll: ${pollLine(outcome.poll)}`);
  if (outcome.newest) lines.push(`Newest item: ${outcome.newest.title ?? '(untitled)'}${outcome.newest.published ? ` (${shortTime(outcome.newest.published)})` : ''}${outcome.newest.link ? ` — ${outcome.newest.link}` : ''}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

async function list(feeds: FeedService, json: boolean, cli: CliToolkit): Promise<number> {
  const all = await feeds.list();
  if (json) cli.print({ feeds: all.map(feedJson) });
  else process.stdout.write(all.length ? `${all.map(feedLine).join('\n')}\n` : 'No feeds. Add one with: briefing feeds add URL\n');
  return 0;
}

async function remove(feeds: FeedService, ref: string, json: boolean, cli: CliToolkit): Promise<number> {
  const outcome = await feeds.remove(ref);
  if (!outcome.ok) {
    process.stderr.write(`briefing: ${outcome.error}\n`);
    return 2;
  }
  if (json) cli.print({ removed: feedJson(outcome.feed) });
  else process.stdout.write(`Removed #${outcome.feed.id} ${outcome.feed.title ?? outcome.feed.url}; the articles it brought stay in the corpus.\n`);
  return 0;
}

async function importFile(feeds: FeedService, file: string, json: boolean, cli: CliToolkit): Promise<number> {
  const outcome = await feeds.importOpml(file);
  if (json) {
    cli.print({ added: outcome.added.map(feedJson), existing: outcome.existing.map(feedJson), refused: outcome.refused });
  } else {
    const lines = [`Imported ${count(outcome.added.length, 'new feed')} from ${file} (${outcome.existing.length} already there); briefing feeds poll fetches them now.`];
    for (const r of outcome.refused) lines.push(`refused ${r.url}: ${r.error}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return outcome.refused.length > 0 ? 1 : 0;
}

async function poll(feeds: FeedService, engine: Engine, json: boolean, cli: CliToolkit): Promise<number> {
  const reports = await feeds.poll({ all: true });
  if (json) cli.print({ feeds: reports.map(pollJson) });
  else {
    const stats = await engine.stats();
    const lines = reports.length ? reports.map(pollLine) : ['No feeds to poll. Add one with: briefing feeds add URL'];
    lines.push(cli.corpusLine(stats));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return reports.some((r) => r.outcome === 'failed') ? 1 : 0;
}
