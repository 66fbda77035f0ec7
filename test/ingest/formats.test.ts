import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopicProfile, parseDocument, type ParseResult } from '../../src/ingest/parse.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const topic = loadTopicProfile();

function parseFixture(name: string, relPath = name): ParseResult {
  return parseDocument({ relPath, bytes: fs.readFileSync(path.join(FIXTURES, name)) }, { topic });
}

function parseString(relPath: string, text: string, publishedHint?: string): ParseResult {
  return parseDocument({ relPath, bytes: Buffer.from(text, 'utf8') }, { topic, publishedHint });
}

describe('.html', () => {
  const [doc] = parseFixture('kyiv-post-aid.html', 'world/kyiv-post-aid.html').documents;

  it('reads the metadata: title, outlet, url, published time', () => {
    expect(doc).toMatchObject({
      id: 'world/kyiv-post-aid',
      title: 'Britain pledges air defence package for Ukraine',
      outlet: 'Kyiv Herald',
      url: 'https://kyivherald.example/news/air-defence-package',
      published: '2023-03-02',
      publishedFrom: 'stated',
      relevant: true,
    });
  });

  it('keeps the article text and never scripts, styles, navigation, captions or footers', () => {
    const text = doc!.sentences.map((s) => s.text).join(' ');
    expect(text).toContain('Britain has pledged a new £50 million package of air defence equipment for Ukraine');
    expect(text).toContain('Operation Interflex');
    for (const chrome of ['secretTracker', 'inline script', 'font-family', 'Home', 'Most read', 'All rights reserved', 'John Smith/AP', 'Subscribe today']) {
      expect(text).not.toContain(chrome);
    }
  });

  it('resolves weekdays against the meta published date (Thursday 2 March 2023)', () => {
    const tuesday = doc!.sentences.find((s) => s.text.includes('announced the funding on Tuesday'));
    expect(tuesday?.dates).toEqual([{ text: 'on Tuesday', date: '2023-02-28', precision: 'day' }]);
    expect(tuesday?.people).toEqual(['Ben Wallace']);
    const quote = doc!.sentences.find((s) => s.text.includes('as long as it takes'));
    expect(quote?.people).toEqual(['Ben Wallace']);
  });

  it('falls back to <time datetime> and <title> when there is no meta, and keeps text of a page Readability cannot use', () => {
    const html =
      '<html><head><title>Short note</title></head><body><nav>Menu</nav><p>Ukraine received British artillery on <time datetime="2022-11-10">Thursday</time>, officials said.</p><time datetime="2022-11-10T08:00:00Z"></time><script>var leak = 1;</script></body></html>';
    const [d] = parseString('note.html', html).documents;
    expect(d).toMatchObject({ title: 'Short note', published: '2022-11-10', publishedFrom: 'stated' });
    expect(d!.sentences.map((s) => s.text)).toEqual(['Ukraine received British artillery on Thursday, officials said.']);
    expect(d!.sentences[0]!.dates).toEqual([{ text: 'on Thursday', date: '2022-11-10', precision: 'day' }]);
  });
});

describe('.md', () => {
  it('reads YAML front matter and turns Markdown into prose', () => {
    const md = [
      '---',
      'title: "Storm Shadow deliveries confirmed"',
      'published: 2023-05-11',
      'source: Defence Digest',
      'url: https://defence.example/storm-shadow',
      '---',
      '# Storm Shadow deliveries confirmed',
      '',
      'The **UK** has sent [Storm Shadow](https://example.com/ss) cruise missiles to Ukraine, Defence Secretary Ben Wallace told MPs on Thursday.',
      '',
      '![A missile](missile.jpg)',
      '',
      '- The missiles have a range of more than 250km.',
      '- Kyiv had asked for long-range weapons since 2022.',
    ].join('\n');
    const [d] = parseString('2023/storm-shadow.md', md).documents;
    expect(d).toMatchObject({
      id: '2023/storm-shadow',
      title: 'Storm Shadow deliveries confirmed',
      outlet: 'Defence Digest',
      url: 'https://defence.example/storm-shadow',
      published: '2023-05-11',
      publishedFrom: 'stated',
    });
    expect(d!.sentences.map((s) => s.text)).toEqual([
      'The UK has sent Storm Shadow cruise missiles to Ukraine, Defence Secretary Ben Wallace told MPs on Thursday.',
      'The missiles have a range of more than 250km.',
      'Kyiv had asked for long-range weapons since 2022.',
    ]);
    expect(d!.sentences[0]!.dates).toEqual([{ text: 'on Thursday', date: '2023-05-11', precision: 'day' }]);
    expect(d!.sentences[2]!.dates).toEqual([{ text: 'since 2022', date: '2022', precision: 'year' }]);
  });

  it('warns about an impossible front-matter date and falls back to the text', () => {
    const result = parseFixture('impossible-date.md');
    expect(result.warnings).toEqual([
      'impossible front-matter date "2024-13-45": ignored, publication date taken from the text if it gives one; fix it as YYYY-MM-DD',
    ]);
    expect(result.documents[0]).toMatchObject({ published: '2024-06-04', publishedFrom: 'stated', outlet: 'Policy Brief' });
  });

  it('treats an impossible date with nothing in the text as unknown', () => {
    const result = parseString('x.md', '---\ntitle: T\ndate: 2023-02-30\n---\nThe UK sent more aid to Ukraine on Monday.\n');
    expect(result.documents[0]).toMatchObject({ published: null, publishedFrom: 'unknown' });
    expect(result.documents[0]!.sentences[0]!.dates).toEqual([]);
    expect(result.warnings[0]).toMatch(/^impossible front-matter date "2023-02-30"/);
  });
});

describe('.json', () => {
  const result = parseFixture('wire-roundup.json', 'feeds/wire-roundup.json');

  it('gives one document per usable array item, ids numbered from 1', () => {
    expect(result.documents.map((d) => d.id)).toEqual(['feeds/wire-roundup#1', 'feeds/wire-roundup#2']);
    expect(result.warnings).toEqual(['JSON item 3 has no "text" or "body": skipped; add the article text']);
  });

  it('reads title, published, url and outlet (string or {name})', () => {
    expect(result.documents[0]).toMatchObject({
      title: 'EU agrees €1.5bn ammunition plan',
      outlet: 'Continental Wire',
      url: 'https://wire.example/eu-ammo',
      published: '2023-03-20',
      publishedFrom: 'stated',
    });
    expect(result.documents[1]).toMatchObject({ title: 'US unveils new weapons package', outlet: 'Capitol Desk', published: '2023-03-03' });
  });

  it('reads an HTML body as text and resolves its dates and amounts', () => {
    const us = result.documents[1]!;
    expect(us.sentences.map((s) => s.text)).toEqual([
      'The United States announced a $400 million weapons package for Ukraine on Friday.',
      'It includes ammunition for HIMARS launchers, the Pentagon said.',
    ]);
    expect(us.sentences[0]!.amounts).toEqual([{ text: '$400 million', currency: 'USD', value: 400_000_000 }]);
    expect(us.sentences[0]!.dates).toEqual([{ text: 'on Friday', date: '2023-03-03', precision: 'day' }]);
    const eu = result.documents[0]!;
    expect(eu.sentences[0]!.amounts).toEqual([{ text: '€1.5bn', currency: 'EUR', value: 1_500_000_000 }]);
    expect(eu.sentences[1]!.dates).toEqual([{ text: 'in February', date: '2023-02', precision: 'month' }]);
  });

  it('keeps a single object (or one-item array) under the plain id', () => {
    const one = parseString('single.json', JSON.stringify([{ title: 'One', text: 'Britain sent tanks to Ukraine.', date: '2023-01-14' }]));
    expect(one.documents.map((d) => d.id)).toEqual(['single']);
    const obj = parseString('obj.json', JSON.stringify({ title: 'Obj', body: 'Britain sent tanks to Ukraine.', published: '2023-01-14' }));
    expect(obj.documents.map((d) => [d.id, d.published])).toEqual([['obj', '2023-01-14']]);
  });
});

describe('.txt', () => {
  it('reads Title/Source/date header lines', () => {
    const [d] = parseFixture('sports-funding.txt').documents;
    expect(d).toMatchObject({
      title: 'UK Sport confirms record funding for Paris 2024 athletes',
      outlet: 'UK Sport',
      published: '2022-12-08',
      publishedFrom: 'stated',
    });
    expect(d!.sentences[0]!.text).toMatch(/^UK Sport has confirmed £232 million/);
  });

  it('reads a dateline and takes the first sentence as the title; outlet stays null unless stated', () => {
    const text = 'Thursday 2 March 2023 09:15 GMT\nThe Foreign Office said on Tuesday it would send more aid to Ukraine. Officials gave no figure.';
    const [d] = parseString('notes/aid.txt', text).documents;
    expect(d).toMatchObject({
      published: '2023-03-02',
      publishedFrom: 'stated',
      outlet: null,
      title: 'The Foreign Office said on Tuesday it would send more aid to Ukraine.',
    });
    expect(d!.sentences[0]!.dates).toEqual([{ text: 'on Tuesday', date: '2023-02-28', precision: 'day' }]);
  });

  it('takes the outlet from a wire dateline', () => {
    const [d] = parseString('w.txt', 'KYIV (Reuters) - Britain will send Challenger 2 tanks to Ukraine, officials said on Saturday.').documents;
    expect(d!.outlet).toBe('Reuters');
    expect(d!.sentences[0]!.text).toBe('Britain will send Challenger 2 tanks to Ukraine, officials said on Saturday.');
  });

  it('infers the publication date from a weekday and a day of the month, with the year from the text', () => {
    const text = 'The minister spoke in Kyiv on Tuesday, the 5th of March, ahead of talks on the 2025 budget.\nHe said the UK would keep up its support.';
    const [d] = parseString('i.txt', text).documents;
    // 5 March is a Tuesday in 2024 (the year before the budget year the text mentions).
    expect([d!.published, d!.publishedFrom]).toEqual(['2024-03-05', 'inferred']);
  });

  it('uses the hint when the text gives no date, and nothing else', () => {
    const text = 'Britain pledged more drones to Ukraine on Wednesday.';
    expect(parseString('h.txt', text, '2023-06-15').documents[0]).toMatchObject({ published: '2023-06-15', publishedFrom: 'inferred' });
    const none = parseString('h.txt', text).documents[0]!;
    expect([none.published, none.publishedFrom, none.sentences[0]!.dates]).toEqual([null, 'unknown', []]);
  });

  it('joins hard-wrapped lines and numbers paragraphs', () => {
    const text = 'The UK sent aid to Ukraine on Monday, and ministers\nsaid more would follow.\n\nA second paragraph starts here. It has two sentences.';
    const [d] = parseString('wrap.txt', text, '2023-01-10').documents;
    expect(d!.sentences.map((s) => [s.paragraph, s.text])).toEqual([
      [0, 'The UK sent aid to Ukraine on Monday, and ministers said more would follow.'],
      [1, 'A second paragraph starts here.'],
      [1, 'It has two sentences.'],
    ]);
  });
});
