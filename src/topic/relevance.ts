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

/** Weighted hits of a facet in `text`, and how often each of its terms matched. */
function facetHits(c: CompiledFacet, text: string): { hits: number; terms: Map<string, number> } {
  let hits = 0;
  const terms = new Map<string, number>();
  c.pattern.lastIndex = 0;
  for (const m of text.matchAll(c.pattern)) {
    const word = m[0].toLowerCase().replace(/\s+/g, ' ');
    const exactWeight = c.exact.get(word);
    const prefix = exactWeight === undefined ? c.prefixes.find(([stem]) => word.startsWith(stem)) : undefined;
    const weight = exactWeight ?? prefix?.[1];
    if (weight === undefined) continue;
    hits += weight;
    const term = exactWeight !== undefined ? word : `${prefix![0]}*`;
    terms.set(term, (terms.get(term) ?? 0) + 1);
  }
  return { hits, terms };
}

/** A text this long (words) needs a facet's full saturation; shorter briefs need fewer hits. */
const FULL_LENGTH_WORDS = 150;
const MIN_LENGTH_FACTOR = 1 / 3;

/** One facet's part in a verdict: what matched, how present it is, what it adds to the score. */
export interface FacetExplanation {
  name: string;
  weight: number;
  required: boolean;
  /** Weighted hits (the sum of the matched terms' weights). */
  hits: number;
  /** Term (as written in the profile) → occurrences. */
  terms: Record<string, number>;
  /** 0..1: 1 - e^(-hits / (saturation × length factor)). */
  presence: number;
  /** Signed share of the score: weight × presence / total positive weight. */
  contribution: number;
}

export interface RelevanceExplanation extends RelevanceResult {
  threshold: number;
  words: number;
  lengthFactor: number;
  /** Required facets with no hit: the document is off topic whatever its score. */
  missingRequired: string[];
  facetDetails: FacetExplanation[];
}

/** A text this long is scored; the explanation lists every facet's share. */
export function explainRelevance(text: string, profile: TopicProfile): RelevanceExplanation {
  // A three-sentence brief mentions its subject fewer times than a long feature.
  const words = text.split(/\s+/).filter(Boolean).length;
  const lengthFactor = Math.min(1, Math.max(MIN_LENGTH_FACTOR, words / FULL_LENGTH_WORDS));
  const positiveWeight = profile.facets.reduce((sum, f) => sum + Math.max(0, f.weight), 0);
  const facets: Record<string, number> = {};
  const facetDetails: FacetExplanation[] = [];
  let raw = 0;
  for (const c of compile(profile)) {
    const { hits, terms } = facetHits(c, text);
    facets[c.facet.name] = hits;
    const presence = 1 - Math.exp(-hits / (c.facet.saturation * lengthFactor));
    const contribution = positiveWeight > 0 ? (c.facet.weight * presence) / positiveWeight : 0;
    raw += contribution;
    facetDetails.push({
      name: c.facet.name,
      weight: c.facet.weight,
      required: c.facet.required,
      hits: Math.round(hits * 1000) / 1000,
      terms: Object.fromEntries(terms),
      presence: Math.round(presence * 1000) / 1000,
      contribution: Math.round(contribution * 1000) / 1000,
    });
  }
  const relevance = Math.round(Math.min(1, Math.max(0, raw)) * 1000) / 1000;
  const missingRequired = facetDetails.filter((f) => f.required && f.hits === 0).map((f) => f.name);
  return {
    relevance,
    relevant: missingRequired.length === 0 && relevance >= profile.threshold,
    facets,
    threshold: profile.threshold,
    words,
    lengthFactor: Math.round(lengthFactor * 1000) / 1000,
    missingRequired,
    facetDetails,
  };
}

export function scoreRelevance(text: string, profile: TopicProfile): RelevanceResult {
  const { relevance, relevant, facets } = explainRelevance(text, profile);
  return { relevance, relevant, facets };
}
