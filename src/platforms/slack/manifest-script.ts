/**
 * `npm run slack:manifest` — write slack/manifest.json from the command
 * definitions. `-- --check` only reports whether the file is up to date
 * (exit 1 when stale), for CI. `-- --host https://bot.example.org` prints the
 * manifest for that host to paste into Slack, leaving the checked-in file
 * (with its placeholder) alone.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { allCommands } from '../../../commands/index.js';
import { MANIFEST_PATH, hostProblem, renderManifest } from './manifest.js';

const USAGE = 'npm run slack:manifest [-- --host https://YOUR-HOST | -- --check]';

function fail(message: string): never {
  console.error(`slack:manifest: ${message} Usage: ${USAGE}`);
  process.exit(2);
}

function readFlags(): { host?: string; check: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: { host: { type: 'string' }, check: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    // Node's text names the flag but suggests `--` escapes that mean nothing here.
    const flag = /'(-[^']*)'/.exec((err as Error).message)?.[1];
    fail(flag ? `unknown option ${flag}.` : `${(err as Error).message.split('\n')[0]}.`);
  }
  if (parsed.positionals.length) fail(`unexpected argument "${parsed.positionals[0]}".`);
  const { host, check } = parsed.values;
  if (host !== undefined && check) fail('--host prints a manifest and --check checks the checked-in file: give one.');
  if (host !== undefined) {
    const problem = hostProblem(host);
    if (problem) fail(`${problem}.`);
  }
  return { host, check: Boolean(check) };
}

const flags = readFlags();
if (flags.host !== undefined) {
  process.stdout.write(renderManifest(allCommands(), flags.host));
  console.error(`Manifest for ${flags.host}: paste it at https://api.slack.com/apps → Create New App → From an app manifest.`);
} else {
  const text = renderManifest(allCommands());
  const current = await readFile(MANIFEST_PATH, 'utf8').catch(() => null);
  if (flags.check) {
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
}
