/**
 * The real Slack adapter on loopback: the shared HTTP server on a free port
 * with Bolt's receiver mounted, a WebClient pointed at the fake Slack, and an
 * engine over a temp corpus.
 */
import type { CommandServices } from '../../../../src/core/command.js';
import { createHttpServer, type HttpServer } from '../../../../src/platforms/server.js';
import { startSlack } from '../../../../src/platforms/slack/app.js';
import type { ChannelPoster } from '../../../../src/platforms/poster.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { SIGNING_SECRET } from './signed.js';

export interface Harness {
  eventsUrl: string;
  fake: FakeSlack;
  poster: ChannelPoster;
  server: HttpServer;
  close(): Promise<void>;
}

export async function startHarness(services: CommandServices, opts: { adminUsers?: string[] } = {}): Promise<Harness> {
  const fake = await startFakeSlack();
  const server = createHttpServer(() => ({ ready: true }));
  const slack = await startSlack({
    services,
    botToken: 'xoxb-test-token',
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    server,
    adminUsers: opts.adminUsers,
    now: () => new Date('2031-03-07T09:00:00Z'),
    poster: { pageGapMs: 0 },
  });
  const port = await server.listen(0, '127.0.0.1');
  return {
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    fake,
    poster: slack.poster,
    server,
    async close() {
      await slack.stop();
      await server.close();
      await fake.close();
    },
  };
}
