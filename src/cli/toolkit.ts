/**
 * What every `briefing` subcommand shares (main.ts, digest/cli.ts,
 * feeds/cli.ts): flag parsing with one-line errors, the configuration, the
 * app (src/app.ts) with the corpus brought up to date, JSON printing. Its
 * own module so the subcommands need not import the entry point.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { App } from '../app.js';
import { loadConfig, type AppConfig } from '../config.js';
import type { CorpusStats, IngestReport } from '../core/engine.js';
import { count } from '../core/plural.js';
import { describeTopicChange } from '../core/present.js';
import { terminalProgress } from './progress.js';

export const GLOBAL_OPTIONS = {
  corpus: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** Bad input to the CLI: one line on stderr (with the usage), exit 2. */
export class CliError extends Error {}

export type Flags = { [name: string]: unknown; positionals: string[] };

export function parseFlags(args: string[], extra: ParseArgsConfig['options'], usageLine: string): Flags {
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

/** The configuration: the environment, read once here at start-up, with --corpus and --db over it. */
export function config(flags: Flags): AppConfig {
  return loadConfig(process.env, {
    corpus: flags.corpus as string | undefined,
    db: flags.db as string | undefined,
  });
}

/**
 * The app for one CLI run; the caller closes it. Imported when first needed:
 * a bad flag is answered before the engine, digest and feed modules load.
 */
export async function openApp(cfg: AppConfig): Promise<App> {
  const { createApp } = await import('../app.js');
  return createApp(cfg);
}

/** An ingest stopped by a signal: what it wrote is kept, and the command asked for is not run (exit 0). */
export class Interrupted extends Error {}

/**
 * Ingest what changed; problems go to stderr, one line per file. SIGTERM or
 * SIGINT meanwhile stops it after the file being written (committed), and
 * the command ends there (Interrupted): exit 0, the app closed by the caller.
 */
export async function refresh(app: Pick<App, 'writer'>, quiet: boolean): Promise<IngestReport> {
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => stop.abort(signal);
  process.once('SIGTERM', onSignal).once('SIGINT', onSignal);
  let report: IngestReport;
  try {
    report = await app.writer.refresh(quiet ? undefined : terminalProgress(process.stderr), stop.signal);
  } finally {
    process.off('SIGTERM', onSignal).off('SIGINT', onSignal);
  }
  if (report.interrupted) throw new Interrupted(`stopped by ${String(stop.signal.reason)}: files read so far are saved; the next run continues.`);
  if (report.ingestedBy) process.stderr.write(`briefing: another instance (${report.ingestedBy}) keeps the corpus up to date; answering from the database as it is.\n`);
  for (const p of report.skipped) process.stderr.write(`skipped ${p.path}: ${p.message}\n`);
  for (const p of report.warnings) process.stderr.write(`warning ${p.path}: ${p.message}\n`);
  if (report.topic) process.stderr.write(`${describeTopicChange(report.topic)}\n`);
  return report;
}

export function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** The corpus in one line, as every command that changed it ends. */
export function corpusLine(stats: CorpusStats): string {
  return `Corpus: ${count(stats.documents, 'document')} (${stats.relevant} on topic), ${count(stats.events, 'event')}.`;
}

export const cliToolkit = { parseFlags, openApp, config, refresh, print, corpusLine };
export type CliToolkit = typeof cliToolkit;
