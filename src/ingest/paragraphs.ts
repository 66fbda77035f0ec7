/**
 * Body text → paragraphs.
 *
 * - Blank lines always separate paragraphs.
 * - Inside a blank-line block, a line break is a paragraph break only when the
 *   line before ends a sentence and the next starts like one (capital or
 *   opening quote), or the line before is a short unpunctuated heading or
 *   teaser ("READ MORE: Ukraine war latest"); otherwise the lines are one
 *   hard-wrapped paragraph.
 * - A text with no blank lines at all has one paragraph per line (the common
 *   scraped shape), except that a line continuing a sentence (previous line
 *   without end punctuation, this one starting lower-case) is joined to it.
 *   When most of its lines end mid-sentence, the text is hard-wrapped
 *   (a reprint wrapped at a fixed width: "The Prime\nMinister will travel"),
 *   and a line is joined to the one before unless that one ends a sentence.
 * - A line opening with a bullet (•, ▪, ◦) starts a paragraph.
 * - Speech fragments laid out one per paragraph ("We will pass emergency
 *   legislation" / "In one day" / "To give the Business Secretary the powers…")
 *   are joined back into their sentence: a short paragraph that reads as a
 *   sentence begun (three words or more, one lower-case) and ends without
 *   sentence punctuation, or with "…" or a dash, runs on into a next paragraph
 *   that opens with "…", a lower-case letter or a preposition or conjunction
 *   (lower-cased when joined; the pause "…" dropped). A heading never runs on.
 *   This runs on the paragraphs page furniture left (joinFragments), so a
 *   metadata line is never joined to the speech under it.
 */
import { isHeading } from './furniture.js';

const ENDS_SENTENCE = /[.!?:;"”’)\]]$/;
const STARTS_SENTENCE = /^["“‘'(\[]?[\p{Lu}\p{N}]/u;
const STARTS_LOWER = /^[\p{Ll}(]/u;

function normalise(p: string): string {
  return p.replace(/\s+/g, ' ').trim();
}

/** `continues(previousLine, line)` decides whether `line` carries on the paragraph. */
function joinLines(lines: string[], continues: (prev: string, line: string) => boolean): string[] {
  const out: string[] = [];
  let prevLine: string | null = null;
  for (const raw of lines) {
    const line = normalise(raw);
    if (line === '') continue;
    if (prevLine !== null && continues(prevLine, line)) out[out.length - 1] = `${out[out.length - 1]} ${line}`;
    else out.push(line);
    prevLine = line;
  }
  return out;
}

/** A short unpunctuated line before a sentence is a heading or a link teaser, not a wrapped line. */
const MAX_HEADING_CHARS = 60;

const BULLET = /^[•▪◦‣]/;

function continuesInBlock(prev: string, line: string): boolean {
  if (BULLET.test(line)) return false;
  if (!STARTS_SENTENCE.test(line)) return true;
  return !ENDS_SENTENCE.test(prev) && prev.length >= MAX_HEADING_CHARS;
}

/** Share of a text's lines ending mid-sentence above which it was hard-wrapped. */
const HARD_WRAP_SHARE = 0.5;
const MIN_HARD_WRAP_LINES = 6;

function hardWrapped(lines: string[]): boolean {
  const inner = lines.map(normalise).filter((l) => l !== '').slice(0, -1);
  if (inner.length < MIN_HARD_WRAP_LINES) return false;
  return inner.filter((l) => !ENDS_SENTENCE.test(l)).length / inner.length >= HARD_WRAP_SHARE;
}

export function splitParagraphs(body: string): string[] {
  const text = body.replace(/\r\n?/g, '\n');
  if (/\n[ \t]*\n/.test(text.trim())) {
    return text.split(/\n[ \t]*\n/).flatMap((block) => joinLines(block.split('\n'), continuesInBlock));
  }
  const lines = text.split('\n');
  if (hardWrapped(lines)) return joinLines(lines, (prev, line) => !BULLET.test(line) && !ENDS_SENTENCE.test(prev));
  return joinLines(lines, (prev, line) => !BULLET.test(line) && !ENDS_SENTENCE.test(prev) && STARTS_LOWER.test(line));
}

const MAX_FRAGMENT_CHARS = 150;
const PAUSE = /(?:…|\.\.\.)$/;
const RUNS_ON = /(?:…|\.\.\.|[-–—])$/;
/** Words that continue a sentence when they open the next fragment. */
const CONTINUATION =
  /^(?:for|to|in|on|at|by|with|from|into|of|and|but|or|nor|which|who|whom|whose|than|because|while|whereas|until|unless|without|within|across|through)\b/i;
/** A fragment that reads as a sentence begun: three words or more, one of them lower-case and not a joiner. */
function sentenceBegun(p: string): boolean {
  const words = p.split(/\s+/);
  return words.length >= 3 && words.some((w) => /^\p{Ll}/u.test(w) && !/^(?:of|and|the|for|on|in|to|a|an|at|by|with)$/.test(w));
}

/** Speech fragments back into sentences (see the module comment); run after page furniture is gone. */
export function joinFragments(paragraphs: string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.length <= MAX_FRAGMENT_CHARS && !isHeading(prev)) {
      const openEnded = RUNS_ON.test(prev) || (!ENDS_SENTENCE.test(prev) && sentenceBegun(prev));
      if (openEnded && /^(?:…|\.\.\.)/.test(p)) {
        out[out.length - 1] = `${prev.replace(PAUSE, '')} ${p.replace(/^(?:…|\.\.\.)\s*/, '')}`;
        continue;
      }
      if (openEnded && (STARTS_LOWER.test(p) || CONTINUATION.test(p))) {
        const next = CONTINUATION.test(p) ? p.charAt(0).toLowerCase() + p.slice(1) : p;
        out[out.length - 1] = `${prev.replace(PAUSE, '')} ${next}`;
        continue;
      }
    }
    out.push(p);
  }
  return out;
}
