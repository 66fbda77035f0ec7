/**
 * Does a sentence report a development (who did what), or is it the talk
 * around one? One scored judgement, used by events, timeline, summary and
 * digest alike, from general cues of how such texts are written, never the
 * phrases of one text or the habits of one outlet:
 *
 * - **ceremony**: the speaker performing an act of speech rather than
 *   reporting one: first-person thanks, welcomes, tributes, "With
 *   permission, I wish to make a statement on …", "Can I start by …",
 *   "I commend this statement to the House". A frame followed by news
 *   ("I am pleased to announce that we are providing 150 barrels") is judged
 *   by what follows the frame.
 * - **procedure**: how the source reports rather than what happened:
 *   updating or informing a chamber or committee, scrutiny, statements
 *   laid or placed in a library, periodic updates ("every four weeks"), and
 *   the floor management of a debate ("I will give way", "I must make
 *   progress").
 * - a **bare call or meeting** ("The Prime Minister spoke to President X this
 *   morning.") is a development, but a weak one: it is a readout's frame, and
 *   what the readout says next is the news.
 * - **recap**: pointing back at what was said before ("As I told the House
 *   last month …", "As Members will know …") with nothing new in it.
 * - **rhetoric**: values and resolve without a concrete act or amount
 *   ("We stand with Ukraine for as long as it takes"); a speaker's own view
 *   ("I think …", "I understand the distress …") or talk about the meeting
 *   they are in ("We've got a lot to discuss") with no act, figure or
 *   commitment; counting the time since something ("It has now been 930
 *   days since …") is recap.
 * - **furniture**: page widgets that slipped through extraction: age
 *   stamps ("(3 days, 4 hours ago)"), "Read full debate" links, share and
 *   print prompts, portrait captions.
 *
 * A development is what carries a concrete fact: an amount, or a reporting
 * verb of something done (announced, signed, delivered …) outside quotation
 * marks, ideally with a named actor and its own date. Hedges ("could",
 * "may", "considering") count against it but do not exclude it: a plan
 * reported is still news.
 *
 * `score` orders members and candidates (higher = more worth telling);
 * `reports` says whether the sentence may stand as a development at all.
 * `headlineScore` adds whether a sentence can stand alone as what a reader
 * is shown: no leading pronoun or connective whose referent is in the
 * sentence before, not a fragment of a quote, a readable length.
 */
import { isBareQuote, isFactLike, isSpeculative, needsPreviousSentence, outsideQuotes } from './sentence-kind.js';
import { hasWords, startsWithQuote, wordCount } from './text.js';
import { MONEY_SHAPE } from '../ingest/amounts.js';

export type SentenceRole = 'development' | 'ceremony' | 'procedure' | 'recap' | 'rhetoric' | 'furniture';

export interface InformativenessInput {
  text: string;
  amountCount: number;
  /** Distinct named people and organisations. */
  entityCount: number;
  /** The sentence names its own date (not only the publication day). */
  statesDate?: boolean;
}

export interface Informativeness {
  role: SentenceRole;
  /** May stand as a development (timeline entry, summary point, digest item). */
  reports: boolean;
  score: number;
}

/** Page widgets: an age stamp, a "read more" link, share/print prompts, a portrait caption. */
const FURNITURE = [
  /\(\s*\d+\s+(?:years?|months?|weeks?|days?|hours?|minutes?)(?:\s*,\s*\d+\s+(?:months?|weeks?|days?|hours?|minutes?))*\s+ago\s*\)/i,
  /\bread (?:the )?full (?:debate|story|article|statement|report)\b/i,
  // A row of links: "Read Hansard Text Watch Debate Read Debate …".
  /\b(?:[Rr]ead|[Ww]atch|[Vv]iew|[Dd]ownload) [A-Z]\w+(?: \w+)? (?:Read|Watch|View|Download) [A-Z]/,
  /\b(?:share|print) this (?:page|article)\b/i,
  /\bis this page useful\b/i,
  // A page or item title carrying its date: "PM meeting with the coalition: 4 September 2025".
  /:\s*\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\.?$/,
  /\bPortrait\s+(?:of\s+)?(?:the\s+)?[A-Z]/,
  // A record page's link to a member's exchanges: "All 3 Debates between A and B".
  /\b(?:All \d+ )?(?:Debates|Contributions|Speeches|Questions) between [A-Z]/,
];

/**
 * A first-person speech act performed in the sentence itself. Each is a
 * frame: what follows it decides whether there is news too.
 */
const CEREMONY_FRAMES = [
  // "With permission, (Mr Speaker,) I wish to make a statement on …"
  /\bwith (?:your )?permission\b[^.]*?\b(?:I|we)\b[^.]*?\b(?:make|give|deliver)\b[^.]*?\bstatement\b/i,
  /\b(?:I|we) (?:shall|will) (?:now )?(?:make|give|deliver) (?:a|an|this|my) (?:oral |short |brief )?statement\b/i,
  /\b(?:I|we) (?:wish|would like|want|intend|rise|am here|are here)\s+to (?:make|give|deliver|update)\b[^.]*?\b(?:statement|House|Chamber|Committee|Parliament)\b/i,
  // "Can I start by thanking …", "May I first pay tribute …", "Let me begin by …"
  /^(?:can|may|could|let|might) (?:I|me|us)\b[^.]{0,30}?\b(?:start|begin|open|first|also|join|add|thank|pay|welcome|congratulat|say)/i,
  // "I (would like to / want to) thank …", "I pay tribute to …", "We welcome …"
  /^(?:and |but |so |first(?:ly)?,? |finally,? )?(?:I|we)\s+(?:(?:would|should|wish|want|must)\s+(?:also\s+)?(?:like\s+)?to\s+|also\s+|again\s+)?(?:thank|pay tribute|congratulate|commend|welcome|put on record|place on record|acknowledge|extend my|send (?:our|my))\b/i,
  /\b(?:I|we) (?:am|are) (?:grateful|delighted|pleased|proud|honoured|glad|happy)\b/i,
  /\bit is (?:a|an|my) (?:great )?(?:pleasure|privilege|honour|honor)\b/i,
  /\bthank (?:you|them|him|her|everyone)\b/i,
  /\bI commend (?:this|the) (?:statement|motion|report|bill)\b/i,
  // "On behalf of this House, I pay tribute to him."
  /\b(?:I|we) (?:would like to |wish to |must |also )?(?:pay tribute|pay (?:my|our) respects|send (?:my|our) (?:condolences|best wishes|thoughts))\b/i,
  // The close of a call readout: "The leaders agreed to remain in close contact."
  /\b(?:agreed|promised|undertook) to (?:remain|stay|keep) in (?:close |regular )?(?:contact|touch)\b/i,
  // A readout's courtesies in the third person: "President X thanked the Prime Minister for …", "He began by praising …".
  /^(?:[A-Z][\w.'’-]*\s+){0,5}(?:(?:began|opened|started) by\s+)?(?:thanked|thanking|praised|praising|congratulated|congratulating|paid tribute|paying tribute)\b/,
];

/**
 * A chamber's floor management, said by whoever has the floor: giving way,
 * moving on, taking interventions ("I will give way one last time", "I think
 * I must make progress").
 */
const DEBATE_FLOOR = [
  /\b(?:give|giving|gave) way\b/i,
  /^(?:I|we)\b[^.]{0,25}\b(?:must|should|will|need to|am going to|want to) (?:now )?(?:make |get on and make )?progress\b/i,
  /\b(?:take|taking|took) (?:an(?:other)?|one (?:more|last)|no more|no further) interventions?\b/i,
  /^Order[.!]/,
];

/**
 * A call or meeting told with nothing of what was said: "The Prime Minister
 * spoke to President X this morning." It is the frame of a readout; what
 * follows it (what they agreed, what was announced) is the news.
 */
const BARE_CONTACT =
  /^(?:[\w.'’-]+\s+){1,10}?(?:spoke|talked|held (?:a )?(?:call|talks)|met)\s+(?:to |with )?(?:[^.;:]{2,160}?\s+)?(?:this|yesterday|today|tonight|earlier today|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))(?:\s+(?:morning|afternoon|evening))?(?:\s+to (?:update (?:\w+ )?on|discuss|catch up on|follow up on|take stock of) (?:progress|the latest|recent|developments|the situation|discussions|events)\b[^.;:£$€]*)?\s*\.?$/i;

/** A bare call or meeting, told with nothing of what was said or done (the frame of a readout). */
export function isBareContact(text: string): boolean {
  return BARE_CONTACT.test(text.trim());
}

/** How a source reports to a chamber or the public, rather than what happened. */
const PROCEDURE = [
  /\b(?:updat(?:e|es|ed|ing)|inform(?:s|ed|ing)?|report(?:s|ed|ing)? (?:back )?to|keep(?:s|ing)? [^.]{0,20}(?:informed|updated)|brief(?:ed|ing)?)\b[^.]{0,50}\b(?:the House|Parliament|Members|the Chamber|the Committee|colleagues|the public)\b/i,
  /\bkeep(?:s|ing)? (?:the House|Parliament|Members|the Chamber|the Committee|colleagues|the public) (?:fully |closely )?(?:informed|updated)\b/i,
  /\b(?:facilitat\w+|enabl\w+|allow\w*|support\w*|welcom\w+|subject to|ensur\w+) (?:[a-z]+ ){0,3}scrutiny\b/i,
  /\b(?:written (?:ministerial )?statement|laid before|placed? (?:a copy )?in the (?:House )?Library|in accordance with|Standing Orders?|the usual channels)\b/i,
  /\bevery (?:two|three|four|six|\d+) (?:weeks|months)\b/i,
  // How a chamber sits: "The House met at eleven o'clock", "… announced 30 minutes before Parliament sits each day".
  /\b(?:Parliament|the House|the Chamber|the Lords|the Commons) (?:sits|sat|met|meets|rises|rose|adjourned)\b/i,
  /\b(?:this|my|today's) (?:statement|update)\b/i,
];

/** Pointing back at what was said or known before. */
const RECAP = [
  /^as (?:I|we|the House|(?:hon(?:ourable|\.)? |right hon(?:ourable|\.)? )?(?:Members|Friends?)|colleagues|you|the Prime Minister|the Minister|the Secretary of State)\b[^,.]{0,40}\b(?:know|knows|recall|heard|said|set out|told|mentioned|announced|noted|reported|outlined|updated|aware)\b/i,
  /\bas I (?:have )?(?:previously |already )?(?:set out|said|told|announced|mentioned|outlined|made clear)\b/i,
  /\b(?:last time|when) I (?:updated|spoke to|addressed|last updated) (?:the House|Parliament|Members)\b/i,
];

/** Words of value and resolve: with nothing concrete, the sentence is rhetoric. */
const RHETORIC =
  /\b(?:(?:more|as) important than ever|never been more important|(?:in|for) the national interest|brave(?:ry)?|heroic|courage(?:ous)?|unwavering|steadfast|unbreakable|resolve|resolute|determination|solidarity|shoulder to shoulder|as long as it takes|stand(?:s|ing)? (?:firmly )?(?:with|by)|will never|must never|tyranny|barbaric|aggressor|freedom|democracy|values|spirit|defy|defiance|sovereignty|peace-loving|illegal (?:war|invasion)|face of)\b/i;

/**
 * A readout's emphasis with nothing done in it: "The Prime Minister spoke
 * about the importance of …", "Both leaders underlined the importance of …",
 * "He reiterated the UK's steadfast support". Agreeing on something is an
 * outcome and is not this.
 */
const EMPHASIS =
  /\b(?:spoke|talked) (?:about|of) the (?:importance|need)\b|\b(?:stressed|underlined|emphasi[sz]ed|highlighted|reiterated|reaffirmed|underscored|reiterating|reaffirming)\s+(?:the\s+)?(?:importance|need|(?:[\w’']+\s+){0,2}(?:steadfast|unwavering|continued|enduring|strong|full)\s+(?:support|commitment|solidarity))\b/i;

/** Scene colour, the writer's emphasis told in the passive: "As they met, the peril of the war was underlined by …". */
const PASSIVE_EMPHASIS = /\b(?:was|were|is|are|has been|have been) (?:\w+ly )?(?:underlined|underscored|highlighted|illustrated|laid bare|brought home)\b/i;

/**
 * The writer's own "also" before a named actor's verb marks a side note to
 * the news told before it ("The Prime Minister also discussed the situation
 * with …"): still a development, worth less than the one it adds to. An act
 * with a figure ("also pledged £5 million") is news of its own.
 */
const ASIDE = /^(?:[A-Z][\w.'’-]*\s+){1,6}also\s+[a-z]+ed\b/;

/** Counting the time since something: "It has now been 930 days since Putin launched …" recalls, it reports nothing new. */
const TIME_SINCE =
  /^it (?:has|is) (?:now )?(?:been )?(?:more than |over |almost |nearly |just )?(?:\d[\d,]*|[a-z]+) (?:days|weeks|months|years) since\b/i;

/** A speaker's own view: "I think …", "I believe …", "I understand the distress …". */
const OPINION_FRAME =
  /^(?:(?:and|but|so|now),?\s+)?(?:I|we)\s+(?:(?:do|really|genuinely|also|just|all)\s+)?(?:think|believe|feel|fear|hope|know|understand|recognise|recognize|suspect|imagine|agree that)\b/i;

/** Opens in the speaker's own person ("We've got a lot to discuss", "We have begun that process"). */
const SPEAKER_OPENS = /^(?:(?:and|but|so|now),?\s+)?(?:I|[Ww]e|[Oo]ur|[Mm]y)(?:['’](?:m|ve|re|ll|d))?\b/;

/** What a speaker commits to is news even without a figure: "We will send …", "I have decided to …". */
const COMMITMENT = /\b(?:will|shall|are going to|am going to|intend to|have decided|plan to|are providing|am providing|are sending|are recalling|are announcing|am announcing)\b/i;

/** First-person speaker: ceremony and rhetoric are a speaker's, reporting is third-person. */
const FIRST_PERSON = /(?:^|[\s“"‘(])(?:I|we|We|I'm|I’m|we're|we’re|We're|We’re|our|Our|my|My|us)(?=[\s,.;:!?’'”"]|$)/;

/** The words after a ceremonial frame that carry news ("… announce that we are providing …"). */
function afterFrame(text: string, frame: RegExp): string {
  const m = frame.exec(text);
  if (!m) return text;
  return text.slice((m.index ?? 0) + m[0].length);
}

/** Announcing verbs inside a frame introduce news: "pleased to announce that …", "confirm that …". */
const INTRODUCES_NEWS = /\b(?:announce|confirm|say|report|tell the House|inform the House)\b[^.]{0,12}\b(?:that\b|:)/i;

export function judgeSentence(x: InformativenessInput): Informativeness {
  const text = x.text.trim();
  const own = outsideQuotes(text);
  const amount = x.amountCount > 0;
  const fact = isFactLike(text, x.amountCount);

  let base = 0;
  if (amount) base += 1;
  if (isFactLike(text, 0)) base += 0.6;
  base += Math.min(0.6, 0.2 * x.entityCount);
  if (x.statesDate) base += 0.2;
  if (isSpeculative(own)) base -= 0.3;

  if (FURNITURE.some((r) => r.test(text))) return { role: 'furniture', reports: false, score: base - 3 };

  const frame = CEREMONY_FRAMES.find((r) => r.test(text));
  if (frame) {
    const rest = afterFrame(text, frame);
    // "… I am pleased to announce that we are providing 150 artillery barrels": the news is after the frame.
    const carriesNews = (INTRODUCES_NEWS.test(text) && hasWords(rest, 5)) || (amount && /\d/.test(rest));
    if (!carriesNews) return { role: 'ceremony', reports: false, score: base - 2 };
    base -= 0.2;
  }

  if (!amount && DEBATE_FLOOR.some((r) => r.test(own))) return { role: 'procedure', reports: false, score: base - 2 };

  if (PROCEDURE.some((r) => r.test(own))) {
    // A procedural line with a figure in it ("… will update the House on the £2.2 billion loan") still carries that figure.
    return { role: 'procedure', reports: amount && x.entityCount > 0, score: base - 1.5 };
  }

  if (RECAP.some((r) => r.test(text))) {
    return { role: 'recap', reports: amount || fact, score: base - 1 };
  }

  if (!amount && TIME_SINCE.test(text)) return { role: 'recap', reports: false, score: base - 1 };

  if (!amount && (EMPHASIS.test(own) || PASSIVE_EMPHASIS.test(own))) return { role: 'rhetoric', reports: false, score: base - 1 };

  // A speaker's view of things, or their talk about the meeting they are in, with no act, figure or commitment in it.
  if (!amount && (OPINION_FRAME.test(text) || (SPEAKER_OPENS.test(text) && !fact && !COMMITMENT.test(own)))) {
    return { role: 'rhetoric', reports: false, score: base - 1 };
  }

  // A speaker's values and resolve, in their words or the reporter's, with no act or figure in them.
  const mostlyQuoted = own.replace(/…/g, '').trim().length < text.length / 2;
  // ("Announcing the funding, the minister said: "… the brave people of …"": the reporter's words only frame the speaker's.)
  if (!amount && RHETORIC.test(text) && (mostlyQuoted || (!fact && (FIRST_PERSON.test(text) || x.entityCount === 0)))) {
    return { role: 'rhetoric', reports: false, score: base - 1 };
  }

  // A call with nothing of what was said is a weak development: a readout's own sentences tell what happened.
  if (isBareContact(text)) return { role: 'development', reports: true, score: base - 0.8 };

  if (!amount && ASIDE.test(text)) return { role: 'development', reports: true, score: base - 0.5 };

  return { role: 'development', reports: true, score: base };
}

/**
 * Openers whose referent is in the sentence before: a pronoun, a connective,
 * or an anaphoric "The move / The call …" followed by its verb, or a sum
 * named again and broken down ("The £300 million package includes …",
 * "The funding will pay for …": the sentence before said what it is for). A thing named
 * again by its noun is headline.ts's namesAgain (it needs the sentence
 * before). "This morning", "that week" are times, not referents.
 */
const DANGLING_OPENER = new RegExp(
  [
    String.raw`^(?!(?:this|that|these|those) (?:morning|afternoon|evening|night|week|weekend|month|year|spring|summer|autumn|winter|time|day|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)(?:he|she|they|it|this|that|these|those|his|her|their|its|such|but|and|also|however|meanwhile|so|yet|instead|which|there(?:fore)?|then|thus|still|further(?:more)?|moreover|in addition|as well|too|in (?:that|this|the same) (?:time|period)|at that (?:time|point)|since then|by then)\b`,
    // "The move comes …", "The £50 million pledge follows …": words that only ever point back.
    String.raw`^the (?:${MONEY_SHAPE}\s+)?(?:move|development|announcement|decision|comments?|remarks?|call|news|pledge|visit|trip|deal|statement|step|plan|measures?|change|latest)\s+(?:comes?|came|follows?|followed|marks?|marked|is|was|are|were|will|would|has|had|means?|meant|includes?|included)\b`,
    // "The £300 million package includes …", "The funding includes …": a sum named again, broken down.
    String.raw`^the (?:(?:new|latest|additional|extra|further)\s+)?(?:${MONEY_SHAPE}\s+)?(?:package|funding|support|aid|loan|grant|contract|order|agreement|investment|scheme|programme|program)\s+(?:includes?|included|covers?|covered|comprises?|consists?|will (?:pay|fund|provide|cover|include|go))\b`,
  ].join('|'),
  'iu',
);

/** Opens on a word that needs the sentence before it to be understood. */
export function hasDanglingOpener(text: string): boolean {
  return DANGLING_OPENER.test(text.trim());
}

/** A piece of a longer quote: opens inside quotation marks, or opens one it never closes. */
export function isQuoteFragment(text: string): boolean {
  const t = text.trim();
  if (/^[a-z]/.test(t)) return true;
  const curlyOpen = (t.match(/“/g) ?? []).length;
  const curlyClose = (t.match(/”/g) ?? []).length;
  const straight = (t.match(/"/g) ?? []).length;
  return (startsWithQuote(t) && isBareQuote(t)) || curlyOpen > curlyClose || straight % 2 === 1;
}

/** A headline longer than this is hard to read as one line. */
const READABLE_CHARS = 300;

/**
 * How well a sentence speaks for its development: informative (judgeSentence)
 * and able to stand alone.
 */
export function headlineScore(x: InformativenessInput & { publishedStated?: boolean; lede?: boolean }): number {
  let s = judgeSentence(x).score;
  if (x.publishedStated) s += 0.2;
  // A news article's first statement is what its writer judged the news.
  if (x.lede) s += 0.5;
  if (wordCount(x.text) < 10) s -= 0.5;
  if (x.text.length > READABLE_CHARS) s -= 1 + (x.text.length - READABLE_CHARS) / READABLE_CHARS;
  if (hasDanglingOpener(x.text)) s -= 1.2;
  if (isQuoteFragment(x.text)) s -= 0.8;
  if (needsPreviousSentence(x.text)) s -= 1;
  return s;
}
