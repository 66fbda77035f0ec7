/**
 * First-person sentences of statements, debates and speeches made to stand
 * alone: a reporting frame trimmed, a form of address dropped, or the
 * document's heading naming who speaks. Lines are written the way such texts
 * are, none taken from one source.
 */
import { describe, expect, it } from 'vitest';
import { attributed, isSpeakerAccount, needsSpeaker, resolveContinuation, speakerLabel, withoutReportingFrame } from '../../src/analysis/attribution.js';
import { buildEvents } from '../../src/analysis/events.js';
import { developmentsOf } from '../../src/analysis/developments.js';
import { doc, sentences } from './fixtures.js';

describe('attribution', () => {
  it('knows a first-person opening, after a time or place too, and a motion', () => {
    for (const t of [
      'We are providing 40 generators to the region.',
      'I also visited a school that had been flooded.',
      'This morning, I held an emergency meeting with the agency.',
      'Today I am announcing a new loan guarantee.',
      'Our support will continue.',
      'That this House notes the damage caused by the storms.',
    ]) {
      expect(needsSpeaker(t), t).toBe(true);
    }
    for (const t of ['US officials said the talks would resume.', 'In the past, ministers met monthly.', 'The Minister visited the school.', 'Italy and France agreed.']) {
      expect(needsSpeaker(t), t).toBe(false);
    }
  });

  it('trims a first-person reporting frame when the clause names its actor', () => {
    expect(withoutReportingFrame('I can confirm that the Government have agreed a £20 million package.')).toBe('The Government have agreed a £20 million package.');
    expect(withoutReportingFrame('I am pleased to announce that the council will reopen the bridge.')).toBe('The council will reopen the bridge.');
    // The clause still needs the speaker: the frame stays.
    expect(withoutReportingFrame('I can confirm that we will reopen the bridge.')).toBe('I can confirm that we will reopen the bridge.');
  });

  it('labels with a heading, or the speaker a long heading opens with, never with a sentence', () => {
    expect(speakerLabel({ title: 'Flood defences (statement)' })).toBe('Flood defences (statement)');
    expect(speakerLabel({ title: 'Rail strikes (statement, ministerial extracts)' })).toBe('Rail strikes (statement)');
    expect(speakerLabel({ title: 'PM remarks at the press conference in Rome: 3 June 2025' })).toBe('PM remarks at the press conference in Rome');
    expect(speakerLabel({ title: 'Foreign Secretary remarks at a meeting convened to mark ten years since the founding of the regional partnership: 1 May 2025' })).toBe(
      'Foreign Secretary',
    );
    expect(speakerLabel({ title: 'Good morning colleagues.' })).toBeNull();
    expect(speakerLabel({ title: 'Ministers have agreed a new deal for farmers.' })).toBeNull();
    expect(attributed('We discussed how to speed up repairs.', { title: 'Flood defences (statement)' })).toBe(
      'Flood defences (statement): We discussed how to speed up repairs.',
    );
    expect(attributed('My Lords, last week the noble Lord asked the House to take note of the report.', { title: 'Lords debate (question)' })).toBe(
      'Last week the noble Lord asked the House to take note of the report.',
    );
    expect(attributed('We discussed how to speed up repairs.', { title: 'Good afternoon.' })).toBe('We discussed how to speed up repairs.');
    expect(isSpeakerAccount('Flood defences (statement): We discussed how to speed up repairs.')).toBe(true);
    expect(isSpeakerAccount('The Minister discussed repairs: the first of several.')).toBe(false);
  });

  it('names the speaker of a carried-on quotation from an earlier sentence', () => {
    expect(resolveContinuation('He added: “We will open the bridge next week.', ['“The repairs are done.', 'Speaking in Leeds, Sir Anna Example said: “We are ready.'])).toBe(
      'Sir Anna Example added: “We will open the bridge next week.',
    );
    expect(resolveContinuation('She said: “No.', ['On Tuesday Transport Secretary Ben Sample told reporters the line was safe.'])).toBe('Transport Secretary Ben Sample said: “No.');
    expect(resolveContinuation('He added: “No.', ['The minister said the line was safe.'])).toBeNull();
    expect(resolveContinuation('The minister added that the line was safe.', ['Sir Anna Example said so.'])).toBeNull();
  });

  it('a carried-on quotation announcing a figure is its own development, its speaker named', () => {
    const d = doc('speech', '2025-02-03', { title: 'A visit' });
    const events = buildEvents(
      sentences(d, [
        ['Speaking in Leeds, Sir Anna Example said: “We have committed £3 billion this year.', { people: ['Anna Example'], amounts: [['£3 billion', 'GBP', 3e9]] }],
        ['He added: “Today I’m pleased to announce that we’re providing 40 new trains for the line.'],
      ]),
    );
    expect(events.map((e) => e.text)).toContain('Sir Anna Example added: “Today I’m pleased to announce that we’re providing 40 new trains for the line.');
    expect(developmentsOf(events)).toHaveLength(2);
  });

  it('a statement’s first-person account is told with what the same statement reports that day', () => {
    const d = doc('statement', '2025-02-03', { title: 'Flooding (statement)' });
    const events = buildEvents(
      sentences(d, [
        ['The Environment Agency deployed 40 pumps to Doncaster on Monday.', { dates: [['on Monday', '2025-02-03']], orgs: ['Environment Agency'] }],
        ['We discussed how to speed up repairs to the defences on Monday.', { dates: [['on Monday', '2025-02-03']] }],
        ['On Monday, I visited a school that had been flooded.', { dates: [['On Monday', '2025-02-03']] }],
      ]),
    );
    const devs = developmentsOf(events);
    expect(devs).toHaveLength(1);
    expect(devs[0]!.lead.text).toMatch(/^The Environment Agency deployed 40 pumps/);
    expect(devs[0]!.facts.map((f) => f.text).every((t) => t.startsWith('Flooding (statement): '))).toBe(true);
  });
});
