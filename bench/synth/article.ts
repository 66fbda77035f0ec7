/**
 * Stories and the articles that report them. A story is one happening (a
 * pledge, a visit, a deal) on one day; several outlets report it over the next
 * days, quoting the same words with their own punctuation and cuts, dating it
 * relative to their own publication day. Popular stories get many articles.
 */
import { addDays, futurePhrases, MONTHS, ordinal, pastPhrases, WEEKDAYS } from './calendar.js';
import { Rng } from './prng.js';
import { perturb } from './seed-pool.js';
import {
  DONATION_BANNERS,
  NEWSLETTER_PROMPTS,
  OFF_TOPIC,
  ORGANISATIONS,
  OUTLETS,
  PEOPLE,
  PHOTO_AGENCIES,
  PHOTOGRAPHERS,
  PLACES,
  READ_MORE,
  REGIONS,
  SAY_VERBS,
  SUPPORT_KINDS,
  VERBS_PAST,
  type Outlet,
  type Person,
  type SupportKind,
} from './vocabulary.js';

export interface Story {
  date: Date;
  person: Person;
  other: Person;
  org: string;
  kind: SupportKind;
  amount: string | null;
  place: string;
  quotes: string[];
}

/** One block of an article's page: reporting, or furniture the engine should drop. */
export type Block =
  | { kind: 'paragraph'; sentences: string[] }
  | { kind: 'donation' | 'newsletter' | 'readmore'; text: string }
  | { kind: 'caption'; text: string; credit: string };

export interface Article {
  title: string;
  outlet: Outlet;
  published: Date;
  /** Time of day for datelines and metadata. */
  time: string;
  blocks: Block[];
  offTopic: boolean;
  /** "on Thursday, the 19th of December": lets an undated text state its own day. */
  inferablePhrase: string;
}

const QUOTE_TEMPLATES = [
  'We will stand with Ukraine for as long as it takes, and this support for {what} shows that we mean it',
  'The {amount} we are committing today will help put Ukraine in the strongest possible position going into next year',
  'Ukraine’s soldiers need {what} now, not in a year’s time, and that is exactly what we are going to deliver',
  'Putin is betting that our resolve will weaken over time, and he is wrong about that as he has been wrong before',
  'This is about the security of the whole of Europe and of the United Kingdom, not only about Ukraine',
  'We have listened carefully to what the Ukrainians told us they need on the front line this winter',
  'Our partnership with the people of Ukraine will outlast this war and the men who started it',
  'I want to thank the British people for their steadfast support, which is saving Ukrainian lives every single day',
  'Every one of these deliveries helps to protect Ukrainian cities and power stations from Russian attacks',
  'We are stepping up our support because this is one of the most critical periods of the war so far',
  'There can be no decision about Ukraine without Ukraine at the table, and we will make sure of that',
  'The faster these {what} reach the front, the stronger Ukraine’s hand will be in any negotiation',
];

const HEADLINES = [
  'UK {verb} {amount} {headline} for Ukraine',
  '{surname} {verb} new {headline} in {place}',
  'Britain to send {what} to Ukraine, {surname} says',
  '{surname}: UK support for Ukraine will not waver',
  'UK and Ukraine agree {headline} after talks in {place}',
  'What the new UK {headline} means for Ukraine',
];

const LEDES = [
  '{role} {name} has {verb} {amountOf}{what} for Ukraine, {date}.',
  'The UK will provide {amountOf}{what} to Ukraine, {role} {name} announced {date}.',
  'Britain {verb} {amountOf}{what} for Ukraine {date}, as {name} held talks with {otherName} in {place}.',
  '{name} {verb} {amountOf}{what} for Kyiv {date} during a visit to {place}.',
];

const FACTS = [
  'The package includes {what}, according to {org}.',
  '{otherName}, the {otherRole}, welcomed the announcement during talks in {place}.',
  'Officials said the first deliveries would arrive {future}.',
  'The announcement came {date}, {org} said.',
  '{short} made the announcement {date} during a visit to {place}.',
  'Defence sources said further support for {otherWhat} was being considered.',
  'The funding will come from the International Fund for Ukraine, which the UK administers with partners.',
  'Ukraine has repeatedly asked its allies for more {what} ahead of the winter.',
  '{org} said the details would be set out to Parliament {future}.',
  'Asked whether more would follow, {short} said the UK would "look wherever we can" to help.',
  'The {otherRole} is expected to discuss the plans with allies {future}.',
  'It follows {otherAmountOf}{otherWhat} announced {otherDate}.',
  'Opposition MPs broadly supported the move but asked how it would be paid for.',
  'The Kremlin did not immediately respond to a request for comment.',
];

const BACKGROUND = [
  'Russia launched its full-scale invasion of Ukraine in February 2022.',
  'The UK has committed £3 billion a year in military aid to Ukraine for as long as it takes.',
  'More than 50,000 Ukrainian recruits have been trained in the UK under Operation Interflex since 2022.',
  'Donald Trump has promised to end the war quickly, without saying how he would do it.',
  'Moscow has warned Western countries against supplying Ukraine with long-range weapons.',
  'Kyiv has faced repeated waves of Russian missile and drone attacks on its energy grid.',
  'Russian forces have been advancing slowly in the Donetsk region for months.',
  'North Korean troops have been deployed to Russia’s Kursk region, according to Western officials.',
];

export function makeStories(rng: Rng, count: number, start: Date, spanDays: number): Story[] {
  const stories: Story[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.pick(SUPPORT_KINDS);
    const person = rng.pick(PEOPLE.slice(0, 10));
    let other = rng.pick(PEOPLE);
    if (other === person) other = PEOPLE[(PEOPLE.indexOf(person) + 4) % PEOPLE.length]!;
    const amount = kind.millions[1] > 0 ? formatAmount(rng, rng.int(kind.millions[0], kind.millions[1])) : null;
    const fill = (t: string) => t.replaceAll('{what}', kind.what).replaceAll('{amount}', amount ?? 'support');
    stories.push({
      date: addDays(start, rng.int(0, spanDays - 1)),
      person,
      other,
      org: rng.pick(ORGANISATIONS),
      kind,
      amount,
      place: rng.pick(PLACES),
      quotes: rng.sample(QUOTE_TEMPLATES, rng.int(2, 4)).map(fill),
    });
  }
  return stories;
}

/** "£225 million", "£225m", "225 million pounds", "£1.6bn", "$290 million"… (the spellings outlets use). */
export function formatAmount(rng: Rng, millions: number): string {
  if (millions >= 1000) {
    const bn = (millions / 1000).toFixed(millions % 1000 === 0 ? 0 : 2).replace(/0$/, '');
    return rng.pick([`£${bn} billion`, `£${bn}bn`, `${bn} billion pounds`]);
  }
  return rng.weighted([
    [`£${millions} million`, 5],
    [`£${millions}m`, 2],
    [`${millions} million pounds`, 1],
    [`$${Math.round(millions * 1.27)} million`, 1],
    [`€${Math.round(millions * 1.19)} million`, 1],
  ] as const);
}

export interface ArticleContext {
  stories: Story[];
  seedSentences: string[];
  windowEnd: Date;
}

export function makeArticle(rng: Rng, ctx: ArticleContext, offTopic: boolean): Article {
  const outlet = rng.pick(OUTLETS);
  const time = `${String(rng.int(5, 22)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
  if (offTopic) return offTopicArticle(rng, ctx, outlet, time);

  const story = ctx.stories[rng.zipf(ctx.stories.length)]!;
  // Most coverage is same-day or next-day; follow-ups trail for weeks.
  const lag = rng.weighted([[0, 5], [1, 4], [2, 2], [rng.int(3, 6), 2], [rng.int(7, 40), 1]] as const);
  let published = addDays(story.date, lag);
  if (published > ctx.windowEnd) published = story.date;
  const date = rng.pick(pastPhrases(published, story.date));
  const older = ctx.stories[rng.int(0, ctx.stories.length - 1)]!;
  const olderPhrases = older.date < published ? pastPhrases(published, older.date) : [];

  const slots: Record<string, string> = {
    role: story.person.role,
    name: story.person.name,
    short: story.person.short,
    surname: story.person.name.split(' ').at(-1)!,
    otherName: story.other.name,
    otherRole: story.other.role,
    org: story.org,
    place: story.place,
    what: story.kind.what,
    headline: story.kind.headline,
    amount: story.amount ?? '',
    amountOf: story.amount ? `${story.amount} of ` : '',
    verb: rng.pick(VERBS_PAST),
    date,
    future: rng.pick(futurePhrases(published)),
    otherWhat: older.kind.what,
    otherAmountOf: older.amount ? `${older.amount} of ` : '',
    otherDate: olderPhrases.length ? rng.pick(olderPhrases) : 'earlier this year',
  };
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? '').replace(/\s{2,}/g, ' ');
  const title = fill(rng.pick(HEADLINES.filter((h) => story.amount || !h.includes('{amount}'))));

  const sentences: string[] = [fill(rng.pick(LEDES))];
  for (const q of rng.sample(story.quotes, rng.int(1, story.quotes.length))) sentences.push(quoteSentence(rng, q, story, outlet));
  for (const f of rng.sample(FACTS, rng.int(4, 9))) sentences.push(fill(f));
  for (const b of rng.sample(BACKGROUND, rng.int(1, 3))) sentences.push(b);
  const weekday = date.startsWith('on ') ? date : `on ${WEEKDAYS[story.date.getUTCDay()]}`;
  for (const s of rng.sample(ctx.seedSentences, rng.int(2, 7))) {
    sentences.push(perturb(s, { amount: story.amount ?? '£50 million', weekdayPhrase: weekday, place: story.place }));
  }
  // Lede first, the rest in a plausible but varied order.
  const body = [sentences[0]!, ...rng.sample(sentences.slice(1), sentences.length - 1)];
  const blocks = withFurniture(rng, outlet, story, paragraphs(rng, body));
  return {
    title,
    outlet,
    published,
    time,
    blocks,
    offTopic: false,
    inferablePhrase: `on ${WEEKDAYS[published.getUTCDay()]}, the ${ordinal(published.getUTCDate())} of ${MONTHS[published.getUTCMonth()]}`,
  };
}

/** The same words, quoted the way this outlet quotes: its quote marks, its attribution, sometimes cut short. */
function quoteSentence(rng: Rng, quote: string, story: Story, outlet: Outlet): string {
  const [open, close] = outlet.curly ? ['“', '”'] : ['"', '"'];
  // Some outlets quote only the first clause.
  const clause = quote.split(', ')[0]!;
  const cut = rng.chance(0.25) && clause.length < quote.length && clause.split(' ').length >= 8 ? clause : quote;
  const verb = rng.pick(SAY_VERBS);
  return rng.weighted([
    [`${open}${cut},${close} ${story.person.short} ${verb}.`, 3],
    [`${story.person.short} ${verb}: ${open}${cut}.${close}`, 3],
    [`${story.person.name}, the ${story.person.role}, ${verb}: ${open}${cut}.${close}`, 1],
  ] as const);
}

function paragraphs(rng: Rng, sentences: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < sentences.length; ) {
    const n = rng.weighted([[1, 4], [2, 3], [3, 1]] as const);
    out.push(sentences.slice(i, i + n));
    i += n;
  }
  return out;
}

function withFurniture(rng: Rng, outlet: Outlet, story: Story, paras: string[][]): Block[] {
  const blocks: Block[] = paras.map((sentences) => ({ kind: 'paragraph', sentences }));
  const insertAt = (block: Block) => blocks.splice(rng.int(1, Math.max(1, blocks.length - 1)), 0, block);
  const has = (f: string) => outlet.furniture.includes(f as never);
  if (has('donation') && rng.chance(0.8)) {
    blocks.unshift({ kind: 'donation', text: rng.pick(DONATION_BANNERS).replaceAll('{outlet}', outlet.name) });
  }
  if (has('gallery') || has('credit')) {
    for (let i = rng.int(has('gallery') ? 1 : 0, 2); i > 0; i--) {
      const credit = rng.chance(0.5) ? `${rng.pick(PHOTOGRAPHERS)}/${rng.pick(PHOTO_AGENCIES)}` : rng.pick(PHOTO_AGENCIES).toUpperCase();
      insertAt({
        kind: 'caption',
        text: `${story.person.name} ${rng.pick(['during a visit to', 'speaking in', 'arriving in'])} ${story.place}`,
        credit,
      });
    }
  }
  if (has('newsletter') && rng.chance(0.7)) insertAt({ kind: 'newsletter', text: rng.pick(NEWSLETTER_PROMPTS).replaceAll('{outlet}', outlet.name) });
  if (has('readmore') && rng.chance(0.7)) insertAt({ kind: 'readmore', text: rng.pick(READ_MORE) });
  return blocks;
}

function offTopicArticle(rng: Rng, ctx: ArticleContext, outlet: Outlet, time: string): Article {
  const family = rng.pick(OFF_TOPIC);
  const published = addDays(ctx.windowEnd, -rng.int(0, 364));
  const slots: Record<string, string> = {
    amount: formatAmount(rng, rng.int(2, 400)),
    n: String(rng.int(12, 900)),
    region: rng.pick(REGIONS),
    month: MONTHS[(published.getUTCMonth() + rng.int(1, 3)) % 12]!,
  };
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? '');
  const sentences = rng.sample(family.sentences, rng.int(3, family.sentences.length)).map(fill);
  return {
    title: fill(rng.pick(family.headline)),
    outlet,
    published,
    time,
    blocks: paragraphs(rng, sentences).map((s) => ({ kind: 'paragraph', sentences: s })),
    offTopic: true,
    inferablePhrase: `on ${WEEKDAYS[published.getUTCDay()]}, the ${ordinal(published.getUTCDate())} of ${MONTHS[published.getUTCMonth()]}`,
  };
}
