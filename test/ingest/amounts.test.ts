import { describe, expect, it } from 'vitest';
import { extractAmounts } from '../../src/ingest/amounts.js';

describe('extractAmounts', () => {
  it.each([
    ['Healey pledged a new £225 million package.', '£225 million', 'GBP', 225_000_000],
    ['Healey arrived pledging 225 million pounds of support.', '225 million pounds', 'GBP', 225_000_000],
    ['The loan is worth £2.26bn in total.', '£2.26bn', 'GBP', 2_260_000_000],
    ['The UK contribution is £2.26 billion.', '£2.26 billion', 'GBP', 2_260_000_000],
    ['Washington has sent $50 billion in aid.', '$50 billion', 'USD', 50_000_000_000],
    ['The fund received €1.5m from Brussels.', '€1.5m', 'EUR', 1_500_000],
    ['Japan added US$3 billion.', 'US$3 billion', 'USD', 3_000_000_000],
    ['Tickets cost £12 each.', '£12', 'GBP', 12],
    ['The bill came to £1,250,000 overall.', '£1,250,000', 'GBP', 1_250_000],
    ['Kyiv raised 40 billion hryvnias in bonds.', '40 billion hryvnias', 'UAH', 40_000_000_000],
    ['Brussels pledged 18 billion euros next year.', '18 billion euros', 'EUR', 18_000_000_000],
    ['The contract is worth GBP 40m.', 'GBP 40m', 'GBP', 40_000_000],
  ])('%s', (sentence, text, currency, value) => {
    expect(extractAmounts(sentence)).toEqual([{ text, currency, value }]);
  });

  it('finds several amounts in reading order', () => {
    const s = 'The package involves £186 million for equipment, including £92 million for the navy and £68 million for air defence.';
    expect(extractAmounts(s).map((a) => [a.text, a.value])).toEqual([
      ['£186 million', 186_000_000],
      ['£92 million', 92_000_000],
      ['£68 million', 68_000_000],
    ]);
  });

  it('ignores numbers without a currency and money written in words', () => {
    expect(extractAmounts('They trained 150 recruits in 2024 and sent 2.5 million shells.')).toEqual([]);
    expect(extractAmounts('He promised three billion pounds.')).toEqual([]);
    expect(extractAmounts('Prices rose 5% in the pound area more generally.')).toEqual([]);
  });
});
