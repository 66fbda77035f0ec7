/**
 * Discord signs every HTTP interaction with Ed25519 over `timestamp + raw
 * body` (headers X-Signature-Ed25519 and X-Signature-Timestamp). Node's crypto
 * verifies it once the raw 32-byte application public key is wrapped in SPKI
 * DER. A stale timestamp is refused so a captured request cannot be replayed.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { isFreshTimestamp } from '../../request-age.js';

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The application's public key (64 hex characters, from the Developer Portal) as a KeyObject. */
export function parsePublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new Error('DISCORD_PUBLIC_KEY must be the 64 hex characters shown as "Public Key" in the Developer Portal.');
  }
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export function verifyInteraction(
  key: KeyObject,
  headers: { signature?: string; timestamp?: string },
  rawBody: Buffer,
  now: Date,
): VerifyResult {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return { ok: false, reason: 'missing signature headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  if (!isFreshTimestamp(Number(timestamp), now)) return { ok: false, reason: 'stale timestamp' };
  if (!/^[0-9a-f]{128}$/i.test(signature)) return { ok: false, reason: 'malformed signature' };
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? { ok: true } : { ok: false, reason: 'bad signature' };
}
