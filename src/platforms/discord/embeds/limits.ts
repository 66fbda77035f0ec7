/**
 * Discord's message and embed limits, in one place. Every renderer check and
 * every test reads these; nothing else in the adapter hard-codes a number.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
import type { APIEmbed } from 'discord-api-types/v10';

export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer and author over ALL embeds of a message. */
  embedTotal: 6000,
  embedsPerMessage: 10,
  content: 2000,
  customId: 100,
  buttonLabel: 80,
  commandDescription: 100,
  optionDescription: 100,
  autocompleteChoices: 25,
  /** Fixed choices of one command option. */
  optionChoices: 25,
  /** Options (or subcommands) of one command or subcommand group. */
  optionsPerCommand: 25,
  choiceName: 100,
  choiceValue: 100,
  nonce: 25,
} as const;

/**
 * Our own readability choice, not Discord's: a page shows at most this many
 * items even when more would fit, so a timeline stays scannable on a phone.
 */
export const ITEMS_PER_PAGE = 10;

/**
 * How the renderer shares one embed's 6,000 characters, so that a page with a
 * single item always fits: title 256 + description + one item + footer stays
 * under the total whatever the reply holds.
 */
export const RENDER_BUDGET = {
  description: 3000,
  footer: 500,
  /** Of a field value, at most this much goes to the source links. */
  sources: 400,
} as const;

/** Characters Discord counts towards the 6,000 total of one embed. */
export function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += embed.footer?.text.length ?? 0;
  n += embed.author?.name.length ?? 0;
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Every limit a message's embeds and content must respect; empty when it fits. */
export function limitViolations(message: { content?: string; embeds?: APIEmbed[] }): string[] {
  const problems: string[] = [];
  const L = DISCORD_LIMITS;
  if ((message.content?.length ?? 0) > L.content) problems.push(`content over ${L.content}`);
  const embeds = message.embeds ?? [];
  if (embeds.length > L.embedsPerMessage) problems.push(`more than ${L.embedsPerMessage} embeds`);
  let total = 0;
  embeds.forEach((e, i) => {
    total += embedLength(e);
    if ((e.title?.length ?? 0) > L.title) problems.push(`embed ${i} title over ${L.title}`);
    if ((e.description?.length ?? 0) > L.description) problems.push(`embed ${i} description over ${L.description}`);
    if ((e.footer?.text.length ?? 0) > L.footer) problems.push(`embed ${i} footer over ${L.footer}`);
    if ((e.fields?.length ?? 0) > L.fields) problems.push(`embed ${i} has more than ${L.fields} fields`);
    for (const f of e.fields ?? []) {
      if (f.name.length === 0 || f.name.length > L.fieldName) problems.push(`embed ${i} field name length ${f.name.length}`);
      if (f.value.length === 0 || f.value.length > L.fieldValue) problems.push(`embed ${i} field value length ${f.value.length}`);
    }
  });
  if (total > L.embedTotal) problems.push(`embeds total ${total} over ${L.embedTotal}`);
  return problems;
}

/** Cut text to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Do not split a surrogate pair in half.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
