/**
 * The shape of a slash command, shared by Slack, Discord, the console and the
 * CLI. Each module in `commands/` exports one `Command`; the Slack manifest and
 * the Discord registration are generated from the `definition`s.
 */
import type { Reply } from './reply.js';
import type { Engine } from './engine.js';
import type { DigestService } from '../digest/service.js';
import type { FeedService } from '../feeds/service.js';
import type { Platform } from './model.js';
import { slashSyntax, type CommandSyntax } from './syntax.js';

/**
 * Option value types. `date` is a string validated as YYYY-MM-DD (or YYYY-MM,
 * YYYY); `time` is HH:MM; `timezone` an IANA zone name.
 */
export type OptionType = 'string' | 'integer' | 'boolean' | 'date' | 'time' | 'timezone';

export interface OptionDefinition {
  name: string;
  type: OptionType;
  description: string;
  required?: boolean;
  /**
   * Takes the free text of a typed command: `/summary peacekeepers` sets
   * `topic` to "peacekeepers" when `topic` is the positional option.
   */
  positional?: boolean;
  /** Shown in usage lines instead of the type's (`ID` rather than `TEXT`). */
  placeholder?: string;
  /** The CLI's flag when it reads better than the chat name: `sources --explain ID` for `/sources id:ID`. */
  cliName?: string;
  /** Discord offers completions from the corpus's frequent entities. */
  autocomplete?: boolean;
  min?: number;
  max?: number;
  /** A fixed set of values; `description` says what each does where a front end lists them (Discord subcommands). */
  choices?: Array<{ name: string; value: string; description?: string }>;
  /**
   * Goes only with these values of the subcommand's positional choice (`url`
   * with `add`). Discord turns such a subcommand into a group whose
   * subcommands are the choices, each with only its own options.
   */
  forChoices?: string[];
}

export interface SubcommandDefinition {
  name: string;
  description: string;
  options: OptionDefinition[];
  /** Answers only the asker (help, settings): platforms acknowledge privately from the start. */
  private?: boolean;
  /**
   * Changes the channel's settings, so the command reads `ctx.canManageChannel`:
   * a platform whose check costs an API call (Slack's users.info) makes it only then.
   */
  managesChannel?: boolean;
}

export interface CommandDefinition {
  /** Lower-case, no slash: "timeline". */
  name: string;
  /** One line, under 100 characters (Discord's limit). */
  description: string;
  options: OptionDefinition[];
  /** `/briefing subscribe …`: when present, the first word picks one. */
  subcommands?: SubcommandDefinition[];
  /** Example invocations for help and usage lines: "/timeline topic:training from:2024-12-01". */
  examples?: string[];
  /** Platforms the command is offered on (default: all). */
  platforms?: Platform[];
  /** Answers only the asker (help, previews): platforms acknowledge privately from the start. */
  private?: boolean;
}

/** Whether this command (or subcommand) answers only the asker. */
export function answersPrivately(def: CommandDefinition, subcommand?: string): boolean {
  const sub = def.subcommands?.find((s) => s.name === subcommand);
  return Boolean(sub ? sub.private : def.private);
}

/** Whether this command (or subcommand) needs to know if the asker may manage the channel. */
export function needsChannelManager(def: CommandDefinition, subcommand?: string): boolean {
  return Boolean(def.subcommands?.find((s) => s.name === subcommand)?.managesChannel);
}

export type OptionValue = string | number | boolean;

/** Validated arguments: option values already typed and checked. */
export interface CommandArgs {
  subcommand?: string;
  options: Record<string, OptionValue | undefined>;
}

/** The commands a front end offers (commands/index.ts builds it; the composition root hands it on). */
export interface CommandRegistry {
  all(): readonly Command[];
  /** By name, with or without the slash, any case. */
  find(name: string): Command | undefined;
}

/** A command's input as a front end has it: typed text, or options already split (Discord). */
export type CommandInput =
  | { text: string }
  | { subcommand?: string; options: Record<string, unknown> };

/**
 * Who is asking, as it crosses to a query thread: plain values only (a
 * function cannot be copied to another thread), so the spelling of each
 * command travels as a table.
 */
export interface PortableAsker {
  platform: Platform;
  channel?: string;
  user?: string;
  nowMs: number;
  /** Every registered command's name as this platform spells it ("search" → "/briefing-search"). */
  commandNames: Record<string, string>;
}

/**
 * Runs read-only commands whole (engine query and the Reply built from it)
 * on the query threads (src/query-pool): the main thread then only receives
 * the small Reply, and acks never wait on the work or on copying a large
 * engine result between threads.
 */
export interface CommandThreads {
  runRead(name: string, args: CommandArgs, asker: PortableAsker): Promise<Reply>;
}

/**
 * What the composition root (src/app.ts) gives every front end to run
 * commands with: the same for Slack, Discord, the console and the CLI.
 */
export interface CommandServices {
  engine: Engine;
  digest: DigestService;
  feeds: FeedService;
  commands: CommandRegistry;
  /** Where read-only commands run when the process has query threads (serve); absent: here. */
  readThreads?: CommandThreads;
}

/**
 * What a read-only command runs with: the corpus and who asks, nothing that
 * writes. A query thread can build it (see query-pool/worker.ts).
 */
export interface ReadContext {
  engine: Engine;
  commands: CommandRegistry;
  platform: Platform;
  /** Channel or conversation id, when there is one. */
  channel?: string;
  user?: string;
  now: () => Date;
  /**
   * How this platform spells a command ("/briefing-search" where Slack
   * reserves "/search"); usage lines and help use it. Default "/name".
   */
  commandName?: (name: string) => string;
  /** How this front end spells commands and options in usage and errors; default slash syntax with `commandName`. */
  syntax?: CommandSyntax;
}

/** Who is asking, and where; what the command may touch. */
export interface CommandContext extends CommandServices, ReadContext {
  /** May change this channel's settings (Discord Manage Channels/Server; Slack admin). */
  canManageChannel?: boolean;
}

interface CommandBase {
  definition: CommandDefinition;
  /**
   * Completions for an `autocomplete` option other than a topic (a feed,
   * by its title); null: offer the corpus's frequent topics.
   */
  suggest?(option: string, prefix: string, ctx: Pick<CommandContext, 'engine' | 'feeds'>): Promise<Array<{ name: string; value: string }> | null>;
}

/** Reads the corpus only (timeline, summary, search, sources, help): may run on a query thread. */
export interface ReadCommand extends CommandBase {
  readsOnly: true;
  run(args: CommandArgs, ctx: ReadContext): Promise<Reply>;
}

/** Needs the digest or feed services (subscriptions, feeds): runs where they are, on the main thread. */
export interface ServiceCommand extends CommandBase {
  readsOnly?: false;
  run(args: CommandArgs, ctx: CommandContext): Promise<Reply>;
}

export type Command = ReadCommand | ServiceCommand;

/** Which command's usage a problem comes with. */
export interface UsageOf {
  definition: CommandDefinition;
  subcommand?: string;
}

/**
 * Thrown for bad user input; rendered as one line plus the usage, both in the
 * asking front end's syntax. `problem` is a text, or a function of the syntax
 * when it names an option (`limit:abc` / `--limit abc`).
 */
export class UsageError extends Error {
  constructor(
    private readonly problem: string | ((syntax: CommandSyntax) => string),
    readonly usageOf?: UsageOf,
  ) {
    super(typeof problem === 'string' ? problem : problem(slashSyntax()));
    this.name = 'UsageError';
  }

  /** The problem in this front end's spelling. */
  describe(syntax: CommandSyntax): string {
    return typeof this.problem === 'string' ? this.problem : this.problem(syntax);
  }
}
