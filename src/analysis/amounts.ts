/**
 * Comparing money amounts. Outlets round and spell amounts differently
 * ("£225m", "225 million pounds"); ingest normalises them to a value, and here
 * two amounts are the same when currency and value agree to three significant
 * figures. Different amounts are different facts: never merged, always news.
 */
import type { Amount } from '../core/model.js';

export function amountKey(a: Amount): string {
  const value = Number.isFinite(a.value) && a.value > 0 ? a.value.toPrecision(3) : String(a.value);
  return `${a.currency.toUpperCase()}:${value}`;
}

/** Sorted, de-duplicated keys of a list of amounts. */
export function amountKeys(amounts: Amount[]): string[] {
  return [...new Set(amounts.map(amountKey))].sort();
}

export function sameAmountSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** Amounts in `candidate` that `known` does not contain. */
export function newAmounts(candidate: Amount[], known: Iterable<Amount>): Amount[] {
  const knownKeys = new Set<string>();
  for (const k of known) knownKeys.add(amountKey(k));
  const seen = new Set<string>();
  return candidate.filter((a) => {
    const key = amountKey(a);
    if (knownKeys.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Union of amounts, first spelling of each kept. */
export function mergeAmounts(lists: Amount[][]): Amount[] {
  const out = new Map<string, Amount>();
  for (const list of lists) for (const a of list) if (!out.has(amountKey(a))) out.set(amountKey(a), a);
  return [...out.values()];
}
