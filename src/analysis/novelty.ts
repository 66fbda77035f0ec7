/**
 * Is an event news to a channel that was already told some items? All
 * thresholds are here, and `explainNovelty` says which rule decided.
 *
 * A candidate REPEATS a known item when their dates are compatible (equal,
 * ±1 day, or one containing the other) and the candidate brings no amount the
 * item lacks, and one of:
 *   - same words: text similarity ≥ 0.6 (reworded or reprinted);
 *   - same amounts: candidate has amounts, all known, and the texts share a
 *     named entity or similarity ≥ 0.25 ("UK pledges £225 million package" vs
 *     "Britain unveils £225m support package");
 *   - same actors: no amounts, a shared named entity and similarity ≥ 0.45.
 * The very same amounts within a week (sameAmountsWindowDays) with similar
 * words repeat too: an undated report is dated by its publication day.
 * Anything else is new: a new amount ("… includes £92 million for the navy"),
 * a new date, or a new actor/action about a known story.
 */
import type { Amount, Event } from '../core/model.js';
import { amountKeys, newAmounts } from './amounts.js';
import { datesCompatible, daysApart, isPartialDate } from '../core/partial-date.js';
import { contentStemSet, entityKeys, setCosine } from './text.js';

export interface KnownItem {
  text: string;
  entities: string[];
  amounts: Amount[];
  date: string;
}

export const NOVELTY = {
  sameWords: 0.6,
  sameAmounts: 0.25,
  sameActors: 0.45,
  sameAmountsWindowDays: 7,
};

/**
 * Similarity of two texts, 0..1: cosine of their stemmed content-word sets
 * (stopwords and reporting verbs ignored, "Britain"/"UK" folded).
 */
export function similarity(a: string, b: string): number {
  return setCosine(contentStemSet(a), contentStemSet(b));
}

export interface NoveltyVerdict {
  isNew: boolean;
  /** One line a person can check: which known item and rule, or why it is new. */
  reason: string;
}

export function explainNovelty(candidate: Event, known: KnownItem[]): NoveltyVerdict {
  const stems = contentStemSet(candidate.text);
  const ents = entityKeys(candidate.entities);
  const candAmounts = amountKeys(candidate.amounts);
  const spelled = candidate.amounts.map((a) => a.text).join(', ');

  for (const k of known) {
    const compatible = !isPartialDate(k.date) || datesCompatible(candidate.date, k.date);
    // A report that names no date is dated by its publication day, often days after the
    // news: the very same amounts within a week are the same news all the same.
    const sameAmountsThatWeek =
      candAmounts.length > 0 &&
      amountKeys(k.amounts).length === candAmounts.length &&
      (daysApart(candidate.date, k.date) ?? Infinity) <= NOVELTY.sameAmountsWindowDays;
    if (!compatible && !sameAmountsThatWeek) continue;
    if (newAmounts(candidate.amounts, k.amounts).length > 0) continue;
    const sim = setCosine(stems, contentStemSet(k.text));
    const quoted = `"${clip(k.text)}"`;
    if (!compatible) {
      if (sim >= NOVELTY.sameAmounts) return { isNew: false, reason: `same amount(s) ${spelled} as ${quoted}, days apart` };
      continue;
    }
    if (sim >= NOVELTY.sameWords) return { isNew: false, reason: `repeats ${quoted} (similarity ${sim.toFixed(2)})` };
    let sharedEntity = false;
    for (const e of entityKeys(k.entities)) if (ents.has(e)) sharedEntity = true;
    if (candAmounts.length > 0 && (sharedEntity || sim >= NOVELTY.sameAmounts)) {
      return { isNew: false, reason: `same amount(s) ${spelled} as ${quoted}` };
    }
    if (candAmounts.length === 0 && sharedEntity && sim >= NOVELTY.sameActors) {
      return { isNew: false, reason: `same actors and similar words as ${quoted} (similarity ${sim.toFixed(2)})` };
    }
  }
  const fresh = candAmounts.length ? ` with amount(s) ${spelled}` : '';
  return { isNew: true, reason: `no earlier item on ${candidate.date}${fresh} says this` };
}

export function isNewToChannel(candidate: Event, known: KnownItem[]): boolean {
  return explainNovelty(candidate, known).isNew;
}

/** What a channel remembers of an event it was told. */
export function knownItemOf(e: Pick<Event, 'text' | 'entities' | 'amounts' | 'date'>): KnownItem {
  return { text: e.text, entities: [...e.entities], amounts: [...e.amounts], date: e.date };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
