/**
 * OPML (the file feed readers export their subscriptions in) → the feed
 * URLs it lists, at any depth of folders. Parsed with feedsmith, which
 * never expands entities a DOCTYPE declares.
 */
import fs from 'node:fs';
import { parseOpml } from 'feedsmith';

export interface OpmlFeed {
  url: string;
  title: string | null;
}

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  outlines?: Outline[];
}

export class OpmlError extends Error {
  override name = 'OpmlError';
}

export function feedsInOpml(text: string): OpmlFeed[] {
  let parsed: { body?: { outlines?: Outline[] } };
  try {
    parsed = parseOpml(text.replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/i, '')) as typeof parsed;
  } catch (err) {
    throw new OpmlError(`not an OPML file (${(err as Error).message.split('\n')[0]}): export the feed list from a feed reader as OPML`);
  }
  const out: OpmlFeed[] = [];
  const seen = new Set<string>();
  const visit = (outlines: Outline[] | undefined) => {
    for (const o of outlines ?? []) {
      const url = o.xmlUrl?.trim();
      if (url && !seen.has(url)) {
        seen.add(url);
        out.push({ url, title: o.title?.trim() || o.text?.trim() || null });
      }
      visit(o.outlines);
    }
  };
  visit(parsed.body?.outlines);
  return out;
}

export function readOpmlFile(file: string): OpmlFeed[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new OpmlError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): check the path`);
  }
  return feedsInOpml(text);
}
