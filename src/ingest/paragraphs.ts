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
 */
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

function continuesInBlock(prev: string, line: string): boolean {
  if (!STARTS_SENTENCE.test(line)) return true;
  return !ENDS_SENTENCE.test(prev) && prev.length >= MAX_HEADING_CHARS;
}

export function splitParagraphs(body: string): string[] {
  const text = body.replace(/\r\n?/g, '\n');
  if (/\n[ \t]*\n/.test(text.trim())) {
    return text
      .split(/\n[ \t]*\n/)
      .flatMap((block) => joinLines(block.split('\n'), continuesInBlock));
  }
  return joinLines(text.split('\n'), (prev, line) => !ENDS_SENTENCE.test(prev) && STARTS_LOWER.test(line));
}
