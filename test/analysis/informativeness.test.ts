/**
 * Informativeness across genres: each line is written the way such texts
 * are (a ministerial statement, Hansard, a press release, a news report, a
 * machine-reworded copy), none is taken from one source.
 */
import { describe, expect, it } from 'vitest';
import { isBareContact, judgeSentence, type SentenceRole } from '../../src/analysis/informativeness.js';

function role(text: string, amountCount = 0, entityCount = 0): SentenceRole {
  return judgeSentence({ text, amountCount, entityCount }).role;
}
function reports(text: string, amountCount = 0, entityCount = 0): boolean {
  return judgeSentence({ text, amountCount, entityCount }).reports;
}

describe('informativeness', () => {
  it('knows ministerial and Hansard ceremony', () => {
    expect(role('With permission, Mr Speaker, I wish to make a statement on the situation in the Middle East.')).toBe('ceremony');
    expect(role('With permission, I will make a statement on our support for the people of Sudan.')).toBe('ceremony');
    expect(role('Can I start by thanking you all for being here this morning?')).toBe('ceremony');
    expect(role('With permission, Madam Deputy Speaker, I shall make a statement about the company’s proposal, which has been agreed with Government.')).toBe('ceremony');
    expect(role('May I first pay tribute to the emergency services for their work overnight.')).toBe('ceremony');
    expect(role('I would like to thank the hon. Member for Barnsley for her question.')).toBe('ceremony');
    expect(role('It is a privilege to open this debate on behalf of the Government.')).toBe('ceremony');
    expect(role('I commend this statement to the House.')).toBe('ceremony');
    expect(role('On behalf of this House, I pay tribute to him.')).toBe('ceremony');
    expect(role('The two leaders agreed to remain in close contact.')).toBe('ceremony');
    for (const t of ['Can I start by thanking you all for being here this morning.', 'I commend this statement to the House.']) {
      expect(reports(t)).toBe(false);
    }
  });

  it('judges a ceremonial frame by the news after it', () => {
    const j = judgeSentence({ text: 'I am pleased to announce that we will provide a further £50 million to the World Food Programme.', amountCount: 1, entityCount: 1 });
    expect(j.reports).toBe(true);
    expect(role('I am delighted to confirm that the first shipment of generators arrived in Odesa this week.')).toBe('development');
  });

  it('knows procedure, including the line a department repeats in every periodic update', () => {
    expect(role('We are committed to facilitating scrutiny of these decisions.')).toBe('procedure');
    expect(role('The Government committed to updating Parliament every four weeks on the progress of the scheme.')).toBe('procedure');
    expect(role('I will keep the House informed as the situation develops.')).toBe('procedure');
    expect(role('A copy of the framework has been placed in the Library of the House.')).toBe('procedure');
    expect(role('The House met at half-past Two o’clock.')).toBe('procedure');
    expect(role('Questions are announced 30 minutes before Parliament sits each day.')).toBe('procedure');
    expect(reports('The Government committed to updating Parliament every four weeks on the progress of the scheme.', 0, 1)).toBe(false);
  });

  it('knows a debate’s floor management and a readout’s courtesies', () => {
    expect(role('I think I must make progress, Madam Deputy Speaker.')).toBe('procedure');
    expect(role('I will give way one final time.')).toBe('procedure');
    expect(role('I will take one more intervention and then I must move on.')).toBe('procedure');
    expect(role('The Chancellor thanked the Governor for the bank’s support during the crisis.', 0, 2)).toBe('ceremony');
    expect(role('She began by praising the council’s swift response to the fire.', 0, 1)).toBe('ceremony');
    expect(role('As Mayor, I will always act in the national interest.')).toBe('rhetoric');
    expect(role('All 4 Debates between Ann Example and Ben Sample')).toBe('furniture');
    // A figure in it is news, whoever has the floor.
    expect(reports('I will give way, but first let me say the fund is £40 million.', 1, 0)).toBe(true);
  });

  it('tells a bare call apart from what was said in it', () => {
    const bare = judgeSentence({ text: 'The Foreign Secretary spoke to the Prime Minister of Canada this afternoon.', amountCount: 0, entityCount: 2 });
    const said = judgeSentence({ text: 'The Foreign Secretary agreed with the Prime Minister of Canada to impose new tariffs.', amountCount: 0, entityCount: 2 });
    expect(isBareContact('The Foreign Secretary spoke to the Prime Minister of Canada this afternoon.')).toBe(true);
    expect(isBareContact('Chancellor Ann Example met the Governor on Tuesday.')).toBe(true);
    expect(isBareContact('The Foreign Secretary spoke to the Prime Minister of Canada this afternoon about new tariffs.')).toBe(false);
    expect(bare.reports).toBe(true);
    expect(bare.score).toBeLessThan(said.score);
  });

  it('knows recap and rhetoric from a speaker', () => {
    expect(role('As I told the House last month, the situation remains very serious.')).toBe('recap');
    expect(role('As Members will know, the talks have continued throughout the recess.')).toBe('recap');
    expect(role('We stand with the people of Ukraine for as long as it takes.')).toBe('rhetoric');
    expect(role('“Their courage and resolve in the face of aggression is an example to us all.”')).toBe('rhetoric');
    expect(reports('We stand with the people of Ukraine for as long as it takes.')).toBe(false);
  });

  it('knows page furniture that slipped through extraction', () => {
    expect(role('Read Full debate on the floods response')).toBe('furniture');
    expect(role('Read Hansard Text Watch Debate Read Debate Ministerial Extracts Question for Short Debate')).toBe('furniture');
    expect(role('Urgent question on the hospital closures (3 days, 4 hours ago)')).toBe('furniture');
    expect(role('PM call with the President of France: 4 September 2025')).toBe('furniture');
    expect(role('Jane Smith Portrait The Minister for Industry (Jane Smith) set out the plan.')).toBe('furniture');
  });

  it('knows a speaker’s view and talk about the meeting they are in, and counting the time since', () => {
    expect(role('I think what this week has shown is that the talks can work.')).toBe('rhetoric');
    expect(role('I understand the distress many will be feeling today.')).toBe('rhetoric');
    expect(role('We’ve got a lot to discuss because since we last met a lot has happened.')).toBe('rhetoric');
    expect(role('We have begun that process this morning and we can take it forward.')).toBe('rhetoric');
    expect(role('So the group I convened today is more important than ever.')).toBe('rhetoric');
    expect(role('It has now been 500 days since the invasion was launched.')).toBe('recap');
    // Scene colour in the passive: the writer's emphasis, not a happening.
    expect(role('As the two leaders met in the capital, the danger facing the city was underlined by sirens overnight.')).toBe('rhetoric');
    expect(role('The scale of the damage was starkly highlighted by aerial footage.')).toBe('rhetoric');
    // What a speaker did, committed to or counted is news.
    expect(reports('We signed the agreement with the company this morning.')).toBe(true);
    expect(reports('We will send a team of engineers to the site.')).toBe(true);
    expect(reports('We are recalling Parliament tomorrow.')).toBe(true);
    expect(reports('I think the fund of £40 million is enough.', 1, 0)).toBe(true);
  });

  it('counts a number of things as a concrete fact, not a year, a span or a time', async () => {
    const { isFactLike } = await import('../../src/analysis/sentence-kind.js');
    for (const t of ['An estimated 107 properties have flooded across the county.', 'Around 28,000 homes were protected by defences.', 'The mobilisation of 200 military personnel followed.']) {
      expect(isFactLike(t, 0), t).toBe(true);
    }
    for (const t of ['It has been 930 days of fighting.', 'Storms in late 2023 and early 2024 hit farms.', 'Levels peaked at 3.21 this morning.', 'Rainfall was 40 per cent above normal.']) {
      expect(isFactLike(t, 0), t).toBe(false);
    }
  });

  it('keeps developments from news reports, press releases and reworded copies', () => {
    const news: Array<[string, number, number]> = [
      ['Defence Secretary John Healey pledged £225 million of military support on Thursday.', 1, 1],
      ['The Prime Minister hosted a call of some 25 leaders on Saturday to discuss security guarantees.', 0, 1],
      ['The bill cleared the Commons without opposition on Wednesday afternoon.', 0, 0],
      ['The UK has today announced sanctions on 30 vessels of the shadow fleet.', 0, 1],
      ['Britain unveiled a fresh £2.2bn credit line for Kyiv, financed from frozen Russian assets.', 1, 1],
      ['Sir Keir Starmer is considering plans to send British troops to act as peacekeepers.', 0, 1],
    ];
    for (const [text, a, e] of news) {
      const j = judgeSentence({ text, amountCount: a, entityCount: e });
      expect(j.role, text).toBe('development');
      expect(j.reports, text).toBe(true);
    }
  });

  it('scores a side note ("X also discussed …") below the news it adds to, unless it carries a figure', () => {
    const aside = judgeSentence({ text: 'The Chancellor also discussed the outlook with the governor by telephone on Tuesday.', amountCount: 0, entityCount: 1 });
    const news = judgeSentence({ text: 'The Chancellor discussed the outlook with the governor by telephone on Tuesday.', amountCount: 0, entityCount: 1 });
    expect(aside.role).toBe('development');
    expect(aside.score).toBeLessThan(news.score);
    const figure = 'The council also pledged £5 million for repairs.';
    expect(judgeSentence({ text: figure, amountCount: 1, entityCount: 1 }).score).toBe(judgeSentence({ text: figure.replace('also ', ''), amountCount: 1, entityCount: 1 }).score);
  });

  it('scores a concrete report above its hedged or vaguer versions', () => {
    const concrete = judgeSentence({ text: 'The minister signed the agreement in Kyiv on Monday.', amountCount: 0, entityCount: 1, statesDate: true });
    const hedged = judgeSentence({ text: 'The minister may sign an agreement soon, officials believe.', amountCount: 0, entityCount: 1 });
    const ceremony = judgeSentence({ text: 'Can I start by thanking the minister for his work.', amountCount: 0, entityCount: 1 });
    expect(concrete.score).toBeGreaterThan(hedged.score);
    expect(hedged.score).toBeGreaterThan(ceremony.score);
  });
});
