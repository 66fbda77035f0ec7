/** The real Slack adapter over a test corpus, asked through signed slash commands (for the operator tests). */
import { afterAll, beforeAll, expect } from 'vitest';
import type { App } from '../../src/app.js';
import { openEngine, type TestCorpus } from '../platforms/slack/helpers/engine.js';
import type { ResponseUrlPost } from '../platforms/slack/helpers/fake-slack.js';
import { startHarness, type Harness } from '../platforms/slack/helpers/harness.js';
import { postSigned, slashCommandBody } from '../platforms/slack/helpers/signed.js';

/** Registers beforeAll/afterAll in the calling describe; `ask` sends a command and returns what Slack receives. */
export function slackOver(makeCorpus: () => Promise<TestCorpus>): { ask(command: string, text: string): Promise<ResponseUrlPost> } {
  let corpus: TestCorpus;
  let engine: App;
  let h: Harness;
  let n = 0;
  beforeAll(async () => {
    corpus = await makeCorpus();
    engine = await openEngine(corpus);
    await engine.engine.refresh();
    h = await startHarness(engine.services);
  });
  afterAll(async () => {
    await h.close();
    await engine.close();
    await corpus.cleanup();
  });
  return {
    async ask(command, text) {
      const id = `op${++n}`;
      const res = await postSigned(h.eventsUrl, slashCommandBody({ command, text, responseUrl: h.fake.responseUrl(id) }));
      expect(res.status).toBe(200);
      return h.fake.waitForResponse(id);
    },
  };
}
