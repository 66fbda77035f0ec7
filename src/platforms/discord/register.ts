/**
 * Register the slash commands with one bulk overwrite (PUT), globally or for
 * one guild (instant, handy while testing). PUT replaces the whole list, so
 * running it again with the same definitions changes nothing, and it is a
 * separate step rather than part of start-up because Discord limits daily
 * command creations.
 */
import type { REST } from '@discordjs/rest';
import { Routes, type RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import { buildCommandPayloads } from './commands.js';

export interface RegisterOptions {
  rest: REST;
  applicationId: string;
  /** Register in this guild only (appears at once); global otherwise (may take up to an hour). */
  guildId?: string;
}

export async function registerCommands(opts: RegisterOptions): Promise<{ scope: string; names: string[] }> {
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  const result = (await opts.rest.put(route, { body: buildCommandPayloads() })) as RESTPutAPIApplicationCommandsResult;
  return { scope: opts.guildId ? `guild ${opts.guildId}` : 'global', names: result.map((c) => c.name) };
}

export interface RegisterEnv {
  token: string;
  applicationId: string;
  apiUrl?: string;
  guildId?: string;
}

/** Read the script's settings from the environment; throws one line naming what is missing or wrong. */
export function readRegisterEnv(env: Record<string, string | undefined>): RegisterEnv {
  const need = (name: string, hint: string) => {
    const v = env[name]?.trim();
    if (!v) throw new Error(`${name} is not set: ${hint}.`);
    return v;
  };
  const token = need('DISCORD_TOKEN', 'copy the bot token from Developer Portal → your app → Bot → Reset Token');
  const applicationId = need('DISCORD_APPLICATION_ID', 'copy "Application ID" from Developer Portal → General Information');
  if (!/^\d{15,25}$/.test(applicationId)) {
    throw new Error('DISCORD_APPLICATION_ID must be the numeric Application ID from Developer Portal → General Information.');
  }
  const guildId = env.DISCORD_GUILD_ID?.trim() || undefined;
  if (guildId && !/^\d{15,25}$/.test(guildId)) {
    throw new Error('DISCORD_GUILD_ID must be a numeric server id (Developer Mode → right-click the server → Copy Server ID).');
  }
  const apiUrl = env.DISCORD_API_URL?.trim() || undefined;
  if (apiUrl && !/^https?:\/\//.test(apiUrl)) {
    throw new Error('DISCORD_API_URL must be an http(s) URL such as https://discord.com/api (or leave it unset).');
  }
  return { token, applicationId, guildId, apiUrl };
}
