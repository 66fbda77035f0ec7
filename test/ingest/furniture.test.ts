import { describe, expect, it } from 'vitest';
import { removeFurniture, stripInlineFurniture } from '../../src/ingest/furniture.js';
import { loadTopicProfile, parseDocument } from '../../src/ingest/parse.js';

describe('stripInlineFurniture', () => {
  it.each([
    [
      'open image in gallery Prime Minister Sir Keir Starmer shakes hands with the president (Carl Court/PA) ( PA Wire )',
      '',
    ],
    ['open image in gallery Trump intends to bring an end to the war quickly ( REUTERS )', ''],
    [
      'Troops trained on Salisbury Plain. open image in gallery Recruits at a range (Ben Birchall/PA) The course lasts five weeks.',
      'Troops trained on Salisbury Plain. The course lasts five weeks.',
    ],
    ['open image in gallery A soldier at a checkpoint. The checkpoint reopened on Friday.', 'The checkpoint reopened on Friday.'],
    ['Soldiers unload supplies near Kharkiv (Stefan Rousseau/PA)', 'Soldiers unload supplies near Kharkiv'],
    ['Tanks arrive at the port (AFP via Getty Images)', 'Tanks arrive at the port'],
    ['Your support makes all the difference. Close Read more', 'Your support makes all the difference.'],
    ['Read more Support Now From the front line, our reporters send news.', 'From the front line, our reporters send news.'],
  ])('%s', (input, expected) => {
    expect(stripInlineFurniture(input)).toBe(expected);
  });

  it('keeps parentheses that are not credits', () => {
    const text = 'Ministry of Defence (MoD) sources said (Russian President Vladimir) Putin miscalculated (badly).';
    expect(stripInlineFurniture(text)).toBe(text);
  });

  it('keeps "close" and "share" inside sentences', () => {
    const text = 'Close allies share intelligence, and the UK’s share of the loan is large.';
    expect(stripInlineFurniture(text)).toBe(text);
  });
});

describe('removeFurniture', () => {
  it('drops a paragraph dominated by a donation appeal, whatever the outlet', () => {
    const appeal =
      'Independent journalism needs you. The Northern Courier has reported from Donbas since 2014. Your donation helps us keep reporters there. We have no paywalls because news should be free to read. If you can afford it, please support us today.';
    const article = 'Britain sent 14 tanks to Ukraine on Monday.';
    expect(removeFurniture([appeal, article]).paragraphs).toEqual([article]);
  });

  it('drops a subscription prompt and standalone tokens, keeps reporting that mentions donations', () => {
    const result = removeFurniture([
      'Sign up to our free newsletter for the latest updates from Kyiv',
      'Advertisement',
      'Share this article',
      'The charity said donations to Ukrainian hospitals had doubled since the invasion.',
      'Photograph: Efrem Lukatsky/AP',
    ]);
    expect(result.paragraphs).toEqual(['The charity said donations to Ukrainian hospitals had doubled since the invasion.']);
    expect(result.dropped).toBe(4);
  });

  it('drops a banner split over paragraphs, including the unprompted paragraph in its middle', () => {
    const result = removeFurniture([
      'Your support helps us to tell the story. Read more. Support Now.',
      'From climate to conflict, we are on the ground when the story is developing.',
      'Your donation allows us to keep sending journalists. Your support makes all the difference.',
      'Ukraine received new air defences on Tuesday.',
    ]);
    expect(result.paragraphs).toEqual(['Ukraine received new air defences on Tuesday.']);
  });

  it('drops a pull quote repeated from the article body', () => {
    const quote = 'Russians are putting Ukraine under pressure on the front line but Putin is weak';
    const result = removeFurniture([
      'The minister visited Kyiv.',
      `${quote} Defence Secretary John Healey`,
      `He said: “${quote}, and we will help.”`,
    ]);
    expect(result.paragraphs).toEqual(['The minister visited Kyiv.', `He said: “${quote}, and we will help.”`]);
  });
});

describe('furniture in a whole document (no other document to compare with)', () => {
  it('leaves no banner words in any sentence of a single article from another outlet', () => {
    const text = [
      'date 2023-11-02 Your support helps us to tell the story Read more Support Now The Daily Ledger is on the ground when the story is developing. Your donation allows us to keep sending journalists to both sides. We choose not to lock readers out with paywalls. Quality journalism should be available to everyone, paid for by those who can afford it. Your support makes all the difference. Close Read more',
      'Britain will send 20 more armoured vehicles to Ukraine, the defence ministry said on Wednesday.',
      'open image in gallery Armoured vehicles at a depot in Wiltshire (Jane Doe/PA) ( PA Wire )',
      'The vehicles will arrive before winter.',
    ].join('\n\n');
    const result = parseDocument({ relPath: 'ledger.txt', bytes: Buffer.from(text) }, { topic: loadTopicProfile() });
    const doc = result.documents[0]!;
    expect([doc.published, doc.publishedFrom]).toEqual(['2023-11-02', 'stated']);
    expect(doc.sentences.map((s) => s.text)).toEqual([
      'Britain will send 20 more armoured vehicles to Ukraine, the defence ministry said on Wednesday.',
      'The vehicles will arrive before winter.',
    ]);
    expect(doc.sentences[0]!.dates).toEqual([{ text: 'on Wednesday', date: '2023-11-01', precision: 'day' }]);
  });
});
