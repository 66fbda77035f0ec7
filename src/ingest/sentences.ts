/**
 * Sentences, people and organisations from ONE compromise pass over a
 * document's kept paragraphs.
 *
 * Speed: the pass is compromise's tokenizer (sentence split) only. Names are
 * read off runs of capitalised words, each word looked up in compromise's
 * lexicon (first names, surnames, honorifics, organisations, places; see
 * `wordTags`). Compromise's taggers cost 2× (pre-tagger) to 10× (full
 * `nlp()`) the tokenizer, and ingest must stay within 3× of a bare tokenizer
 * pass; the names a lexicon cannot place ("Healey" alone) are what we lose.
 *
 * - Paragraphs are joined with blank lines, which compromise always treats
 *   as sentence breaks, so every sentence belongs to one paragraph.
 * - Quotes stay intact: compromise ends a sentence inside a multi-sentence
 *   quotation ("… what the Ukrainians want. They are the ones fighting.”);
 *   sentences are merged back while a quotation opened in the paragraph is
 *   still open (up to MAX_MERGED_CHARS, so a quote left open to the end of a
 *   paragraph — the convention for a quote running on — does not swallow a
 *   long paragraph).
 * - Sentence text is the article's own words with whitespace normalised.
 */
import nlp from 'compromise/one';
import { LEXICON as LEXICON_DATA, type TagInfo } from './lexicon.js';
import { canonicalPeople, normaliseOrganisation, normalisePerson } from './entities.js';

export interface NlpSentence {
  text: string;
  paragraph: number;
  people: string[];
  organisations: string[];
}

const MAX_MERGED_CHARS = 700;

interface Term {
  text: string;
  pre: string;
  post: string;
  /** Filled by entityRuns from the lexicon (the tokenizer leaves tags empty). */
  tags: Set<string>;
}

interface TokenizedDoc {
  document: Term[][];
}

const LEXICON = LEXICON_DATA.words;
const TAG_SET: Record<string, TagInfo> = LEXICON_DATA.tags;
/** Upper-case place abbreviations the lexicon files under other words ("US" is the pronoun "us"). */
const PLACE_ACRONYMS = new Set(['US', 'USA', 'UK', 'UAE', 'DRC', 'EU']);
const tagCache = new Map<string, Set<string>>();

/** Lexicon tags of a word with their parents ("Keir" → MaleName, FirstName, Person, ProperNoun, …). */
function wordTags(word: string): Set<string> {
  let tags = tagCache.get(word);
  if (tags) return tags;
  tags = new Set<string>();
  if (PLACE_ACRONYMS.has(word)) {
    tags.add('Place');
    tags.add('ProperNoun');
  } else {
    const key = word.toLowerCase().replace(/['’]s?$/, '');
    const entry = Object.prototype.hasOwnProperty.call(LEXICON, key) ? LEXICON[key] : undefined;
    for (const tag of entry === undefined ? [] : Array.isArray(entry) ? entry : [entry]) {
      tags.add(tag);
      for (const parent of TAG_SET[tag]?.parents ?? []) tags.add(parent);
    }
  }
  if (tagCache.size < 100_000) tagCache.set(word, tags);
  return tags;
}

/** compromise's tokenizer (a method: it needs `nlp` as `this`). */
const tokenize = (text: string): TokenizedDoc => (nlp as unknown as { tokenize(text: string): TokenizedDoc }).tokenize(text);

interface RawSentence {
  text: string;
  paragraph: number;
  people: string[];
  organisations: string[];
}

/** Split kept paragraphs into sentences with their people and organisations. */
export function analyseParagraphs(paragraphs: string[]): NlpSentence[] {
  const joined = paragraphs.join('\n\n');
  if (joined.trim() === '') return [];
  const doc = tokenize(joined);

  const starts: number[] = [];
  let offset = 0;
  for (const p of paragraphs) {
    starts.push(offset);
    offset += p.length + 2;
  }
  const paragraphAt = (pos: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const raw: RawSentence[] = [];
  let cursor = 0;
  let lastParagraph = 0;
  for (const terms of doc.document) {
    const { people, organisations } = entityRuns(terms);
    const full = terms.map((t) => t.pre + t.text + t.post).join('');
    // A sentence never spans a blank line; split defensively if one does.
    const pieces = full.split(/\n\s*\n/).filter((p) => p.trim() !== '');
    pieces.forEach((piece, k) => {
      const trimmed = piece.trim();
      const found = joined.indexOf(trimmed, cursor);
      if (found >= 0) {
        lastParagraph = paragraphAt(found);
        cursor = found + trimmed.length;
      }
      raw.push({
        text: trimmed.replace(/\s+/g, ' '),
        paragraph: lastParagraph,
        people: k === 0 ? people : [],
        organisations: k === 0 ? organisations : [],
      });
    });
  }

  const merged = mergeOpenQuotes(raw);
  const canonical = canonicalPeople(merged.flatMap((s) => s.people));
  return merged.map((s) => ({
    text: s.text,
    paragraph: s.paragraph,
    people: unique(s.people.map((p) => canonical.get(p) ?? p)),
    organisations: withoutContained(unique(s.organisations)),
  }));
}

/** Unclosed quotation at the end of `text`? Curly quotes by count, straight by parity. */
function quoteOpen(text: string): boolean {
  const open = (text.match(/“/g) ?? []).length;
  const close = (text.match(/”/g) ?? []).length;
  if (open > close) return true;
  if (open === 0 && close === 0) return (text.match(/"/g) ?? []).length % 2 === 1;
  return false;
}

function mergeOpenQuotes(raw: RawSentence[]): RawSentence[] {
  const out: RawSentence[] = [];
  for (const s of raw) {
    const prev = out[out.length - 1];
    if (prev && prev.paragraph === s.paragraph && quoteOpen(prev.text) && prev.text.length + s.text.length < MAX_MERGED_CHARS) {
      prev.text = `${prev.text} ${s.text}`;
      prev.people.push(...s.people);
      prev.organisations.push(...s.organisations);
      continue;
    }
    out.push({ ...s, people: [...s.people], organisations: [...s.organisations] });
  }
  return out;
}

const PERSON_TAGS = ['Person', 'FirstName', 'LastName', 'Honorific', 'MaleName', 'FemaleName'];
const NAME_TAGS = ['ProperNoun', 'Person', 'Organization', 'Place', 'Acronym', 'Honorific'];
/** Words that make a capitalised run an institution: "Ministry of Defence", "International Fund for Ukraine". */
const INSTITUTION_HEADS = new Set([
  'ministry', 'department', 'office', 'council', 'commission', 'agency', 'committee', 'fund', 'bank', 'party',
  'union', 'forces', 'force', 'army', 'navy', 'parliament', 'government', 'court', 'university', 'institute',
  'foundation', 'association', 'corporation', 'company', 'group', 'organisation', 'organization', 'alliance',
  'coalition', 'federation', 'service', 'services', 'authority', 'assembly', 'senate', 'congress', 'kremlin',
  'pentagon', 'treasury', 'times', 'news', 'post', 'guardian', 'telegraph', 'independent', 'broadcasting',
]);
/** Joining words allowed inside an institution's name. */
const RUN_CONNECTORS = new Set(['of', 'for', 'the', 'de', 'du', 'des', '&']);
/** Single capitalised words that look like names but are demonyms ("Ukrainian", "British"). */
const DEMONYM = /(?:ian|ish|ese|ean|ic|i)$/i;
/** Punctuation after a word that ends a name ("Kyiv, Mr Healey", "Union, Canada"). */
const BREAK_AFTER = /[,;:()"“”/–—!?]|\.\s|\s-\s/;

function hasAny(term: Term, tags: string[]): boolean {
  return tags.some((t) => term.tags.has(t));
}

/**
 * People and organisations in one tokenised sentence: runs of capitalised
 * words (joined by "of"/"for" for institutions), classified by the lexicon's
 * tags. A run with a person tag (first name, surname, honorific) is a person;
 * one with an organisation tag, an institution head word, or a lone acronym
 * that is not a place, is an organisation.
 */
function entityRuns(terms: Term[]): { people: string[]; organisations: string[] } {
  const people: string[] = [];
  const organisations: string[] = [];
  let run: Term[] = [];

  const close = (): void => {
    while (run.length > 0 && RUN_CONNECTORS.has(run[run.length - 1]!.text.toLowerCase())) run.pop();
    while (run.length > 0 && RUN_CONNECTORS.has(run[0]!.text.toLowerCase())) run.shift();
    if (run.length > 0) classify(run, people, organisations);
    run = [];
  };

  for (const term of terms) term.tags = wordTags(term.text);
  terms.forEach((term, i) => {
    const text = term.text;
    const capitalised = /^\p{Lu}/u.test(text);
    // A sentence's first word is capitalised anyway: it counts only if the lexicon calls it a name.
    const opensInstitution =
      INSTITUTION_HEADS.has(text.toLowerCase()) && RUN_CONNECTORS.has(terms[i + 1]?.text.toLowerCase() ?? '');
    const nameLike = capitalised && (i > 0 || hasAny(term, NAME_TAGS) || opensInstitution) && /\p{L}/u.test(text);
    const connector = run.length > 0 && RUN_CONNECTORS.has(text.toLowerCase()) && /^\p{Lu}/u.test(terms[i + 1]?.text ?? '');
    if (/^[“"‘(]/.test(term.pre) && run.length > 0) close();
    if (nameLike || connector) run.push(term);
    else close();
    const postIsBreak = BREAK_AFTER.test(term.post) && !(term.tags.has('Honorific') || term.tags.has('Abbreviation'));
    if (postIsBreak) close();
  });
  close();
  return { people, organisations };
}

function classify(run: Term[], people: string[], organisations: string[]): void {
  const words = run.map((t) => t.text);
  const last = run[run.length - 1]!;
  const personTagged = run.some((t) => hasAny(t, PERSON_TAGS));
  const lastIsPlaceOrOrg = last.tags.has('Place') || last.tags.has('Organization');
  const institution = run.some((t) => INSTITUTION_HEADS.has(t.text.toLowerCase()));
  if (personTagged && !lastIsPlaceOrOrg && !institution) {
    const name = normalisePerson(words);
    if (name) people.push(name);
    return;
  }
  const orgTagged = run.some((t) => t.tags.has('Organization'));
  const loneAcronym = run.length === 1 && /^[A-Z][A-Za-z0-9&]{1,5}$/.test(last.text) && /[A-Z].*[A-Z0-9]/.test(last.text) && !last.tags.has('Place');
  if (!orgTagged && !institution && !loneAcronym) return;
  if (run.length === 1 && !loneAcronym && DEMONYM.test(last.text)) return;
  const name = normaliseOrganisation(words);
  if (name && !normalisePersonTitle(name)) organisations.push(name);
}

/** Titles on their own ("PM", "MP") are not organisations. */
function normalisePersonTitle(name: string): boolean {
  return /^(?:PM|MP|MPs|MEP|CEO|Mr|Mrs|Ms|Dr)$/.test(name);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Drop a name contained in a longer one of the same sentence ("Fund" in "International Fund for Ukraine"). */
function withoutContained(names: string[]): string[] {
  return names.filter((n) => !names.some((other) => other !== n && other.length > n.length && ` ${other} `.includes(` ${n} `)));
}
