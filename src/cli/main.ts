#!/usr/bin/env -S node --max-semi-space-size=4
/**
 * `briefing` — the scriptable CLI (docs/cli.md). Read commands first ingest
 * new or changed corpus files, then answer as text or, with --json, in the
 * stable JSON contract. Flags come from the same command definitions the
 * chat platforms use.
 */
import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { findCommand } from '../../commands/index.js';
import type { CommandDefinition } from '../core/command.js';
import { dispatch } from '../core/dispatch.js';
import type { IngestReport } from '../core/engine.js';
import { usage } from '../core/options.js';
import { ConfigError, loadConfig, type AppConfig } from '../config.js';
import type { BriefingEngine } from '../engine.js';
import { limitHeapGrowth } from '../heap.js';
import { renderText, styleFor } from '../platforms/console/render.js';
import { openEngine } from './open-engine.js';
import { terminalProgress } from './progress.js';

const GLOBAL_OPTIONS = {
  corpus: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const HELP = `briefing — news corpus → dated timeline, cited summaries, daily digest

Usage:
  briefing ingest   [--json]
  briefing timeline [--topic T] [--from DATE] [--to DATE] [--limit N] [--json]
  briefing summary  [--topic T] [--from DATE] [--to DATE] [--json]
  briefing sources  [--json]
  briefing search   QUERY [--limit N] [--json]
  briefing digest   [--platform console|slack|discord] [--channel ID] [--slot YYYY-MM-DD] [--dry-run] [--json]
  briefing digest   --replay --from DATE --to DATE [--json]
  briefing serve    (what npm start runs: Slack/Discord when configured, else the console)

Global: --corpus DIR (env BRIEFING_CORPUS, default ./seeds)
        --db FILE    (env BRIEFING_DB, default ./data/briefing.db)
Details: docs/cli.md`;

class CliError extends Error {}

async function main(argv: string[]): Promise<number> {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${HELP}\n`);
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
              `Corpus: ${stats.documents} documents (${stats.relevant} on topic), ${stats.events} events.\n`,
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
    default:
      return runCommand(command, rest);
  }
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
  for (const o of def.options) if (flags[o.name] !== undefined) options[o.name] = flags[o.name];
  if (flags.positionals.length) {
    if (!positional) throw new CliError(`Unexpected argument "${flags.positionals[0]}". Usage: ${cliUsage(def)}`);
    if (options[positional.name] !== undefined) {
      throw new CliError(`Give ${positional.name} once, either as text or as --${positional.name}. Usage: ${cliUsage(def)}`);
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
    });
    if (reply.kind === 'error') {
      process.stderr.write(`${reply.intro?.replace(/^Usage: \/\S+/m, `Usage: ${cliUsage(def)}`)}\n`);
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
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...GLOBAL_OPTIONS, ...extra },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`Usage: ${usageLine}\n`);
      process.exit(0);
    }
    return { ...values, positionals };
  } catch (err) {
    throw new CliError(`${(err as Error).message.split('\n')[0]} Usage: ${usageLine}`);
  }
}

function optionsFor(def: CommandDefinition): ParseArgsConfig['options'] {
  return Object.fromEntries(
    def.options.map((o) => [o.name, { type: o.type === 'boolean' ? 'boolean' : 'string' } as const]),
  );
}

function cliUsage(def: CommandDefinition): string {
  return usage(def)
    .replace(/^\//, 'briefing ')
    .replace(/\[?(\w+):([^\s\]]+)\]?/g, (m, name: string, ph: string) =>
      m.startsWith('[') ? `[--${name} ${ph}]` : `--${name} ${ph}`,
    )
    .concat(' [--json]');
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
