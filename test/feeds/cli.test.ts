/** `briefing feeds …` as an operator runs it: the real CLI in a child process against a local feed server. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { tempCorpus, type TempCorpus } from '../helpers/corpus.js';
import { conditional, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { rssFeed, STORIES } from './fixtures.js';

let corpus: TempCorpus;
let server: FeedServer;

beforeAll(async () => {
  corpus = tempCorpus();
  server = await startFeedServer();
  server.route('/feed.xml', conditional(() => rssFeed(server.origin, STORIES)));
  server.route('/second.xml', conditional(() => rssFeed(server.origin, [{ ...STORIES[0]!, id: 'second-1', link: `${server.origin}/news/second-1` }], { title: 'Second Outlet' })));
});
afterAll(async () => {
  await server.close();
  corpus.cleanup();
});

/** The CLI run while this process keeps serving the feeds (spawnSync would block the server). */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli([...args, '--corpus', corpus.corpusDir, '--db', corpus.dbPath], { BRIEFING_FETCH_ALLOW_PRIVATE: '1', ...env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('briefing feeds', () => {
  it('adds, lists, polls (304 the second time), imports OPML, removes; JSON as documented', { timeout: 240_000 }, async () => {
    const add = await cli(['feeds', 'add', server.url('/feed.xml'), '--json']);
    expect(add.code, add.stderr).toBe(0);
    const added = JSON.parse(add.stdout);
    expect(added).toMatchObject({ created: true, feed: { id: 1, title: 'The Northern Courier', status: 'ok', itemsSeen: 2 }, poll: { outcome: 'ok', new: 2 } });
    expect(added.newest.title).toBe('British instructors to train Ukrainian pilots in Lincolnshire');

    const poll = await cli(['feeds', 'poll', '--json']);
    expect(JSON.parse(poll.stdout).feeds).toEqual([expect.objectContaining({ id: 1, outcome: 'not-modified', notModified: true, new: 0, updated: 0, error: null })]);

    const opml = path.join(corpus.dir, 'feeds.opml');
    fs.writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
      <outline text="News"><outline type="rss" text="Second" xmlUrl="${server.url('/second.xml')}"/>
      <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/></outline></body></opml>`);
    const imported = await cli(['feeds', 'import', opml]);
    expect(imported.stdout).toContain('Imported 1 new feed');
    expect(imported.stdout).toContain('refused file:///etc/passwd: file URLs are not fetched');
    expect(imported.code).toBe(1);

    const text = await cli(['feeds', 'poll']);
    expect(text.stdout).toMatch(/^#1 The Northern Courier: not modified$/m);
    expect(text.stdout).toMatch(/^#2 Second Outlet: 1 new, 0 updated, 0 unchanged$/m);
    expect(text.stdout).toMatch(/^Corpus: 3 documents \(3 on topic\), \d+ events?\.$/m);

    const list = await cli(['feeds', 'list']);
    expect(list.stdout).toMatch(/^#1 The Northern Courier — http:\/\/127\.0\.0\.1:\d+\/feed\.xml — ok; 2 items seen; last fetch \d{4}-\d\d-\d\d \d\d:\d\d UTC, next /m);
    expect(list.stdout).toMatch(/^#2 Second Outlet — /m);

    // The items are in the corpus, with the feed as outlet.
    const sourcesRun = await cli(['sources', '--json']);
    // A database its feeds filled first recorded the profile they were judged under: nothing is judged again.
    expect(sourcesRun.stderr).not.toContain('Topic profile');
    const sources = JSON.parse(sourcesRun.stdout).documents;
    expect(sources.map((d: { outlet: string }) => d.outlet).sort()).toEqual(['Second Outlet', 'The Northern Courier', 'The Northern Courier']);

    expect((await cli(['feeds', 'remove', '2'])).stdout).toMatch(/^Removed #2 Second Outlet; the articles it brought stay in the corpus/);
    expect(JSON.parse((await cli(['feeds', 'list', '--json'])).stdout).feeds.map((f: { id: number }) => f.id)).toEqual([1]);
  });

  it('declares BRIEFING_FEEDS at every start and refuses to remove a declared feed', { timeout: 120_000 }, async () => {
    const list = await cli(['feeds', 'list', '--json'], { BRIEFING_FEEDS: server.url('/second.xml') });
    expect(JSON.parse(list.stdout).feeds.find((f: { origin: string }) => f.origin === 'config')).toMatchObject({ url: server.url('/second.xml') });
    const refused = await cli(['feeds', 'remove', server.url('/second.xml')], { BRIEFING_FEEDS: server.url('/second.xml') });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/declared in the bot's configuration \(BRIEFING_FEEDS\)/);
    // No longer declared: gone at the next start.
    const after = await cli(['feeds', 'list', '--json']);
    expect(JSON.parse(after.stdout).feeds.some((f: { origin: string }) => f.origin === 'config')).toBe(false);
  });

  it('says in one line what is wrong with a bad address or configuration', { timeout: 120_000 }, async () => {
    const notHttp = await cli(['feeds', 'add', 'gopher://example.org/feed']);
    expect(notHttp).toMatchObject({ code: 2, stderr: 'briefing: gopher URLs are not fetched: give an http or https address\n' });
    const privateAddress = await cli(['feeds', 'add', server.url('/third.xml')], { BRIEFING_FETCH_ALLOW_PRIVATE: '0' });
    expect(privateAddress.code).toBe(2);
    expect(privateAddress.stderr).toMatch(/^briefing: http:\/\/127\.0\.0\.1:\d+\/third\.xml: 127\.0\.0\.1 resolves to 127\.0\.0\.1, a loopback, private or link-local address: the bot only fetches public addresses\n$/);
    const interval = await cli(['feeds', 'list'], { BRIEFING_FEED_INTERVAL: '2' });
    expect(interval).toMatchObject({ code: 2, stderr: 'briefing: BRIEFING_FEED_INTERVAL must be a number of minutes, at least 5, such as 15.\n' });
  });
});
