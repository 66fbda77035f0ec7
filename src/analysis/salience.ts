/**
 * How much an event deserves a place under a limit: a plain weighted sum so
 * a ranking can be explained by reading this file. Which member sentence
 * speaks for the event is informativeness.ts's headlineScore.
 */
import type { DatePrecision } from '../core/model.js';
import { hasWeakOpener, isBareQuote, isFactLike, isSpeculative } from './sentence-kind.js';

export interface SalienceInput {
  /** Distinct documents reporting the event. */
  sourceCount: number;
  memberCount: number;
  /** Mean topic relevance (0..1) of those documents. */
  meanRelevance: number;
  hasAmounts: boolean;
  precision: DatePrecision;
  /** Distinct named entities (people, organisations). */
  entityCount: number;
  /** The representative text, judged for vagueness. */
  text: string;
  /** How informative and self-standing the representative is (informativeness.ts headlineScore). */
  headlineRank?: number;
  /** A member is its document's lede. */
  lede?: boolean;
}

/**
 * Corroboration counts most (several outlets reporting it), then relevance,
 * then specificity (amounts, a day, named actors) and how informative its
 * headline is (a lede, a concrete act); conjecture, bare quotes and lines
 * without a concrete fact are pushed down.
 */
export function salienceOf(x: SalienceInput): number {
  let s = 1.2 * Math.log(1 + x.sourceCount);
  s += 0.1 * Math.log(Math.max(1, x.memberCount));
  s += 0.8 * clamp01(x.meanRelevance);
  if (x.hasAmounts) s += 0.6;
  s += x.precision === 'day' ? 0.4 : x.precision === 'month' ? 0.2 : 0;
  s += Math.min(0.6, 0.15 * x.entityCount);
  s -= vagueness(x.text, x.hasAmounts ? 1 : 0);
  if (x.headlineRank !== undefined) s += 0.25 * Math.min(3, Math.max(-2, x.headlineRank));
  // What a writer put first is the news of the article, however hedged ("is considering plans to …").
  if (x.lede) s += 0.6;
  return Math.round(s * 10_000) / 10_000;
}

function vagueness(text: string, amountCount: number): number {
  let p = 0;
  if (isSpeculative(text)) p += 0.4;
  if (isBareQuote(text)) p += 0.4;
  if (hasWeakOpener(text)) p += 0.2;
  if (!isFactLike(text, amountCount)) p += 0.2;
  return p;
}

function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}
