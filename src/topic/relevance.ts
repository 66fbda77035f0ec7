/**
 * Relevance of a text to a topic profile: each facet's weighted term hits
 * saturate (1 - e^(-hits/saturation)), positive facets average by weight,
 * distractor facets (negative weight) subtract. See profile.ts for the data.
 */
import type { TopicFacet, TopicProfile } from './profile.js';

export interface RelevanceResult {
  /** 0..1, rounded to 3 decimals. */
  relevance: number;
  relevant: boolean;
  /** Weighted hits per facet name (for explaining a verdict). */
  facets: Record<string, number>;
}

interface CompiledFacet {
  facet: TopicFacet;
  pattern: RegExp;
  exact: Map<string, number>;
  prefixes: Array<[string, number]>;
}

const compiled = new WeakMap<TopicProfile, CompiledFacet[]>();

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileFacet(facet: TopicFacet): CompiledFacet {
  const exact = new Map<string, number>();
  const prefixes: Array<[string, number]> = [];
  const alternatives: string[] = [];
  // Longest first so "military aid" wins over "aid" at the same position.
  const terms = Object.entries(facet.terms).sort((a, b) => b[0].length - a[0].length);
  for (const [rawTerm, weight] of terms) {
    const term = rawTerm.trim().toLowerCase().replace(/\s+/g, ' ');
    const isPrefix = term.endsWith('*');
    const stem = isPrefix ? term.slice(0, -1) : term;
    const body = stem.split(' ').map(escapeRegex).join('\\s+');
    alternatives.push(isPrefix ? `${body}[\\p{L}\\p{N}]*` : body);
    if (isPrefix) prefixes.push([stem, weight]);
    else exact.set(stem, weight);
  }
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return { facet, pattern, exact, prefixes };
}

function compile(profile: TopicProfile): CompiledFacet[] {
  let facets = compiled.get(profile);
  if (!facets) {
    facets = profile.facets.map(compileFacet);
    compiled.set(profile, facets);
  }
  return facets;
}

function facetHits(c: CompiledFacet, text: string): number {
  let hits = 0;
  c.pattern.lastIndex = 0;
  for (const m of text.matchAll(c.pattern)) {
    const word = m[0].toLowerCase().replace(/\s+/g, ' ');
    const exactWeight = c.exact.get(word);
    if (exactWeight !== undefined) {
      hits += exactWeight;
      continue;
    }
    const prefix = c.prefixes.find(([stem]) => word.startsWith(stem));
    if (prefix) hits += prefix[1];
  }
  return hits;
}

/** A text this long (words) needs a facet's full saturation; shorter briefs need fewer hits. */
const FULL_LENGTH_WORDS = 150;
const MIN_LENGTH_FACTOR = 1 / 3;

export function scoreRelevance(text: string, profile: TopicProfile): RelevanceResult {
  // A three-sentence brief mentions its subject fewer times than a long feature.
  const words = text.split(/\s+/).filter(Boolean).length;
  const lengthFactor = Math.min(1, Math.max(MIN_LENGTH_FACTOR, words / FULL_LENGTH_WORDS));
  const facets: Record<string, number> = {};
  let positiveWeight = 0;
  let positive = 0;
  let negative = 0;
  let requiredMissing = false;
  for (const c of compile(profile)) {
    const hits = facetHits(c, text);
    facets[c.facet.name] = hits;
    const presence = 1 - Math.exp(-hits / (c.facet.saturation * lengthFactor));
    if (c.facet.weight > 0) {
      positiveWeight += c.facet.weight;
      positive += c.facet.weight * presence;
    } else {
      negative += -c.facet.weight * presence;
    }
    if (c.facet.required && hits === 0) requiredMissing = true;
  }
  const raw = positiveWeight > 0 ? (positive - negative) / positiveWeight : 0;
  const relevance = Math.round(Math.min(1, Math.max(0, raw)) * 1000) / 1000;
  return { relevance, relevant: !requiredMissing && relevance >= profile.threshold, facets };
}
