/**
 * The load phase of the benchmark: the real `briefing serve` (a child
 * process, as `npm start` runs it) on the benchmark's database, with Slack
 * and Discord both configured against fake APIs on 127.0.0.1. `concurrency`
 * signed slash commands (timeline, summary, search in turn) are sent at once
 * to each platform's endpoint while `/health` is polled; it measures how
 * long each ack took (Slack's HTTP 200; Discord's deferred response), how
 * long /health took meanwhile, and when each answer arrived (or whether it
 * was the "busy, try again" reply).
 */
import { startFakeSlack } from '../../test/platforms/slack/helpers/fake-slack.js';
import { postSigned, SIGNING_SECRET, slashCommandBody } from '../../test/platforms/slack/helpers/signed.js';
import { startFakeDiscord } from '../../test/platforms/discord/helpers/fake-discord.js';
import { APP_ID, makeSigner, slashCommand, str } from '../../test/platforms/discord/helpers/interactions.js';
import { startServe, type ServeChild } from '../../test/platforms/helpers/serve-child.js';
import { percentile } from './stats.js';

export interface Spread {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  count: number;
}

export interface PlatformLoad {
  commands: number;
  ack: Spread;
  acksWithin3s: number;
  health: Spread;
  answered: number;
  busy: number;
  answer: Spread;
}

export interface LoadResults {
  concurrency: number;
  slack: PlatformLoad;
  discord: PlatformLoad;
}

const round = (n: number) => Math.round(n);

function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0), count: sorted.length };
}

/** Poll /health until `stop` resolves; latency of each check. */
async function pollHealth(base: string, stop: Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  let done = false;
  void stop.then(() => (done = true));
  while (!done) {
    const t = performance.now();
    const res = await fetch(`${base}/health`);
    await res.text();
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}

const COMMANDS = ['timeline', 'summary', 'search'] as const;

export async function measureLoad(opts: {
  corpusDir: string;
  dbPath: string;
  concurrency: number;
  topics: string[];
  log: (line: string) => void;
}): Promise<LoadResults> {
  const slackFake = await startFakeSlack();
  const discordFake = await startFakeDiscord();
  const signer = makeSigner();
  let serve: ServeChild | undefined;
  try {
    serve = await startServe({
      corpus: opts.corpusDir,
      db: opts.dbPath,
      slackApiUrl: slackFake.apiUrl,
      slackSigningSecret: SIGNING_SECRET,
      discordPublicKey: signer.publicKeyHex,
      discordApiUrl: discordFake.api,
      nodeArgs: ['--max-semi-space-size=4', ...(process.env.BENCH_SERVE_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVE_PROFILE}`] : [])],
      env: { LOG_LEVEL: 'info' },
    });
    const base = serve.base;
    const topic = (i: number) => opts.topics[i % opts.topics.length]!;

    const slackCommand = (run: string) => async (i: number) => {
      const id = `${run}-${i}`;
      const command = COMMANDS[i % COMMANDS.length]!;
      const body = slashCommandBody({ command: slackName(command), text: topic(i), responseUrl: slackFake.responseUrl(id) });
      const t = performance.now();
      const res = await postSigned(`${base}/slack/events`, body);
      await res.text();
      const ackMs = performance.now() - t;
      if (res.status !== 200) throw new Error(`Slack ack answered ${res.status}`);
      const post = await slackFake.waitForResponse(id);
      return { ackMs, answerMs: performance.now() - t, busy: JSON.stringify(post.body).includes('busy') };
    };
    const discordCommand = async (i: number) => {
      const command = COMMANDS[i % COMMANDS.length]!;
      const interaction = slashCommand(command, [str(command === 'search' ? 'query' : 'topic', topic(i))]);
      const body = JSON.stringify(interaction);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const t = performance.now();
      const res = await fetch(`${base}/discord/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature-ed25519': signer.sign(timestamp, body), 'x-signature-timestamp': timestamp },
        body,
      });
      await res.text();
      const ackMs = performance.now() - t;
      if (res.status !== 200) throw new Error(`Discord ack answered ${res.status}`);
      const answer = await discordFake.waitFor((r) => r.path.startsWith(`/webhooks/${APP_ID}/${interaction.token}`) && r.method !== 'DELETE');
      return { ackMs, answerMs: performance.now() - t, busy: JSON.stringify(answer.body).includes('busy') };
    };

    // A smaller burst on each platform first, as a bot that has been running has had: its
    // connections, compiled code and the threads' document caches are warm.
    const warm = Math.min(20, opts.concurrency);
    await burst(base, warm, slackCommand('warm'));
    await burst(base, warm, discordCommand);

    opts.log(`  ${opts.concurrency} concurrent Slack commands…`);
    const slack = await burst(base, opts.concurrency, slackCommand('load'));
    opts.log(`  ${opts.concurrency} concurrent Discord commands…`);
    const discord = await burst(base, opts.concurrency, discordCommand);
    return { concurrency: opts.concurrency, slack, discord };
  } finally {
    await serve?.stop();
    await slackFake.close();
    await discordFake.close();
  }
}

function slackName(command: (typeof COMMANDS)[number]): string {
  return command === 'search' ? '/briefing-search' : `/${command}`;
}

async function burst(
  base: string,
  n: number,
  one: (i: number) => Promise<{ ackMs: number; answerMs: number; busy: boolean }>,
): Promise<PlatformLoad> {
  const all = Promise.all(Array.from({ length: n }, (_, i) => one(i)));
  const [runs, health] = await Promise.all([all, pollHealth(base, all.catch(() => undefined))]);
  const acks = runs.map((r) => r.ackMs);
  return {
    commands: n,
    ack: spread(acks),
    acksWithin3s: acks.filter((ms) => ms < 3_000).length,
    health: spread(health),
    answered: runs.filter((r) => !r.busy).length,
    busy: runs.filter((r) => r.busy).length,
    answer: spread(runs.map((r) => r.answerMs)),
  };
}
