import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../../commands/index.js';
import { BOT_SCOPES, MANIFEST_PATH, renderManifest } from '../../../src/platforms/slack/manifest.js';

interface SlashEntry { command: string; url: string; description: string; usage_hint?: string; should_escape: boolean }

describe('Slack app manifest', () => {
  it('the checked-in slack/manifest.json is exactly what npm run slack:manifest generates', async () => {
    const checkedIn = await readFile(MANIFEST_PATH, 'utf8');
    expect(checkedIn, 'slack/manifest.json is stale: run npm run slack:manifest').toBe(renderManifest(allCommands()));
  });

  it('declares every command with its description and usage, raw text, the scopes and interactivity', () => {
    const manifest = JSON.parse(renderManifest(allCommands()));
    const slash: SlashEntry[] = manifest.features.slash_commands;
    expect(slash.map((s) => s.command)).toContain('/timeline');
    // Slack refuses built-in names such as /search in a manifest.
    expect(slash.map((s) => s.command)).not.toContain('/search');
    expect(slash.map((s) => s.command)).toContain('/briefing-search');
    const timeline = slash.find((s) => s.command === '/timeline')!;
    expect(timeline).toEqual({
      command: '/timeline',
      url: 'https://YOUR-HOST/slack/events',
      description: 'Dated timeline of events, each with its sources',
      usage_hint: '[topic:TEXT] [from:YYYY-MM-DD] [to:YYYY-MM-DD] [limit:N]',
      should_escape: false,
    });
    expect(slash).toHaveLength(allCommands().filter((c) => !c.definition.platforms || c.definition.platforms.includes('slack')).length);
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'chat:write.public', 'channels:history', 'groups:history', 'users:read']),
    );
    expect(manifest.settings).toMatchObject({
      interactivity: { is_enabled: true, request_url: 'https://YOUR-HOST/slack/events' },
      socket_mode_enabled: false,
    });
  });
});
