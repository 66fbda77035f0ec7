/**
 * What kind of sentence this is, judged from its own words: a fragment, a
 * question, a concrete reported fact (an announcement verb or a money amount),
 * speculation, or a line that only makes sense after the previous one.
 * Timeline, summary and salience all ask these questions here.
 */
import type { Amount } from '../core/model.js';
import { hasWords, startsWithQuote } from './text.js';

/** Shorter than this is a caption, a dateline or a fragment, not a statement. */
export const MIN_WORDS = 6;

export function isFragment(text: string): boolean {
  return !hasWords(text, MIN_WORDS);
}

export function isQuestion(text: string): boolean {
  return /\?\s*["”’']?\s*$/.test(text.trim());
}

/**
 * Verbs that report that something concrete happened (or was formally
 * decided). Inflected forms are listed, and forms that are usually nouns
 * ("signs of weakness", "visits", "votes", "commitment") are left out.
 */
const FACT_VERB = new RegExp(
  '\\b(' +
    [
      'pledg(?:es|ed|ing)',
      'announc(?:es|ed|ing)',
      'unveil(?:s|ed|ing)',
      'commit(?:s|ted)',
      'agreed',
      'signed',
      'passed',
      'approv(?:es|ed)',
      'launch(?:es|ed)',
      'confirm(?:s|ed)',
      'cleared',
      'voted',
      'delivered',
      'deployed',
      'imposed',
      'donated',
      'allocated',
      'ratified',
      'met',
      'visited',
      'arrived',
      'spoke',
      'discussed',
      'appointed',
      'resign(?:s|ed)',
      'elected',
      'sent',
      'provided',
      'secured',
      'introduc(?:es|ed)',
      // Recalling a chamber is an act; "recalled" alone is as often remembering.
      'recall(?:s|ed|ing)\\s+(?:Parliament|the House|the Assembly|the Senate|MPs|peers)',
      'shot\\s+down',
      'killed',
      'struck',
    ].join('|') +
    ')\\b',
  'gi',
);

/**
 * A count of things in the reporter's words: "an estimated 107 properties
 * have flooded", "200 military personnel", "5,000 air defence missiles". A
 * year, a time span ("930 days"), a share or a clock time is not one, nor a
 * number followed by a function word ("in 2023 and 2024").
 */
const COUNT =
  /(?:^|[\s(])(?!(?:1[89]|20)\d\d\b)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s+(?:more|new|further|extra|additional|other))?\s+(?!(?:days?|weeks?|months?|years?|hours?|minutes?|seconds?|times?|per|percent|am|pm|and|or|to|the|a|an|of|in|on|at|for|with|by|from|as|this|that|is|was|were|are|has|have|had|will|million|billion|thousand|January|February|March|April|May|June|July|August|September|October|November|December)\b)[a-z][a-z-]{2,}/;

/** Counts a number of things ("150 artillery barrels"), in anyone's words. */
export function hasCount(text: string): boolean {
  return COUNT.test(text);
}

/** What makes an amount a ceiling per claimant rather than a sum spent: "can apply for up to £500", "grants of as much as £25,000". */
const CAP = /\b(?:up to|as much as|a maximum of|capped at)\s+$/i;

/**
 * The amount a sentence offers as a ceiling per claimant, the largest if it
 * offers several: a term of a scheme ("Farmers … will be able to apply for
 * grants of up to £25,000"), not a sum committed ("£2.2 billion loan").
 */
export function capOf(text: string, amounts: readonly Amount[]): Amount | undefined {
  let best: Amount | undefined;
  for (const a of amounts) {
    const at = text.indexOf(a.text);
    if (at < 0 || !CAP.test(text.slice(Math.max(0, at - 24), at))) continue;
    if (!best || a.value > best.value) best = a;
  }
  return best;
}

/** Words that, just before a fact verb, turn it into a non-event ("did not commit", "expected to arrive", "since we last met"). */
const NEGATION_OR_HEDGE =
  /\b(not|n't|never|no|refused|refuses|declined|declines|failed|could|may|might|would|should|will|if|to|expected|plans?|since)\b/i;

/** An announcement made in the speaker's words: "pleased to announce that", "I am announcing". */
const QUOTED_ANNOUNCEMENT = /\b(?:(?:pleased|proud|delighted|able|glad) to (?:announce|confirm)|(?:I am|I’m|I'm|we are|we’re|we're) (?:today )?announcing|(?:can|will) (?:today )?(?:announce|confirm) that)\b/i;

/** The words inside quotation marks, joined. */
export function insideQuotes(text: string): string {
  return (text.match(/“[^”]*(?:”|$)|"[^"]*(?:"|$)/g) ?? []).join(' ');
}

/** The text outside quotation marks: the reporter's words rather than a speaker's. */
export function outsideQuotes(text: string): string {
  return text.replace(/“[^”]*(”|$)|"[^"]*("|$)/g, ' … ');
}

/**
 * The sentence reports a concrete, datable fact: an amount or a count of things, or an un-negated
 * announcement verb in the reporter's own words (a speaker's "Putin launched
 * his invasion" inside a quote is rhetoric, not today's news).
 */
export function isFactLike(text: string, amountCount: number): boolean {
  if (amountCount > 0) return true;
  const own = outsideQuotes(text);
  if (COUNT.test(own)) return true;
  // A speaker announcing a figure in their own words: "… today I'm pleased to announce that we're providing 150 artillery barrels".
  const quoted = insideQuotes(text);
  if (quoted && QUOTED_ANNOUNCEMENT.test(quoted) && COUNT.test(quoted)) return true;
  for (const m of own.matchAll(FACT_VERB)) {
    const before = own.slice(Math.max(0, (m.index ?? 0) - 24), m.index ?? 0);
    const lastWords = before.trim().split(/\s+/).slice(-3).join(' ');
    if (!NEGATION_OR_HEDGE.test(lastWords)) return true;
  }
  return false;
}

/** Words that mark a sentence as conjecture rather than report. */
const SPECULATION = /\b(could|may|might|would|reportedly|speculation|considering|possibility|possible|hinted|believed|likely)\b/i;

export function isSpeculative(text: string): boolean {
  return SPECULATION.test(text);
}

/** Lines that lean on the previous sentence: "He added: …", "She said: …". */
const CONTINUATION = /^(he|she|they|it)\s+(added|continued|went on|also said|said|told)\b[^.]{0,30}[:,]\s*["“]/i;

export function needsPreviousSentence(text: string): boolean {
  return CONTINUATION.test(text.trim());
}

/** Openers that read as a weak start out of context ("It comes as", "His comments"). */
const WEAK_OPENER = /^(he|she|they|it|this|that|these|those|his|her|their|its|but|and|also|meanwhile)\b/i;

export function hasWeakOpener(text: string): boolean {
  return WEAK_OPENER.test(text.trim());
}

/** Opens on a pronoun whose referent is in an earlier sentence ("His comments", "It came as"). */
export function hasWeakPronounOpener(text: string): boolean {
  const t = text.trim();
  return /^(he|she|they|it|this|that|these|those|his|her|their|its)\b/i.test(t) && !TIME_OPENER.test(t);
}

/** "This morning", "That week": a time, not a pronoun. */
const TIME_OPENER =
  /^(?:this|that|these|those) (?:morning|afternoon|evening|night|week|weekend|month|year|spring|summer|autumn|winter|time|day|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/i;

/**
 * A sentence entirely in someone's words with no attribution outside the
 * quotes: usually opinion, and a fragment of a longer quote.
 */
export function isBareQuote(text: string): boolean {
  const t = text.trim();
  if (!startsWithQuote(t)) return false;
  const outside = t.replace(/["“][^"”]*["”]?/g, ' ');
  return !/\b(said|says|told|added|according|wrote|stated)\b/i.test(outside);
}
