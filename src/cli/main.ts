#!/usr/bin/env -S node --max-semi-space-size=4
/**
 * `briefing` — the scriptable CLI (docs/cli.md). Read commands first ingest
 * new or changed corpus files, then answer as text or, with --json, in the
 * stable JSON contract. Flags come from the same command definitions the
 * chat platforms use.
 */
import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { allCommands, findCommand } from '../../commands/index.js';
import type { CommandDefinition } from '../core/command.js';
import { dispatch } from '../core/dispatch.js';
import type { IngestReport } from '../core/engine.js';
import { usage } from '../core/options.js';
import { cliSyntax } from '../core/syntax.js';
import { describeTopicChange } from '../core/present.js';
import { ConfigError, loadConfig, type AppConfig } from '../config.js';
import type { BriefingEngine } from '../engine.js';
import { limitHeapGrowth } from '../heap.js';
import { renderText, styleFor } from '../platforms/console/render.js';
import { openEngine } from './open-engine.js';
import { terminalProgress } from './progress.js';
import { count } from '../core/plural.js';

const GLOBAL_OPTIONS = {
  corpus: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

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

class CliError extends Error {}

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
      const engine = await openEngine(config(flags));
      try {
        const report = await refresh(engine, Boolean(flags.json));
        const stats = await engine.stats();
        if (flags.json) print({ ...report, documents: stats.documents, relevant: stats.relevant, events: stats.events });
        else {
          process.stdout.write(
            `Ingested ${report.added} new, ${report.changed} changed, ${report.removed} removed, ${report.unchanged} unchanged, ${report.skipped.length} skipped in ${report.durationMs} ms.\n` +
              `Corpus: ${count(stats.documents, 'document')} (${stats.relevant} on topic), ${count(stats.events, 'event')}.\n`,
          );
        }
        return report.skipped.length > 0 ? 1 : 0;
      } finally {
        await engine.close();
      }
    }
    case 'digest': {
      const { runDigestCli } = await import('../digest/cli.js');
      return runDigestCli(rest, { parseFlags, openEngine, config, refresh, print });
    }
    case 'feeds': {
      const { runFeedsCli } = await import('../feeds/cli.js');
      return runFeedsCli(rest, { parseFlags, openEngine, config, refresh, print });
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
  const engine = await openEngine(config(flags));
  try {
    await refresh(engine, Boolean(flags.json));
    const reply = await dispatch(name, { options }, {
      engine,
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
      process.stdout.write(`${renderText(reply, styleFor(process.stdout), width)}\n`);
    }
    return 0;
  } finally {
    await engine.close();
  }
}

export type Flags = { [name: string]: unknown; positionals: string[] };

function parseFlags(args: string[], extra: ParseArgsConfig['options'], usageLine: string): Flags {
  const options: ParseArgsConfig['options'] = { ...GLOBAL_OPTIONS, ...extra };
  let parsed;
  try {
    parsed = parseArgs({
      args,
      // Every string option may repeat at parse time, so that a repeat is refused below rather than last-wins.
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [name, o.type === 'string' ? { ...o, multiple: true } : o]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new CliError(`${describeParseError(err as Error & { code?: string })}\nUsage: ${usageLine}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`Usage: ${usageLine}\n`);
    process.exit(0);
  }
  const flags: Flags = { positionals };
  for (const [name, value] of Object.entries(values)) {
    if (Array.isArray(value)) {
      if (value.length > 1) {
        throw new CliError(`--${name} is given ${value.length} times (${value.join(', ')}): give it once.\nUsage: ${usageLine}`);
      }
      flags[name] = value[0];
    } else flags[name] = value;
  }
  return flags;
}

/** Node's parseArgs messages, said in this CLI's terms (its `--` hints mean nothing here). */
function describeParseError(err: Error & { code?: string }): string {
  const flag = /'(-[^' ]*)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${flag}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take/.test(err.message) ? `${flag} takes no value.` : `${flag} needs a value.`;
    default:
      return err.message.split('\n')[0]!;
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

function config(flags: Flags): AppConfig {
  return loadConfig(process.env, {
    corpus: flags.corpus as string | undefined,
    db: flags.db as string | undefined,
  });
}

/** Ingest what changed; problems go to stderr, one line per file. */
async function refresh(engine: BriefingEngine, quiet: boolean): Promise<IngestReport> {
  const report = await engine.refresh(quiet ? undefined : terminalProgress(process.stderr));
  for (const p of report.skipped) process.stderr.write(`skipped ${p.path}: ${p.message}\n`);
  for (const p of report.warnings) process.stderr.write(`warning ${p.path}: ${p.message}\n`);
  if (report.topic) process.stderr.write(`${describeTopicChange(report.topic)}\n`);
  return report;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export type CliToolkit = {
  parseFlags: typeof parseFlags;
  openEngine: typeof openEngine;
  config: typeof config;
  refresh: typeof refresh;
  print: typeof print;
};

limitHeapGrowth();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CliError || err instanceof ConfigError) {
      process.stderr.write(`briefing: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`briefing: ${(err as Error).message.split('\n')[0]}\n`);
      process.exitCode = 1;
    }
  },
);
