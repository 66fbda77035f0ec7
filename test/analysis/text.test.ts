import { describe, expect, it } from 'vitest';
import { hasWords, wordCount } from '../../src/analysis/text.js';
import { seeds } from './corpus.js';

describe('hasWords', () => {
  const texts = [
    ...seeds.map((s) => s.text),
    '',
    '   ',
    '— — —',
    'One two three four five',
    'One two three four five six',
    '  £45m   for  Kyiv ,  said  the   PM  ',
    '“Yes.” — 12 3 … ok',
  ];

  it('agrees with wordCount on every threshold', () => {
    for (const text of texts) {
      for (let n = 0; n <= 8; n++) expect(hasWords(text, n), `${n} in ${JSON.stringify(text)}`).toBe(wordCount(text) >= n);
    }
  });
});
