/**
 * The engine the Discord tests run against. `USE_REAL_ENGINE` is the one-line
 * switch between the real engine (src/engine.ts over a temp copy of seeds/
 * plus our fixture articles) and the hand-written fixture engine.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../../../src/core/engine.js';
import { FIXTURES, fixtureEngine } from './fixture-engine.js';

const USE_REAL_ENGINE = false;

export interface TestEngine {
  engine: Engine;
  close(): Promise<void>;
}

export async function openTestEngine(): Promise<TestEngine> {
  return USE_REAL_ENGINE ? realEngine() : { engine: fixtureEngine(), close: async () => {} };
}

async function realEngine(): Promise<TestEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'discord-engine-'));
  const corpus = join(dir, 'corpus');
  cpSync(join(import.meta.dirname, '..', '..', '..', '..', 'seeds'), corpus, { recursive: true });
  cpSync(FIXTURES, corpus, { recursive: true });
  const { createEngine } = await import('../../../../src/engine.js');
  const engine = await createEngine({ corpusDir: corpus, dbPath: join(dir, 'briefing.db'), now: () => new Date('2025-03-15T12:00:00Z') });
  await engine.refresh();
  return {
    engine,
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
