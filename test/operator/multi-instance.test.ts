/**
 * Two `briefing serve` instances on one PostgreSQL database, as behind a
 * load balancer: either answers a signed Slack or Discord command with the
 * same answer; a digest slot both schedule is posted once; the instance
 * posting a digest is killed (-9) mid-post, after Slack applied the message
 * but before it answered, and the other finishes the digest without a
 * second post; the corpus is ingested and watched by one instance, and when
 * that one is killed the other takes it over within a minute and ingests
 * what arrives meanwhile.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';
import { makeSigner, slashCommand } from '../platforms/discord/helpers/interactions.js';
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
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
};

/** Instance names hold host and pid (run-once.ts instanceName). */
const isInstance = (name: string | null | undefined, child: ServeChild) => !!name?.includes(`:${child.child.pid}:`);

describePostgres('two instances on one PostgreSQL database', () => {
  const database = useDatabase('briefing_multi');
  const signer = makeSigner();
  let root: string;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let sql: pg.Pool;
  const instances: ServeChild[] = [];

  // A daily digest due at the first minute at least 40 s away (UTC): both instances are up by then and both fire.
  const due = new Date(Math.ceil((Date.now() + 40_000) / 60_000) * 60_000);
  const cron = `${due.getUTCMinutes()} ${due.getUTCHours()} * * *`;

  const serve = async () => {
    const child = await startServe({
      corpus: join(root, 'corpus'),
      databaseUrl: database.url,
      slackApiUrl: slack.apiUrl,
      slackSigningSecret: SIGNING_SECRET,
      discordPublicKey: signer.publicKeyHex,
      discordApiUrl: discord.api,
      env: { BRIEFING_DIGEST_CHANNELS: 'slack:C0DIGEST,slack:C0CRASH', BRIEFING_DIGEST_CRON: cron, BRIEFING_TZ: 'UTC' },
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

  const fromSlack = async (child: ServeChild, id: string, text: string) => {
    const body = slashCommandBody({ command: '/timeline', text, responseUrl: slack.responseUrl(id) });
    expect((await postSigned(`${child.base}/slack/events`, body)).status).toBe(200);
    return JSON.stringify((await slack.waitForResponse(id)).body);
  };

  const fromDiscord = async (child: ServeChild) => {
    const interaction = slashCommand('timeline', [{ name: 'limit', type: 4, value: 5 }]);
    const raw = JSON.stringify(interaction);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${child.base}/discord/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': signer.sign(timestamp, raw), 'x-signature-timestamp': timestamp },
      body: raw,
    });
    expect(res.status).toBe(200);
    const edit = await discord.waitFor((r) => r.method === 'PATCH' && r.path.includes(`/${interaction.token}/messages/@original`));
    return JSON.stringify(edit.body);
  };

  /** The keeper is killed; an article arrives; `survivor` takes the corpus over and ingests it. */
  const corpusHandedTo = async (survivor: ServeChild, id: string) => {
    writeFileSync(
      join(root, 'corpus', `${id}.md`),
      '---\ntitle: Defence Secretary announces air defence package\ndate: 2025-06-02\n---\n\n' +
        'The Defence Secretary announced on 2 June 2025 a £150 million air defence package for Ukraine, funding radar systems and interceptor missiles.\n',
    );
    await until('the survivor to keep the corpus', async () => isInstance(await corpusKeeper(), survivor), 60_000);
    await until('the new article in the database', async () => (await sql.query('SELECT 1 FROM documents WHERE id = $1', [id])).rowCount === 1, 30_000);
    expect(survivor.stderr()).toMatch(/now keeps the corpus/);
    // Its document row lands before its events are folded in (a second write): the answer follows within seconds.
    let asked = 0;
    await until(
      'the new article in answers',
      async () => /150 million/.test(await fromSlack(survivor, `after-${id}-${asked++}`, 'air defence from:2025-06-01')),
      30_000,
    );
  };

  it('answer alike, post each slot once even through a kill -9 mid-post, and hand the corpus over', async () => {
    slack.applyThenStallPostsTo('C0CRASH');
    const [a, b] = [await serve(), await serve()];
    const keeper = await corpusKeeper();
    expect(isInstance(keeper, a)).toBe(true);
    expect(b.stderr()).toMatch(/ingested and watched by another instance/);

    // Any instance, the same answer, on either platform.
    const slackA = await fromSlack(a, 'timeline-a', 'limit:5');
    expect(slackA).toMatch(/20\d\d/);
    expect(await fromSlack(b, 'timeline-b', 'limit:5')).toBe(slackA);
    const discordA = await fromDiscord(a);
    expect(discordA).toMatch(/20\d\d/);
    expect(await fromDiscord(b)).toBe(discordA);

    // Due: both fire. C0CRASH's post is applied by Slack and never answered; its poster is killed at once.
    await slack.waitForCall('chat.postMessage#applied-stalled');
    const owner = (await sql.query<{ owner: string }>("SELECT owner FROM digest_outbox WHERE channel = 'C0CRASH'")).rows[0]!.owner;
    const [poster, other] = isInstance(owner, a) ? [a, b] : [b, a];
    poster.child.kill('SIGKILL');

    // C0DIGEST: one post per page, one row.
    await until('the C0DIGEST digest', async () => (await sql.query("SELECT 1 FROM digest_outbox WHERE channel = 'C0DIGEST' AND status = 'posted'")).rowCount === 1, 30_000);
    const digestPosts = slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C0DIGEST').map((c) => String(c.args.text));
    expect(digestPosts.length).toBeGreaterThan(0);
    expect(new Set(digestPosts).size).toBe(digestPosts.length);
    expect((await sql.query("SELECT 1 FROM digest_outbox WHERE channel = 'C0DIGEST'")).rowCount).toBe(1);

    // The corpus: if the poster kept it, the other takes it over now; else the keeper is killed next and a new instance takes over.
    if (poster === a) await corpusHandedTo(other, 'late-arrival');

    // C0CRASH: the other instance's sweep takes the stale row over, finds the page Slack applied, and does not post it again.
    await until('C0CRASH finished by the other instance', async () => (await sql.query("SELECT 1 FROM digest_outbox WHERE channel = 'C0CRASH' AND status = 'posted'")).rowCount === 1, 180_000);
    const crashPosts = slack.calls.filter((c) => c.method.startsWith('chat.postMessage') && c.args.channel === 'C0CRASH');
    expect(crashPosts.map((c) => c.method)).toEqual(['chat.postMessage#applied-stalled']);
    expect(slack.history.get('C0CRASH')).toHaveLength(1);
    expect(slack.callsOf('conversations.history').some((c) => c.args.channel === 'C0CRASH')).toBe(true);

    if (poster !== a) {
      const fresh = await serve();
      a.child.kill('SIGKILL');
      await corpusHandedTo(fresh, 'late-arrival');
    }
  }, 420_000);
});
