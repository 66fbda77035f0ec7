/**
 * Sentences, people and organisations from ONE compromise parse of a
 * document's kept paragraphs (the NLP pass is the cost of ingest; it runs
 * once per document and everything else reuses it).
 *
 * - Paragraphs are joined with blank lines, which compromise always treats
 *   as sentence breaks, so every sentence belongs to one paragraph.
 * - Quotes stay intact: compromise ends a sentence inside a multi-sentence
 *   quotation ("… what the Ukrainians want. They are the ones fighting.”);
 *   sentences are merged back while a quotation opened in the paragraph is
 *   still open (up to MAX_MERGED_CHARS, so a quote left open to the end of a
 *   paragraph — the journalistic convention for a quote running on — does
 *   not swallow a long paragraph).
 * - Sentence text is the article's own words with whitespace normalised.
 */
import nlp from 'compromise';
import { canonicalPeople, institutionNames, normaliseOrganisation, normalisePerson } from './entities.js';

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
  index?: [number, number];
}

interface View {
  docs: Term[][];
}

interface RawSentence {
  text: string;
  paragraph: number;
  people: string[];
  organisations: string[];
}

/** Unclosed quotation at the end of `text`? Curly quotes by count, straight by parity. */
function quoteOpen(text: string): boolean {
  const open = (text.match(/[“]/g) ?? []).length;
  const close = (text.match(/[”]/g) ?? []).length;
  if (open > close) return true;
  if (open === 0 && close === 0) return (text.match(/"/g) ?? []).length % 2 === 1;
  return false;
}

/** A match's words, split where punctuation separates names ("European Union, Canada"). */
function entityGroups(terms: Term[]): string[][] {
  const groups: string[][] = [[]];
  terms.forEach((t, i) => {
    groups[groups.length - 1]!.push(t.text);
    if (i < terms.length - 1 && /[,;:()\[\]/–—]|\s-\s/.test(t.post)) groups.push([]);
  });
  return groups.filter((g) => g.length > 0);
}

/** Split kept paragraphs into sentences with their people and organisations. */
export function analyseParagraphs(paragraphs: string[]): NlpSentence[] {
  const joined = paragraphs.join('\n\n');
  if (joined.trim() === '') return [];
  const doc = nlp(joined) as unknown as {
    document: Term[][];
    people(): View;
    organizations(): View;
  };

  // Paragraph starts in `joined`, to place each sentence.
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
    const full = terms.map((t) => t.pre + t.text + t.post).join('');
    // A sentence never spans a blank line; split defensively if one does.
    for (const piece of full.split(/\n\s*\n/)) {
      const text = piece.replace(/\s+/g, ' ').trim();
      if (text === '') continue;
      const found = joined.indexOf(piece.trim(), cursor);
      if (found >= 0) {
        lastParagraph = paragraphAt(found);
        cursor = found + piece.trim().length;
      }
      raw.push({ text, paragraph: lastParagraph, people: [], organisations: [] });
    }
  }

  // Entities by compromise sentence number; pieces split above share their sentence's list.
  const bySentence = new Map<number, { people: string[]; organisations: string[] }>();
  const slot = (n: number) => {
    let s = bySentence.get(n);
    if (!s) bySentence.set(n, (s = { people: [], organisations: [] }));
    return s;
  };
  for (const match of doc.people().docs) {
    const n = match[0]?.index?.[0];
    if (n === undefined) continue;
    for (const words of entityGroups(match)) {
      const name = normalisePerson(words);
      if (name) slot(n).people.push(name);
    }
  }
  for (const match of doc.organizations().docs) {
    const n = match[0]?.index?.[0];
    if (n === undefined) continue;
    for (const words of entityGroups(match)) {
      const name = normaliseOrganisation(words);
      if (name) slot(n).organisations.push(name);
    }
  }
  // Map compromise sentence numbers to raw sentences (same order, split pieces follow their sentence).
  let rawIndex = 0;
  doc.document.forEach((terms, n) => {
    const full = terms.map((t) => t.pre + t.text + t.post).join('');
    const pieces = full.split(/\n\s*\n/).filter((p) => p.trim() !== '').length;
    const ents = bySentence.get(n);
    for (let k = 0; k < pieces && rawIndex < raw.length; k++, rawIndex++) {
      if (ents) {
        raw[rawIndex]!.people.push(...ents.people);
        raw[rawIndex]!.organisations.push(...ents.organisations);
      }
    }
  });

  const merged = mergeOpenQuotes(raw);

  const canonical = canonicalPeople(merged.flatMap((s) => s.people));
  return merged.map((s) => ({
    text: s.text,
    paragraph: s.paragraph,
    people: unique(s.people.map((p) => canonical.get(p) ?? p)),
    organisations: withoutContained(unique([...s.organisations, ...institutionNames(s.text)])),
  }));
}

function mergeOpenQuotes(raw: RawSentence[]): RawSentence[] {
  const out: RawSentence[] = [];
  for (const s of raw) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.paragraph === s.paragraph &&
      quoteOpen(prev.text) &&
      prev.text.length + s.text.length < MAX_MERGED_CHARS
    ) {
      prev.text = `${prev.text} ${s.text}`;
      prev.people.push(...s.people);
      prev.organisations.push(...s.organisations);
      continue;
    }
    out.push({ ...s, people: [...s.people], organisations: [...s.organisations] });
  }
  return out;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Drop a name contained in a longer one of the same sentence ("Fund" or "International Fund" in "International Fund for Ukraine"). */
function withoutContained(names: string[]): string[] {
  return names.filter((n) => !names.some((other) => other !== n && other.length > n.length && ` ${other} `.includes(` ${n} `)));
}
