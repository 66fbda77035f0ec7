/**
 * A sentence made to stand alone as what a reader is shown, in the
 * article's own words:
 *
 * - a leading connective ("But", "And", "Meanwhile", "However,") is dropped:
 *   it ties the sentence to one the reader is not shown; so is a list item's
 *   bullet glyph;
 * - a sentence opening on a pronoun or anaphoric phrase ("He", "It", "This",
 *   "The move comes …") about the same day as the development before it is
 *   folded into that one (events.ts candidatesOf: one of its facts);
 *   otherwise it is joined with the sentence before it, its referent, when
 *   that one reports something itself and the two stay one readable line;
 * - a bare quotation carrying on one the sentence before opened and
 *   attributed is joined with it the same way (or folded, as above);
 * - otherwise the sentence is kept as it is (and headlineScore ranks it low,
 *   so a member that stands alone speaks for the development instead);
 * - last, a sentence in the first person is attributed (attribution.ts): a
 *   reporting frame trimmed ("I can confirm that the Government …"), or
 *   its document's heading put before it ("Storm Bert (statement): We …").
 */
import { attributed } from './attribution.js';
import { hasDanglingOpener, isQuoteFragment, judgeSentence } from './informativeness.js';
import { isBareQuote, isFragment, isQuestion, outsideQuotes } from './sentence-kind.js';
import type { AnalysisSentence } from './types.js';
import { contentStemSet, stem } from './text.js';

/** The sentence `offset` positions away in the same document, if it was given. */
export type Neighbours = (s: AnalysisSentence, offset: number) => AnalysisSentence | undefined;

/**
 * A joined headline longer than this is no longer one readable line (a
 * quotation carried on is the usual case near it: the attribution and two
 * sentences of the speaker's words).
 */
const JOINED_MAX_CHARS = 400;

/**
 * "But", "And", "Also", "Meanwhile"; the others only with their comma ("So far" is not a connective),
 * except "So" opening a clause ("So we are recalling Parliament …").
 */
const CONNECTIVE =
  /^(?:(?:but|and|also|meanwhile)\s*,?|(?:however|so|yet|still|furthermore|moreover|in addition),|so(?=\s+(?:I|we|the|our|my)\b))\s+(?=\S)/i;

/**
 * Needs the sentence before it: opens on a pronoun or anaphoric phrase once a
 * leading connective is set aside, or carries on a quotation that sentence
 * opened and attributed ("Sir Keir said: “In 2025 …" then "“We have already
 * committed £3 billion …”").
 */
export function leansOnPrevious(text: string, previous?: string): boolean {
  const trimmed = dropConnective(text.trim());
  return hasDanglingOpener(trimmed) || (previous !== undefined && (continuesQuote(text, previous) || namesAgain(trimmed, previous)));
}

/**
 * "The drones will be built in Britain" after "The UK has ordered 10,000
 * drones": a thing the sentence before introduced, named again by a
 * definite "The" and its common noun, is that sentence's subject carried on.
 * Who acts ("The government", "The minister") is named again in sentence
 * after sentence of separate news, so actors do not count; nor does a
 * sentence with a figure of its own.
 */
function namesAgain(text: string, previous: string): boolean {
  // A figure of its own ("The package announced on Thursday involves £186 million") is a fact of its own: clustering keeps amounts apart.
  if (/\d/.test(text)) return false;
  // A common noun, lower case: "The Defence Secretary" names someone.
  const noun = /^[Tt]he\s+([a-z][a-z-]{3,})\b/.exec(text)?.[1];
  if (!noun || ACTOR_NOUN.test(noun)) return false;
  return contentStemSet(previous).has(stem(noun));
}

const ACTOR_NOUN =
  /^(?:government|governments|minister|ministers|secretary|ministry|department|council|councils|committee|office|officials?|leaders?|president|chancellor|parliament|house|court|police|authority|authorities|agency|company|companies|firm|union|unions|people|public|country|countries|nation|nations)$/i;

const ATTRIBUTION = /\b(?:said|says|told|added|announced|declared|wrote|stated)\b/i;

function continuesQuote(text: string, previous: string): boolean {
  return isBareQuote(text) && leavesQuoteOpen(previous) && ATTRIBUTION.test(outsideQuotes(previous));
}

function leavesQuoteOpen(text: string): boolean {
  const curly = (text.match(/“/g) ?? []).length - (text.match(/”/g) ?? []).length;
  return curly > 0 || (text.match(/"/g) ?? []).length % 2 === 1;
}

export function headlineOf(s: AnalysisSentence, neighbours: Neighbours): string {
  return attributed(standAlone(s, neighbours), s.doc);
}

/** The sentence freed of its connective, or joined with its referent, before it is attributed. */
function standAlone(s: AnalysisSentence, neighbours: Neighbours): string {
  const text = s.text.trim();
  const trimmed = dropConnective(text);
  const prev = neighbours(s, -1);
  const quoteGoesOn = prev !== undefined && !prev.boilerplate && continuesQuote(text, prev.text);
  if (!hasDanglingOpener(trimmed) && !quoteGoesOn) return trimmed;
  if (!prev || prev.boilerplate) return text;
  const referent = prev.text.trim();
  if (isFragment(referent) || isQuestion(referent) || hasDanglingOpener(referent)) return text;
  if (!quoteGoesOn && isQuoteFragment(referent)) return text;
  if (!judgeSentence({ text: referent, amountCount: prev.amounts.length, entityCount: prev.people.length + prev.organisations.length }).reports) return text;
  const joined = `${referent} ${text}`;
  return joined.length <= JOINED_MAX_CHARS ? joined : text;
}

/** A list item's glyph ("• Flood-hit households can apply …"): the item reads as a sentence without it. */
const LIST_GLYPH = /^[•▪◦‣·*–-]\s+(?=\S)/;

function dropConnective(text: string): string {
  text = text.replace(LIST_GLYPH, '');
  const m = CONNECTIVE.exec(text);
  if (!m) return text;
  const rest = text.slice(m[0].length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
