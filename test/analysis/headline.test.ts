/**
 * Headlines that stand alone, and sentences leaning on the one before folded
 * into its development, through the real candidate and event builders.
 */
import { describe, expect, it } from 'vitest';
import { buildEvents } from '../../src/analysis/events.js';
import { hasDanglingOpener, isQuoteFragment } from '../../src/analysis/informativeness.js';
import type { AnalysisSentence } from '../../src/analysis/types.js';

const doc = {
  id: 'a',
  title: 'A',
  outlet: null,
  url: null,
  published: '2025-02-03',
  publishedFrom: 'stated' as const,
  relevance: 1,
  ingestedAt: '2025-02-03T08:00:00Z',
};

function sentences(texts: Array<[string, { amounts?: AnalysisSentence['amounts']; people?: string[]; orgs?: string[] }?]>): AnalysisSentence[] {
  return texts.map(([text, x], index) => ({
    docId: 'a',
    index,
    paragraph: index,
    text,
    hash: `h${index}`,
    boilerplate: false,
    dates: [],
    people: x?.people ?? [],
    organisations: x?.orgs ?? [],
    amounts: x?.amounts ?? [],
    doc,
  }));
}

describe('headlines', () => {
  it('knows openers that lean on an earlier sentence', () => {
    for (const t of ['That includes what my right hon. Friend announced today.', 'It comes as talks continue.', 'But he said more was needed.', 'The move follows weeks of talks.', 'The £300 million package includes missiles and radar.', 'The £5 million funding will pay for repairs.', 'The funding includes £80 million from the government.', 'The £50 million pledge follows talks.', 'The measures were announced by the Environment Secretary.']) {
      expect(hasDanglingOpener(t), t).toBe(true);
    }
    for (const t of ['The minister signed the order on Monday.', 'Theresa May spoke in the debate.', 'The Defence Secretary visited Kyiv.', 'The package of sanctions was announced in Brussels.', 'The Treasury will lend £2.2 billion.', 'The agreement was signed in Warsaw on 3 March 2023.', 'The £1.6 billion contract signed on Sunday covers 5,000 missiles.']) {
      expect(hasDanglingOpener(t), t).toBe(false);
    }
    expect(isQuoteFragment('“We will not back down,')).toBe(true);
    expect(isQuoteFragment('“We will not back down,” the minister said.')).toBe(false);
  });

  it('folds a sentence leaning on the one before into that development, with its amount as a fact', () => {
    const events = buildEvents(
      sentences([
        ['The Foreign Secretary announced a £40 million humanitarian package for Sudan on Monday.', { amounts: [{ text: '£40 million', currency: 'GBP', value: 40e6 }], people: ['Foreign Secretary'] }],
        ['It includes £12 million for the World Food Programme and water for camps in Darfur.', { amounts: [{ text: '£12 million', currency: 'GBP', value: 12e6 }] }],
        ['Separately, the Home Office confirmed new visa rules for health workers.', { orgs: ['Home Office'] }],
      ]),
    );
    const pkg = events.find((e) => /£40 million/.test(e.text))!;
    expect(pkg.members.map((m) => m.index)).toEqual([0, 1]);
    expect(pkg.amounts.map((a) => a.text).sort()).toEqual(['£12 million', '£40 million']);
    expect(events.some((e) => /^It includes/.test(e.text))).toBe(false);
    expect(events.some((e) => /visa rules/.test(e.text))).toBe(true);
  });

  it('folds a package named again by its amount into the sentence that said what it is for', () => {
    const events = buildEvents(
      sentences([
        ['The UK will pay for new air defence systems for Ukraine, the Ministry of Defence announced on Thursday.', { orgs: ['Ministry of Defence'] }],
        ['The £300 million package includes missiles and radar to protect Ukrainian cities from drone attacks.', { amounts: [{ text: '£300 million', currency: 'GBP', value: 3e8 }] }],
      ]),
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.text).toMatch(/^The UK will pay for new air defence systems/);
    expect(events[0]!.amounts.map((a) => a.text)).toEqual(['£300 million']);
  });

  it('folds a thing named again by "The" and its noun into the sentence that introduced it, but not a named-again actor', () => {
    const events = buildEvents(
      sentences([
        ['The UK has ordered 10,000 drones for Ukraine worth £150 million, the Defence Secretary announced on Monday.', { amounts: [{ text: '£150 million', currency: 'GBP', value: 1.5e8 }], people: ['Defence Secretary'] }],
        ['The drones will be built in Britain and delivered to the armed forces this year.'],
        ['The government announced it will open a new training range for drone pilots in Wales.'],
      ]),
    );
    expect(events.map((e) => e.members.map((m) => m.index))).toEqual(expect.arrayContaining([[0, 1], [2]]));
    expect(events).toHaveLength(2);
  });

  it('drops a leading connective and keeps ceremony out of every event', () => {
    const events = buildEvents(
      sentences([
        ['With permission, I wish to make a statement on the floods in the north of England.'],
        ['Meanwhile, the Environment Agency deployed 40 pumps to Doncaster on Sunday night.', { orgs: ['Environment Agency'] }],
        ['I commend this statement to the House.'],
      ]),
    );
    expect(events.map((e) => e.text)).toEqual(['The Environment Agency deployed 40 pumps to Doncaster on Sunday night.']);
  });

  it('drops a list item’s bullet glyph: the item reads as a sentence', () => {
    const events = buildEvents(
      sentences([['• Flood-hit households can apply for up to £500 from their council on 18 February 2020.', { amounts: [{ text: '£500', currency: 'GBP', value: 500 }] }]]),
    );
    expect(events.map((e) => e.text)).toEqual(['Flood-hit households can apply for up to £500 from their council on 18 February 2020.']);
  });
});
