/** Temp corpora and databases for tests: seeds copied, own articles written. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds', import.meta.url));

export interface TempCorpus {
  dir: string;
  corpusDir: string;
  dbPath: string;
  write(relPath: string, content: string | Buffer): string;
  remove(relPath: string): void;
  cleanup(): void;
}

export function tempCorpus(options: { seeds?: boolean } = {}): TempCorpus {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-test-'));
  const corpusDir = path.join(dir, 'corpus');
  fs.mkdirSync(corpusDir);
  if (options.seeds) {
    for (const f of fs.readdirSync(SEEDS_DIR)) fs.copyFileSync(path.join(SEEDS_DIR, f), path.join(corpusDir, f));
  }
  return {
    dir,
    corpusDir,
    dbPath: path.join(dir, 'briefing.db'),
    write(relPath, content) {
      const full = path.join(corpusDir, relPath);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
      return full;
    },
    remove(relPath) {
      fs.rmSync(path.join(corpusDir, relPath));
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
