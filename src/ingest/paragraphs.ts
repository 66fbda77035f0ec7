/**
 * Body text → paragraphs. Blank lines separate paragraphs when the text has
 * any (lines inside one are joined: hard-wrapped text). A text without blank
 * lines has one paragraph per line, except that a line continuing a sentence
 * (previous line without end punctuation, this one starting lower-case) is
 * joined to it.
 */
export function splitParagraphs(body: string): string[] {
  const text = body.replace(/\r\n?/g, '\n');
  const normalise = (p: string): string => p.replace(/\s+/g, ' ').trim();
  if (/\n[ \t]*\n/.test(text.trim())) {
    return text.split(/\n[ \t]*\n/).map(normalise).filter((p) => p !== '');
  }
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = normalise(raw);
    if (line === '') continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && !/[.!?:;"”’)\]]$/.test(prev) && /^[\p{Ll}(]/u.test(line)) {
      out[out.length - 1] = `${prev} ${line}`;
    } else {
      out.push(line);
    }
  }
  return out;
}
