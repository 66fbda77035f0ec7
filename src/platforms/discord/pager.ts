/**
 * Page buttons are stateless: the button's custom_id carries the command, its
 * options and the page to show, so any instance (or a restarted one) can
 * answer a click by running the command again. Options are encoded by their
 * position in the command definition to stay under Discord's 100 characters.
 * Only when even that does not fit (a 200-character topic) do we keep the
 * options in a bounded in-memory table and put its key in the id; such a
 * button answers "expired" after a restart.
 */
import { createHash } from 'node:crypto';
import type { OptionDefinition, OptionValue } from '../../core/command.js';
import { findCommand } from '../../../commands/index.js';
import { DISCORD_LIMITS } from './embeds/limits.js';

export interface PageRequest {
  command: string;
  subcommand?: string;
  options: Record<string, OptionValue>;
  /** 0-based page to show. */
  page: number;
}

export type PageDecode =
  | { ok: true; request: PageRequest }
  | { ok: false; reason: 'expired' | 'invalid' };

const INLINE = 'p';
const STORED = 'k';
const MAX_STORED = 1000;

function optionsOf(command: string, subcommand?: string): OptionDefinition[] | undefined {
  const def = findCommand(command)?.definition;
  if (!def) return undefined;
  if (def.subcommands?.length) return def.subcommands.find((s) => s.name === subcommand)?.options;
  return def.options;
}

export interface Pager {
  /** A custom_id of at most 100 characters that `decode` turns back into `request`. */
  encode(request: PageRequest): string;
  decode(customId: string): PageDecode;
  /** Whether a component interaction's custom_id is one of ours. */
  owns(customId: string): boolean;
}

export function createPager(): Pager {
  const stored = new Map<string, Omit<PageRequest, 'page'>>();

  function inline(request: PageRequest): string | undefined {
    const defs = optionsOf(request.command, request.subcommand);
    if (!defs) return undefined;
    const values: Array<OptionValue | null> = defs.map((d) => request.options[d.name] ?? null);
    while (values.length && values.at(-1) === null) values.pop();
    return [INLINE, request.page, request.command, request.subcommand ?? '', JSON.stringify(values)].join('|');
  }

  return {
    encode(request) {
      const id = inline(request);
      if (id && id.length <= DISCORD_LIMITS.customId) return id;
      const { page, ...rest } = request;
      const key = createHash('sha256').update(JSON.stringify(rest)).digest('base64url').slice(0, 16);
      stored.delete(key);
      stored.set(key, rest);
      // A Map iterates in insertion order: the first key is the least recently used.
      if (stored.size > MAX_STORED) stored.delete(stored.keys().next().value!);
      return [STORED, page, key].join('|');
    },
    decode(customId) {
      const parts = customId.split('|');
      const page = Number(parts[1]);
      if (!Number.isInteger(page) || page < 0) return { ok: false, reason: 'invalid' };
      if (parts[0] === STORED && parts.length === 3) {
        const rest = stored.get(parts[2]!);
        return rest ? { ok: true, request: { ...rest, page } } : { ok: false, reason: 'expired' };
      }
      if (parts[0] !== INLINE || parts.length < 5) return { ok: false, reason: 'invalid' };
      const [, , command, sub] = parts;
      const subcommand = sub || undefined;
      const defs = optionsOf(command!, subcommand);
      if (!defs) return { ok: false, reason: 'invalid' };
      let values: unknown;
      try {
        // JSON may itself contain "|": everything after the fourth separator is the array.
        values = JSON.parse(parts.slice(4).join('|'));
      } catch {
        return { ok: false, reason: 'invalid' };
      }
      if (!Array.isArray(values) || values.length > defs.length) return { ok: false, reason: 'invalid' };
      const options: Record<string, OptionValue> = {};
      values.forEach((v, i) => {
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') options[defs[i]!.name] = v;
      });
      return { ok: true, request: { command: command!, subcommand, options, page } };
    },
    owns(customId) {
      return customId.startsWith(`${INLINE}|`) || customId.startsWith(`${STORED}|`);
    },
  };
}
