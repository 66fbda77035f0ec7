/**
 * `npm run bench:flood [-- --bodies 3 --mb 300]`: what unsigned oversized
 * bodies do to a running bot. Starts `briefing serve` (a child process, Slack
 * and Discord configured against fakes on 127.0.0.1, the bundled seeds) and
 * sends `bodies` unsigned POSTs of `mb` MB each to /slack/events at once,
 * polling /health meanwhile; prints the child's RSS before, at its highest
 * during, and after, and the slowest /health answer.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeSlack } from '../test/platforms/slack/helpers/fake-slack.js';
import { SIGNING_SECRET } from '../test/platforms/slack/helpers/signed.js';
import { startFakeDiscord } from '../test/platforms/discord/helpers/fake-discord.js';
import { makeSigner } from '../test/platforms/discord/helpers/interactions.js';
import { startServe } from '../test/platforms/helpers/serve-child.js';
import { parseArgs, positiveInt } from './generate-corpus.js';

const MB = 1024 * 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function send(base: string, bytes: number): Promise<string> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let done = false;
    const finish = (what: string) => {
      if (!done) resolve(`${what} after ${Math.round(sent / MB)} MB sent`);
      done = true;
    };
    const req = http.request(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    req.on('response', (res) => {
      res.resume();
      finish(`HTTP ${res.statusCode}`);
    });
    req.on('error', (e) => finish(e.message));
    const pump = () => {
      while (sent < bytes && !done) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (sent >= bytes) req.end();
    };
    pump();
  });
}

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  const bodies = positiveInt(flags, 'bodies', 3);
  const mb = positiveInt(flags, 'mb', 300);
  const dir = mkdtempSync(path.join(tmpdir(), 'body-flood-'));
  cpSync(path.join(root, 'seeds'), path.join(dir, 'corpus'), { recursive: true });
  const slack = await startFakeSlack();
  const discord = await startFakeDiscord();
  const serve = await startServe({
    corpus: path.join(dir, 'corpus'),
    db: path.join(dir, 'briefing.db'),
    slackApiUrl: slack.apiUrl,
    slackSigningSecret: SIGNING_SECRET,
    discordPublicKey: makeSigner().publicKeyHex,
    discordApiUrl: discord.api,
    nodeArgs: ['--max-semi-space-size=4'],
  });
  try {
    await new Promise((r) => setTimeout(r, 1_000));
    const before = serve.rss();
    let highest = before;
    let slowestHealth = 0;
    let checks = 0;
    let flooding = true;
    const watch = (async () => {
      while (flooding) {
        const t = performance.now();
        await (await fetch(`${serve.base}/health`)).text();
        slowestHealth = Math.max(slowestHealth, performance.now() - t);
        checks += 1;
        highest = Math.max(highest, serve.rss());
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const t = performance.now();
    const outcomes = await Promise.all(Array.from({ length: bodies }, () => send(serve.base, mb * MB)));
    const floodMs = performance.now() - t;
    await new Promise((r) => setTimeout(r, 2_000));
    flooding = false;
    await watch;
    const after = serve.rss();
    const status = readFileSync(`/proc/${serve.child.pid}/status`, 'utf8');
    const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
    process.stdout.write(
      [
        `${bodies} unsigned POSTs of ${mb} MB to /slack/events at once: ${outcomes.join('; ')} (${Math.round(floodMs)} ms)`,
        `RSS before ${Math.round(before / MB)} MB, highest seen ${Math.round(highest / MB)} MB (VmHWM ${Math.round(hwm)} MB), after ${Math.round(after / MB)} MB (${after - before >= 0 ? '+' : ''}${Math.round((after - before) / MB)} MB)`,
        `/health: ${checks} checks during the flood, slowest ${Math.round(slowestHealth)} ms`,
      ].join('\n') + '\n',
    );
  } finally {
    await serve.stop();
    await slack.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench:flood: ${err.message}\n`);
  process.exit(1);
});
