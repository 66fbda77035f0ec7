/**
 * Two `briefing serve` instances on one PostgreSQL database, as behind a
 * load balancer: either answers a command with the same answer; a digest
 * slot both schedule is posted once; the corpus is ingested and watched by
 * one of them, and when that one is killed (-9) the other takes the corpus
 * over within a minute and ingests what arrives meanwhile.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';
import { makeSigner } from '../platforms/discord/helpers/interactions.js';
import { startFakeDiscord, type FakeDiscord } from '../platforms/discord/helpers/fake-discord.js';
import { startServe, type ServeChild } from '../platforms/helpers/serve-child.js';
import { startFakeSlack, type FakeSlack } from '../platforms/slack/helpers/fake-slack.js';
import { postSigned, SIGNING_SECRET, slashCommandBody } from '../platforms/slack/helpers/signed.js';

const until = async (what: string, check: () => Promise<boolean> | boolean, ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describePostgres('two instances on one PostgreSQL database', () => {
  const database = useDatabase('briefing_multi');
  let root: string;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let sql: pg.Pool;
  const instances: ServeChild[] = [];

  // A daily digest due two minutes from now (UTC), so both instances' cron fires for it.
  const due = new Date(Date.now() + 2 * 60_000);
  const cron = `${due.getUTCMinutes()} ${due.getUTCHours()} * * *`;

  const serve = async () => {
    const child = await startServe({
      corpus: join(root, 'corpus'),
      databaseUrl: database.url,
      slackApiUrl: slack.apiUrl,
      slackSigningSecret: SIGNING_SECRET,
      discordPublicKey: makeSigner().publicKeyHex,
      discordApiUrl: discord.api,
      env: { BRIEFING_DIGEST_CHANNELS: 'slack:C0DIGEST', BRIEFING_DIGEST_CRON: cron, BRIEFING_TZ: 'UTC' },
    });
    instances.push(child);
    return child;
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'multi-instance-'));
    cpSync(join(ROOT, 'seeds'), join(root, 'corpus'), { recursive: true });
    slack = await startFakeSlack();
    discord = await startFakeDiscord();
    sql = new pg.Pool({ connectionString: database.url, max: 2 });
  });

  afterAll(async () => {
    for (const c of instances) await c.stop();
    await sql?.end();
    await slack?.close();
    await discord?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const corpusKeeper = async () =>
    (await sql.query<{ holder: string }>("SELECT holder FROM leases WHERE name = 'corpus' AND expires_at > now()")).rows[0]?.holder ?? null;

  const answer = async (child: ServeChild, id: string, text: string) => {
    const body = slashCommandBody({ command: '/timeline', text, responseUrl: slack.responseUrl(id) });
    expect((await postSigned(`${child.base}/slack/events`, body)).status).toBe(200);
    return JSON.stringify((await slack.waitForResponse(id)).body);
  };

  it('answer alike, post the slot once, and hand the corpus over when its keeper dies', async () => {
    const [a, b] = [await serve(), await serve()];
    // One of them keeps the corpus; the other says so at start and answers from the database.
    // Instance names hold host and pid (run-once.ts instanceName).
    const keeper = await corpusKeeper();
    expect(keeper).not.toBeNull();
    expect([a, b].filter((c) => /ingested and watched by another instance/.test(c.stderr()))).toHaveLength(1);

    // Any instance, the same answer.
    const fromA = await answer(a, 'timeline-a', 'limit:5');
    const fromB = await answer(b, 'timeline-b', 'limit:5');
    expect(fromA).toMatch(/20\d\d/);
    expect(fromB).toBe(fromA);

    // The slot both schedule: posted once, each page once.
    await slack.waitForCall('chat.postMessage');
    await new Promise((r) => setTimeout(r, 10_000));
    const posts = slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C0DIGEST');
    const texts = posts.map((p) => String(p.args.text));
    expect(posts.length).toBeGreaterThan(0);
    expect(new Set(texts).size).toBe(texts.length);
    const rows = await sql.query<{ status: string }>('SELECT status FROM digest_outbox');
    expect(rows.rows).toEqual([{ status: 'posted' }]);

    // The keeper dies without a word; an article arrives; the other instance takes over and ingests it.
    const [dead, survivor] = keeper!.includes(`:${a.child.pid}:`) ? [a, b] : [b, a];
    dead.child.kill('SIGKILL');
    writeFileSync(
      join(root, 'corpus', 'late-arrival.md'),
      '---\ntitle: Defence Secretary announces air defence package\ndate: 2025-06-02\n---\n\n' +
        'The Defence Secretary announced on 2 June 2025 a £150 million air defence package for Ukraine, funding radar systems and interceptor missiles.\n',
    );
    const died = Date.now();
    await until('the survivor to keep the corpus', async () => (await corpusKeeper())?.includes(`:${survivor.child.pid}:`) ?? false, 60_000);
    await until('the new article in the database', async () => (await sql.query("SELECT 1 FROM documents WHERE id = 'late-arrival'")).rowCount === 1, 30_000);
    expect(Date.now() - died).toBeLessThan(60_000 + 30_000);
    expect(survivor.stderr()).toMatch(/now keeps the corpus/);
    expect(await answer(survivor, 'after-takeover', 'air defence')).toMatch(/150/);
  }, 300_000);
});
