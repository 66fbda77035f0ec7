/**
 * Builders for AnalysisSentence fixtures: what ingest would store for a
 * sentence (its dates resolved, entities and amounts extracted), written out
 * by hand so these tests do not depend on the ingest parser.
 */
import type { Amount, DateMention, DatePrecision, PublishedFrom } from '../../src/core/model.js';
import type { AnalysisDoc, AnalysisSentence } from '../../src/analysis/types.js';

export function doc(
  id: string,
  published: string | null,
  opts: { from?: PublishedFrom; outlet?: string; relevance?: number; ingestedAt?: string; title?: string } = {},
): AnalysisDoc {
  return {
    id,
    title: opts.title ?? `Article ${id}`,
    outlet: opts.outlet ?? null,
    url: null,
    published,
    publishedFrom: opts.from ?? (published ? 'stated' : 'unknown'),
    relevance: opts.relevance ?? 0.9,
    ingestedAt: opts.ingestedAt ?? '2025-01-20T08:00:00.000Z',
  };
}

export interface SentenceFacts {
  dates?: Array<[text: string, date: string]>;
  people?: string[];
  orgs?: string[];
  amounts?: Array<[text: string, currency: string, value: number]>;
  boilerplate?: boolean;
  index?: number;
}

function precision(date: string): DatePrecision {
  return date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year';
}

/** Sentences of one document, indexed in order unless an index is given. */
export function sentences(d: AnalysisDoc, items: Array<[text: string, facts?: SentenceFacts]>): AnalysisSentence[] {
  return items.map(([text, f = {}], i) => {
    const dates: DateMention[] = (f.dates ?? []).map(([t, date]) => ({ text: t, date, precision: precision(date) }));
    const amounts: Amount[] = (f.amounts ?? []).map(([t, currency, value]) => ({ text: t, currency, value }));
    return {
      docId: d.id,
      index: f.index ?? i,
      paragraph: f.index ?? i,
      text,
      dates,
      people: f.people ?? [],
      organisations: f.orgs ?? [],
      amounts,
      hash: `${d.id}:${f.index ?? i}`,
      boilerplate: f.boilerplate ?? false,
      doc: d,
    };
  });
}

/** Deterministic shuffle (seeded LCG) so "shuffled input" tests are reproducible. */
export function shuffled<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
