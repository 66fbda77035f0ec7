/**
 * Tests start the bot as serve and the CLI do: through createApp
 * (src/app.ts), on a configuration with the defaults a bare environment
 * gives, the corpus and database the test made, and its clock.
 */
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import type { BriefingEngine } from '../../src/engine.js';

export interface TestAppOptions extends AppOptions {
  corpusDir: string;
  dbPath: string;
  /** Configuration beyond the defaults (topicFile, feeds, digest schedule…). */
  config?: Partial<AppConfig>;
}

/** The configuration an empty environment gives, with these paths, quiet logs and no colour. */
export function testConfig(corpusDir: string, dbPath: string, extra: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({}, { corpus: corpusDir, db: dbPath }), logLevel: 'silent', color: false, ...extra };
}

export function openTestApp(options: TestAppOptions): Promise<App> {
  const { corpusDir, dbPath, config, ...appOptions } = options;
  return createApp(testConfig(corpusDir, dbPath, config), appOptions);
}

/** The app's writer engine alone, for tests of ingest and queries (closing it closes the database). */
export async function openTestWriter(options: {
  corpusDir: string;
  dbPath: string;
  topicFile?: string;
  parseThreads?: number;
  now?: () => Date;
}): Promise<BriefingEngine> {
  const { corpusDir, dbPath, topicFile, parseThreads, now } = options;
  const app = await openTestApp({ corpusDir, dbPath, now, config: { topicFile, parseThreads } });
  return app.writer;
}
