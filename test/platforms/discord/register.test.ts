/** Command payloads generated from commands/, and the registration script against the fake API. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { REST } from '@discordjs/rest';
import { allCommands } from '../../../commands/index.js';
import { buildCommandPayloads, toCommandPayload } from '../../../src/platforms/discord/commands.js';
import { readRegisterEnv, registerCommands } from '../../../src/platforms/discord/register.js';
import { closeRest, createRest } from '../../../src/platforms/discord/rest.js';
import { startFakeDiscord, type FakeDiscord } from './helpers/fake-discord.js';
import { APP_ID, GUILD_ID } from './helpers/interactions.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

let fake: FakeDiscord;
let rest: REST;

beforeAll(async () => {
  fake = await startFakeDiscord();
  rest = createRest('test-bot-token', fake.api);
});

afterAll(async () => {
  closeRest(rest);
  await fake?.close();
});

describe('command payloads', () => {
  it('has one chat-input command per definition offered on Discord, within Discord limits', () => {
    const payloads = buildCommandPayloads();
    const offered = allCommands().filter((c) => !c.definition.platforms || c.definition.platforms.includes('discord'));
    expect(payloads.map((p) => p.name)).toEqual(offered.map((c) => c.definition.name));
    for (const p of payloads) {
      expect(p.type).toBe(1);
      expect(p.description!.length).toBeGreaterThan(0);
      expect(p.description!.length).toBeLessThanOrEqual(100);
      expect(p.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      // Every option (and subcommand option) passes Discord's own validation rules.
      const check = (options: any[] | undefined) => {
        expect((options ?? []).length).toBeLessThanOrEqual(25);
        let seenOptional = false;
        for (const o of options ?? []) {
          expect(o.name).toMatch(/^[-_a-z0-9]{1,32}$/);
          expect(o.description.length).toBeGreaterThan(0);
          expect(o.description.length).toBeLessThanOrEqual(100);
          if (o.type === 1 || o.type === 2) check(o.options);
          else {
            if (o.required) expect(seenOptional).toBe(false);
            else seenOptional = true;
            expect(o.autocomplete && o.choices).toBeFalsy();
          }
        }
      };
      check(p.options);
    }
  });

  it('maps option types: dates as strings, integers with bounds, topic with autocomplete, required first', () => {
    const timeline = buildCommandPayloads().find((p) => p.name === 'timeline')!;
    const byName = Object.fromEntries((timeline.options ?? []).map((o) => [o.name, o as unknown as Record<string, unknown>]));
    expect(byName.from).toMatchObject({ type: 3, required: false });
    expect(byName.limit).toMatchObject({ type: 4, min_value: 1, max_value: 200 });
    expect(byName.topic).toMatchObject({ type: 3, autocomplete: true });
    const search = buildCommandPayloads().find((p) => p.name === 'search')!;
    expect(search.options![0]).toMatchObject({ name: 'query', required: true });
  });

  it('turns subcommands into type-1 options carrying their own options', () => {
    const payload = toCommandPayload({
      name: 'settings-test',
      description: 'd',
      options: [],
      subcommands: [
        {
          name: 'subscribe',
          description: 'Subscribe this channel',
          options: [
            { name: 'post_when_empty', type: 'boolean', description: 'b' },
            { name: 'time', type: 'time', description: 'HH:MM', required: true },
            { name: 'timezone', type: 'timezone', description: 'Area/City' },
          ],
        },
        { name: 'unsubscribe', description: 'Stop', options: [] },
      ],
    });
    expect(payload.options).toEqual([
      {
        type: 1,
        name: 'subscribe',
        description: 'Subscribe this channel',
        options: [
          { name: 'time', description: 'HH:MM', required: true, type: 3, max_length: 200 },
          { name: 'post_when_empty', description: 'b', required: false, type: 5 },
          { name: 'timezone', description: 'Area/City', required: false, type: 3, max_length: 200 },
        ],
      },
      { type: 1, name: 'unsubscribe', description: 'Stop', options: [] },
    ]);
  });

  it('shows /briefing feed as a group of subcommands, each with only its own options, never an action: option', () => {
    const briefing = buildCommandPayloads().find((p) => p.name === 'briefing')!;
    const feed = briefing.options!.find((o) => o.name === 'feed') as any;
    expect(feed.type).toBe(2);
    const byName = Object.fromEntries(feed.options.map((o: any) => [o.name, o]));
    expect(Object.keys(byName)).toEqual(['add', 'list', 'remove']);
    expect(byName.add.options.map((o: any) => o.name)).toEqual(['url']);
    expect(byName.list.options).toEqual([]);
    expect(byName.remove.options).toEqual([expect.objectContaining({ name: 'feed', autocomplete: true })]);
    expect(JSON.stringify(feed)).not.toContain('"action"');
  });
});

describe('registration', () => {
  it('registers globally with one bulk PUT; running it twice sends the identical body', async () => {
    const first = await registerCommands({ rest, applicationId: APP_ID });
    const second = await registerCommands({ rest, applicationId: APP_ID });
    const puts = fake.requests.filter((r) => r.method === 'PUT' && r.path === `/applications/${APP_ID}/commands`);
    expect(puts).toHaveLength(2);
    expect(puts[1]!.body).toEqual(puts[0]!.body);
    expect(puts[0]!.body).toEqual(buildCommandPayloads());
    expect(second).toEqual(first);
    expect(first.scope).toBe('global');
  });

  it('registers in one guild when a guild id is given', async () => {
    const result = await registerCommands({ rest, applicationId: APP_ID, guildId: GUILD_ID });
    expect(result.scope).toBe(`guild ${GUILD_ID}`);
    expect(fake.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`)).toBe(true);
  });

  it('names a missing or malformed variable in one line', () => {
    expect(() => readRegisterEnv({ DISCORD_APPLICATION_ID: APP_ID })).toThrow(/^DISCORD_TOKEN is not set: .*Bot/);
    expect(() => readRegisterEnv({ DISCORD_TOKEN: 't' })).toThrow(/^DISCORD_APPLICATION_ID is not set/);
    expect(() => readRegisterEnv({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: 'my-app' })).toThrow(/numeric Application ID/);
    expect(readRegisterEnv({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP_ID, DISCORD_GUILD_ID: ' ' })).toEqual({
      token: 't',
      applicationId: APP_ID,
      guildId: undefined,
      apiUrl: undefined,
    });
  });
});

function runScript(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Run from an empty folder so a developer's .env cannot change the outcome.
    const cwd = mkdtempSync(join(tmpdir(), 'discord-register-'));
    const script = join(ROOT, 'src/platforms/discord/register-script.ts');
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), script], {
      cwd,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run discord:register', () => {
  it('fails with one line naming the missing variable', async () => {
    const { code, stderr, stdout } = await runScript({ DISCORD_TOKEN: 'secret-token-value' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('DISCORD_APPLICATION_ID is not set');
    expect(stderr).not.toContain('secret-token-value');
  });

  it('registers against DISCORD_API_URL and says what it registered', async () => {
    const before = fake.requests.length;
    const { code, stdout } = await runScript({
      DISCORD_TOKEN: 'test-bot-token',
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_GUILD_ID: GUILD_ID,
      DISCORD_API_URL: fake.api,
    });
    expect(code).toBe(0);
    expect(stdout).toContain(`Registered ${buildCommandPayloads().length} commands (guild ${GUILD_ID}): /timeline`);
    const put = fake.requests.slice(before).find((r) => r.method === 'PUT');
    expect(put!.headers.authorization).toBe('Bot test-bot-token');
    expect(put!.body).toEqual(buildCommandPayloads());
  });
});
