/**
 * compromise's word lexicon (24,000 words with their tags) for naming people
 * and organisations. Unpacking it means loading all of compromise, about half
 * a second at every cold start; the unpacked lexicon is cached as JSON next
 * to the package (node_modules/.cache, keyed by compromise's version) so only
 * the first run, or the build, pays. The tokenizer itself is compromise/one.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface TagInfo {
  parents?: string[];
}

export interface Lexicon {
  words: Record<string, string | string[]>;
  tags: Record<string, TagInfo>;
}

interface World {
  model: { one: { lexicon: Lexicon['words']; tagSet: Lexicon['tags'] } };
}

const require = createRequire(import.meta.url);

/** The folder of the installed compromise package (its exports hide package.json). */
function compromiseDir(): string {
  let dir = path.dirname(require.resolve('compromise'));
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) !== 'compromise') {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('compromise is not installed: run npm install');
    dir = up;
  }
  return dir;
}

function cacheFile(): string {
  const dir = compromiseDir();
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return path.join(dir, '..', '.cache', 'briefing-bot', `compromise-lexicon-${version}.json`);
}

function readCache(file: string): Lexicon | null {
  try {
    const cached = JSON.parse(fs.readFileSync(file, 'utf8')) as Lexicon;
    return cached.words && cached.tags ? cached : null;
  } catch {
    return null;
  }
}

async function unpack(file: string): Promise<Lexicon> {
  const nlp = (await import('compromise')).default as unknown as { world(): World };
  const { lexicon, tagSet } = nlp.world().model.one;
  const tags: Lexicon['tags'] = {};
  for (const [name, info] of Object.entries(tagSet)) tags[name] = { parents: info.parents ?? [] };
  const result = { words: lexicon, tags };
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(result));
    fs.renameSync(tmp, file); // atomic: a concurrent reader sees the old file or the whole new one
  } catch {
    // A read-only install still works, at the slower start.
  }
  return result;
}

const file = cacheFile();
export const LEXICON: Lexicon = readCache(file) ?? (await unpack(file));
