/** Small presentation helpers shared by commands (platform-neutral). */
import type { SourceRef } from './model.js';

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
