/**
 * The engine the Discord tests run against: the real one (src/engine.ts, with
 * the digest's tables) over a temp copy of seeds/ plus our own fixture
 * articles (other outlets, dates and formats: front-matter Markdown, JSON,
 * HTML), ingested into a fresh SQLite file.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../../../src/app.js';
import type { CommandServices } from '../../../../src/core/command.js';
import type { Engine } from '../../../../src/core/engine.js';
import { openTestApp } from '../../../helpers/app.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'seeds');

export interface TestEngine {
  engine: Engine;
  /** What the adapter's commands run with (the app's). */
  services: CommandServices;
  app: App;
  close(): Promise<void>;
}

export async function openTestEngine(now = () => new Date('2025-03-15T12:00:00Z')): Promise<TestEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'discord-engine-'));
  const corpus = join(dir, 'corpus');
  cpSync(SEEDS, corpus, { recursive: true });
  cpSync(FIXTURES, corpus, { recursive: true });
  // Feeds are served on loopback in tests.
  const app = await openTestApp({ corpusDir: corpus, dbPath: join(dir, 'briefing.db'), now, feeds: { allowPrivate: true } });
  await app.engine.refresh();
  return {
    engine: app.engine,
    services: app.services,
    app,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
