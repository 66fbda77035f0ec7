#!/usr/bin/env -S node --max-semi-space-size=4
/**
 * `briefing` — the scriptable CLI (docs/cli.md). Read commands first ingest
 * new or changed corpus files, then answer as text or, with --json, in the
 * stable JSON contract. Flags come from the same command definitions the
 * chat platforms use.
 */
import fs from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { allCommands, findCommand } from '../../commands/index.js';
import type { CommandDefinition } from '../core/command.js';
import { dispatch } from '../core/dispatch.js';
import { usage } from '../core/options.js';
import { cliSyntax } from '../core/syntax.js';
import { ConfigError } from '../config.js';
import { limitHeapGrowth } from '../heap.js';
import { renderText, styleFor } from '../platforms/console/render.js';
import { CliError, cliToolkit, config, corpusLine, Interrupted, openApp, parseFlags, print, refresh, GLOBAL_OPTIONS } from './toolkit.js';

/** Commands shared with chat, in CLI syntax from their definitions (those with subcommands are chat-only). */
function sharedCommandUsages(): string[] {
  return allCommands()
    .map((c) => c.definition)
    .filter((d) => !d.subcommands && d.name !== 'help' && d.name !== 'digest')
    .map((d) => `  ${usage(d, undefined, cliSyntax)}`);
}

const HELP = () => `briefing — news corpus → dated timeline, cited summaries, daily digest

Usage:
  briefing ingest [--json]
${sharedCommandUsages().join('\n')}
  briefing digest [--platform console|slack|discord] [--channel ID] [--slot YYYY-MM-DD] [--dry-run] [--json]
  briefing digest --replay --from DATE --to DATE [--json]
  briefing feeds add URL | list | remove URL|ID | import FILE.opml | poll [--json]
  briefing serve  (what npm start runs: Slack/Discord when configured, else the console)

Global, before or after the command: --corpus DIR (env BRIEFING_CORPUS, default ./seeds)
                                     --db FILE    (env BRIEFING_DB, default ./data/briefing.db)
Details: docs/cli.md`;

async function main(argv: string[]): Promise<number> {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const [command, ...rest] = globalOptionsLast(argv);
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${HELP()}\n`);
    return 0;
  }
  switch (command) {
    case 'serve': {
      const flags = parseFlags(rest, {}, 'briefing serve [--corpus DIR] [--db FILE]');
      const { serve } = await import('./serve.js');
      return serve(config(flags));
    }
    case 'ingest': {
      const flags = parseFlags(rest, {}, 'briefing ingest [--json]');
      const app = await openApp(config(flags));
      try {
        const report = await refresh(app, Boolean(flags.json));
        const stats = await app.engine.stats();
        if (flags.json) print({ ...report, documents: stats.documents, relevant: stats.relevant, events: stats.events });
        else {
          process.stdout.write(
            `Ingested ${report.added} new, ${report.changed} changed, ${report.removed} removed, ${report.unchanged} unchanged, ${report.skipped.length} skipped in ${report.durationMs} ms.\n` +
              `${corpusLine(stats)}\n`,
          );
        }
        return report.skipped.length > 0 ? 1 : 0;
      } finally {
        await app.close();
      }
    }
    case 'digest': {
      const { runDigestCli } = await import('../digest/cli.js');
      return runDigestCli(rest, cliToolkit);
    }
    case 'feeds': {
      const { runFeedsCli } = await import('../feeds/cli.js');
      return runFeedsCli(rest, cliToolkit);
    }
    default:
      return runCommand(command, rest);
  }
}

/**
 * `briefing --corpus X timeline` means `briefing timeline --corpus X`: global
 * options before the command move after it, where every command reads them.
 */
function globalOptionsLast(argv: string[]): string[] {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length && argv[i]!.startsWith('-')) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const name = flag.replace(/^--?/, '');
    const spec = Object.entries(GLOBAL_OPTIONS).find(([n, o]) => n === name || ('short' in o && o.short === name));
    if (!spec) break;
    if (name === 'h' || name === 'help') return ['--help'];
    leading.push(argv[i]!);
    if (spec[1].type === 'string' && inline === undefined && i + 1 < argv.length) leading.push(argv[++i]!);
    i++;
  }
  return [...argv.slice(i), ...leading];
}

async function runCommand(name: string, rest: string[]): Promise<number> {
  const command = findCommand(name);
  if (!command || command.definition.subcommands) {
    throw new CliError(`Unknown command "${name}": run briefing --help for the list.`);
  }
  const def = command.definition;
  const flags = parseFlags(rest, optionsFor(def), cliUsage(def));
  const positional = def.options.find((o) => o.positional);
  const options: Record<string, unknown> = {};
  for (const o of def.options) if (flags[o.cliName ?? o.name] !== undefined) options[o.name] = flags[o.cliName ?? o.name];
  if (flags.positionals.length) {
    if (!positional) throw new CliError(`Unexpected argument "${flags.positionals[0]}".\nUsage: ${cliUsage(def)}`);
    if (options[positional.name] !== undefined) {
      throw new CliError(`Give ${positional.name} once, either as text or as --${positional.name}.\nUsage: ${cliUsage(def)}`);
    }
    options[positional.name] = flags.positionals.join(' ');
  }
  const cfg = config(flags);
  const app = await openApp(cfg);
  try {
    await refresh(app, Boolean(flags.json));
    const reply = await dispatch(name, { options }, {
      ...app.services,
      platform: 'cli',
      now: () => new Date(),
      canManageChannel: true,
      syntax: cliSyntax,
    });
    if (reply.kind === 'error') {
      process.stderr.write(`briefing: ${reply.intro}\n`);
      return 2;
    }
    if (flags.json) print(reply.data ?? {});
    else {
      const width = process.stdout.isTTY ? process.stdout.columns : undefined;
      process.stdout.write(`${renderText(reply, styleFor(process.stdout, cfg.color), width)}\n`);
    }
    return 0;
  } finally {
    await app.close();
  }
}

function optionsFor(def: CommandDefinition): ParseArgsConfig['options'] {
  return Object.fromEntries(
    def.options.map((o) => [o.cliName ?? o.name, { type: o.type === 'boolean' ? 'boolean' : 'string' } as const]),
  );
}

function cliUsage(def: CommandDefinition): string {
  return usage(def, undefined, cliSyntax);
}

limitHeapGrowth();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof Interrupted) {
      process.stderr.write(`briefing: ${err.message}\n`);
      process.exitCode = 0;
    } else if (err instanceof CliError || err instanceof ConfigError) {
      process.stderr.write(`briefing: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`briefing: ${(err as Error).message.split('\n')[0]}\n`);
      process.exitCode = 1;
    }
  },
);
