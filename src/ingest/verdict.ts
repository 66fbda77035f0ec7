/**
 * The text a relevance verdict is judged on: the title and the kept
 * sentences (banners and page furniture left out). When the first sentence
 * turned out to be a banner and had given the title, the title comes from
 * the first kept sentence instead. Ingest, re-judging after a topic change,
 * and `sources --explain` all judge this same text.
 */
import { titleFrom } from './title.js';

export interface StoredText {
  title: string;
  sentences: Array<{ text: string; boilerplate: boolean }>;
}

export function judgedText(doc: StoredText): { title: string; text: string } | null {
  const kept = doc.sentences.filter((s) => !s.boilerplate).map((s) => s.text);
  if (kept.length === 0) return null;
  const first = doc.sentences[0];
  const title = first?.boilerplate && doc.title === titleFrom(first.text) ? titleFrom(kept[0]!) : doc.title;
  return { title, text: `${title}\n${kept.join('\n')}` };
}
