/**
 * The engine the Discord tests run against: the real one (src/engine.ts, with
 * the digest's tables) over a temp copy of seeds/ plus our own fixture
 * articles (other outlets, dates and formats: front-matter Markdown, JSON,
 * HTML), ingested into a fresh SQLite file.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../../../src/core/engine.js';
import { digestMigrations } from '../../../../src/digest/schema.js';
import { createEngine } from '../../../../src/engine.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'seeds');

export interface TestEngine {
  engine: Engine;
  close(): Promise<void>;
}

export async function openTestEngine(now = () => new Date('2025-03-15T12:00:00Z')): Promise<TestEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'discord-engine-'));
  const corpus = join(dir, 'corpus');
  cpSync(SEEDS, corpus, { recursive: true });
  cpSync(FIXTURES, corpus, { recursive: true });
  const engine = await createEngine({ corpusDir: corpus, dbPath: join(dir, 'briefing.db'), now, migrations: digestMigrations });
  await engine.refresh();
  return {
    engine,
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
