/**
 * The digest as a Reply (what channels see) and as JSON (the CLI contract):
 * "UK support for Ukraine — Friday 20 December 2024: 3 new developments",
 * then each item with its date, text and sources. "(late)" marks a digest
 * posted after its time; an item first reported days ago says so next to its
 * date ("2025-03-12 (late: reported 2025-03-14)").
 */
import type { DigestStatus, Platform } from '../core/model.js';
import type { Reply } from '../core/reply.js';
import { toJsonSource } from '../core/present.js';
import type { OutboxItem } from '../store/digest-outbox.js';
import { longDate } from './zoned-time.js';
import { count as counted } from '../core/plural.js';

/**
 * What a digest item is: an outbox item, and when it is late, the day it was
 * first reported (kept with the item in the outbox, so a retried post says
 * the same).
 */
export type DigestItem = OutboxItem & { reported?: string };

export interface ComposeInput {
  /** Subscription topic, or the corpus topic's name. */
  label: string;
  slot: string;
  items: DigestItem[];
  late: boolean;
  /** New items left for the next digest. */
  overflow: number;
}

export function digestTitle(label: string, slot: string, count: number, late: boolean): string {
  const what = count === 0 ? 'nothing new' : counted(count, 'new development');
  return `${label} — ${longDate(slot)}${late ? ' (late)' : ''}: ${what}`;
}

export function composeDigest(input: ComposeInput): Reply {
  const { label, slot, items, late, overflow } = input;
  return {
    kind: 'digest',
    title: digestTitle(label, slot, items.length, late),
    intro:
      items.length === 0
        ? 'No new developments since the last digest.'
        : late
          ? 'Posted late: the bot was not running at the scheduled time.'
          : undefined,
    items: items.map((i) => ({ date: i.reported ? `${i.date} (late: reported ${i.reported})` : i.date, text: i.text, sources: i.sources })),
    footer: overflow > 0 ? `${counted(overflow, 'more new development')} will follow in the next digest; /timeline shows everything now.` : undefined,
  };
}

export interface DigestJson {
  platform: Platform | string;
  channel: string;
  slot: string;
  status: DigestStatus | 'failed' | 'in-progress';
  late: boolean;
  messageId?: string | null;
  error?: string;
  /** Messages the digest is, and how many of them are in the channel. */
  pages?: number;
  pagesPosted?: number;
  /** `late`: first reported before the day before the slot; then `reported` is that day. */
  items: Array<{ date: string; text: string; sources: ReturnType<typeof toJsonSource>[]; late: boolean; reported?: string }>;
}

/** One item of the `digest` JSON (docs/cli.md), live or replayed. */
export function digestItemJson(i: DigestItem): DigestJson['items'][number] {
  return {
    date: i.date,
    text: i.text,
    sources: i.sources.map(toJsonSource),
    late: i.reported !== undefined,
    ...(i.reported ? { reported: i.reported } : {}),
  };
}

/** The `digest` JSON shape of docs/cli.md (fields may be added, never renamed). */
export function digestJson(
  base: { platform: string; channel: string; slot: string; late: boolean },
  status: DigestJson['status'],
  items: DigestItem[],
  extra: { messageId?: string | null; error?: string; pages?: number; pagesPosted?: number } = {},
): DigestJson {
  return {
    platform: base.platform,
    channel: base.channel,
    slot: base.slot,
    status,
    late: base.late,
    ...extra,
    items: items.map(digestItemJson),
  };
}
