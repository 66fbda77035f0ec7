/**
 * Money amounts in a sentence, normalised to a currency code and a value in
 * whole units: "£225 million", "225 million pounds", "£2.26bn", "$50 billion",
 * "€1.5m", "US$3 billion", "GBP 40m". Amounts written in words ("three
 * billion pounds") and bare numbers without a currency are not amounts.
 */
import type { Amount } from '../core/model.js';

const SYMBOL_CURRENCY: Record<string, string> = {
  'US$': 'USD',
  'A$': 'AUD',
  'C$': 'CAD',
  '£': 'GBP',
  $: 'USD',
  '€': 'EUR',
  '¥': 'JPY',
  '₴': 'UAH',
  '₽': 'RUB',
};
const CODES = ['GBP', 'USD', 'EUR', 'UAH', 'RUB', 'JPY', 'CAD', 'AUD', 'CHF'];
const WORD_CURRENCY: Array<[RegExp, string]> = [
  [/^(?:pounds?(?:\s+sterling)?|sterling)$/i, 'GBP'],
  [/^dollars?$/i, 'USD'],
  [/^euros?$/i, 'EUR'],
  [/^hryvnias?$/i, 'UAH'],
  [/^(?:roubles?|rubles?)$/i, 'RUB'],
  [/^yen$/i, 'JPY'],
];
const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  bn: 1e9,
  billion: 1e9,
  tn: 1e12,
  trillion: 1e12,
};

const NUMBER = String.raw`(?<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<frac>\d+))?`;
const SCALE_WORDS = 'thousand|million|billion|trillion|mn|bn|tn|m|k';

/** A money amount's shape, symbol first ("£300 million", "$1.5bn"), for patterns that must recognise one inside their own (no groups). */
export const MONEY_SHAPE = String.raw`(?:US\$|A\$|C\$|[£$€¥₴₽])\s?\d[\d.,]*(?:\s?(?:${SCALE_WORDS})(?![\p{L}\p{N}]))?`;

/** Symbol or code first: "£225 million", "$50bn", "EUR 1.5m". */
const PREFIXED = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?<cur>US\$|A\$|C\$|[£$€¥₴₽]|(?:${CODES.join('|')})\s?)\s?${NUMBER}(?:\s?(?<scale>${SCALE_WORDS})(?![\p{L}\p{N}]))?`,
  'gu',
);
/** Currency word after: "225 million pounds", "1.5 billion euros". */
const SUFFIXED = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,£$€])${NUMBER}(?:\s?(?<scale>${SCALE_WORDS}))?\s+(?<word>pounds?(?:\s+sterling)?|sterling|dollars?|euros?|hryvnias?|roubles?|rubles?|yen)(?![\p{L}])`,
  'giu',
);

const MONEY_HINT = /[£$€¥₴₽]|\b(?:GBP|USD|EUR|UAH|RUB|JPY|CAD|AUD|CHF)\b|pound|sterling|dollar|euro|hryvnia|rouble|ruble|yen/i;

function valueOf(num: string, frac: string | undefined, scale: string | undefined): number {
  const whole = Number(num.replace(/,/g, ''));
  const n = frac ? Number(`${whole}.${frac}`) : whole;
  const factor = scale ? (SCALE[scale.toLowerCase()] ?? 1) : 1;
  // Round away float noise (2.26 * 1e9) while keeping pence on small amounts.
  return factor === 1 ? Math.round(n * 100) / 100 : Math.round(n * factor);
}

/** Money amounts in reading order. */
export function extractAmounts(sentence: string): Amount[] {
  if (!MONEY_HINT.test(sentence)) return [];
  const found: Array<Amount & { index: number; end: number }> = [];
  for (const m of sentence.matchAll(PREFIXED)) {
    const g = m.groups ?? {};
    const cur = (g.cur ?? '').trim();
    const currency = SYMBOL_CURRENCY[cur] ?? cur.toUpperCase();
    found.push({
      text: m[0].trim(),
      currency,
      value: valueOf(g.num ?? '0', g.frac, g.scale),
      index: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of sentence.matchAll(SUFFIXED)) {
    const g = m.groups ?? {};
    const currency = WORD_CURRENCY.find(([re]) => re.test((g.word ?? '').replace(/\s+/g, ' ')))?.[1];
    if (!currency) continue;
    const index = m.index;
    const end = index + m[0].length;
    if (found.some((f) => f.index < end && index < f.end)) continue;
    found.push({ text: m[0].trim(), currency, value: valueOf(g.num ?? '0', g.frac, g.scale), index, end });
  }
  return found.sort((a, b) => a.index - b.index).map(({ text, currency, value }) => ({ text, currency, value }));
}
