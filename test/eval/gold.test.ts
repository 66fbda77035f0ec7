/**
 * The evaluation set and the rules `npm run eval` judges answers by: the set
 * holds what issue 12 asks of it, and each rule says yes and no where it should.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  dateF1,
  datesAgree,
  developmentOf,
  forbiddenKinds,
  foundKeys,
  isDangling,
  matches,
  neverRules,
  normalise,
} from '../../eval/gold.js';
import { allStories, loadCommonNever } from '../../eval/run.js';

const stories = allStories();
const real = stories.filter((s) => s.name !== 'seeds');

describe('the evaluation set', () => {
  it('holds at least 30 texts on at least three stories, each file attributed', () => {
    expect(real.length).toBeGreaterThanOrEqual(3);
    let texts = 0;
    for (const s of real) {
      const files = fs.readdirSync(s.corpusDir);
      texts += files.filter((f) => !/derived/.test(f)).length;
      const attribution = fs.readFileSync(path.join(s.corpusDir, '..', 'ATTRIBUTION.md'), 'utf8');
      for (const f of files) expect(attribution, `${s.name}/${f} is not in ATTRIBUTION.md`).toContain(`| ${f}`);
      expect(attribution).toMatch(/Open (Government|Parliament) Licence v3\.0/);
    }
    expect(texts).toBeGreaterThanOrEqual(30);
  });

  it('gives two stories their own topic profile', () => {
    expect(real.filter((s) => s.topicFile && fs.existsSync(s.topicFile)).length).toBeGreaterThanOrEqual(2);
  });

  it('has gold whose words occur in the texts and whose late documents exist', () => {
    for (const s of stories) {
      const g = s.gold;
      // A mis-decoded copy read back through the codec that broke it (the test's own oracle, not the engine's repair).
      const readable = (text: string): string =>
        /鈥|拢/.test(text)
          ? iconv.decode(iconv.encode(text, 'gbk'), 'utf8')
          : /â€|Â£/.test(text)
            ? iconv.decode(iconv.encode(text, 'win1252'), 'utf8')
            : text;
      const corpus = fs
        .readdirSync(s.corpusDir)
        .map((f) => readable(fs.readFileSync(path.join(s.corpusDir, f), 'utf8')))
        .join('\n');
      for (const d of g.developments) expect(matches(corpus, d.match), `${s.name} ${d.id}`).toBe(true);
      for (const f of g.summaryFacts) expect(matches(corpus, f.match), `${s.name} ${f.name}`).toBe(true);
      for (const doc of g.late.documents) expect(fs.existsSync(path.join(s.corpusDir, doc)), doc).toBe(true);
      expect(g.developments.filter((d) => d.key).length).toBeGreaterThanOrEqual(6);
      expect(g.late.from <= g.late.to && g.late.to < g.late.catchUp).toBe(true);
      for (const d of g.dates) expect(d).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    }
  });
});

describe('the eval rules', () => {
  it('matches gold words across quote styles and spaces', () => {
    expect(normalise('The UK’s\u00a0“loan”')).toBe('the uk\'s "loan"');
    expect(matches('The UK signed a £2.2 billion loan', [['£2.2 billion', 'loan']])).toBe(true);
    expect(matches('The UK signed a 拢2.2 billion loan', [['£2.2 billion']])).toBe(false);
    expect(matches('around 25 leaders', [['30 leaders'], ['25', 'leaders']])).toBe(true);
  });

  it('agrees dates within the tolerance and by precision', () => {
    expect(datesAgree('2025-03-14', '2025-03-15')).toBe(true);
    expect(datesAgree('2025-03-13', '2025-03-15')).toBe(false);
    expect(datesAgree('2025-03-13', '2025-03-15', 3)).toBe(true);
    expect(datesAgree('2025-03', '2025-03-15')).toBe(true);
    expect(datesAgree('2025', '2025-03-15')).toBe(false);
    expect(datesAgree('2026-01-07', '2026-01')).toBe(true);
  });

  it('finds a key development only when text and date agree', () => {
    const devs = [
      { id: 'loan', key: true, date: '2025-03-01', text: '', match: [['£2.2 billion']] },
      { id: 'call', key: false, date: '2025-03-15', text: '', match: [['25 leaders']] },
    ];
    expect([...foundKeys([{ date: '2025-03-02', text: 'A £2.2 billion loan' }], devs)]).toEqual(['loan']);
    expect([...foundKeys([{ date: '2025-05-02', text: 'A £2.2 billion loan' }], devs)]).toEqual([]);
    expect([...foundKeys([{ date: '2025-03-15', text: 'around 25 leaders' }], devs)]).toEqual([]);
    expect(developmentOf({ date: '2025-03-15', text: 'around 25 leaders' }, devs)?.id).toBe('call');
  });

  it('tells furniture, ceremony and mis-decoded text from content', () => {
    const rules = neverRules(loadCommonNever());
    expect(forbiddenKinds('Jane Smith Portrait The Minister for Industry (Jane Smith)', rules)).toEqual(['furniture']);
    expect(forbiddenKinds('Commons ChamberWith permission, Mr Speaker', rules)).toContain('furniture');
    expect(forbiddenKinds('(3 days, 4 hours ago)', rules)).toEqual(['furniture']);
    expect(forbiddenKinds('With permission, Mr Speaker, I will make a statement on Ukraine.', rules)).toEqual(['ceremony']);
    // A heading label in front of the item does not hide it.
    expect(forbiddenKinds('Statement on Ukraine: With permission, Mr Speaker, I will make a statement on Ukraine.', rules)).toEqual(['ceremony']);
    expect(forbiddenKinds('Can I just start by thanking you all for making time.', rules)).toEqual(['ceremony']);
    expect(forbiddenKinds('That鈥檚 why, last week', rules)).toEqual(['misdecoded']);
    expect(forbiddenKinds('the UK will spend Â£4.5 billion', rules)).toEqual(['misdecoded']);
    expect(forbiddenKinds('The UK will spend £4.5 billion on military support for Ukraine in 2025.', rules)).toEqual([]);
  });

  it('counts items that open with a pronoun or connective', () => {
    expect(isDangling('That includes what my right hon. Friend announced today.')).toBe(true);
    expect(isDangling('“It is a significant investment,” he said.')).toBe(true);
    expect(isDangling('However, the plan remains.')).toBe(true);
    expect(isDangling('The UK signed a £2.2 billion loan.')).toBe(false);
    expect(isDangling('Italy joined.')).toBe(false);
  });

  it('computes date-F1 over distinct dates', () => {
    expect(dateF1(['2025-03-01', '2025-03-01', '2025-03-02'], ['2025-03-01', '2025-03-05'])).toEqual({
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
    });
    expect(dateF1([], ['2025-03-01']).f1).toBe(0);
  });
});
