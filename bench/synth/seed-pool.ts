/**
 * Sentences borrowed from the seed articles (read at generation time, never
 * copied into code), with the furniture left out, so synthetic articles keep
 * real reporting's rhythm: long quotes, attributions, asides.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Obvious page furniture, so borrowed sentences are reporting; the corpus adds its own furniture on purpose. */
const FURNITURE = /support now|your support|donation|read more|sign up|newsletter|open image in gallery|^close$/i;
const DATE_HEADER = /^\s*date \d{4}-\d{2}-\d{2}\s*/;
const DATELINE = /^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}$/;

export function loadSeedSentences(seedDir: string): string[] {
  if (!fs.existsSync(seedDir)) throw new Error(`seed folder ${seedDir} not found: pass --seeds DIR or run from the repository root`);
  const out: string[] = [];
  for (const name of fs.readdirSync(seedDir).sort()) {
    if (!/\.(txt|md)$/.test(name)) continue;
    const text = fs.readFileSync(path.join(seedDir, name), 'utf8');
    for (const rawLine of text.split(/\r?\n/)) {
      const line = rawLine.replace(DATE_HEADER, '').trim();
      if (!line || DATELINE.test(line)) continue;
      for (const sentence of splitSentences(line)) {
        if (sentence.length < 40 || sentence.length > 420 || FURNITURE.test(sentence)) continue;
        out.push(sentence);
      }
    }
  }
  if (out.length === 0) throw new Error(`no usable sentences in ${seedDir}: it needs .txt articles`);
  return out;
}

/** Rough sentence split: good enough to borrow sentences, not a parser. */
function splitSentences(line: string): string[] {
  return line.split(/(?<=[.!?][”"]?)\s+(?=[A-Z“"])/).map((s) => s.trim()).filter(Boolean);
}

const AMOUNT = /£\d+(?:\.\d+)?\s?(?:million|billion|bn|m)\b|\d+(?:\.\d+)? million pounds/g;
const WEEKDAY = /\b(?:on )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g;
const PLACE = /\bKyiv\b/g;

export interface Perturbation {
  amount: string;
  weekdayPhrase: string;
  place: string;
}

/**
 * A borrowed sentence made to fit the synthetic story: its amounts, weekday
 * and place become the story's, so the same seed sentence does not recur
 * verbatim thousands of times (only the story's own quotes repeat on purpose).
 */
export function perturb(sentence: string, p: Perturbation): string {
  return sentence
    .replace(AMOUNT, p.amount)
    .replace(WEEKDAY, (m) => (m.startsWith('on ') ? p.weekdayPhrase : p.weekdayPhrase.replace(/^on /, '')))
    .replace(PLACE, p.place);
}
