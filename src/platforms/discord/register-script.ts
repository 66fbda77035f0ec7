/**
 * `npm run discord:register`: register the slash commands generated from
 * commands/. Env: DISCORD_TOKEN, DISCORD_APPLICATION_ID, optional
 * DISCORD_GUILD_ID (one server, instant) and DISCORD_API_URL.
 */
import { existsSync } from 'node:fs';
import { describeError, describeStartupFailure, discordAnswered } from './errors.js';
import { registerCommands, readRegisterEnv } from './register.js';
import { closeRest, createRest } from './rest.js';

async function main(): Promise<number> {
  // Same .env as `npm start`; variables already set in the shell win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let env;
  try {
    env = readRegisterEnv(process.env);
  } catch (err) {
    console.error(`discord:register: ${(err as Error).message}`);
    return 2;
  }
  const rest = createRest(env.token, env.apiUrl);
  try {
    const { scope, names } = await registerCommands({ rest, applicationId: env.applicationId, guildId: env.guildId });
    console.log(`Registered ${names.length} commands (${scope}): ${names.map((n) => `/${n}`).join(', ')}`);
    return 0;
  } catch (err) {
    if (!discordAnswered(err)) {
      console.error(`discord:register: ${describeStartupFailure(err, 'register the commands', env.apiUrl)}`);
      return 1;
    }
    const e = describeError(err);
    const hint = e.status === 401 ? ' (check DISCORD_TOKEN)' : e.status === 403 || e.status === 404 ? ' (check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID, and that the bot was invited with applications.commands)' : '';
    console.error(`discord:register: Discord refused the registration: ${e.message.split('\n')[0]}${hint}`);
    return 1;
  } finally {
    closeRest(rest);
  }
}

process.exitCode = await main();
