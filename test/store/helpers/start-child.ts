/**
 * A process starting the bot as `serve` and the CLI do (open the database,
 * migrate, ingest), held at the starting line until the test creates the
 * `go` file, so that several start within milliseconds of each other.
 * Prints "ok" with the corpus's document count, or the line it failed with.
 */
import fs from 'node:fs';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';

const [corpusDir, dbPath, go] = process.argv.slice(2) as [string, string, string];
while (!fs.existsSync(go)) await new Promise((r) => setTimeout(r, 2));
try {
  const app = await createApp({ ...loadConfig({}, { corpus: corpusDir, db: dbPath }), logLevel: 'silent' });
  await app.engine.refresh();
  const stats = await app.engine.stats();
  await app.close();
  process.stdout.write(`ok ${stats.documents}\n`);
} catch (err) {
  process.stdout.write(`failed: ${(err as Error).message.split('\n')[0]}\n`);
  process.exitCode = 1;
}
