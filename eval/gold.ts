/**
 * The gold of a story (test/fixtures/real/<story>/gold.json, eval/seeds.gold.json)
 * and the rules that compare an answer item with it. Written by reading the
 * texts; nothing here knows a text, a site or an outlet.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Alternatives of words that must all appear: [["£2.2 billion"], ["loan", "frozen"]]. */
export type Match = string[][];

export interface GoldDevelopment {
  id: string;
  /** Counted in the "key developments" figures. */
  key: boolean;
  /** YYYY-MM-DD, or YYYY-MM / YYYY where the texts give no day. */
  date: string;
  /** Days either side an answer's date may differ (a statement dated the day after the event). Default 1. */
  tolerance?: number;
  text: string;
  match: Match;
}

export interface Gold {
  story: string;
  description: string;
  /** Topic profile file beside gold.json, or null for the default profile. */
  topic: string | null;
  range: { from: string; to: string };
  developments: GoldDevelopment[];
  /** The dates a good timeline of the story holds, for date-F1. */
  dates: string[];
  summaryFacts: Array<{ name: string; match: Match }>;
  /** The documents (paths under docs/) that arrive late, together, on catchUp; their developments fall in from..to. */
  late: { from: string; to: string; catchUp: string; documents: string[] };
  /** Further patterns (regular expressions) that must never appear, by kind. */
  never?: Partial<Record<NeverKind, string[]>>;
}

export type NeverKind = 'furniture' | 'ceremony' | 'misdecoded';
export const NEVER_KINDS: NeverKind[] = ['furniture', 'ceremony', 'misdecoded'];

export interface Story {
  name: string;
  corpusDir: string;
  topicFile: string | null;
  gold: Gold;
}

export function loadStory(goldFile: string, corpusDir: string): Story {
  const gold = JSON.parse(fs.readFileSync(goldFile, 'utf8')) as Gold;
  return {
    name: gold.story,
    corpusDir,
    topicFile: gold.topic ? path.resolve(path.dirname(goldFile), gold.topic) : null,
    gold,
  };
}

/** Lower case, straight quotes, plain spaces: how answer text and gold words are compared. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[\u00a0\u2009\u202f]/g, ' ')
    .replace(/\s+/g, ' ');
}

export function matches(text: string, match: Match): boolean {
  const t = normalise(text);
  return match.some((words) => words.every((w) => t.includes(normalise(w))));
}

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 86_400_000;
}

/**
 * Whether an answer's date agrees with a gold date: the same day within the
 * tolerance; a month answer for a day in that month (the text gave no day);
 * a gold month or year for an answer inside it. A year answer never matches a day.
 */
export function datesAgree(answer: string, gold: string, tolerance = 1): boolean {
  if (answer.length === 10 && gold.length === 10) return Math.abs(dayNumber(answer) - dayNumber(gold)) <= tolerance;
  if (answer.length === 7 && gold.length >= 7) return gold.startsWith(answer);
  if (gold.length < answer.length) return answer.startsWith(gold);
  return answer === gold;
}

export interface AnswerItem {
  date?: string | null;
  text: string;
}

/** The gold development an item reports (text and date agree), or null. */
export function developmentOf(item: AnswerItem, developments: readonly GoldDevelopment[]): GoldDevelopment | null {
  for (const d of developments) {
    if (!matches(item.text, d.match)) continue;
    if (item.date && !datesAgree(item.date, d.date, d.tolerance ?? 1)) continue;
    return d;
  }
  return null;
}

/** Key developments some item reports. */
export function foundKeys(items: readonly AnswerItem[], developments: readonly GoldDevelopment[]): Set<string> {
  const keys = developments.filter((d) => d.key);
  const found = new Set<string>();
  for (const item of items) {
    for (const d of keys) {
      if (found.has(d.id) || !matches(item.text, d.match)) continue;
      if (item.date && !datesAgree(item.date, d.date, d.tolerance ?? 1)) continue;
      found.add(d.id);
    }
  }
  return found;
}

/**
 * An item that opens with a pronoun or connective whose referent is in the
 * sentence before: it cannot stand alone in a digest.
 */
const DANGLING =
  /^["“‘(]?(?:it|its|this|that|these|those|they|them|their|he|him|his|she|her|we|our|us|i|such|also|and|but|so|or|nor|yet|however|meanwhile|instead|therefore|thus|then|still|moreover|furthermore|additionally|besides|likewise|similarly|secondly|thirdly|finally|further|in addition|as a result|as well as|both|the pair|the two)\b/i;

export function isDangling(text: string): boolean {
  return DANGLING.test(text.trim());
}

export interface NeverRules {
  kinds: Record<NeverKind, RegExp[]>;
}

export function neverRules(common: Record<NeverKind, string[]>, story?: Gold['never']): NeverRules {
  const kinds = {} as Record<NeverKind, RegExp[]>;
  for (const k of NEVER_KINDS) {
    kinds[k] = [...(common[k] ?? []), ...(story?.[k] ?? [])].map((p) => new RegExp(p, 'iu'));
  }
  return { kinds };
}

/** An item the engine labelled with its document's heading ("PM statement on X: We …"): the words after the label. */
const LABELLED = /^[^:\n]{1,120}: (\S[\s\S]*)$/;

/**
 * The kinds of forbidden text an item shows (furniture, ceremony, mis-decoded),
 * judged on the item as shown and, when it is labelled, on its words after
 * the label too: a label must not hide "With permission, …" from a pattern anchored at the start.
 */
export function forbiddenKinds(text: string, rules: NeverRules): NeverKind[] {
  const after = LABELLED.exec(text)?.[1];
  return NEVER_KINDS.filter((k) => rules.kinds[k].some((re) => re.test(text) || (after !== undefined && re.test(after))));
}

/** Date-F1 (as news-tls computes it): the answer's distinct dates against the gold dates. */
export function dateF1(answerDates: readonly string[], goldDates: readonly string[]): { precision: number; recall: number; f1: number } {
  const predicted = new Set(answerDates);
  const gold = new Set(goldDates);
  if (predicted.size === 0 || gold.size === 0) return { precision: 0, recall: 0, f1: 0 };
  let hit = 0;
  for (const d of predicted) if (gold.has(d)) hit += 1;
  const precision = hit / predicted.size;
  const recall = hit / gold.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
