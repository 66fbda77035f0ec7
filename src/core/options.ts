/**
 * The one place where command input is parsed and validated, whatever the
 * platform: typed text (`/timeline topic:training from:2024-12-01`), Discord's
 * typed options and CLI flags all end in `validateArgs`.
 */
import {
  UsageError,
  type CommandArgs,
  type CommandContext,
  type CommandDefinition,
  type OptionDefinition,
  type OptionValue,
  type UsageOf,
} from './command.js';
import { slashSyntax, spellOption, type CommandSyntax } from './syntax.js';
import { isPartialDate, periodOf } from './partial-date.js';
import { parseTimeOfDay } from './time-of-day.js';

const PLACEHOLDER: Record<OptionDefinition['type'], string> = {
  string: 'TEXT',
  integer: 'N',
  boolean: 'yes|no',
  date: 'YYYY-MM-DD',
  time: 'HH:MM',
  timezone: 'Area/City',
};

/**
 * `/timeline [topic:TEXT] [from:YYYY-MM-DD] …` (subcommands joined by ` | `),
 * or `briefing timeline [TOPIC] [--from YYYY-MM-DD] … [--json]` in CLI syntax.
 */
export function usage(def: CommandDefinition, subcommand?: string, syntax: CommandSyntax = slashSyntax()): string {
  const render = (options: OptionDefinition[]) =>
    options
      .map((o) => {
        const body = o.positional ? syntax.positional(o.name, PLACEHOLDER[o.type]) : spellOption(syntax, o, o.placeholder ?? PLACEHOLDER[o.type]);
        return o.required ? body : `[${body}]`;
      })
      .concat(syntax.trailing ?? [])
      .join(' ');
  if (def.subcommands?.length) {
    const subs = subcommand
      ? def.subcommands.filter((s) => s.name === subcommand)
      : def.subcommands;
    return subs.map((s) => `${syntax.command(def.name)} ${s.name} ${render(s.options)}`.trim()).join(' | ');
  }
  return `${syntax.command(def.name)} ${render(def.options)}`.trim();
}

/** The syntax a command answers in: the front end's own, else slash syntax with its spelling of command names. */
export function syntaxOf(ctx: Pick<CommandContext, 'syntax' | 'commandName'>): CommandSyntax {
  return ctx.syntax ?? slashSyntax(ctx.commandName);
}

/** A usage line with each "/name" spelled the platform's way. */
export function platformUsage(usageLine: string, commandName?: (name: string) => string): string {
  if (!commandName) return usageLine;
  return usageLine.replace(/(^|\| )\/([a-z][a-z0-9_-]*)/g, (_m, pre: string, name: string) => pre + commandName(name));
}

/**
 * Split typed command text into words. A "quoted phrase" (straight or curly
 * quotes) stays one word with its quotes, also inside an option value
 * (`query:"artillery barrels"`), so search still sees the phrase.
 */
export function splitCommandText(text: string): string[] {
  return text.match(/(?:"[^"]*"?|“[^”]*”?|[^\s"“])+/g) ?? [];
}

const OPTION_TOKEN = /^([a-z][a-z0-9_-]*):(.*)$/is;

/**
 * `cron:"0 8 * * 1-5"` → `0 8 * * 1-5`: quotes only group a value's words. The
 * positional option keeps them, because in free text (a search, a topic) they
 * also mean "this exact phrase".
 */
function unquote(value: string): string {
  const m = /^"([^"]*)"$|^“([^”]*)”$/.exec(value);
  return m ? (m[1] ?? m[2]!) : value;
}

/**
 * Parse the text typed after a slash command into validated args. Words after
 * a text option belong to it until the next option (`query:Healey Starmer`);
 * other loose words are the positional option's text, quotes kept. An option
 * given twice is an error, not last-wins.
 */
export function parseCommandText(def: CommandDefinition, text: string): CommandArgs {
  let tokens = splitCommandText(text.trim());
  let subcommand: string | undefined;
  let options = def.options;
  if (def.subcommands?.length) {
    const first = tokens[0]?.toLowerCase();
    const sub = def.subcommands.find((s) => s.name === first);
    if (first && !sub) {
      throw new UsageError(`Unknown subcommand "${tokens[0]}" for /${def.name}.`, { definition: def });
    }
    subcommand = sub?.name ?? def.subcommands[0]!.name;
    options = sub?.options ?? def.subcommands[0]!.options;
    if (sub) tokens = tokens.slice(1);
  }
  const usageOf = { definition: def, subcommand };
  const raw: Record<string, string> = {};
  const free: string[] = [];
  let open: string | undefined;
  for (const token of tokens) {
    const m = OPTION_TOKEN.exec(token);
    if (m && m[2] !== '' && !/^https?$/i.test(m[1]!)) {
      const name = m[1]!.toLowerCase();
      const opt = options.find((o) => o.name === name);
      if (!opt) throw new UsageError(`Unknown option "${name}".`, usageOf);
      if (raw[name] !== undefined) {
        const first = raw[name]!;
        throw new UsageError((s) => `${name} is given twice (${s.option(name, first)}, ${s.option(name, m[2]!)}): give it once.`, usageOf);
      }
      raw[name] = m[2]!;
      open = opt.type === 'string' ? name : undefined;
    } else if (open) {
      raw[open] += ` ${token}`;
    } else {
      free.push(token);
    }
  }
  for (const opt of options) {
    if (!opt.positional && raw[opt.name] !== undefined) raw[opt.name] = unquote(raw[opt.name]!);
  }
  if (free.length) {
    const positional = options.find((o) => o.positional);
    if (!positional) {
      throw new UsageError(`Unexpected text "${free.join(' ')}".`, usageOf);
    }
    if (raw[positional.name] !== undefined) {
      throw new UsageError(
        (s) => `Give ${positional.name} once: either as text or as ${s.option(positional.name, '…')}`,
        usageOf,
      );
    }
    raw[positional.name] = free.join(' ');
  }
  return validateArgs(def, { subcommand, options: raw });
}

/**
 * Check and type raw option values (strings from text or CLI, or values Discord
 * already typed). Unknown options, bad values and missing required ones throw
 * a UsageError naming the option and the expected form.
 */
export function validateArgs(
  def: CommandDefinition,
  input: { subcommand?: string; options: Record<string, unknown> },
): CommandArgs {
  let options = def.options;
  let subcommand = input.subcommand;
  if (def.subcommands?.length) {
    subcommand ??= def.subcommands[0]!.name;
    const sub = def.subcommands.find((s) => s.name === subcommand);
    if (!sub) throw new UsageError(`Unknown subcommand "${subcommand}" for /${def.name}.`, { definition: def });
    options = sub.options;
  }
  const usageOf = { definition: def, subcommand };
  const out: Record<string, OptionValue | undefined> = {};
  for (const [name, value] of Object.entries(input.options)) {
    if (value === undefined || value === null) continue;
    const opt = options.find((o) => o.name === name);
    if (!opt) throw new UsageError(`Unknown option "${name}".`, usageOf);
    out[name] = coerce(opt, value, usageOf);
  }
  for (const opt of options) {
    if (opt.required && out[opt.name] === undefined) {
      throw new UsageError(`Missing ${opt.name}.`, usageOf);
    }
  }
  return { subcommand, options: out };
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * Longest text option (a topic, a search): longer is a paste, not a query.
 * Platforms that check length themselves (Discord's max_length) are told this.
 */
export const MAX_TEXT_OPTION = 200;

function coerce(opt: OptionDefinition, value: unknown, usageOf: UsageOf): OptionValue {
  const shown = String(value);
  const bad = (expected: string) =>
    new UsageError((s) => `${spellOption(s, opt, shown)} is not ${expected}.`, usageOf);
  switch (opt.type) {
    case 'string': {
      const s = String(value).trim();
      if (!s) throw bad('a non-empty text');
      if (s.length > MAX_TEXT_OPTION) throw new UsageError(`${opt.name} is too long (${MAX_TEXT_OPTION} characters at most).`, usageOf);
      if (opt.choices && !opt.choices.some((c) => c.value === s)) {
        throw bad(`one of ${opt.choices.map((c) => c.value).join(', ')}`);
      }
      return s;
    }
    case 'integer': {
      const n = typeof value === 'number' ? value : /^[+-]?\d+$/.test(shown.trim()) ? Number(shown) : NaN;
      if (!Number.isInteger(n)) throw bad('a whole number');
      if (opt.min !== undefined && n < opt.min) throw bad(`at least ${opt.min}`);
      if (opt.max !== undefined && n > opt.max) throw bad(`at most ${opt.max}`);
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const s = shown.trim().toLowerCase();
      if (['yes', 'true', 'on', '1'].includes(s)) return true;
      if (['no', 'false', 'off', '0'].includes(s)) return false;
      throw bad('yes or no');
    }
    case 'date': {
      const s = shown.trim();
      if (!isPartialDate(s)) throw bad('a date (YYYY-MM-DD, YYYY-MM or YYYY)');
      return s;
    }
    case 'time': {
      const time = parseTimeOfDay(shown);
      if (!time) throw bad('a time of day (HH:MM, 24-hour)');
      return time;
    }
    case 'timezone': {
      const s = shown.trim();
      if (!isTimeZone(s)) throw bad('a time zone (e.g. Europe/London, America/New_York)');
      return s;
    }
  }
}

/** `from` after `to` is a usage error, caught before any work. */
export function checkRange(from: string | undefined, to: string | undefined, usageOf: UsageOf): void {
  if (from && to && periodOf(from)[0] > periodOf(to)[1]) {
    throw new UsageError((s) => `${s.option('from', from)} is after ${s.option('to', to)}.`, usageOf);
  }
}
