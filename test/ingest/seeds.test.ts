import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../src/core/model.js';
import { loadTopicProfile, parseDocument } from '../../src/ingest/parse.js';

const SEEDS = path.resolve(import.meta.dirname, '../../seeds');
const topic = loadTopicProfile();

function parseSeed(name: string, publishedHint?: string): ParsedDocument {
  const bytes = fs.readFileSync(path.join(SEEDS, `${name}.txt`));
  const result = parseDocument({ relPath: `${name}.txt`, bytes }, { topic, publishedHint });
  expect(result.documents).toHaveLength(1);
  return result.documents[0]!;
}

const ALL = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));

function sentenceWith(doc: ParsedDocument, words: string) {
  const s = doc.sentences.find((x) => x.text.includes(words));
  expect(s, `a sentence containing "${words}"`).toBeDefined();
  return s!;
}

describe('seed corpus', () => {
  it('has five seeds, all on topic, with ids from the file names', () => {
    expect(ALL).toHaveLength(5);
    for (const name of ALL) {
      const doc = parseSeed(name);
      expect(doc.id).toBe(name);
      expect(doc.relevant).toBe(true);
      expect(doc.relevance).toBeGreaterThan(0.5);
    }
  });

  it('reads publication dates and says how they were known', () => {
    expect([parseSeed('000_ec3a2409af0ad404').published, parseSeed('000_ec3a2409af0ad404').publishedFrom]).toEqual(['2024-12-23', 'stated']);
    expect([parseSeed('001_6e9b53146663262b').published, parseSeed('001_6e9b53146663262b').publishedFrom]).toEqual(['2024-12-19', 'stated']);
    expect([parseSeed('002_bd0cb8b89a474947').published, parseSeed('002_bd0cb8b89a474947').publishedFrom]).toEqual(['2024-12-19', 'inferred']);
    // 003 states no date and names no day of the month: unknown on its own ...
    expect([parseSeed('003_9a266a590496b6e4').published, parseSeed('003_9a266a590496b6e4').publishedFrom]).toEqual([null, 'unknown']);
    expect([parseSeed('004_1be8f293423f9047').published, parseSeed('004_1be8f293423f9047').publishedFrom]).toEqual(['2025-01-16', 'stated']);
  });

  it('uses the ingest run hint for a document without a date, and resolves its weekdays against it', () => {
    const doc = parseSeed('003_9a266a590496b6e4', '2024-12-19');
    expect([doc.published, doc.publishedFrom]).toEqual(['2024-12-19', 'inferred']);
    expect(sentenceWith(doc, 'cleared the Commons').dates).toContainEqual({ text: 'on Wednesday afternoon', date: '2024-12-18', precision: 'day' });
    expect(sentenceWith(doc, 'said in October').dates).toContainEqual({ text: 'in October', date: '2024-10', precision: 'month' });
    expect(sentenceWith(doc, 'earlier this week').dates).toContainEqual({ text: 'earlier this week', date: '2024-12', precision: 'month' });
  });

  it('keeps no donation banner, gallery caption, photo credit or page token in any sentence', () => {
    const furniture = /Your support helps us|Support Now|Read more|Your donation|paywalls|open image in gallery|Carl Court|PA Wire|\( ?REUTERS ?\)|^Close$/i;
    for (const name of ALL) {
      for (const s of parseSeed(name).sentences) expect(s.text).not.toMatch(furniture);
    }
  });

  it('drops the pull quote but keeps the quote in the text', () => {
    const doc = parseSeed('000_ec3a2409af0ad404');
    const withRussians = doc.sentences.filter((s) => s.text.includes('Russians are putting Ukraine under pressure'));
    expect(withRussians).toHaveLength(1);
    expect(withRussians[0]!.text.startsWith('“Russians')).toBe(true);
  });

  it('starts 000 with the article, not the header or banner', () => {
    const doc = parseSeed('000_ec3a2409af0ad404');
    expect(doc.sentences[0]!.text).toMatch(/^Sir Keir Starmer and Volodymyr Zelensky have agreed/);
    expect(doc.title).toMatch(/^Sir Keir Starmer and Volodymyr Zelensky/);
    expect(doc.title.length).toBeLessThanOrEqual(121);
  });

  it('finds the £225 million package with its amounts', () => {
    const doc = parseSeed('003_9a266a590496b6e4');
    expect(sentenceWith(doc, 'new £225 million package').amounts).toEqual([{ text: '£225 million', currency: 'GBP', value: 225_000_000 }]);
    expect(sentenceWith(doc, '£186 million').amounts.map((a) => a.value)).toEqual([186_000_000, 92_000_000, 68_000_000]);
    expect(sentenceWith(doc, 'loan package is £2.26 billion').amounts).toEqual([{ text: '£2.26 billion', currency: 'GBP', value: 2_260_000_000 }]);
    const bbc = parseSeed('002_bd0cb8b89a474947');
    expect(sentenceWith(bbc, 'pledging 225 million pounds').amounts).toEqual([{ text: '225 million pounds', currency: 'GBP', value: 225_000_000 }]);
  });

  it('resolves relative dates against each seed’s publication date', () => {
    const d001 = parseSeed('001_6e9b53146663262b');
    expect(sentenceWith(d001, 'Mr Zelenskyy said on Wednesday').dates).toEqual([{ text: 'on Wednesday', date: '2024-12-18', precision: 'day' }]);
    expect(sentenceWith(d001, 'ten years ago').dates).toEqual([{ text: 'ten years ago', date: '2014', precision: 'year' }]);

    const d000 = parseSeed('000_ec3a2409af0ad404');
    expect(sentenceWith(d000, 'spoke on Monday morning').dates).toEqual([{ text: 'on Monday morning', date: '2024-12-23', precision: 'day' }]);
    expect(sentenceWith(d000, 'Last week, Defence Secretary').dates).toEqual([{ text: 'Last week', date: '2024-12', precision: 'month' }]);

    const d002 = parseSeed('002_bd0cb8b89a474947');
    expect(sentenceWith(d002, 'telephone conversation on Wednesday').dates).toEqual([{ text: 'on Wednesday', date: '2024-12-18', precision: 'day' }]);

    const d004 = parseSeed('004_1be8f293423f9047');
    expect(sentenceWith(d004, 'is sworn in').dates).toEqual([{ text: 'on Monday', date: '2025-01-20', precision: 'day' }]);
    expect(sentenceWith(d004, 'Marco Rubio suggested').dates).toEqual([{ text: 'on Wednesday', date: '2025-01-15', precision: 'day' }]);
    expect(sentenceWith(d004, 'first summit in July').dates).toEqual([{ text: 'in July', date: '2024-07', precision: 'month' }]);
  });

  it('names people with their full names and organisations', () => {
    const d000 = parseSeed('000_ec3a2409af0ad404');
    expect(sentenceWith(d000, 'Mr Healey said').people).toContain('John Healey');
    expect(sentenceWith(d000, 'Sir Keir’s trip').people).toContain('Keir Starmer');
    expect(sentenceWith(d000, 'Sir Keir’s trip').organisations).toContain('Joint Expeditionary Force');
    const d003 = parseSeed('003_9a266a590496b6e4');
    expect(sentenceWith(d003, 'The Ministry of Defence was asked').organisations).toEqual(['Ministry of Defence']);
    expect(sentenceWith(d003, 'Rustem Umerov').people).toContain('John Healey');
  });

  it('keeps multi-sentence quotes in one sentence with paragraph numbers in order', () => {
    const d001 = parseSeed('001_6e9b53146663262b');
    const quote = sentenceWith(d001, 'We will look wherever we can');
    expect(quote.text).toBe('He said: “We will look wherever we can to respond to what the Ukrainians want. They are the ones fighting.”');
    const paragraphs = d001.sentences.map((s) => s.paragraph);
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
    expect(d001.sentences.map((s) => s.index)).toEqual(d001.sentences.map((_, i) => i));
  });
});
