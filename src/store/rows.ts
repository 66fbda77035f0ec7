/**
 * Rows of the corpus tables to domain objects, shared by the store backends:
 * the columns are the same on both; a flag is 1 on SQLite and true on
 * PostgreSQL.
 */
import type { AnalysisDoc, AnalysisSentence } from '../analysis/types.js';
import type { Event, StoredDocument } from '../core/model.js';

export type Row = Record<string, unknown>;

/** A boolean column as either backend returns it. */
export function isTrue(value: unknown): boolean {
  return value === 1 || value === true;
}

/** The document facts analysis needs, from a row with the documents table's columns. */
export function toDocFacts(r: Row, id: string): AnalysisDoc {
  return {
    id,
    title: r.title as string,
    outlet: (r.outlet as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    published: (r.published as string | null) ?? null,
    publishedFrom: r.published_from as StoredDocument['publishedFrom'],
    relevance: r.relevance as number,
    ingestedAt: r.ingested_at as string,
  };
}

export function toDocument(r: Row): StoredDocument {
  return {
    ...toDocFacts(r, r.id as string),
    path: r.path as string,
    format: r.format as StoredDocument['format'],
    contentHash: r.content_hash as string,
    relevant: isTrue(r.relevant),
    duplicateOf: (r.duplicate_of as string | null) ?? null,
  };
}

export function toAnalysisSentence(r: Row, docs: Map<string, AnalysisDoc>): AnalysisSentence {
  const docId = r.doc_id as string;
  let doc = docs.get(docId);
  if (!doc) {
    doc = toDocFacts(r, docId);
    docs.set(docId, doc);
  }
  return {
    docId: r.doc_id as string,
    index: r.idx as number,
    paragraph: r.paragraph as number,
    text: r.text as string,
    hash: r.hash as string,
    boilerplate: isTrue(r.boilerplate),
    dates: JSON.parse(r.dates as string),
    people: JSON.parse(r.people as string),
    organisations: JSON.parse(r.organisations as string),
    amounts: JSON.parse(r.amounts as string),
    doc,
  };
}

export function toEvent(r: Row): Event {
  return {
    id: r.id as string,
    date: r.date as string,
    precision: r.precision as Event['precision'],
    text: r.text as string,
    sourceIds: JSON.parse(r.source_ids as string),
    members: JSON.parse(r.members as string),
    entities: JSON.parse(r.entities as string),
    amounts: JSON.parse(r.amounts as string),
    salience: r.salience as number,
    firstSeen: r.first_seen as string,
  };
}
