/**
 * Which date a sentence's happening gets, or none (then it is not an event).
 *
 * Rules, in order:
 * 1. Mentions later than the publication date ("next year", "as we approach
 *    2025" in a December article) describe plans, not what is reported; they
 *    never date the sentence. Nor does a mention the sentence itself places
 *    ahead ("looked ahead to the meeting in Paris on Tuesday", "ahead of the
 *    summit on Thursday"): a bare weekday is resolved to the one before
 *    publication, but this one is still to come.
 * 2. A month or year mention that frames the publication day ("this year",
 *    "in 2025" in a January 2025 article) is the frame of the statement, not
 *    its date: it is ignored, so a concrete fact is dated at the publication
 *    day (rule 4: it was said/announced then) and a mere outlook ("the UK
 *    will give more support this year") is not an event.
 * 3. Otherwise the most specific mention wins (day > month > year); among
 *    equals, the first in the sentence (usually the one on the main verb).
 * 4. A sentence with no usable mention is an event only when it states a
 *    concrete fact (money amount or announcement verb) or is its document's
 *    lede (the first statement of a news article is the day's news), and its
 *    document has a known publication date: dated at that day.
 * 5. A mention inside a "since …" clause is a starting point, not the date of
 *    what is reported ("the first trip since he took power six months ago");
 *    inside a "following …" clause it dates the cause ("has provided £57.5
 *    million, following the storms of late 2023"; "The order follows talks
 *    … last week").
 * 5b. A deadline ("due to be paid by the end of March") is not a date of
 *    what is reported either.
 * 6. A mention inside quotation marks dates the speaker's words; it counts
 *    only when the sentence also reports a concrete fact.
 * 7. A document whose publication date is unknown contributes only sentences
 *    with absolute date mentions (ingest drops relative ones it cannot resolve).
 */
import type { DateMention, DatePrecision, IsoPartialDate } from '../core/model.js';
import { contains, isAfter, precisionOf, precisionRank } from '../core/partial-date.js';
import { isFactLike, outsideQuotes } from './sentence-kind.js';
import type { AnalysisSentence } from './types.js';

export interface EventDate {
  date: IsoPartialDate;
  precision: DatePrecision;
  /** 'mention': the sentence states it; 'publication': the document's date stands in. */
  from: 'mention' | 'publication';
}

/** The publication day when the document's date is known (stated or inferred). */
export function publicationDay(s: AnalysisSentence): string | null {
  const { published, publishedFrom } = s.doc;
  if (!published || publishedFrom === 'unknown') return null;
  return precisionOf(published) === 'day' ? published : null;
}

export interface DatingContext {
  /** The sentence is its document's lede (first statement): it reports the news of the day. */
  lede?: boolean;
}

export function eventDateOf(s: AnalysisSentence, context: DatingContext = {}): EventDate | null {
  const pub = publicationDay(s);
  const factLike = isFactLike(s.text, s.amounts.length) || context.lede === true;

  const own = outsideQuotes(s.text).toLowerCase();
  const valid = s.dates.filter(
    (d) =>
      precisionOf(d.date) !== null &&
      !isStartingPoint(s.text, d) &&
      !isAhead(s.text, d) &&
      !isDeadline(s.text, d) &&
      // A date inside someone's words dates their rhetoric, not a reported fact.
      (factLike || !isQuoted(d, own)),
  );
  const past = pub ? valid.filter((d) => !isAfter(d.date, pub)) : valid;
  const framing = pub ? past.filter((d) => isFraming(d, pub)) : [];
  const specific = past.filter((d) => !framing.includes(d));

  const best = mostSpecific(specific);
  if (best) return { date: best.date, precision: precisionOf(best.date)!, from: 'mention' };

  if (pub && factLike) return { date: pub, precision: 'day', from: 'publication' };
  return null;
}

/** What is due, expected or planned by a date: "a further £183.5 million due to be paid by the end of March". */
const PROSPECTIVE = /\b(?:due to|will|would|expected to|to be (?:paid|delivered|completed|spent|made|built|given)|must|should|aims? to|target|deadline|plans? to)\b/i;

/**
 * "… due to be paid by the end of March": a deadline, not when anything
 * happened; the sentence is dated as the report (rule 4) or by another mention.
 */
function isDeadline(text: string, d: DateMention): boolean {
  const at = text.toLowerCase().indexOf(d.text.toLowerCase());
  if (at < 0) return false;
  const before = text.slice(0, at);
  if (!/\bby(?: the)?\s*$/i.test(before) && !/^by\b/i.test(d.text)) return false;
  const clause = before.split(/[;:(–—]|,\s+(?:and|but|with)\b/).pop() ?? '';
  return PROSPECTIVE.test(clause);
}

function isQuoted(d: DateMention, ownWords: string): boolean {
  return !ownWords.includes(d.text.toLowerCase());
}

/**
 * "since he took power six months ago", "since the 2022 invasion": a
 * starting point for what the sentence says, not the date of it. Detected as
 * "since" between the mention and the clause boundary before it.
 */
function isStartingPoint(text: string, d: DateMention): boolean {
  const at = text.toLowerCase().indexOf(d.text.toLowerCase());
  if (at < 0) return false;
  const clause = text.slice(0, at).split(/[,;:(–—]/).pop() ?? '';
  return /\b(?:since|following|follows|followed|(?:comes?|came) after|in the wake of)\b/i.test(clause);
}

/** "looked ahead to the Chiefs of Defence meeting in Paris on Tuesday": between the clause boundary before the mention and the mention. */
function isAhead(text: string, d: DateMention): boolean {
  const at = text.toLowerCase().indexOf(d.text.toLowerCase());
  if (at < 0) return false;
  const clause = text.slice(0, at).split(/[,;:(–—]/).pop() ?? '';
  return /\b(?:ahead (?:of|to)|look(?:s|ed|ing)? forward to|in preparation for|in the run-up to)\b/i.test(clause);
}

/**
 * "this year", "throughout 2025", a bare "2025" around the publication day:
 * the frame of a current statement. "Last week" or "earlier this month"
 * (resolved to the month) are real past references and keep their date.
 */
function isFraming(d: DateMention, pub: string): boolean {
  if (precisionOf(d.date) === 'day' || !contains(d.date, pub)) return false;
  if (/\b(last|earlier|previous|ago|past|before)\b/i.test(d.text)) return false;
  return /\b(this|current|throughout|during|so far)\b/i.test(d.text) || /^\W*(in\s+)?\d{4}\W*$/i.test(d.text);
}

function mostSpecific(mentions: DateMention[]): DateMention | undefined {
  let best: DateMention | undefined;
  for (const m of mentions) {
    // Trust the string's shape over the declared precision: never print more than it holds.
    const p = precisionOf(m.date)!;
    if (!best || precisionRank(p) > precisionRank(precisionOf(best.date)!)) best = m;
  }
  return best;
}
