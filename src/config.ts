/**
 * Environment configuration, validated once at start-up. Every variable is
 * optional: with none set the bot runs in local console mode. A bad value
 * stops start-up with one line naming the variable and the fix. Secrets are
 * read here and nowhere else, and never logged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './core/log.js';
import { isTimeZone } from './core/options.js';
import { isDailyCron } from './digest/schedule.js';
import type { FeedsConfig } from './feeds/service.js';

export type { FeedsConfig };

/** The digest's zone and daily schedule when BRIEFING_TZ / BRIEFING_DIGEST_CRON are unset (stated here only). */
export const DEFAULT_TIMEZONE = 'Europe/London';
export const DEFAULT_DIGEST_CRON = '0 8 * * *';

/** Feeds are polled at most this often (sites ask for no more; the default is 15). */
export const MIN_FEED_INTERVAL_MINUTES = 5;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  BRIEFING_CORPUS: optionalText,
  BRIEFING_DB: optionalText,
  BRIEFING_DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(?:ql)?:\/\/\S+$/i.test(v), {
    message: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/briefing (or unset for the SQLite file of BRIEFING_DB)',
  }),
  BRIEFING_TOPIC_FILE: optionalText,
  BRIEFING_PARSE_THREADS: optionalText.refine((v) => v === undefined || /^([1-9]|1[0-6])$/.test(v), {
    message: 'must be a number of threads from 1 to 16 (1 parses on the main thread)',
  }),
  BRIEFING_TZ: optionalText.refine((v) => v === undefined || isTimeZone(v), {
    message: 'is not a time zone: use an IANA name such as Europe/London',
  }),
  // The digest is once a day per channel: "* * * * *" is valid cron but no digest schedule.
  BRIEFING_DIGEST_CRON: optionalText.refine((v) => v === undefined || isDailyCron(v), {
    message: 'must fire once a day: use "minute hour * * days", such as "0 8 * * *" or "30 7 * * 1-5"',
  }),
  BRIEFING_DIGEST_CHANNELS: optionalText.refine(
    (v) => v === undefined || v.split(',').every((c) => /^(slack|discord|console):[\w.-]+$/.test(c.trim())),
    { message: 'must list platform:channel pairs such as slack:C123,discord:456' },
  ),
  BRIEFING_FEEDS: optionalText.refine(
    (v) => v === undefined || v.split(',').map((u) => u.trim()).filter(Boolean).every((u) => /^https?:\/\/[^\s]+$/i.test(u)),
    { message: 'must list feed URLs separated by commas, each starting with http:// or https://' },
  ),
  BRIEFING_FEEDS_FILE: optionalText.refine((v) => v === undefined || fs.existsSync(v), {
    message: 'names a file that does not exist: point it at an OPML file of feeds (or leave it unset)',
  }),
  BRIEFING_FEED_INTERVAL: optionalText.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= MIN_FEED_INTERVAL_MINUTES), {
    message: `must be a number of minutes, at least ${MIN_FEED_INTERVAL_MINUTES}, such as 15`,
  }),
  BRIEFING_FETCH_ALLOW_PRIVATE: optionalText.refine((v) => v === undefined || v === '0' || v === '1', {
    message: 'must be 1 (tests only: fetch loopback and private addresses) or 0',
  }),
  BRIEFING_CONTACT: optionalText.refine((v) => v === undefined || /^[\x20-\x7e]{1,200}$/.test(v), {
    message: 'must be a short e-mail address or URL (plain ASCII) for site operators to reach you',
  }),
  PORT: optionalText.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) < 65536), {
    message: 'must be a port number such as 3000',
  }),
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xox'), {
    message: 'does not look like a Slack bot token (xoxb-…): copy it from OAuth & Permissions',
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'does not look like a Slack app-level token (xapp-…): create one under Basic Information',
  }),
  SLACK_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\//.test(v), {
    message: 'must be a URL such as https://slack.com/api/',
  }),
  SLACK_ADMIN_USERS: optionalText,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d+$/.test(v), {
    message: 'must be the numeric application id from the Developer Portal',
  }),
  DISCORD_PUBLIC_KEY: optionalText.refine((v) => v === undefined || /^[0-9a-f]{64}$/i.test(v), {
    message: 'must be the 64-hex-digit public key from the Developer Portal',
  }),
  DISCORD_MODE: optionalText.refine((v) => v === undefined || v === 'http' || v === 'gateway', {
    message: 'must be http or gateway',
  }),
  DISCORD_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\//.test(v), {
    message: 'must be a URL such as https://discord.com/api',
  }),
  DISCORD_GUILD_ID: optionalText.refine((v) => v === undefined || /^\d+$/.test(v), {
    message: 'must be the numeric server id (Developer Mode → right-click the server → Copy Server ID)',
  }),
  LOG_LEVEL: optionalText.refine((v) => v === undefined || (LOG_LEVELS as readonly string[]).includes(v), {
    message: `must be one of ${LOG_LEVELS.join(', ')}`,
  }),
});

/** Every variable the configuration reads (`.env.example` lists each one; a test keeps them in step). */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  adminUsers: string[];
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  publicKey?: string;
  mode: 'http' | 'gateway';
  apiUrl?: string;
}


export interface AppConfig {
  corpusDir: string;
  /** The SQLite file (BRIEFING_DB), used unless databaseUrl is set; also where console mode writes its log. */
  dbPath: string;
  /** BRIEFING_DATABASE_URL: PostgreSQL, for several instances on one database. A secret (it may hold a password): never logged. */
  databaseUrl?: string;
  topicFile?: string;
  /** Worker threads a large ingest parses on (default: one per core, at most 4). */
  parseThreads?: number;
  timezone: string;
  digestCron: string;
  digestChannels: Array<{ platform: 'slack' | 'discord' | 'console'; channel: string }>;
  port: number;
  feeds: FeedsConfig;
  slack?: SlackConfig;
  discord?: DiscordConfig;
  /** LOG_LEVEL (default info). */
  logLevel: LogLevel;
  /** Colour on a terminal unless NO_COLOR is set (no-color.org: any non-empty value). */
  color: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Read and check the environment; `overrides` are CLI flags (--corpus, --db). */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: { corpus?: string; db?: string } = {},
): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0])} ${issue.message}.`);
  }
  const e = parsed.data;
  const config: AppConfig = {
    corpusDir: path.resolve(overrides.corpus ?? e.BRIEFING_CORPUS ?? './seeds'),
    dbPath: overrides.db ?? e.BRIEFING_DB ?? './data/briefing.db',
    // --db names a file on the command line: it wins over the environment's database.
    databaseUrl: overrides.db ? undefined : e.BRIEFING_DATABASE_URL,
    topicFile: e.BRIEFING_TOPIC_FILE,
    parseThreads: e.BRIEFING_PARSE_THREADS ? Number(e.BRIEFING_PARSE_THREADS) : undefined,
    timezone: e.BRIEFING_TZ ?? DEFAULT_TIMEZONE,
    digestCron: e.BRIEFING_DIGEST_CRON ?? DEFAULT_DIGEST_CRON,
    digestChannels: (e.BRIEFING_DIGEST_CHANNELS ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) => {
        const [platform, channel] = c.split(':') as ['slack' | 'discord' | 'console', string];
        return { platform, channel };
      }),
    port: e.PORT ? Number(e.PORT) : 3000,
    feeds: {
      urls: [...new Set((e.BRIEFING_FEEDS ?? '').split(',').map((u) => u.trim()).filter(Boolean))],
      file: e.BRIEFING_FEEDS_FILE,
      intervalMs: Number(e.BRIEFING_FEED_INTERVAL ?? 15) * 60_000,
      allowPrivate: e.BRIEFING_FETCH_ALLOW_PRIVATE === '1',
      contact: e.BRIEFING_CONTACT,
    },
    logLevel: (e.LOG_LEVEL as LogLevel | undefined) ?? 'info',
    color: !env.NO_COLOR,
  };

  if (e.SLACK_BOT_TOKEN || e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) {
    if (!e.SLACK_BOT_TOKEN) {
      throw new ConfigError('SLACK_BOT_TOKEN is missing: set it (xoxb-…) or remove the other SLACK_ variables.');
    }
    if (!e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
      throw new ConfigError(
        'SLACK_SIGNING_SECRET is missing: set it for HTTP mode, or set SLACK_APP_TOKEN (xapp-…) for Socket Mode.',
      );
    }
    config.slack = {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      adminUsers: (e.SLACK_ADMIN_USERS ?? '').split(',').map((u) => u.trim()).filter(Boolean),
    };
  }

  if (e.DISCORD_TOKEN || e.DISCORD_APPLICATION_ID || e.DISCORD_PUBLIC_KEY) {
    if (!e.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN is missing: copy the bot token from the Developer Portal.');
    if (!e.DISCORD_APPLICATION_ID) {
      throw new ConfigError('DISCORD_APPLICATION_ID is missing: copy the application id from the Developer Portal.');
    }
    const mode = (e.DISCORD_MODE as 'http' | 'gateway' | undefined) ?? (e.DISCORD_PUBLIC_KEY ? 'http' : 'gateway');
    if (mode === 'http' && !e.DISCORD_PUBLIC_KEY) {
      throw new ConfigError('DISCORD_PUBLIC_KEY is missing: HTTP interactions need it (or set DISCORD_MODE=gateway).');
    }
    config.discord = {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      publicKey: e.DISCORD_PUBLIC_KEY,
      mode,
      apiUrl: e.DISCORD_API_URL,
    };
  }
  return config;
}
