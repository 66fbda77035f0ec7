/**
 * The Slack app manifest, generated from the command definitions so that
 * the slash commands Slack knows are always the ones the bot answers.
 * `npm run slack:manifest` writes it to slack/manifest.json; a test fails
 * when the checked-in file is stale.
 */
import type { Command } from '../../core/command.js';
import { usage } from '../../core/options.js';
import { SLACK_EVENTS_PATH } from './endpoint.js';
import { offeredOnSlack, slackCommandName } from './command-names.js';

export const MANIFEST_PATH = 'slack/manifest.json';
/** The checked-in manifest's placeholder; `npm run slack:manifest -- --host URL` prints one for a real host. */
export const PLACEHOLDER_HOST = 'https://YOUR-HOST';

/** `https://bot.example.org` or `https://bot.example.org/` → the events URL Slack calls. */
export function requestUrl(host: string = PLACEHOLDER_HOST): string {
  return `${host.replace(/\/+$/, '')}${SLACK_EVENTS_PATH}`;
}

/**
 * Check an operator-given host: an https origin, no path, so the endpoint is
 * exactly HOST/slack/events. Returns the problem, or undefined when it is fine.
 */
export function hostProblem(host: string): string | undefined {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    return `"${host}" is not a URL: give the public address, e.g. https://bot.example.org`;
  }
  if (url.protocol !== 'https:') return `"${host}" must start with https:// (Slack only calls HTTPS request URLs)`;
  if (url.pathname !== '/' || url.search || url.hash) return `"${host}" must be the host alone, without a path: the bot serves ${SLACK_EVENTS_PATH} itself`;
  return undefined;
}

export const BOT_SCOPES = [
  'commands', // slash commands
  'chat:write', // answers and digests
  'chat:write.public', // digests and shared answers in public channels without an invite
  'channels:history', // find a digest already posted after a crash (public channels)
  'groups:history', // … and in private channels
  'users:read', // workspace admins may change channel settings
] as const;

export function buildManifest(commands: readonly Command[], host?: string): Record<string, unknown> {
  const url = requestUrl(host);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Briefing',
      description: 'Dated timelines, cited summaries and a daily digest from your news articles.',
      long_description:
        'Briefing reads a corpus of news articles and answers slash commands with a dated timeline, a summary in the articles\' own words and a search, every line citing its sources. Channels can subscribe to a daily digest of what is new since the last one.',
      background_color: '#1f3a5f',
    },
    features: {
      bot_user: { display_name: 'Briefing', always_online: true },
      slash_commands: commands
        .filter((c) => offeredOnSlack(c.definition))
        .map(({ definition }) => {
          const hint = usage(definition).split(`/${definition.name} `).join('').replace(`/${definition.name}`, '').trim();
          return {
            command: slackCommandName(definition.name),
            url,
            description: definition.description,
            ...(hint ? { usage_hint: hint } : {}),
            // Raw text: article words and option values arrive as typed.
            should_escape: false,
          };
        }),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      interactivity: { is_enabled: true, request_url: url },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

/** The file's exact text (stable key order, trailing newline) so it diffs cleanly. */
export function renderManifest(commands: readonly Command[], host?: string): string {
  return `${JSON.stringify(buildManifest(commands, host), null, 2)}\n`;
}
