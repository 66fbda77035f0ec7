/** startDiscord's own contract: clear configuration errors, and a clean stop. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../src/platforms/discord/app.js';
import { createHttpServer } from '../../../src/platforms/server.js';
import { openTestEngine, type TestEngine } from './helpers/engine.js';
import { APP_ID, buttonClick, makeSigner, ping } from './helpers/interactions.js';

let engine: TestEngine;

beforeAll(async () => {
  engine = await openTestEngine();
});

afterAll(async () => {
  await engine?.close();
});

describe('startDiscord', () => {
  it('says which setting is missing for HTTP mode', async () => {
    const server = createHttpServer(() => ({ ready: true }));
    await expect(
      startDiscord({ services: engine.services, token: 't', applicationId: APP_ID, mode: 'http', server }),
    ).rejects.toThrow(/^DISCORD_PUBLIC_KEY is not set/);
    await expect(
      startDiscord({ services: engine.services, token: 't', applicationId: APP_ID, mode: 'http', server, publicKey: 'not-hex' }),
    ).rejects.toThrow(/DISCORD_PUBLIC_KEY must be the 64 hex characters/);
  });

  it('answers a page button it can no longer rebuild privately, and 503 once stopped', async () => {
    const signer = makeSigner();
    const server = createHttpServer(() => ({ ready: true }));
    const now = new Date('2025-03-15T12:00:00Z');
    const adapter = await startDiscord({
      services: engine.services,
      token: 't',
      applicationId: APP_ID,
      mode: 'http',
      server,
      publicKey: signer.publicKeyHex,
      apiUrl: 'http://127.0.0.1:9/api',
      now: () => now,
    });
    const port = await server.listen(0, '127.0.0.1');
    const post = (interaction: object) => {
      const body = JSON.stringify(interaction);
      const ts = String(now.getTime() / 1000);
      return fetch(`http://127.0.0.1:${port}/discord/interactions`, {
        method: 'POST',
        headers: { 'x-signature-ed25519': signer.sign(ts, body), 'x-signature-timestamp': ts },
        body,
      });
    };
    try {
      // A stored-key button from before a restart.
      const res = await post(buttonClick('k|2|AAAAAAAAAAAAAAAA'));
      const json = (await res.json()) as { type: number; data: { flags: number; embeds: Array<{ description: string }> } };
      expect(json.type).toBe(4);
      expect(json.data.flags & 64).toBe(64);
      expect(json.data.embeds[0]!.description).toContain('Run the command again');

      await adapter.stop();
      expect((await post(ping())).status).toBe(503);
    } finally {
      await server.close();
    }
  });
});
