/** Small presentation helpers shared by commands (platform-neutral). */
import type { TopicChange } from './engine.js';
import type { SourceRef } from './model.js';
import { count } from './plural.js';

/** The stable JSON `source` shape of docs/cli.md. */
export function toJsonSource(s: SourceRef): {
  id: string;
  title: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
} {
  return { id: s.id, title: s.title, outlet: s.outlet, published: s.published, url: s.url ?? null };
}

/** " from 2024-12-01 to 2024-12-31", " from 2024-12-01", "" … */
export function describeRange(from?: string, to?: string): string {
  if (from && to) return ` from ${from} to ${to}`;
  if (from) return ` from ${from}`;
  if (to) return ` up to ${to}`;
  return '';
}

/** The ingest report's line when the topic profile changed and every document was judged again. */
export function describeTopicChange(t: TopicChange): string {
  const why = t.previousHash ? `changed (${t.previousHash} → ${t.hash})` : `was not recorded in this database (now ${t.hash})`;
  const moved = t.nowOnTopic + t.nowOffTopic > 0 ? `${t.nowOnTopic} now on topic, ${t.nowOffTopic} now off topic; events rebuilt` : 'no verdict changed';
  return `Topic profile "${t.profile}" ${why}: ${count(t.rejudged, 'document')} judged again, ${moved}.`;
}
