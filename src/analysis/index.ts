/** The analysis core: pure functions from stored sentences to events, summaries and novelty. */
export type { AnalysisDoc, AnalysisSentence } from './types.js';
export { buildEvents, assignToEvents, eventCandidateDate, eventId } from './events.js';
export { eventDateOf, type EventDate } from './event-date.js';
export { topicMatcher, type TopicMatcher } from './topic.js';
export { summarize, DEFAULT_SUMMARY_SENTENCES, type SummaryItem, type SummaryOptions } from './summary.js';
export {
  isNewToChannel,
  explainNovelty,
  knownItemOf,
  similarity,
  NOVELTY,
  type KnownItem,
  type NoveltyVerdict,
} from './novelty.js';
export { salienceOf } from './salience.js';
