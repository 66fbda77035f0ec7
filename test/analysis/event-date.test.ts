import { describe, expect, it } from 'vitest';
import { eventDateOf } from '../../src/analysis/event-date.js';
import { eventCandidateDate } from '../../src/analysis/events.js';
import { doc, sentences, type SentenceFacts } from './fixtures.js';

const published = doc('gazette/2023-03-02-harbour', '2023-03-02', { outlet: 'Harbour Gazette' });
const inferred = doc('blog/port-notes', '2023-03-02', { from: 'inferred' });
const unknown = doc('notes/no-date', null);

function one(text: string, facts: SentenceFacts = {}, d = published) {
  return sentences(d, [[text, facts]])[0]!;
}

describe('eventDateOf: which date a sentence reports', () => {
  const table: Array<[string, SentenceFacts, string | null, string]> = [
    ['The harbour authority signed the contract on Tuesday in Gdansk.', { dates: [['on Tuesday', '2023-02-28']] }, '2023-02-28', 'a day mention'],
    ['The council approved the plan in February after a long debate.', { dates: [['in February', '2023-02']] }, '2023-02', 'a month mention'],
    ['The port was built in 1911 and rebuilt after the war.', { dates: [['in 1911', '1911']] }, '1911', 'a year mention'],
    ['In January the ministry confirmed the order on 14 January 2023 in writing.', { dates: [['In January', '2023-01'], ['on 14 January 2023', '2023-01-14']] }, '2023-01-14', 'day beats month'],
    ['Officials met on Monday and again on Tuesday to finish the deal.', { dates: [['on Monday', '2023-02-27'], ['on Tuesday', '2023-02-28']] }, '2023-02-27', 'first of equals'],
    ['The city unveiled a €30 million upgrade of the quays.', { amounts: [['€30 million', 'EUR', 30_000_000]] }, '2023-03-02', 'undated amount → publication day'],
    ['The mayor announced a new ferry line between the two islands.', {}, '2023-03-02', 'undated announcement → publication day'],
    ['The minister said the harbour deserves more attention from everyone.', {}, null, 'undated opinion → not an event'],
    ['The mayor did not announce a date for the opening of the terminal.', {}, null, 'negated announcement → not an event'],
    ['The terminal will open next year according to the operator.', { dates: [['next year', '2024']] }, null, 'future only → not an event'],
    ['The mayor announced the terminal would open in 2024 with new cranes.', { dates: [['in 2024', '2024']] }, '2023-03-02', 'future mention ignored; announcement dated at publication'],
    ['This year the city confirmed a second dredging contract for the port.', { dates: [['This year', '2023']] }, '2023-03-02', '"this year" frames a fact → publication day'],
    ['This year the harbour looks busier than at any time in memory.', { dates: [['This year', '2023']] }, null, '"this year" without a fact is an outlook, not an event'],
    ['Last week the operator signed a deal for four new tugboats.', { dates: [['Last week', '2023-02']] }, '2023-02', 'a past coarse reference keeps its date'],
    ['It is the largest investment since the harbour opened in 1911, officials said.', { dates: [['in 1911', '1911']] }, null, 'a "since" starting point is not the date'],
    ['So far £2 million has been paid, with a further £9 million due to be paid to councils by the end of February.', { dates: [['end of February', '2023-02-28']], amounts: [['£2 million', 'GBP', 2e6], ['£9 million', 'GBP', 9e6]] }, '2023-03-02', 'a deadline is not the date'],
    ['The fund has provided £5 million to 900 fishermen, following the storms of late 2022.', { dates: [['late 2022', '2022']], amounts: [['£5 million', 'GBP', 5e6]] }, '2023-03-02', 'a "following" clause dates the cause, not the report'],
    ['The mayor announced the dredging plan and looked ahead to the harbour board meeting on Tuesday.', { dates: [['on Tuesday', '2023-02-28']] }, '2023-03-02', 'a mention placed ahead is still to come, whatever weekday it resolved to'],
    ['The £4 million order follows talks with the shipyard last week.', { dates: [['last week', '2023-02']], amounts: [['£4 million', 'GBP', 4e6]] }, '2023-03-02', 'what a report "follows" dates its cause, not the report'],
    ['The mayor said: “Today is a proud day for the whole harbour and its workers.”', { dates: [['Today', '2023-03-02']] }, null, 'a date inside an opinion quote'],
    ['The mayor said on Wednesday: “We will not give up on this harbour.”', { dates: [['on Wednesday', '2023-03-01']] }, '2023-03-01', 'a date in the reporter’s words around a quote'],
    ['The mayor said: “Today we have signed a €9 million contract for the cranes.”', { dates: [['Today', '2023-03-02']], amounts: [['€9 million', 'EUR', 9e6]] }, '2023-03-02', 'a quoted date with a concrete amount'],
  ];

  for (const [text, facts, expected, why] of table) {
    it(`${why}: "${text}"`, () => {
      const got = eventDateOf(one(text, facts));
      expect(got?.date ?? null).toBe(expected);
    });
  }

  it('treats an inferred publication date like a stated one', () => {
    expect(eventDateOf(one('The port authority announced a strike settlement.', {}, inferred))).toEqual({
      date: '2023-03-02',
      precision: 'day',
      from: 'publication',
    });
  });

  it('uses only absolute dates when the publication date is unknown', () => {
    expect(eventDateOf(one('The port authority announced a €2 million settlement.', { amounts: [['€2 million', 'EUR', 2e6]] }, unknown))).toBeNull();
    expect(eventDateOf(one('The treaty was signed in Oslo on 5 May 2021 by both sides.', { dates: [['on 5 May 2021', '2021-05-05']] }, unknown))?.date).toBe('2021-05-05');
  });

  it('never claims more precision than the date string holds', () => {
    const got = eventDateOf(one('The harbour was expanded in the spring of 2019 after floods.', { dates: [['spring of 2019', '2019']] }));
    expect(got).toEqual({ date: '2019', precision: 'year', from: 'mention' });
  });
});

describe('eventCandidateDate: what is not an event', () => {
  it.each([
    ['a fragment', 'Kyiv, 19 December 2024', { dates: [['19 December 2024', '2024-12-19']] }],
    ['a question', 'Will the ferry line open on Tuesday as promised?', { dates: [['on Tuesday', '2023-02-28']] }],
    ['a continuation', 'He added: “We signed it on Tuesday and we are proud of it.”', { dates: [['on Tuesday', '2023-02-28']] }],
    ['boilerplate', 'Sign up to our newsletter for the latest port news every Tuesday morning', { dates: [['Tuesday', '2023-02-28']], boilerplate: true }],
    ['a bare opinion quote', '“Tuesday was a sad day for everyone who loves this harbour.”', { dates: [['Tuesday', '2023-02-28']] }],
    ['a pronoun opener with no fact', 'His remarks on Tuesday echoed a long tradition of harbour politics.', { dates: [['on Tuesday', '2023-02-28']] }],
  ] as Array<[string, string, SentenceFacts]>)('%s', (_why, text, facts) => {
    expect(eventCandidateDate(one(text, facts))).toBeNull();
  });

  it('keeps a quote that carries a concrete amount', () => {
    const s = one('“We have committed €40 million to the harbour this year,” the mayor said on Tuesday.', {
      dates: [['this year', '2023'], ['on Tuesday', '2023-02-28']],
      amounts: [['€40 million', 'EUR', 40e6]],
    });
    expect(eventCandidateDate(s)?.date).toBe('2023-02-28');
  });
});
