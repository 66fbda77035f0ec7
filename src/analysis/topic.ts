/**
 * Does a text match what the user typed as a topic, and how well?
 *
 * - Case-insensitive and stemmed: "training" matches "train", "trained".
 * - Quoted phrases ("air defence") must appear exactly (as words, any case).
 * - Entity-aware: a topic naming a person or organisation matches any
 *   spelling that ends the same way ("Healey" ↔ "John Healey", "Mr Healey").
 * - Multi-word topics: every content word must match; from three content
 *   words on, one may be missing (typed queries are often over-specified).
 *
 * Score: 0 = no match; otherwise coverage (0..1] plus bonuses for an entity
 * match, an exact phrase match and repeated mentions (capped).
 */
import { isStopword, stem, words } from './text.js';

/** `textWords`: words(text), when the caller has them already (a summary tokenises each text once). */
export type TopicMatcher = (text: string, entities: string[], textWords?: string[]) => number;

interface ParsedTopic {
  phrases: string[][];
  terms: string[];
  /** All topic words in order (for whole-phrase and entity matching). */
  allWords: string[];
}

function parseTopic(topic: string): ParsedTopic {
  const phrases: string[][] = [];
  const rest = topic.replace(/["“”]([^"“”]+)["“”]/g, (_, p: string) => {
    const ws = words(p);
    if (ws.length) phrases.push(ws);
    return ' ';
  });
  const plain = words(rest).filter((w) => !w.includes('-'));
  const terms = [...new Set(plain.filter((w) => !isStopword(w) && w.length > 1).map(stem))];
  return { phrases, terms, allWords: words(topic).filter((w) => !w.includes('-')) };
}

/** `needle` occurs in `hay` as consecutive words. */
function containsRun(hay: string[], needle: string[]): number {
  if (needle.length === 0 || needle.length > hay.length) return 0;
  let n = 0;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    n++;
  }
  return n;
}

/** One name ends with the other at a word boundary: "john healey" / "healey". */
function namesAgree(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0 || short.every((w) => w.length < 3)) return false;
  for (let i = 0; i < short.length; i++) if (long[long.length - short.length + i] !== short[i]) return false;
  return true;
}

const TITLE_WORDS = new Set(['mr', 'mrs', 'ms', 'sir', 'dr', 'dame', 'lord', 'lady']);

export function topicMatcher(topic: string): TopicMatcher {
  const t = parseTopic(topic);
  if (t.terms.length === 0 && t.phrases.length === 0) return () => 0;
  const topicName = t.allWords.filter((w) => !TITLE_WORDS.has(w));
  const termSet = new Set(t.terms);

  return (text: string, entities: string[], textWords: string[] = words(text)): number => {
    for (const p of t.phrases) if (containsRun(textWords, p) === 0) return 0;

    // An entity of the sentence that is the topic (by name ending) satisfies the whole topic.
    const entityWords = entities.map((e) => words(e));
    const entityHit = entityWords.some((ws) => namesAgree(ws.filter((w) => !TITLE_WORDS.has(w) && !w.includes('-')), topicName));

    // Mentions of each topic term (the text's other words cannot change the score); an entity naming it counts once.
    const stems = new Map<string, number>();
    for (const w of textWords) {
      if (isStopword(w)) continue;
      const s = stem(w);
      if (termSet.has(s)) stems.set(s, (stems.get(s) ?? 0) + 1);
    }
    for (const ws of entityWords) {
      for (const w of ws) {
        const s = stem(w);
        if (termSet.has(s)) stems.set(s, Math.max(1, stems.get(s) ?? 0));
      }
    }

    let matched = 0;
    let occurrences = 0;
    for (const term of t.terms) {
      const n = stems.get(term) ?? 0;
      if (n > 0) {
        matched++;
        occurrences += n;
      }
    }
    const total = t.terms.length;
    const allowedMissing = total >= 3 ? 1 : 0;
    const coverage = total === 0 ? 1 : entityHit ? 1 : matched / total;
    if (!entityHit && total - matched > allowedMissing) return 0;

    let score = coverage;
    if (entityHit) score += 0.5;
    if (t.phrases.length) score += 0.5;
    if (total > 1 && containsRun(textWords, t.allWords) > 0) score += 0.5;
    score += Math.min(0.5, 0.1 * Math.max(0, occurrences - matched));
    return Math.round(score * 1000) / 1000;
  };
}
