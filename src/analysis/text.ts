/**
 * Word-level text features shared by every analysis step: tokens, stemmed
 * content words, word shingles, entity keys and set similarities. One place
 * for "what counts as the same word", so clustering, topic matching, summary
 * and novelty agree.
 */
import { stemmer } from 'stemmer';

/**
 * English function words plus reporting verbs ("said", "told"): they carry no
 * content, and two outlets wording the same fact differently mostly differ in
 * exactly these words.
 */
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
  between both but by can cannot could did do does doing down during each few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself just me more most my
  myself no nor not of off on once only or other ought our ours ourselves out over own same she should so
  some such than that the their theirs them themselves then there these they this those through to too
  under until up very was we were what when where which while who whom why will with would you your yours
  yourself yourselves shall may might must us let lets via per amid among upon whether yet still even ever
  one two three mr mrs ms sir dr said says say saying told tell tells added adds according s t don can't
  won't didn't doesn't isn't aren't wasn't weren't it's we're we'll we've i'm they're that's there's`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Spellings of the same name that outlets use interchangeably. Kept tiny and
 * generic (country self-names), not a gazetteer.
 */
const CANONICAL: Record<string, string> = {
  britain: 'uk',
  british: 'uk',
  'u.k': 'uk',
};

/**
 * Letters and digits of the scripts news is written in, as explicit ranges:
 * several times faster than \p{L} on V8, and this runs on every sentence.
 */
const L = 'a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u0590-\u06ff\u0900-\u0dff\u0e00-\u0fff\u3040-\u9fff\uac00-\ud7af';
const TOKEN = new RegExp(`\\d+(?:[.,]\\d+)*|[${L}]+(?:['’\\-][${L}]+)*`, 'g');

/** Lower-cased word tokens in reading order; possessive 's dropped, hyphenated words also split. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const token of text.toLowerCase().match(TOKEN) ?? []) {
    let w = token.includes('’') ? token.replace(/’/g, "'") : token;
    if (w.endsWith("'s")) w = w.slice(0, -2);
    if (w.includes('-')) {
      // "peace-keeping" should meet "peacekeeping" and "peace keeping".
      out.push(...w.split('-').filter(Boolean), w.replace(/-/g, ''));
      continue;
    }
    out.push(w);
  }
  return out;
}

const stemCache = new Map<string, string>();

/** Porter stem of one lower-cased word, with canonical spellings folded first. Cached: the vocabulary is small. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    const canonical = CANONICAL[word] ?? word;
    s = /^\d/.test(canonical) ? canonical : stemmer(canonical);
    if (stemCache.size < 500_000) stemCache.set(word, s);
  }
  return s;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Stems of the content words (no stopwords, no one-letter words). */
export function contentStems(text: string | string[]): string[] {
  const out: string[] = [];
  for (const w of typeof text === 'string' ? words(text) : text) {
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

export function contentStemSet(text: string | string[]): Set<string> {
  return new Set(contentStems(text));
}

/**
 * Word 3-gram shingles over ALL words (stopwords included), as 32-bit FNV-1a
 * hashes: two outlets quoting the same words share long runs even when the
 * framing differs. Hash collisions only ever add a spurious shared shingle.
 */
export function shingleHashes(text: string | string[], size = 3): number[] {
  const ws = (typeof text === 'string' ? words(text) : text).filter((w) => !w.includes('-'));
  const out: number[] = [];
  for (let i = 0; i + size <= ws.length; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < size; k++) {
      const w = ws[i + k]!;
      for (let c = 0; c < w.length; c++) h = Math.imul(h ^ w.charCodeAt(c), 0x01000193);
      h = Math.imul(h ^ 32, 0x01000193);
    }
    out.push(h | 0);
  }
  return out;
}

function intersectionSize<T>(a: Set<T>, b: Set<T>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

/** Cosine of two binary sets: between Jaccard and containment, tolerant of one sentence being longer. */
export function setCosine<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  return intersectionSize(a, b) / Math.sqrt(a.size * b.size);
}

/** Words as a reader counts them (whitespace-separated, containing a letter or digit). */
export function wordCount(text: string): number {
  let n = 0;
  for (const w of text.trim().split(/\s+/)) if (/[\p{L}\p{N}]/u.test(w)) n++;
  return n;
}

/** Whether the text has at least `n` words as wordCount counts them; stops reading at the n-th (this runs on every candidate sentence). */
export function hasWords(text: string, n: number): boolean {
  if (n <= 0) return true;
  let count = 0;
  for (const [w] of text.matchAll(/\S+/g)) if (/[\p{L}\p{N}]/u.test(w) && ++count >= n) return true;
  return false;
}

/** Honorifics and titles that precede a name and say nothing about who it is. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'president', 'prime', 'minister',
  'secretary', 'general', 'gen', 'chancellor', 'king', 'queen', 'prince', 'the',
]);

/**
 * A comparable key for a named entity: its last significant word, stemmed
 * ("Mr Healey", "John Healey", "Healey" → one key), so two outlets naming the
 * same person differently still share the entity.
 */
export function entityKey(entity: string): string | null {
  const ws = words(entity).filter((w) => !TITLES.has(w) && w.length > 1 && !/^\d/.test(w));
  const last = ws[ws.length - 1];
  return last ? stem(last) : null;
}

export function entityKeys(entities: string[]): Set<string> {
  const out = new Set<string>();
  for (const e of entities) {
    const k = entityKey(e);
    if (k) out.add(k);
  }
  return out;
}

/** Calendar words: two reports of different things on the same day share them. */
const CALENDAR = new Set(
  'monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow morning afternoon evening night week month year january february march april may june july august september october november december'
    .split(' ')
    .map((w) => stem(w)),
);

/**
 * Content stems minus the names of the given entities and calendar words:
 * what a sentence says happened, so "Healey visited Kyiv on Thursday" and
 * "Healey met Umerov on Thursday" are not alike merely for sharing actor and day.
 */
export function coreStems(stems: Set<string>, entities: string[]): Set<string> {
  const names = new Set<string>();
  for (const e of entities) for (const w of words(e)) names.add(stem(w));
  const out = new Set<string>();
  for (const s of stems) if (!names.has(s) && !CALENDAR.has(s)) out.add(s);
  return out;
}

/** Text starts inside a quotation (continuation of someone's words). */
export function startsWithQuote(text: string): boolean {
  return /^["“‘'«]/.test(text.trim());
}
