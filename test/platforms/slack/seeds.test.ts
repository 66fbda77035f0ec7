/**
 * The bundled corpus through Slack: the examples from the brief answered from
 * real dated entries with real sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { Engine } from '../../../src/core/engine.js';
import { shownFacts } from '../../../src/core/reply.js';
import { openEngine, seedCorpus, type TestCorpus } from './helpers/engine.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { postSigned, slashCommandBody } from './helpers/signed.js';

type Block = { type: string; text?: { text: string }; elements?: Array<{ text?: string }> };

describe('Slack over the seed corpus', () => {
  let corpus: TestCorpus;
  let app: App;
  let engine: Engine;
  let h: Harness;
  let n = 0;

  async function ask(command: string, text: string) {
    const id = `s${++n}`;
    const res = await postSigned(h.eventsUrl, slashCommandBody({ command, text, responseUrl: h.fake.responseUrl(id) }));
    expect(res.status).toBe(200);
    return (await h.fake.waitForResponse(id)).body.blocks as Block[];
  }

  beforeAll(async () => {
    corpus = await seedCorpus();
    app = await openEngine(corpus);
    engine = app.engine;
    h = await startHarness(app.services);
  });
  afterAll(async () => {
    await h?.close();
    await engine?.close();
    await corpus?.cleanup();
  });

  it('/timeline topic:training from:2024-12-01 lists dated entries from December 2024 on, each with its sources', async () => {
    const blocks = await ask('/timeline', 'topic:training from:2024-12-01');
    // No limit given: the engine's default answer, as the command asks for it.
    const expected = await engine.timeline({ topic: 'training', from: '2024-12-01' });
    expect(expected.entries.length).toBeGreaterThan(0);
    const items = blocks.filter((b) => b.type === 'section' && /^\*\d{4}/.test(b.text!.text));
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    // Each headline, then the first facts of its development as bullets under it.
    expect(items.map((b) => b.text!.text)).toEqual(
      expected.entries.map((e) => `*${e.date}*  ${esc(e.text)}${shownFacts({ text: e.text, sources: [], facts: e.facts }).map((f) => `\n• ${esc(f)}`).join('')}`),
    );
    for (const e of expected.entries) expect(e.date >= '2024-12').toBe(true);
    // Each entry is followed by its sources: outlet or title, and the publication date.
    for (const [i, b] of blocks.entries()) {
      if (!items.includes(b)) continue;
      const sources = blocks[i + 1]!;
      expect(sources.type).toBe('context');
      expect(sources.elements![0]!.text).toMatch(/^Sources?: .+, 20\d\d-\d\d-\d\d/);
    }
  });

  it('/summary peacekeepers answers with cited sentences', async () => {
    const blocks = await ask('/summary', 'peacekeepers');
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Summary: peacekeepers' } });
    const contexts = blocks.filter((b) => b.type === 'context' && /^Sources?:/.test(b.elements![0]!.text!));
    const expected = await engine.summary({ topic: 'peacekeepers' });
    expect(expected.sentences.length).toBeGreaterThan(0);
    expect(contexts).toHaveLength(expected.sentences.length);
  });
});
