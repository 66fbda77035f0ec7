/**
 * What the analysis functions receive: a stored sentence plus the facts of its
 * document that analysis needs (dates, outlet, relevance, ingest time).
 */
import type { StoredDocument, StoredSentence } from '../core/model.js';

export type AnalysisDoc = Pick<
  StoredDocument,
  'id' | 'title' | 'outlet' | 'url' | 'published' | 'publishedFrom' | 'relevance' | 'ingestedAt'
>;

export interface AnalysisSentence extends StoredSentence {
  doc: AnalysisDoc;
}
