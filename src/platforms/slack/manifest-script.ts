/**
 * `npm run slack:manifest` — write slack/manifest.json from the command
 * definitions. `-- --check` only reports whether the file is up to date
 * (exit 1 when stale), for CI.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { allCommands } from '../../../commands/index.js';
import { MANIFEST_PATH, renderManifest } from './manifest.js';

const text = renderManifest(allCommands());
const current = await readFile(MANIFEST_PATH, 'utf8').catch(() => null);

if (process.argv.includes('--check')) {
  if (current === text) {
    console.log(`${MANIFEST_PATH} is up to date.`);
  } else {
    console.error(`${MANIFEST_PATH} is stale: run npm run slack:manifest and commit it.`);
    process.exitCode = 1;
  }
} else if (current === text) {
  console.log(`${MANIFEST_PATH} is already up to date.`);
} else {
  await mkdir(dirname(MANIFEST_PATH), { recursive: true });
  await writeFile(MANIFEST_PATH, text);
  console.log(`Wrote ${MANIFEST_PATH}: create or update the Slack app from it (see docs/connect-slack.md).`);
}
