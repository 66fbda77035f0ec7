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

describe('furniture of parliamentary and government pages', () => {
  const kept = (paragraphs: string[]) => removeFurniture(paragraphs).paragraphs;

  it('drops speaker captions and their link widgets, or cuts them from the speech they are glued to', () => {
    expect(
      kept([
        'Jane Smith Portrait The Minister for Industry (Jane Smith) - View Speech - Hansard - - - Excerpts',
        'Baroness Green of Lowfield Portrait Baroness Green of Lowfield (Lab)',
        'Jane Smith Portrait Jane Smith',
        'The Government will provide £20 million to the plant.',
      ]),
    ).toEqual(['The Government will provide £20 million to the plant.']);
    expect(stripInlineFurniture('Jane Smith Portrait The Minister for Industry (Jane Smith) (Lab) I can confirm the grant.')).toBe(
      'I can confirm the grant.',
    );
    // "Portrait" as a word of a sentence is not a caption.
    expect(kept(['The Portrait Gallery reopened on Monday after repairs costing £3 million.'])).toHaveLength(1);
  });

  it('removes age widgets, link rows, link labels, record metadata and date-only lines', () => {
    expect(stripInlineFurniture('(3 days, 4 hours ago) The statement was made.')).toBe('The statement was made.');
    expect(
      kept([
        '(2 years, 1 month ago)',
        'Read Full debate',
        'Read Hansard Text Watch Debate Read Debate Ministerial Extracts',
        '|Printable version',
        'Press release',
        'Original article link: https://www.example.org/news/item',
        'Volume 710: debated on Wednesday 9 March 2022',
        'Friday 14 Apr 2023 @ 15:05',
        'Monday 14th November 2022',
        'Department: Department for Business and Trade',
        "Main Page: Jane Smith (Labour - Northtown West)Department Debates - View all Jane Smith's debates with the Department for Business and Trade",
        'This was published under the 2019 to 2022 Johnson Conservative government',
        'The Minister confirmed 300 new jobs at the site.',
      ]),
    ).toEqual(['The Minister confirmed 300 new jobs at the site.']);
  });

  it('drops a not-the-record disclaimer with the box of notes it closes, keeping the record run on after it', () => {
    expect(
      kept([
        '(6 days, 19 hours ago)',
        'Questions of this kind are chosen each morning by the Speaker.',
        'Each one requires a Minister to respond.',
        'This information is provided by Example Site and does not comprise part of the offical record (Urgent Question): To ask the Secretary of State for a statement.',
        'Yesterday the Secretary of State announced £4 million for the port.',
      ]),
    ).toEqual(['(Urgent Question): To ask the Secretary of State for a statement.', 'Yesterday the Secretary of State announced £4 million for the port.']);
  });

  it('treats a short Title-Case line as a heading, not a sentence', () => {
    expect(kept(['Commons Chamber', 'Steel Industry (Special Measures) Bill Debate', 'Ukraine Update', 'The Bill was read a second time.'])).toEqual([
      'The Bill was read a second time.',
    ]);
    expect(kept(['Storms hit the north of England'])).toEqual(['Storms hit the north of England']);
  });

  it('keeps a page of such furniture out of the document', () => {
    const page = [
      'Title: Ukraine (debate)',
      '',
      'Monday 14th November 2022',
      '',
      '(2 years, 1 month ago)',
      '',
      'Commons Chamber',
      'Read Hansard Text Watch Debate',
      'Jane Smith Portrait The Minister for Armed Forces (Jane Smith)',
      '- View Speech - Hansard - - - Excerpts',
      '',
      'I can announce that the UK will send 10,000 more rounds to Ukraine this week.',
    ].join('\n');
    const { documents } = parseDocument({ relPath: 'debate.txt', bytes: Buffer.from(page) }, { topic: loadTopicProfile() });
    expect(documents[0]!.sentences.map((s) => s.text)).toEqual(['I can announce that the UK will send 10,000 more rounds to Ukraine this week.']);
  });
});
