/**
 * Who is speaking when a sentence says "I" or "we". Ministerial statements,
 * Hansard pages and a leader's remarks are written in the first person: "We
 * are providing …", "I can confirm that …". Shown alone in a digest, the
 * reader cannot tell who "we" is. Two remedies, both in the document's own
 * words:
 *
 * - a form of address ("My Lords,", "Mr Speaker,") is dropped, and a
 *   first-person reporting frame around a third-person clause is trimmed:
 *   "I can confirm that the Government have agreed …" → "The Government
 *   have agreed …" (the clause names its actor; the frame only says who
 *   told the House);
 * - otherwise the sentence is labelled with what the document is attributed
 *   to: its title when the title is a heading ("Storm Bert (statement): We
 *   discussed …", "PM remarks at press conference in Kyiv: We agreed …"),
 *   or, for a long heading, the speaker it opens with ("PM: I announced …").
 *   A title that is itself a sentence (a feed's first line standing in)
 *   names no one: the sentence is left as it is.
 *
 * A motion ("That this House notes …") is the same case: the words are the
 * House's once moved, and the heading says which motion.
 */
import type { AnalysisDoc } from './types.js';

/**
 * Opens in the speaker's own person, perhaps after a short adverbial of
 * time or place ("This morning, I held …", "Last week, we agreed …",
 * "Today I am announcing …").
 */
const FIRST_PERSON_OPENER =
  /^(?:[^,;:“"]{2,40},\s+|(?:(?:[Tt]his|[Ll]ast|[Ee]arlier this) (?:morning|afternoon|evening|week|weekend|month|year)|[Tt]oday|[Yy]esterday|[Tt]onight|[Ee]arlier today|[Oo]n (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?: (?:morning|afternoon|evening))?)\s+)?(?:I|[Ww]e|[Oo]ur|[Mm]y)(?:['’](?:m|ve|re|ll|d))?\b/;

/** A motion as moved: "That this House notes …". */
const MOTION = /^that (?:this|the) (?:House|Assembly|Parliament|Senate|Chamber|Council)\b/i;

/** Opens in the first person or as a motion: who says it is in the document's heading, not the sentence. */
export function needsSpeaker(text: string): boolean {
  const t = text.trim();
  return FIRST_PERSON_OPENER.test(t) || MOTION.test(t);
}

/**
 * "I can confirm that", "We are pleased to announce that", "I can tell the
 * House that": a first-person frame around the news.
 */
const REPORTING_FRAME =
  /^(?:I|we)\s+(?:can\s+(?:today\s+|now\s+|also\s+)?|am\s+(?:pleased|delighted|able|happy|glad)\s+to\s+|are\s+(?:pleased|delighted|able|happy|glad)\s+to\s+|(?:would|should)\s+like\s+to\s+)?(?:confirm|announce|report|tell\s+(?:the\s+House|Parliament|Members|noble\s+Lords|the\s+Committee)|inform\s+(?:the\s+House|Parliament|Members|the\s+Committee))\s+(?:to\s+the\s+House\s+)?that\s+/i;

/** A clause subject that would still need the speaker ("that we will …", "that it …"). */
const LEANING_SUBJECT = /^(?:I|we|our|my|us|he|she|it|they|this|that|these|those|there|his|her|its|their)\b/i;

/** The sentence without a first-person reporting frame, when what it frames names its own actor. */
export function withoutReportingFrame(text: string): string {
  const t = text.trim();
  const m = REPORTING_FRAME.exec(t);
  if (!m) return t;
  const rest = t.slice(m[0].length);
  if (LEANING_SUBJECT.test(rest) || !/^[A-Za-z]/.test(rest)) return t;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** Addressing the chamber or the room ("My Lords,", "Mr Speaker,"): who is spoken to, not what is said. */
const VOCATIVE = /^(?:My Lords|(?:Mr|Madam) (?:Deputy )?Speaker|Madam Chair(?:man)?|Mr Chairman|Colleagues|Friends),\s+(?=\S)/;

/** The sentence without a leading form of address. */
export function withoutVocative(text: string): string {
  const t = text.trim();
  const m = VOCATIVE.exec(t);
  if (!m) return t;
  const rest = t.slice(m[0].length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** A heading longer than this is not a label; its speaker may still be. */
const LABEL_MAX_CHARS = 80;

/** "PM remarks at …", "Foreign Secretary’s statement on …": the speaker a heading opens with. */
const SPEAKER_HEADING =
  /^((?:[A-Z][\w.'’-]*\s+){0,4}?(?:PM|Prime Minister|Minister|Secretary|Chancellor|President|Premier|Spokesperson|Spokesman|Leader)(?:\s+[A-Z][\w.'’-]*){0,3}?)(?:['’]s)?\s+(?:remarks|statement|speech|address|words|op-ed|article|letter|call|meeting|press conference)\b/;

/** The document's label for a first-person sentence, or null when its title names no one. */
export function speakerLabel(doc: Pick<AnalysisDoc, 'title'>): string | null {
  let title = (doc.title ?? '').replace(/\s+/g, ' ').trim();
  // A heading's date ("…: 4 September 2025") is the item's date already.
  title = title.replace(/[:,–—-]\s*\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/, '').trim();
  // How the page was cut ("ministerial extracts", "excerpts") says nothing of who speaks.
  title = title
    .replace(/\(([^()]*)\)/g, (_, inner: string) => {
      const kept = inner
        .split(/\s*,\s*/)
        .filter((part) => !/\b(?:extracts?|excerpts?|limited text)\b/i.test(part));
      return kept.length ? `(${kept.join(', ')})` : '';
    })
    .replace(/\s+/g, ' ')
    .trim();
  // A sentence standing in for a title (a feed's first line) is not a heading.
  if (!title || /[.!?…]["”’]?$/.test(title)) return null;
  if (title.length <= LABEL_MAX_CHARS) return title;
  const speaker = SPEAKER_HEADING.exec(title);
  return speaker ? speaker[1]!.trim() : null;
}

/**
 * The sentence a reader can place: its reporting frame trimmed, or labelled
 * with its document's heading when it opens in the first person or as a
 * motion; as it is when the document names no one.
 */
export function attributed(text: string, doc: Pick<AnalysisDoc, 'title'>): string {
  const trimmed = withoutReportingFrame(withoutVocative(text));
  if (!needsSpeaker(trimmed)) return trimmed;
  const label = speakerLabel(doc);
  return label ? `${label}: ${trimmed}` : trimmed;
}

/** A heading label put before a sentence by `attributed`: "Storm Bert (statement): ". */
const LABEL_PREFIX = /^[^.!?…:]{1,80}:\s+/;

/**
 * An event told in a speaker's own person (as `attributed` leaves it:
 * labelled or not): their account of the occasion they speak at.
 */
export function isSpeakerAccount(text: string): boolean {
  const t = text.trim();
  if (needsSpeaker(t) && !MOTION.test(t)) return true;
  const m = LABEL_PREFIX.exec(t);
  return m !== null && FIRST_PERSON_OPENER.test(t.slice(m[0].length));
}

/** "He added: “…", "She said: “…": a quotation carried on, its speaker named in an earlier sentence. */
const CONTINUATION_LEAD = /^(?:he|she)\s+(added|continued|went on|also said|said|told [\w ]{1,30}?)(\s*[:,]\s*["“])/i;

/** The name just before an attribution verb: "Sir Keir said", "Defence Secretary John Healey told". */
const NAMED_SPEAKER = /((?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]+)\s+(?:said|says|told|added|announced|declared|stated)\b/g;

/** Words that open a sentence before its subject ("On Wednesday Mr Healey said", "In London Sir Keir said"). */
const BEFORE_SUBJECT =
  /^(?:(?:(?:In|On|At|After|Before|During|Speaking|Asked|Later|Earlier|But|And|So|Then|Meanwhile)\s+(?:[A-Z][\w'’-]+\s+)?|(?:Yesterday|Today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)(?=[A-Z]))+/;

/** How far back the speaker of a carried-on quotation is looked for (the attribution, then a quoted sentence or two). */
const SPEAKER_LOOKBACK = 3;

/**
 * "He added: “…”" with the pronoun replaced by the speaker an earlier
 * sentence of the same document names ("Sir Keir said: …" two sentences
 * before): "Sir Keir added: “…”". `earlier` is nearest first. Null when no
 * earlier sentence names who speaks.
 */
export function resolveContinuation(text: string, earlier: readonly string[]): string | null {
  const t = text.trim();
  const m = CONTINUATION_LEAD.exec(t);
  if (!m) return null;
  for (const before of earlier.slice(0, SPEAKER_LOOKBACK)) {
    const names = [...before.matchAll(NAMED_SPEAKER)].map((x) => x[1]!.replace(BEFORE_SUBJECT, ''));
    const speaker = names[names.length - 1];
    if (speaker) return `${speaker} ${t.slice(m[0].length - m[1]!.length - m[2]!.length)}`;
  }
  return null;
}
