import { describe, expect, it } from 'vitest';
import { topicMatcher } from '../../src/analysis/topic.js';

describe('topicMatcher', () => {
  it('is stemmed: "training" matches train, trained, trains, Training', () => {
    const m = topicMatcher('training');
    expect(m('The UK will train more Ukrainian recruits next year.', [])).toBeGreaterThan(0);
    expect(m('Tens of thousands of soldiers were trained in the UK.', [])).toBeGreaterThan(0);
    expect(m('Training of Ukrainian troops has taken place in Britain.', [])).toBeGreaterThan(0);
    expect(m('Denmark trains F-16 pilots.', [])).toBeGreaterThan(0);
    expect(m('The UK pledged £225 million for drones.', [])).toBe(0);
  });

  it('is case-insensitive and works the other way round ("train" finds "training")', () => {
    expect(topicMatcher('TRAIN')('A training mission for recruits', [])).toBeGreaterThan(0);
  });

  it('is entity-aware: a surname finds the full name and the full name finds the surname', () => {
    expect(topicMatcher('Healey')('The defence secretary arrived in Kyiv.', ['John Healey'])).toBeGreaterThan(0);
    expect(topicMatcher('John Healey')('Mr Healey said the period was critical.', ['Healey'])).toBeGreaterThan(0);
    expect(topicMatcher('healey')('Mr Healey said the period was critical.', [])).toBeGreaterThan(0);
    expect(topicMatcher('John Healey')('John Lewis opened a store in Leeds.', ['John Lewis'])).toBe(0);
  });

  it('needs every word of a two-word topic, and tolerates one missing word from three on', () => {
    const m = topicMatcher('navy drones');
    expect(m('The package includes drones for the navy.', [])).toBeGreaterThan(0);
    expect(m('The package includes drones for the army.', [])).toBe(0);
    const long = topicMatcher('UK air defence support');
    expect(long('Britain will send air defence systems.', [])).toBeGreaterThan(0);
    expect(long('Britain will send tanks.', [])).toBe(0);
  });

  it('matches a quoted phrase only as those exact words', () => {
    const m = topicMatcher('"air defence"');
    expect(m('£68 million for air defence equipment.', [])).toBeGreaterThan(0);
    expect(m('Air Defence systems arrived.', [])).toBeGreaterThan(0);
    expect(m('Defence of the air bases was discussed.', [])).toBe(0);
  });

  it('folds hyphenation: "peacekeeping" matches "peace-keeping" and "peacekeepers"', () => {
    const m = topicMatcher('peacekeeping');
    expect(m('Asked about peace-keeping troops, the spokesperson declined.', [])).toBeGreaterThan(0);
    expect(m('Western peacekeepers could monitor a ceasefire.', [])).toBeGreaterThan(0);
  });

  it('scores a fuller match above a partial one, and an exact phrase above scattered words', () => {
    const m = topicMatcher('military support package');
    const full = m('A new military support package was unveiled.', []);
    const partial = m('A new support package was unveiled.', []);
    const scattered = m('The package gave support to the military.', []);
    expect(full).toBeGreaterThan(partial);
    expect(full).toBeGreaterThan(scattered);
    expect(partial).toBeGreaterThan(0);
  });

  it('matches nothing for an empty or stopword-only topic', () => {
    expect(topicMatcher('   ')('Anything at all here.', [])).toBe(0);
    expect(topicMatcher('the of and')('The Bill of Rights and more.', [])).toBe(0);
  });
});
