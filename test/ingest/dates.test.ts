import { describe, expect, it } from 'vitest';
import { resolveDateMentions } from '../../src/ingest/dates.js';

/**
 * [sentence, publication date, words expected, resolved date, precision].
 * Publication weekdays: 2023-03-02 Thu, 2024-12-19 Thu, 2024-12-23 Mon,
 * 2025-01-16 Thu, 2025-01-02 Thu, 2024-10-07 Mon, 2024-06-10 Mon,
 * 2024-01-15 Mon, 2021-07-05 Mon, 2022-02-28 Mon, 2024-10-03 Thu.
 */
const TABLE: Array<[string, string | null, string, string, 'day' | 'month' | 'year']> = [
  // Weekdays resolve into the past for reporting, including the publication day itself.
  ['The ministry said on Tuesday it would send more tanks.', '2023-03-02', 'on Tuesday', '2023-02-28', 'day'],
  ['Mr Zelenskyy said on Wednesday: “We cannot give up our territories.”', '2024-12-19', 'on Wednesday', '2024-12-18', 'day'],
  ['The leaders spoke on Monday morning and agreed a plan.', '2024-12-23', 'on Monday morning', '2024-12-23', 'day'],
  ['The package announced on Thursday involves new drones.', '2024-12-19', 'on Thursday', '2024-12-19', 'day'],
  ['The deal was signed on Friday after long talks.', '2021-07-05', 'on Friday', '2021-07-02', 'day'],
  ['The talks on Saturday ended without agreement.', '2022-02-28', 'on Saturday', '2022-02-26', 'day'],
  ['It happened last Tuesday, officials said.', '2023-03-02', 'last Tuesday', '2023-02-28', 'day'],
  ['Number 10 said on Monday that the call went well.', '2024-12-23', 'on Monday', '2024-12-23', 'day'],
  // ... and forward only when the sentence is clearly about the future.
  ['The minister will visit Kyiv on Tuesday.', '2023-03-02', 'on Tuesday', '2023-03-07', 'day'],
  // A date leading its clause takes its clause's verb, not a nearer cue before it.
  ['The department said that on Monday the minister will open the new plant.', '2025-04-16', 'on Monday', '2025-04-21', 'day'],
  ['On Friday, the Secretary of State will set out the plan.', '2025-04-16', 'On Friday', '2025-04-18', 'day'],
  ['On Wednesday, Mr Healey told the radio station it was critical.', '2024-12-19', 'On Wednesday', '2024-12-18', 'day'],
  // "Tomorrow" is a future cue: the Saturday beside it is tomorrow, not last week's.
  ['So we are recalling Parliament tomorrow for a Saturday sitting.', '2025-04-11', 'tomorrow', '2025-04-12', 'day'],
  ['It came just days before Donald Trump is sworn in as president on Monday.', '2025-01-16', 'on Monday', '2025-01-20', 'day'],
  ['Talks resume next Monday.', '2023-03-02', 'next Monday', '2023-03-06', 'day'],
  // Day words.
  ['The minister resigned yesterday.', '2024-06-10', 'yesterday', '2024-06-09', 'day'],
  ['The attacks here today are a reminder of the war.', '2025-01-16', 'today', '2025-01-16', 'day'],
  ['He said this morning that talks would continue.', '2025-01-16', 'this morning', '2025-01-16', 'day'],
  // Weeks are never a precision: the month (or year) containing the whole week.
  ['Last week, the defence secretary said it was a critical period.', '2024-12-23', 'Last week', '2024-12', 'month'],
  ['Last week was busy for negotiators.', '2025-01-02', 'Last week', '2024-12', 'month'],
  ['Officials met last week to agree the terms.', '2024-10-03', 'last week', '2024-09', 'month'],
  ['Prices rose sharply last week.', '2024-10-07', 'last week', '2024', 'year'],
  ['Speaking in Norway earlier this week, Sir Keir warned allies.', '2024-12-19', 'earlier this week', '2024-12', 'month'],
  ['It was agreed three weeks ago.', '2023-03-02', 'three weeks ago', '2023-02', 'month'],
  ['The talks will take place in two weeks’ time.', '2024-06-10', 'in two weeks’ time', '2024-06', 'month'],
  // Months without a year: past after a past-tense cue, future after a future one.
  ['The secretary said in October that recruitment was the constraint.', '2024-12-19', 'in October', '2024-10', 'month'],
  ['The first summit was held in July.', '2025-01-16', 'in July', '2024-07', 'month'],
  ['The president-elect prepares for power in January.', '2024-12-19', 'in January', '2025-01', 'month'],
  ['The bill passed in mid-November.', '2023-03-02', 'mid-November', '2022-11', 'month'],
  ['Sales fell last month.', '2023-03-02', 'last month', '2023-02', 'month'],
  ['Prices rose last month.', '2024-01-15', 'last month', '2023-12', 'month'],
  ['Starmer took power six months ago.', '2025-01-16', 'six months ago', '2024-07', 'month'],
  // Day and month without a year.
  ['The fund opened on 5 March.', '2023-03-02', 'on 5 March', '2022-03-05', 'day'],
  ['On 5 March the fund will open.', '2023-03-02', 'On 5 March', '2023-03-05', 'day'],
  ['Healey is in Kyiv on Thursday, the 19th of December, reports the BBC.', '2024-12-19', 'on Thursday, the 19th of December', '2024-12-19', 'day'],
  // Years.
  ['Russia took Crimea via a referendum ten years ago.', '2024-12-19', 'ten years ago', '2014', 'year'],
  ['The treaty was signed a decade ago.', '2019-05-01', 'a decade ago', '2009', 'year'],
  ['Kremlin-linked forces took much of the Donbas in 2014.', '2024-12-19', 'in 2014', '2014', 'year'],
  ['The plan is to put Ukraine in the strongest position next year.', '2024-12-19', 'next year', '2025', 'year'],
  ['This year the UK will give more military support.', '2025-01-16', 'This year', '2025', 'year'],
  // Absolute dates need no publication date.
  ['The vote took place on 1 March 2023.', null, 'on 1 March 2023', '2023-03-01', 'day'],
  ['A referendum was held in March 2014.', null, 'March 2014', '2014-03', 'month'],
  ['Figures published 2023-02-14 show growth.', '2023-03-02', '2023-02-14', '2023-02-14', 'day'],
  ['Protests began in 2013 in Kyiv.', null, 'in 2013', '2013', 'year'],
];

describe('resolveDateMentions: phrases × publication dates', () => {
  it.each(TABLE)('%s (published %s) → %s = %s', (sentence, published, words, date, precision) => {
    const mentions = resolveDateMentions(sentence, published);
    expect(mentions).toContainEqual({ text: words, date, precision });
  });

  it('has at least 30 rows with more than one publication year', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    expect(new Set(TABLE.map((r) => r[1]?.slice(0, 4))).size).toBeGreaterThan(4);
  });
});

describe('resolveDateMentions: what is not a date', () => {
  it.each([
    ['What happens in the coming months matters to Nato.', '2024-12-23'],
    ['Trading was thin last week.', '2025-01-06'], // 30 Dec – 5 Jan: no single month or year
    ['The vote took place on Tuesday.', null], // relative, and no publication date to resolve it
    ['Theresa May said the UK would march on.', '2024-12-19'],
    ['We are with you not just today or tomorrow.', '2025-01-16'],
    ['It costs £2,025 and the plan is worth 2025m.', '2024-06-10'],
    ['The barrels will arrive in a few weeks.', '2025-01-16'],
    ['It is the first time in over 20 years that they were produced here.', '2025-01-16'],
  ])('%s (published %s) has no date', (sentence, published) => {
    expect(resolveDateMentions(sentence, published)).toEqual([]);
  });

  it('never resolves "on Wednesday" in a Thursday article a week ahead', () => {
    const [mention] = resolveDateMentions('He said on Wednesday that talks had stalled.', '2024-12-19');
    expect(mention?.date).toBe('2024-12-18');
  });

  it('keeps absolute mentions and drops relative ones without a publication date', () => {
    const mentions = resolveDateMentions('On Monday he recalled the invasion of 2022.', null);
    expect(mentions).toEqual([{ text: '2022', date: '2022', precision: 'year' }]);
  });

  it('reports several mentions in reading order', () => {
    const mentions = resolveDateMentions('Ukraine could reconquer the territory ceded in 2014 and since the 2022 invasion.', '2024-12-19');
    expect(mentions.map((m) => m.date)).toEqual(['2014', '2022']);
  });
});
