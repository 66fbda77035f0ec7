/**
 * Build and sign interactions exactly as Discord does: Ed25519 over
 * `timestamp + raw body`, hex signature in X-Signature-Ed25519.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export const APP_ID = '1100000000000000001';
export const GUILD_ID = '1200000000000000002';
export const CHANNEL_ID = '1200000000000000555';

export interface Signer {
  /** The raw 32-byte public key as hex, as the Developer Portal shows it. */
  publicKeyHex: string;
  sign(timestamp: string, body: string): string;
}

export function makeSigner(): Signer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return signerFor(publicKey, privateKey);
}

function signerFor(publicKey: KeyObject, privateKey: KeyObject): Signer {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return {
    publicKeyHex: der.subarray(der.length - 32).toString('hex'),
    sign: (timestamp, body) => sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
  };
}

let counter = 0;

function base(type: number, permissions = '0') {
  counter += 1;
  return {
    id: String(1_300_000_000_000_000_000n + BigInt(counter)),
    application_id: APP_ID,
    type,
    token: `interaction-token-${counter}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0 },
    member: {
      user: { id: '400000000000000042', username: 'analyst', discriminator: '0', global_name: 'Analyst', avatar: null },
      roles: [],
      permissions,
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    },
    locale: 'en-GB',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: {},
  };
}

export type RawOption = { name: string; type: number; value?: string | number | boolean; focused?: boolean; options?: RawOption[] };

export function slashCommand(name: string, options: RawOption[] = [], permissions?: string) {
  return { ...base(2, permissions), data: { id: '1400000000000000001', name, type: 1, options } };
}

export function autocomplete(name: string, options: RawOption[]) {
  return { ...base(4), data: { id: '1400000000000000001', name, type: 1, options } };
}

export function buttonClick(customId: string) {
  return {
    ...base(3),
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: '1500000000000000001',
      channel_id: CHANNEL_ID,
      author: { id: APP_ID, username: 'briefing', discriminator: '0', avatar: null, bot: true },
      content: '',
      timestamp: '2025-03-15T12:00:00.000Z',
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 20,
      flags: 0,
      components: [],
    },
  };
}

export const ping = () => ({ ...base(1) });

/** Option helpers: Discord's option type numbers. */
export const str = (name: string, value: string, focused?: boolean): RawOption => ({ name, type: 3, value, ...(focused ? { focused } : {}) });
export const int = (name: string, value: number): RawOption => ({ name, type: 4, value });
