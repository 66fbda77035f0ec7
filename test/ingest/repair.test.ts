/**
 * Text repair before paragraphs are split: entities, glued headings, hard
 * line wraps, speech fragments.
 */
import { describe, expect, it } from 'vitest';
import { joinFragments, splitParagraphs } from '../../src/ingest/paragraphs.js';
import { loadTopicProfile, parseDocument } from '../../src/ingest/parse.js';
import { decodeEntities, separateGluedHeadings } from '../../src/ingest/repair.js';

const topic = loadTopicProfile();
const sentencesOf = (relPath: string, text: string) =>
  parseDocument({ relPath, bytes: Buffer.from(text) }, { topic }).documents[0]!.sentences.map((s) => s.text);

describe('HTML entities', () => {
  it('decodes named and numeric entities, leaving what is not an entity', () => {
    expect(decodeEntities('Defence &amp; security: the UK&#8217;s &pound;3 billion &ndash; &ldquo;a floor&rdquo;&nbsp;now &#x2019; &bogus; & more')).toBe(
      'Defence & security: the UK’s £3 billion – “a floor”\u00a0now ’ &bogus; & more',
    );
  });

  it('are decoded in text, Markdown and JSON bodies', () => {
    expect(sentencesOf('a.txt', 'The UK&rsquo;s &pound;3 billion a year for Ukraine will continue, the Minister said.')).toEqual([
      'The UK’s £3 billion a year for Ukraine will continue, the Minister said.',
    ]);
    expect(sentencesOf('a.json', JSON.stringify({ title: 'Aid', text: 'Ukraine gets &pound;5 million &amp; more.' }))).toEqual([
      'Ukraine gets £5 million & more.',
    ]);
  });
});

describe('glued headings', () => {
  it('splits a heading run into the sentence under it', () => {
    expect(separateGluedHeadings('Commons ChamberWith permission, Mr Speaker, I will make a statement.')).toBe(
      'Commons Chamber\n\nWith permission, Mr Speaker, I will make a statement.',
    );
    expect(separateGluedHeadings('(3 days ago)\nCommons ChamberI thank the Minister.')).toBe('(3 days ago)\nCommons Chamber\n\nI thank the Minister.');
    expect(separateGluedHeadings('Westminster HallWestminster Hall is an alternative Chamber.')).toBe(
      'Westminster Hall\n\nWestminster Hall is an alternative Chamber.',
    );
  });

  it('never splits names or a camel-case word inside a sentence', () => {
    for (const text of ['Sarah MacDonald said the plan works.', 'Ronald McKinsey, a consultant, agreed.', 'The PayPal deal closed.', 'We met at YouTube HQ.']) {
      expect(separateGluedHeadings(text)).toBe(text);
    }
  });
});

describe('hard line wraps', () => {
  it('joins a reprint wrapped at a fixed width back into sentences', () => {
    const wrapped = [
      'The Prime',
      'Minister will travel to Ukraine today (Tuesday) for talks with',
      'President Zelenskyy as tensions on the border continue to rise.',
      '£88 million',
      'of new funding announced today will bolster that work and reduce',
      'Ukraine’s reliance on Russian energy supplies.',
      'Prime Minister',
      'said:',
      '“It is the right of every Ukrainian to decide.”',
    ].join('\n');
    expect(splitParagraphs(wrapped)).toEqual([
      'The Prime Minister will travel to Ukraine today (Tuesday) for talks with President Zelenskyy as tensions on the border continue to rise.',
      '£88 million of new funding announced today will bolster that work and reduce Ukraine’s reliance on Russian energy supplies.',
      'Prime Minister said:',
      '“It is the right of every Ukrainian to decide.”',
    ]);
  });

  it('keeps one paragraph per line where lines end their sentences', () => {
    const lines = ['The UK sent aid.', 'The Minister spoke on Monday.', 'Talks continue.', 'A deal is near.', 'More to follow.', 'Markets rose.', 'Done.'];
    expect(splitParagraphs(lines.join('\n'))).toEqual(lines);
  });

  it('starts a paragraph at a bullet', () => {
    expect(splitParagraphs('Schemes include\n• a £5,000 grant\n• business rates relief\n\nThe end.')).toEqual([
      'Schemes include',
      '• a £5,000 grant',
      '• business rates relief',
      'The end.',
    ]);
  });
});

describe('speech fragments', () => {
  it('joins fragments laid out one per paragraph back into their sentence', () => {
    expect(
      joinFragments([
        'So we are recalling Parliament tomorrow',
        'For a Saturday sitting.',
        'We will pass emergency legislation',
        'In one day',
        'To give the Business Secretary the powers',
        'To do everything possible to stop the closure of these blast furnaces.',
        'I know how important steel is…',
        '…not just to the region, but to the whole country.',
      ]),
    ).toEqual([
      'So we are recalling Parliament tomorrow for a Saturday sitting.',
      'We will pass emergency legislation in one day to give the Business Secretary the powers to do everything possible to stop the closure of these blast furnaces.',
      'I know how important steel is not just to the region, but to the whole country.',
    ]);
  });

  it('never runs a heading or a finished sentence into the next paragraph', () => {
    const paragraphs = ['Tata Steel: Port Talbot', 'With permission, I shall make a statement.', 'The deal is signed.', 'For the workers, it is good news.', '2nd reading', 'To move that this House takes note.'];
    expect(joinFragments(paragraphs)).toEqual(paragraphs);
  });
});
