/**
 * How much an event deserves a place under a limit, and which member sentence
 * should speak for it. Both are plain weighted sums so a ranking can be
 * explained by reading this file.
 */
import type { DatePrecision } from '../core/model.js';
import {
  hasWeakOpener,
  isBareQuote,
  isFactLike,
  isSpeculative,
  needsPreviousSentence,
} from './sentence-kind.js';
import { wordCount } from './text.js';

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
}

/**
 * Corroboration counts most (several outlets reporting it), then relevance,
 * then specificity (amounts, a day, named actors); conjecture, bare quotes and
 * lines without a concrete fact are pushed down.
 */
export function salienceOf(x: SalienceInput): number {
  let s = 1.2 * Math.log(1 + x.sourceCount);
  s += 0.1 * Math.log(Math.max(1, x.memberCount));
  s += 0.8 * clamp01(x.meanRelevance);
  if (x.hasAmounts) s += 0.6;
  s += x.precision === 'day' ? 0.4 : x.precision === 'month' ? 0.2 : 0;
  s += Math.min(0.6, 0.15 * x.entityCount);
  s -= vagueness(x.text, x.hasAmounts ? 1 : 0);
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

export interface RepresentativeInput {
  text: string;
  amountCount: number;
  entityCount: number;
  /** The sentence states its own date (not the publication day standing in). */
  statesDate: boolean;
  publishedStated: boolean;
}

/**
 * How well one member sentence speaks for its event: specific (amounts,
 * entities, its own date, a fact verb), complete (not a fragment, not a
 * continuation, not a bare quote) and readable (under ~300 characters).
 */
export function informativeness(x: RepresentativeInput): number {
  let s = 0;
  if (x.amountCount > 0) s += 1;
  s += Math.min(0.9, 0.3 * x.entityCount);
  if (x.statesDate) s += 0.3;
  if (isFactLike(x.text, x.amountCount)) s += 0.5;
  if (x.publishedStated) s += 0.2;
  const words = wordCount(x.text);
  if (words < 10) s -= 0.5;
  if (x.text.length > 300) s -= 1 + (x.text.length - 300) / 300;
  if (isBareQuote(x.text)) s -= 0.6;
  if (hasWeakOpener(x.text)) s -= 0.4;
  if (isSpeculative(x.text)) s -= 0.3;
  if (needsPreviousSentence(x.text)) s -= 1;
  return s;
}

function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}
