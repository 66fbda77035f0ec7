/**
 * Page furniture: text that came with the page, not the article. Every rule
 * that removes it lives in this module, and each is general (no outlet is
 * named). Applied per paragraph, before sentences are split:
 *
 * 1. Image captions introduced by "open image in gallery": the whole caption
 *    up to and including its photo credit(s) — "(Carl Court/PA) ( PA Wire )".
 *    Without a credit, up to the end of the caption's first sentence.
 * 2. Photo credits: "(Name Surname/AGENCY)" anywhere; "( PA Wire )",
 *    "( REUTERS )", "(Getty Images)" and other agency-only credits when they
 *    end a paragraph or run into another credit; "Photograph: …" lines.
 * 3. Navigation/prompt tokens standing alone or trailing a paragraph: "Read
 *    more", "Support Now", "Close", "Advertisement", "Share this article", …;
 *    short link teasers ("Read more: What we know about …", "Related: …").
 * 4. Donation/subscription appeals: a paragraph where at least 40% of the
 *    sentences (and at least two) appeal to the reader for support, money,
 *    sign-ups or subscriptions is dropped whole ("Your support helps us to
 *    tell the story … Your donation allows us … paywalls …"); so is a
 *    one-sentence paragraph that is a direct prompt ("Sign up to our
 *    newsletter"), and any short paragraph pitching a newsletter ("… delivered
 *    to your inbox"). Paragraphs wedged between two dropped appeals (at most
 *    two of them) are part of the same banner and go too.
 *
 * 5. Pull quotes: a paragraph without closing punctuation whose opening words
 *    also appear in another paragraph of the same article ("Russians are
 *    putting Ukraine under pressure … Defence Secretary John Healey", a quote
 *    lifted out of the text with its speaker's name appended).
 *
 * 6. Appeal sentences inside reporting paragraphs: a sentence in the
 *    reader-addressing language of banners ("we choose not to lock readers
 *    out of our reporting with paywalls", "paid for by those who can afford
 *    it", "delivered to your inbox") is dropped on its own (isFurnitureSentence).
 *
 * 7. Speaker captions of parliamentary records: a speaker's name, the word
 *    "Portrait", their title and name in brackets and party ("Jane Smith
 *    Portrait The Minister for Industry (Jane Smith) (Lab)"), with the link
 *    widget after it ("- View Speech - Hansard - - - Excerpts"): dropped as a
 *    paragraph, or cut from the start of the speech it is glued to.
 * 8. Widgets inside text: relative ages "(3 days, 4 hours ago)", speech-link
 *    widgets "- Hansard - - - Excerpts".
 * 9. Link and button rows standing alone: "Read Full debate", "Read Hansard
 *    Text Watch Debate", "|Printable version", "Press release", "Speech";
 *    a label with an address only ("Original article link: https://…").
 * 10. Record and page metadata lines: "Volume 710: debated on Wednesday 9
 *    March 2022", a line that is only a date (and time: "Friday 14 Apr 2023
 *    @ 15:05"), "Department: Department for …", archive banners ("This was
 *    published under the 2019 to 2022 … government").
 * 11. Site notes: a disclaimer that the page is not the official record ("…
 *    does not comprise part of the official record") and the explainer box it
 *    closes (the paragraphs before it back to the previous dropped line, at
 *    most four).
 * 12. Headings: a short Title-Case line with no sentence punctuation and no
 *    lower-case word but "of", "and", "the" and the like ("Commons Chamber",
 *    "Ukraine Update", "Bill Presented") is a heading, not a sentence.
 *
 * Text repeated verbatim across documents is removed by the ingest run, not
 * here: this module sees one document.
 */

const AGENCIES =
  'PA(?:\\s+(?:Wire|Media|Archive|Images))?|REUTERS|Reuters|AP(?:\\s+Photo)?|AFP|EPA(?:-EFE)?|Getty(?:\\s+Images)?|Alamy|Shutterstock|Bloomberg|Xinhua|dpa|ANSA|Sipa|Handout|handout|Supplied|supplied';

/** "(Carl Court/PA)", "(Stefan Rousseau / PA Wire)": capitalised name, slash, source. */
const SLASH_CREDIT = String.raw`\(\s*[A-Z][\p{L}.'’-]*(?:\s+[A-Z][\p{L}.'’-]*){0,4}\s*\/\s*[A-Z][\p{L}.'’ -]{0,30}\s*\)`;
/** "( PA Wire )", "(AFP via Getty Images)", "( REUTERS )". */
const AGENCY_CREDIT = String.raw`\(\s*(?:${AGENCIES})(?:\s+via\s+[\p{L} ]{2,30})?\s*\)`;
const ANY_CREDIT = `(?:${SLASH_CREDIT}|${AGENCY_CREDIT})`;

const GALLERY_CAPTION_WITH_CREDIT = new RegExp(
  String.raw`open image in gallery\b[^]*?${ANY_CREDIT}(?:\s*${ANY_CREDIT})*`,
  'giu',
);
const GALLERY_CAPTION_NO_CREDIT = /open image in gallery\b[^]*?(?:[.!?](?=\s+[A-Z“"])|$)/giu;
const SLASH_CREDIT_ANYWHERE = new RegExp(SLASH_CREDIT, 'gu');
/** Agency-only credits that close a paragraph (possibly several in a row). */
const TRAILING_AGENCY_CREDITS = new RegExp(String.raw`(?:\s*${AGENCY_CREDIT})+\s*$`, 'u');
const PHOTO_LINE = /^(?:photograph|photo|image|picture|pictured|illustration)s?\s*:\s.{0,150}$/i;

/** Navigation and prompt tokens that are never article text on their own. */
const TOKENS = [
  'read more',
  'support now',
  'close',
  'advertisement',
  'advert',
  'share',
  'share this article',
  'share this story',
  'copy link',
  'subscribe',
  'subscribe now',
  'sign up',
  'skip to content',
  'skip to main content',
  'continue reading',
  'click here',
  'listen to this article',
  'story continues below',
  'scroll down',
  'most read',
  'related articles',
  'open image in gallery',
];
/** Link and button labels of record and government pages, furniture only when a line holds nothing else (rule 9). */
const PAGE_LINKS = [
  'read full debate',
  'read hansard text',
  'read debate',
  'watch debate',
  'ministerial extracts',
  'view speech',
  'view all',
  'excerpts',
  'hansard',
  'full debate',
  'debate detail',
  'printable version',
  'print this page',
  'press release',
  'news story',
  'speech',
  'written statement',
];
const TOKEN_ALT = TOKENS.map((t) => t.replace(/ /g, '\\s+')).join('|');
const LINK_ALT = [...PAGE_LINKS, ...TOKENS].map((t) => t.replace(/ /g, '\\s+')).join('|');
const STANDALONE_TOKENS = new RegExp(`^[\\s|•·-]*(?:(?:${LINK_ALT})[\\s.:!|•·-]*)+$`, 'i');
/** A row of several-word link labels run into the text after it: "Read Hansard Text Watch Debate Question for Short Debate". */
const LEADING_LINKS = new RegExp(
  `^[\\s|•·-]*(?:(?:${PAGE_LINKS.filter((t) => t.includes(' ')).map((t) => t.replace(/ /g, '\\s+')).join('|')})[\\s.:!|•·-]*)+(?=\\S)`,
  'i',
);
/** Tokens trailing a paragraph after its last sentence end: "… the difference. Close Read more". */
const TRAILING_TOKENS = new RegExp(`(?<=[.!?"”’)])(?:\\s+(?:${TOKEN_ALT}))+[\\s.]*$`, 'i');
/** Prompt tokens opening a paragraph before its text: "Read more Support Now From …". */
const LEADING_TOKENS = /^(?:(?:read\s+more|support\s+now|advertisement)\s+)+(?=\S)/i;

/** A sentence addressing the reader for money, sign-ups or subscriptions. */
const APPEAL =
  /\b(?:your (?:support|donation|contribution|generosity)|donat(?:e|es|ion|ions|ing)\b|support (?:us|now|our (?:work|journalism|reporting))|(?:independent|quality|our) journalism|paywalls?|subscri(?:be|bers?|ption|ptions)\b|sign(?:ing)? up (?:to|for|now)|newsletters?|read more|support now|can afford it|makes? all the difference|ad-free|already a (?:member|subscriber)|register for free|free to read|help(?:s)? us (?:to )?(?:keep|tell|continue)|your email)/i;
/** A short paragraph selling a newsletter or app, wherever the verb is ("Get the best of X delivered to your inbox: sign up …"). */
const NEWSLETTER_PITCH =
  /\b(?:your inbox|(?:our|the) (?:[\p{L}'’-]+ ){0,4}(?:newsletter|bulletin|briefing email)|sign up (?:to|for) (?:our|the)\b[^.]*\b(?:newsletter|bulletin|email)|never share your email)\b/iu;
/** A link teaser: "Read more: What we know about …", "READ MORE: Ukraine war latest", "Related: …". */
const TEASER = /^(?:read more|related|see also|more on this story|most read|recommended)\s*[:|–—-]/i;
const MAX_PROMPT_CHARS = 250;

/** A one-sentence paragraph that is a direct prompt, not a report. */
const PROMPT =
  /^(?:\W*)(?:sign up|subscribe|register|donate|support us|get (?:our|the) (?:free )?(?:newsletter|app)|follow us|download (?:our|the) app|join (?:us|our)|your support|read more)\b/i;

const MIN_APPEAL_SHARE = 0.4;
const MAX_BANNER_GAP = 2;

/** Cheap sentence split for scoring a paragraph (the real split happens later). */
function roughSentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[A-Z0-9])/).filter((s) => s.trim() !== '');
}

function isAppeal(paragraph: string): boolean {
  if (paragraph.length < MAX_PROMPT_CHARS && NEWSLETTER_PITCH.test(paragraph)) return true;
  const sentences = roughSentences(paragraph);
  if (sentences.length === 1) return PROMPT.test(paragraph) && paragraph.length < MAX_PROMPT_CHARS;
  const appeals = sentences.filter((s) => APPEAL.test(s)).length;
  return appeals >= 2 && appeals / sentences.length >= MIN_APPEAL_SHARE;
}

/** Rule 7: a speaker caption, alone or glued to the start of the speech. */
const CAPTION_NAME = String.raw`(?:(?:\p{Lu}[\p{L}.'’-]*|of|de|la|van|von|du)\s+){1,8}Portrait\s+`;
const SPEECH_WIDGET = String.raw`-\s*(?:View Speech\s*-\s*)?Hansard(?:\s*-)*\s*(?:Excerpts)?`;
const CAPTION_ALONE = new RegExp(String.raw`^${CAPTION_NAME}[^.!?]{0,300}?(?:\s*${SPEECH_WIDGET})?\s*$`, 'u');
const CAPTION_PREFIX = new RegExp(
  String.raw`^${CAPTION_NAME}[^().!?]{0,250}?(?:\([^()]{1,80}\)\s*){1,3}(?:${SPEECH_WIDGET}\s*)?(?=["“‘(]?\p{Lu})`,
  'u',
);
/** Rule 8. */
const AGE_WIDGET = /\(\s*\d+\s+(?:years?|months?|weeks?|days?|hours?|minutes?)(?:,\s*\d+\s+(?:months?|weeks?|days?|hours?|minutes?))?\s+ago\s*\)/gi;
const SPEECH_WIDGET_ANYWHERE = new RegExp(String.raw`(?:^|\s)${SPEECH_WIDGET}(?=\s|$)`, 'gu');
/** Rule 9: "Original article link: https://…". */
const LINK_LINE = /^[\p{L} ]{2,40}:\s*https?:\/\/\S+\s*$/u;
/** Rule 10. */
const RECORD_VOLUME = /^Volume \d+:\s*debated on\b.{0,40}$/i;
const DATE_ONLY =
  /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}(?:\s*(?:@|at|,)?\s*\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|gmt|bst|utc))?)?$/i;
const METADATA_LINE = /^(?:department|main page|full debate|published|last updated|updated|from|part of|tags?|category|topics?|debate type|lead mp)\s*:\s*[^.!?]{1,200}$/i;
const ARCHIVE_BANNER = /^This was published under the .{3,80}? government\.?$/i;
const ARCHIVE_BANNER_PREFIX = /^This was published under the [^.]{3,80}? government\b\.?\s+(?=\S)/i;
/** Rule 11. */
const NOT_THE_RECORD = /\bdoes not (?:comprise|form|constitute) (?:a )?part of the off?ici?al record\b/i;
const MAX_SITE_NOTE_PARAGRAPHS = 4;
/** Rule 12: Title-Case words only, a few lower-case joiners allowed. */
const HEADING_WORD = String.raw`(?:\(?[\p{Lu}\p{N}][\p{L}\p{N}'’&():.-]*|of|and|the|for|on|in|to|a|an|at|by|with|[-–—&:|])`;
const HEADING = new RegExp(String.raw`^${HEADING_WORD}(?:\s+${HEADING_WORD}){0,9}$`, 'u');

/** A heading: a short Title-Case line, not a sentence (rule 12). */
export function isHeading(paragraph: string): boolean {
  return paragraph.length <= 90 && HEADING.test(paragraph) && /\p{Lu}/u.test(paragraph) && !/[.!?]$/.test(paragraph);
}

/** Remove captions, credits and stray tokens inside one paragraph. */
export function stripInlineFurniture(paragraph: string): string {
  let p = paragraph.replace(AGE_WIDGET, ' ').replace(/^\s+/, '').replace(LEADING_LINKS, '').replace(ARCHIVE_BANNER_PREFIX, '');
  if (/Portrait\s/.test(p)) p = p.replace(CAPTION_PREFIX, '');
  p = p.replace(SPEECH_WIDGET_ANYWHERE, ' ');
  if (/open image in gallery/i.test(p)) {
    p = p.replace(GALLERY_CAPTION_WITH_CREDIT, ' ').replace(GALLERY_CAPTION_NO_CREDIT, ' ');
  }
  p = p.replace(SLASH_CREDIT_ANYWHERE, ' ');
  p = p.replace(TRAILING_AGENCY_CREDITS, '');
  p = p.replace(TRAILING_TOKENS, '');
  p = p.replace(LEADING_TOKENS, '');
  return p.replace(/\s+/g, ' ').trim();
}

/** True when the whole paragraph is furniture (a token line, a credit line). */
function isFurnitureLine(paragraph: string): boolean {
  return (
    paragraph === '' ||
    STANDALONE_TOKENS.test(paragraph) ||
    PHOTO_LINE.test(paragraph) ||
    (TEASER.test(paragraph) && paragraph.length < MAX_PROMPT_CHARS) ||
    CAPTION_ALONE.test(paragraph) ||
    LINK_LINE.test(paragraph) ||
    RECORD_VOLUME.test(paragraph) ||
    DATE_ONLY.test(paragraph) ||
    METADATA_LINE.test(paragraph) ||
    ARCHIVE_BANNER.test(paragraph) ||
    isHeading(paragraph)
  );
}

/**
 * Rule 11: a not-the-record disclaimer and the box of site notes it closes.
 * Text run on after the disclaimer (the record itself) is kept.
 */
function markSiteNotes(paragraphs: string[], drop: boolean[]): void {
  for (let i = 0; i < paragraphs.length; i++) {
    const m = NOT_THE_RECORD.exec(paragraphs[i]!);
    if (!m) continue;
    const rest = paragraphs[i]!.slice(m.index + m[0].length).replace(/^[\s.]+/, '');
    paragraphs[i] = rest;
    if (rest === '') drop[i] = true;
    for (let j = i - 1; j >= 0 && j >= i - MAX_SITE_NOTE_PARAGRAPHS && !drop[j]; j--) {
      if (j === 0 || drop[j - 1]) {
        for (let k = j; k < i; k++) drop[k] = true;
        break;
      }
    }
  }
}

export interface FurnitureResult {
  /** Kept paragraphs, whitespace-normalised, in order. */
  paragraphs: string[];
  /** How many paragraphs were dropped whole. */
  dropped: number;
}

/** Apply every furniture rule to a document's paragraphs. */
export function removeFurniture(paragraphs: string[]): FurnitureResult {
  const cleaned = paragraphs.map(stripInlineFurniture);
  const drop = cleaned.map((p) => isFurnitureLine(p) || isAppeal(p));
  // A banner split over several paragraphs: drop what sits between two appeals.
  let lastAppeal = -1;
  for (let i = 0; i < cleaned.length; i++) {
    if (!drop[i] || cleaned[i] === '') continue;
    if (!isAppeal(cleaned[i] ?? '')) continue;
    if (lastAppeal >= 0 && i - lastAppeal - 1 <= MAX_BANNER_GAP) {
      for (let j = lastAppeal + 1; j < i; j++) drop[j] = true;
    }
    lastAppeal = i;
  }
  markSiteNotes(cleaned, drop);
  markPullQuotes(cleaned, drop);
  const kept = cleaned.filter((_, i) => !drop[i]);
  return { paragraphs: kept, dropped: paragraphs.length - kept.length };
}

const PULL_QUOTE_KEY_CHARS = 50;
const MAX_PULL_QUOTE_CANDIDATES = 200;

/** Rule 5: mark pull quotes (see the module comment). */
function markPullQuotes(paragraphs: string[], drop: boolean[]): void {
  const unquote = (s: string): string => s.replace(/["“”‘’']/g, '');
  let candidates = 0;
  let joined: string | null = null;
  for (let i = 0; i < paragraphs.length && candidates < MAX_PULL_QUOTE_CANDIDATES; i++) {
    const p = paragraphs[i]!;
    if (drop[i] || p.length < PULL_QUOTE_KEY_CHARS || /[.!?"”’)]$/.test(p)) continue;
    candidates += 1;
    joined ??= unquote(paragraphs.join('\n'));
    const key = unquote(p).slice(0, PULL_QUOTE_KEY_CHARS);
    const first = joined.indexOf(key);
    if (first >= 0 && joined.indexOf(key, first + 1) >= 0) drop[i] = true;
  }
}

/** Rule 6: banner language addressed to the reader, recognisable in a single sentence. */
const APPEAL_SENTENCE =
  /\b(?:your (?:support|donations?|contributions?) (?:helps?|allows?|makes?|means?)|lock \w+ out of (?:our|its) (?:reporting|journalism)|(?:we|our)\b[^.]{0,80}\bpaywalls?\b|\bpaywalls?\b[^.]{0,80}\b(?:we|our)\b|quality journalism should|paid for by those who can afford it|sign up (?:to|for) our|delivered to your inbox|support (?:independent|our) journalism|make a donation|donate now|support us now)/i;

export function isFurnitureSentence(sentence: string): boolean {
  return APPEAL_SENTENCE.test(sentence);
}
