/**
 * The one place where command input is parsed and validated, whatever the
 * platform: typed text (`/timeline topic:training from:2024-12-01`), Discord's
 * typed options and CLI flags all end in `validateArgs`.
 */
import {
  UsageError,
  type CommandArgs,
  type CommandDefinition,
  type OptionDefinition,
  type OptionValue,
} from './command.js';

const PLACEHOLDER: Record<OptionDefinition['type'], string> = {
  string: 'TEXT',
  integer: 'N',
  boolean: 'yes|no',
  date: 'YYYY-MM-DD',
  time: 'HH:MM',
  timezone: 'Area/City',
};

/** `/timeline [topic:TEXT] [from:YYYY-MM-DD] …` (one line per subcommand). */
export function usage(def: CommandDefinition, subcommand?: string): string {
  const render = (options: OptionDefinition[]) =>
    options
      .map((o) => {
        const body = `${o.name}:${PLACEHOLDER[o.type]}`;
        return o.required ? body : `[${body}]`;
      })
      .join(' ');
  if (def.subcommands?.length) {
    const subs = subcommand
      ? def.subcommands.filter((s) => s.name === subcommand)
      : def.subcommands;
    return subs.map((s) => `/${def.name} ${s.name} ${render(s.options)}`.trim()).join(' | ');
  }
  return `/${def.name} ${render(def.options)}`.trim();
}

/** A usage line with each "/name" spelled the platform's way. */
export function platformUsage(usageLine: string, commandName?: (name: string) => string): string {
  if (!commandName) return usageLine;
  return usageLine.replace(/(^|\| )\/([a-z][a-z0-9_-]*)/g, (_m, pre: string, name: string) => pre + commandName(name));
}

/** Split typed text into words, keeping "quoted phrases" and name:"quoted values" together. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /(\S+?:)?(?:"([^"]*)"|“([^”]*)”|(\S+))/g;
  for (const m of text.matchAll(re)) {
    const prefix = m[1] ?? '';
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    tokens.push(prefix + value);
  }
  return tokens;
}

const OPTION_TOKEN = /^([a-z][a-z0-9_-]*):(.*)$/is;

/** Parse the text typed after a slash command into validated args. */
export function parseCommandText(def: CommandDefinition, text: string): CommandArgs {
  let tokens = tokenize(text.trim());
  let subcommand: string | undefined;
  let options = def.options;
  if (def.subcommands?.length) {
    const first = tokens[0]?.toLowerCase();
    const sub = def.subcommands.find((s) => s.name === first);
    if (first && !sub) {
      throw new UsageError(`Unknown subcommand "${tokens[0]}" for /${def.name}.`, usage(def));
    }
    subcommand = sub?.name ?? def.subcommands[0]!.name;
    options = sub?.options ?? def.subcommands[0]!.options;
    if (sub) tokens = tokens.slice(1);
  }
  const raw: Record<string, string> = {};
  const free: string[] = [];
  for (const token of tokens) {
    const m = OPTION_TOKEN.exec(token);
    if (m && m[2] !== '' && !/^https?$/i.test(m[1]!)) {
      const name = m[1]!.toLowerCase();
      if (!options.some((o) => o.name === name)) {
        throw new UsageError(`Unknown option "${name}".`, usage(def, subcommand));
      }
      raw[name] = m[2]!;
    } else {
      free.push(token);
    }
  }
  if (free.length) {
    const positional = options.find((o) => o.positional);
    if (!positional) {
      throw new UsageError(`Unexpected text "${free.join(' ')}".`, usage(def, subcommand));
    }
    if (raw[positional.name] !== undefined) {
      throw new UsageError(
        `Give ${positional.name} once: either as text or as ${positional.name}:…`,
        usage(def, subcommand),
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
    if (!sub) throw new UsageError(`Unknown subcommand "${subcommand}" for /${def.name}.`, usage(def));
    options = sub.options;
  }
  const out: Record<string, OptionValue | undefined> = {};
  for (const [name, value] of Object.entries(input.options)) {
    if (value === undefined || value === null) continue;
    const opt = options.find((o) => o.name === name);
    if (!opt) throw new UsageError(`Unknown option "${name}".`, usage(def, subcommand));
    out[name] = coerce(opt, value, usage(def, subcommand));
  }
  for (const opt of options) {
    if (opt.required && out[opt.name] === undefined) {
      throw new UsageError(`Missing ${opt.name}.`, usage(def, subcommand));
    }
  }
  return { subcommand, options: out };
}

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** True for YYYY, YYYY-MM and YYYY-MM-DD that name a real calendar date. */
export function isPartialDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (m[2] === undefined) return year >= 1000;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function coerce(opt: OptionDefinition, value: unknown, usageLine: string): OptionValue {
  const shown = String(value);
  const bad = (expected: string) =>
    new UsageError(`${opt.name}:${shown} is not ${expected}.`, usageLine);
  switch (opt.type) {
    case 'string': {
      const s = String(value).trim();
      if (!s) throw bad('a non-empty text');
      if (s.length > 200) throw new UsageError(`${opt.name} is too long (200 characters at most).`, usageLine);
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
      const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(shown.trim());
      if (!m) throw bad('a time of day (HH:MM, 24-hour)');
      return `${m[1]!.padStart(2, '0')}:${m[2]}`;
    }
    case 'timezone': {
      const s = shown.trim();
      if (!isTimeZone(s)) throw bad('a time zone (e.g. Europe/London, America/New_York)');
      return s;
    }
  }
}

/** First and last day covered by a partial date: 2024-12 → [2024-12-01, 2024-12-31]. */
export function partialDateBounds(value: string): [string, string] {
  const [y, m, d] = value.split('-');
  if (d) return [value, value];
  if (m) {
    const last = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    return [`${y}-${m}-01`, `${y}-${m}-${String(last).padStart(2, '0')}`];
  }
  return [`${y}-01-01`, `${y}-12-31`];
}

/** `from` after `to` is a usage error, caught before any work. */
export function checkRange(from: string | undefined, to: string | undefined, usageLine: string): void {
  if (from && to && partialDateBounds(from)[0] > partialDateBounds(to)[1]) {
    throw new UsageError(`from:${from} is after to:${to}.`, usageLine);
  }
}
