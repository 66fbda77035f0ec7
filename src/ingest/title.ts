/**
 * A document's title when it states none: its first sentence, cut short.
 * Its own module, without the NLP parser, so re-judging a title after a
 * banner is found does not load compromise's lexicon.
 */
const TITLE_MAX = 120;

/** The first sentence as a title, cut at a word boundary near TITLE_MAX characters. */
export function titleFrom(sentence: string): string {
  if (sentence.length <= TITLE_MAX) return sentence;
  const cut = sentence.slice(0, TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}
