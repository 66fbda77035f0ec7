import { describe, expect, it } from 'vitest';
import { summarize, TextFacts } from '../../src/analysis/summary.js';
import { cricket, cricketDoc, d000, d002, d003, germany, macron, seeds } from './corpus.js';
import { doc, sentences, shuffled } from './fixtures.js';

describe('summarize without a topic', () => {
  const picks = summarize(seeds, {});

  it('returns 5 to 8 sentences in the articles’ own words, each with sources', () => {
    expect(picks.length).toBeGreaterThanOrEqual(5);
    expect(picks.length).toBeLessThanOrEqual(8);
    const originals = new Set(seeds.map((s) => s.text.trim()));
    for (const p of picks) {
      expect(originals.has(p.text)).toBe(true);
      expect(p.docIds.length).toBeGreaterThan(0);
    }
  });

  it('merges the same fact from two outlets into one item citing both', () => {
    const pledge = picks.filter((p) => /225 million/.test(p.text));
    expect(pledge).toHaveLength(1);
    expect([...pledge[0]!.docIds].sort()).toEqual([d002.id, d003.id]);
  });

  it('leaves out boilerplate, fragments, questions and continuations', () => {
    for (const p of picks) {
      expect(p.text).not.toMatch(/Your support helps|open image in gallery/);
      expect(p.text.endsWith('?')).toBe(false);
      expect(p.text).not.toMatch(/^He added/);
      expect(p.text.split(/\s+/).length).toBeGreaterThanOrEqual(6);
    }
  });

  it('is in story order (by document date) and deterministic for shuffled input', () => {
    const again = summarize(shuffled(seeds, 5), {});
    expect(again).toEqual(picks);
    const docDate = new Map(seeds.map((s) => [s.docId, s.doc.published ?? '']));
    const leadDates = picks.map((p) => {
      const lead = seeds.find((s) => s.text.trim() === p.text)!;
      return docDate.get(lead.docId)!;
    });
    expect(leadDates).toEqual([...leadDates].sort());
  });
});

describe('summarize with a topic', () => {
  it('keeps only sentences about the topic ("training" finds trained/train/training)', () => {
    const picks = summarize([...seeds, ...cricket], { topic: 'training' });
    expect(picks.length).toBeGreaterThan(0);
    for (const p of picks) expect(p.text).toMatch(/train/i);
  });

  it('leaves out an off-topic story for a topic it does not mention', () => {
    const picks = summarize([...seeds, ...cricket, ...germany], { topic: 'Healey' });
    expect(picks.length).toBeGreaterThanOrEqual(3);
    for (const p of picks) {
      expect(p.docIds).not.toContain(cricketDoc.id);
      expect(p.text).not.toMatch(/cricket|Pistorius/i);
    }
  });

  it('returns nothing when nothing matches', () => {
    expect(summarize(seeds, { topic: 'submarines' })).toEqual([]);
  });

  it('respects maxSentences', () => {
    expect(summarize(seeds, { maxSentences: 3 })).toHaveLength(3);
  });
});

describe('summarize: redundancy (MMR)', () => {
  it('never returns two near-duplicate sentences, and cites every outlet that carried the words', () => {
    const wires = ['north', 'south', 'east', 'west'].map((o, i) =>
      doc(`wires/${o}`, `2022-05-0${i + 2}`, { outlet: `${o} wire` }),
    );
    const corpus = [
      ...wires.flatMap((d, i) =>
        sentences(d, [
          [
            i % 2
              ? 'The regional council approved a £14 million flood defence scheme for the river valley on Monday.'
              : 'The regional council on Monday approved a £14 million flood defence scheme for the river valley.',
            { amounts: [['£14 million', 'GBP', 14e6]], orgs: ['regional council'] },
          ],
          ['Residents have waited nine years for new flood barriers along the river.'],
        ]),
      ),
      ...sentences(doc('local/valley-times', '2022-05-03'), [
        ['Work on the river barriers will start in the autumn and take two years.'],
        ['Farmers in the valley said the scheme came too late for this year’s harvest.'],
        ['The council’s leader said insurance costs in the valley had tripled since the last floods.'],
        ['Engineers will raise the embankments by a metre along a four-mile stretch of the river.'],
      ]),
    ];
    const picks = summarize(corpus, {});
    const scheme = picks.filter((p) => p.text.includes('flood defence scheme'));
    expect(scheme).toHaveLength(1);
    expect(scheme[0]!.docIds).toHaveLength(4);
    // Earliest publication first among equally stated sources.
    expect(scheme[0]!.docIds[0]).toBe('wires/north');
    const waited = picks.filter((p) => p.text.startsWith('Residents have waited'));
    expect(waited).toHaveLength(1);
    expect(waited[0]!.docIds).toHaveLength(4);
    expect(picks.length).toBeGreaterThanOrEqual(5);
  });

  it('merges a shared interview quote across outlets', () => {
    const picks = summarize([...macron, ...seeds], { topic: 'Europe' });
    const quote = picks.filter((p) => p.text.includes('Europe must be ready'));
    expect(quote).toHaveLength(1);
    expect(quote[0]!.docIds).toHaveLength(2);
  });

  it('keeps the Putin quote from two outlets as one item', () => {
    const picks = summarize(seeds, { topic: 'Putin' });
    const quote = picks.filter((p) => p.text.includes('showing signs of weakness'));
    expect(quote).toHaveLength(1);
    expect([...quote[0]!.docIds].sort()).toEqual([d000.id, d003.id]);
  });
});

describe('summarize: reprints', () => {
  const scheme = 'The regional council approved a £14 million flood defence scheme for the river valley on Monday.';
  const outlets = Array.from({ length: 30 }, (_, i) =>
    doc(`reprint/${String(i).padStart(2, '0')}`, `2022-06-${String((i % 28) + 1).padStart(2, '0')}`, { outlet: `outlet ${i}` }),
  );
  const local = sentences(doc('local/valley-times', '2022-06-03'), [
    ['Work on the river barriers will start in the autumn and take two years.'],
    ['Farmers in the valley said the scheme came too late for this year’s harvest.'],
    ['Engineers will raise the embankments by a metre along a four-mile stretch of the river.'],
  ]);

  it('cites every outlet that reprinted a sentence, but not one that carried it as a banner', () => {
    const corpus = [
      ...outlets.flatMap((d, i) =>
        sentences(d, [[scheme, { amounts: [['£14 million', 'GBP', 14e6]], orgs: ['regional council'], boilerplate: i === 29 }]]),
      ),
      ...local,
    ];
    const picks = summarize(corpus, {});
    const items = picks.filter((p) => p.text === scheme);
    expect(items).toHaveLength(1);
    expect([...items[0]!.docIds].sort()).toEqual(outlets.slice(0, 29).map((d) => d.id));
    expect(summarize(shuffled(corpus, 11), {})).toEqual(picks);
  });

  it('matches a topic copy by copy: the same words naming other actors are judged on their own', () => {
    const visit = 'The minister visited flood defence crews in the river valley on Tuesday.';
    const corpus = [
      ...sentences(outlets[0]!, [[visit, { people: ['Emma Reynolds'] }]]),
      ...sentences(outlets[1]!, [[visit, { people: [] }]]),
      ...sentences(outlets[2]!, [[visit, { people: ['Emma Reynolds'] }]]),
      ...local,
    ];
    const picks = summarize(corpus, { topic: 'Reynolds' });
    expect(picks).toHaveLength(1);
    expect([...picks[0]!.docIds].sort()).toEqual([outlets[0]!.id, outlets[2]!.id]);
  });
});

describe('summaries sharing what is known of their texts', () => {
  it('answer as fresh ones do, call after call, also when the store of facts fills and starts again', () => {
    const queries = [{}, { topic: 'training' }, { topic: 'Healey' }, {}, { topic: 'submarines' }];
    const corpus = [...seeds, ...cricket, ...germany];
    for (const facts of [new TextFacts(), new TextFacts(7)]) {
      for (const q of queries) expect(summarize(corpus, { ...q, facts })).toEqual(summarize(corpus, q));
    }
  });
});
