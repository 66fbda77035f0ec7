/**
 * Who may change a channel's settings (digest subscription): members whose
 * permissions in the channel include Administrator, Manage Server or Manage
 * Channels. Discord sends the resolved bitfield with every guild interaction.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';

const MANAGE =
  PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageChannels;

/** `permissions` as Discord sends it (a decimal string) or as discord.js holds it (bigint); absent outside guilds. */
export function canManageChannel(permissions: string | bigint | null | undefined): boolean {
  if (permissions === null || permissions === undefined) return false;
  let bits: bigint;
  try {
    bits = typeof permissions === 'bigint' ? permissions : BigInt(permissions);
  } catch {
    return false;
  }
  return (bits & MANAGE) !== 0n;
}
