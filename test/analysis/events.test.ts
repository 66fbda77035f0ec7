import { describe, expect, it } from 'vitest';
import { assignToEvents, buildEvents, EventFeatures, eventId, NewReports } from '../../src/analysis/events.js';
import type { Event } from '../../src/core/model.js';
import {
  cricket,
  d002,
  d003,
  deDaily,
  deWire,
  frA,
  frB,
  germany,
  macron,
  seed001,
  seed002,
  seed003,
  seeds,
  undated,
} from './corpus.js';
import { doc, sentences, shuffled } from './fixtures.js';

const corpus = [...seeds, ...germany, ...macron, ...cricket, ...undated];

function find(events: Event[], words: string): Event {
  const e = events.find((x) => x.text.includes(words));
  if (!e) throw new Error(`no event with "${words}" in:\n${events.map((x) => x.text).join('\n')}`);
  return e;
}

describe('buildEvents: the same happening across sources', () => {
  const events = buildEvents(corpus);

  it('merges the £225m pledge reported by two outlets into one event dated 2024-12-19 with both sources', () => {
    const matching = events.filter((e) => e.amounts.some((a) => a.value === 225_000_000));
    expect(matching).toHaveLength(1);
    const e = matching[0]!;
    expect(e.date).toBe('2024-12-19');
    expect(e.precision).toBe('day');
    expect([...e.sourceIds].sort()).toEqual([d002.id, d003.id]);
    expect(e.members).toHaveLength(2);
    expect(e.text).toMatch(/225 million|£225 million/);
  });

  it('never merges different amounts, even on the same day in the same story', () => {
    const breakdown = find(events, '£186 million');
    expect(breakdown.sourceIds).toEqual([d003.id]);
    expect(breakdown.amounts.map((a) => a.value).sort()).toEqual([186_000_000, 68_000_000, 92_000_000]);
    const pledge = events.find((e) => e.amounts.some((a) => a.value === 225_000_000))!;
    expect(pledge.id).not.toBe(breakdown.id);

    const dutch = find(events, 'Netherlands promised €500 million');
    const german = find(events, '€650');
    expect(dutch.id).not.toBe(german.id);
    expect(dutch.sourceIds).toEqual([deDaily.id]);
  });

  it('merges a German package worded differently by two outlets a day apart (±1 day, same amount, same minister)', () => {
    const german = events.filter((e) => e.amounts.some((a) => a.value === 650_000_000));
    expect(german).toHaveLength(1);
    expect(german[0]!.date).toBe('2024-06-11');
    // Best source first: both stated, the earlier publication first.
    expect(german[0]!.sourceIds).toEqual([deWire.id, deDaily.id]);
    expect(german[0]!.entities).toContain('Boris Pistorius');
    expect(german[0]!.entities).not.toContain('Pistorius');
  });

  it('merges two outlets quoting the same interview', () => {
    const quote = events.filter((e) => e.text.includes('Europe must be ready to defend itself'));
    expect(quote).toHaveLength(1);
    expect(quote[0]!.date).toBe('2023-02-28');
    expect([...quote[0]!.sourceIds].sort()).toEqual([frB.id, frA.id].sort());
  });

  it('ranks corroborated, specific, on-topic events above single-source and off-topic ones', () => {
    const pledge = events.find((e) => e.amounts.some((a) => a.value === 225_000_000))!;
    const cricketFund = find(events, 'Cricket Board');
    const rubio = find(events, 'Marco Rubio');
    expect(pledge.salience).toBeGreaterThan(cricketFund.salience);
    expect(pledge.salience).toBeGreaterThan(rubio.salience);
    // Best first.
    const saliences = events.map((e) => e.salience);
    expect(saliences).toEqual([...saliences].sort((a, b) => b - a));
  });

  it('records the earliest ingest time of its sources as firstSeen', () => {
    const early = doc('feeds/early', '2024-12-19', { ingestedAt: '2024-12-19T07:00:00.000Z' });
    const late = doc('feeds/late', '2024-12-19', { ingestedAt: '2024-12-20T09:30:00.000Z' });
    const [e] = buildEvents([
      ...sentences(late, [['The ministry confirmed a £12 million grant for mine clearance in Kharkiv on Thursday.', { dates: [['on Thursday', '2024-12-19']], orgs: ['ministry'], amounts: [['£12 million', 'GBP', 12_000_000]] }]]),
      ...sentences(early, [['A £12 million grant for mine clearance in Kharkiv was confirmed by the ministry on Thursday.', { dates: [['on Thursday', '2024-12-19']], orgs: ['ministry'], amounts: [['£12 million', 'GBP', 12_000_000]] }]]),
    ]);
    expect(e!.sourceIds).toHaveLength(2);
    expect(e!.firstSeen).toBe('2024-12-19T07:00:00.000Z');
  });
});

describe('buildEvents: which sentences are events, and their dates', () => {
  const events = buildEvents(corpus);
  const texts = events.map((e) => e.text);

  it('dates a background sentence by its year mention ("ten years ago" → 2014, year precision)', () => {
    const crimea = find(events, 'Russia took Crimea');
    expect(crimea.date).toBe('2014');
    expect(crimea.precision).toBe('year');
  });

  it('dates a lede (the article’s first statement) at its publication day even without a fact verb', () => {
    const lede = find(events, 'British troops could be sent to Ukraine for training');
    expect(lede.date).toBe('2024-12-19');
    const peacekeepers = find(events, 'act as peacekeepers');
    expect(peacekeepers.date).toBe('2025-01-16');
  });

  it('dates an undated concrete fact at its publication day', () => {
    const g7 = find(events, 'G7 group of nations');
    expect(g7.date).toBe('2024-12-19');
    const partnership = find(events, '100-year partnership');
    expect(partnership.date).toBe('2025-01-16');
  });

  it('does not let a future mention date a sentence ("next year" in a December article)', () => {
    const visit = find(events, 'is in Kyiv to discuss plans');
    expect(visit.date).toBe('2024-12-19');
  });

  it('keeps a past coarse reference ("last week" resolved to the month) at its own precision', () => {
    const lastWeek = find(events, 'Last week, Defence Secretary');
    expect(lastWeek.date).toBe('2024-12');
    expect(lastWeek.precision).toBe('month');
  });

  it('leaves out boilerplate, questions, continuations, speculation without a date and negated announcements', () => {
    expect(texts.some((t) => t.includes('Your support helps'))).toBe(false);
    expect(texts.some((t) => t.includes('open image in gallery'))).toBe(false);
    expect(texts.some((t) => t.endsWith('?'))).toBe(false);
    expect(texts.some((t) => t.startsWith('He added'))).toBe(false);
    expect(texts.some((t) => t.startsWith('It comes amid speculation'))).toBe(false);
    expect(texts.some((t) => t.startsWith('Sir Keir did not commit'))).toBe(false);
    expect(texts.some((t) => t.startsWith('Pistorius said the deliveries were expected'))).toBe(false);
    // Opinion quote with no fact and no date of its own.
    expect(texts.some((t) => t.startsWith('“Russians are putting Ukraine'))).toBe(false);
  });

  it('uses only absolute dates from a document whose publication date is unknown', () => {
    expect(texts.some((t) => t.includes('£40 million package for demining'))).toBe(false);
    const warsaw = find(events, 'signed in Warsaw');
    expect(warsaw.date).toBe('2023-03-03');
  });

  it('never merges across distant dates or different precisions', () => {
    const a = doc('x/a', '2024-03-04');
    const b = doc('x/b', '2024-03-09');
    const text = 'Poland signed a defence cooperation agreement with Ukraine in Warsaw on Monday.';
    const evs = buildEvents([
      ...sentences(a, [[text, { dates: [['on Monday', '2024-03-04']], orgs: ['Poland'] }]]),
      ...sentences(b, [[text.replace('on Monday', 'this month'), { dates: [['this month', '2024-03']], orgs: ['Poland'] }]]),
      ...sentences(doc('x/c', '2024-03-09'), [[text.replace('on Monday', 'on Saturday'), { dates: [['on Saturday', '2024-03-09']], orgs: ['Poland'] }]]),
    ]);
    expect(evs.map((e) => e.date).sort()).toEqual(['2024-03-04', '2024-03-09']);
  });
});

describe('buildEvents: determinism', () => {
  it('gives the same events and ids for shuffled input', () => {
    const a = buildEvents(corpus);
    const b = buildEvents(shuffled(corpus, 11));
    const c = buildEvents(shuffled([...corpus, ...corpus], 3));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(new Set(a.map((e) => e.id)).size).toBe(a.length);
  });

  it('keeps the id of a happening when unrelated documents are added', () => {
    const before = buildEvents([...seed002, ...seed003]);
    const after = buildEvents([...seed002, ...seed003, ...seed001, ...germany]);
    const id = (evs: Event[]) => evs.find((e) => e.amounts.some((x) => x.value === 225_000_000))!.id;
    expect(id(after)).toBe(id(before));
    expect(id(before)).toMatch(/^ev_[0-9a-f]{16}$/);
  });
});

describe('assignToEvents: incremental clustering', () => {
  it('folds a new report of a known happening into the existing event and keeps its id', () => {
    const existing = buildEvents([...seed002, ...seed003]);
    const pledge = existing.find((e) => e.amounts.some((a) => a.value === 225_000_000))!;
    const wire = doc('wire/uk-kyiv-package', '2024-12-20', { ingestedAt: '2024-12-20T10:00:00.000Z' });
    const added = sentences(wire, [
      ['Britain unveiled a £225m package of drones and air defences for Ukraine during Healey’s Kyiv visit on Thursday.', { dates: [['on Thursday', '2024-12-19']], people: ['Healey'], amounts: [['£225m', 'GBP', 225_000_000]] }],
      ['Norway separately confirmed a NOK 1 billion grant for Ukrainian energy repairs on Friday.', { dates: [['on Friday', '2024-12-20']], orgs: ['Norway'], amounts: [['NOK 1 billion', 'NOK', 1_000_000_000]] }],
    ]);
    const next = assignToEvents(existing, added);
    expect(next).toHaveLength(existing.length + 1);
    const grown = next.find((e) => e.id === pledge.id)!;
    expect(grown.text).toBe(pledge.text);
    expect(grown.sourceIds).toEqual([...pledge.sourceIds, wire.id]);
    expect(grown.salience).toBeGreaterThan(pledge.salience);
    const norway = next.find((e) => e.text.includes('Norway'))!;
    expect(norway.sourceIds).toEqual([wire.id]);
    expect(norway.date).toBe('2024-12-20');
    // The input events are not changed.
    expect(pledge.sourceIds).toHaveLength(2);
  });

  it('never gives a new event the id of a stored one, and stored events keep theirs', () => {
    const day = '2025-04-02';
    const news = 'Poland opened a new repair hub for Ukrainian armoured vehicles on Wednesday.';
    const id = eventId(day, news, []);
    // Two stored events of that day whose ids the new report's would take (suffixes from earlier runs).
    const stored = buildEvents([
      ...sentences(doc('a/grain', day), [['Romania agreed a grain corridor with Moldova on Wednesday.', { dates: [['on Wednesday', day]], orgs: ['Romania'] }]]),
      ...sentences(doc('b/rates', day), [['The central bank held interest rates at 14% on Wednesday.', { dates: [['on Wednesday', day]] }]]),
    ]).map((e, i) => ({ ...e, id: i === 0 ? id : `${id}-2`, salience: 0 }));
    const added = sentences(doc('c/hub', day), [[news, { dates: [['on Wednesday', day]], orgs: ['Poland'] }]]);
    const next = assignToEvents(stored, added);
    expect(next.map((e) => e.id).sort()).toEqual([id, `${id}-2`, `${id}-3`]);
    expect(next.find((e) => e.text === news)!.id).toBe(`${id}-3`);
    expect(next.filter((e) => stored.includes(e))).toHaveLength(2);
  });

  it('folds alike with features kept between reads of the events, and works out again an event read back changed', () => {
    const existing = buildEvents([...seed002, ...seed003]);
    // A store gives new objects at every read: features are kept by event id.
    const read = () => structuredClone(existing);
    const wire = doc('wire/uk-kyiv-package', '2024-12-20', { ingestedAt: '2024-12-20T10:00:00.000Z' });
    const added = sentences(wire, [
      ['Britain unveiled a £225m package of drones and air defences for Ukraine during Healey’s Kyiv visit on Thursday.', { dates: [['on Thursday', '2024-12-19']], people: ['Healey'], amounts: [['£225m', 'GBP', 225_000_000]] }],
    ]);
    const features = new EventFeatures(1_000);
    const first = assignToEvents(read(), NewReports.of(added, features));
    expect(assignToEvents(read(), NewReports.of(added, features))).toEqual(first);
    expect(first).toEqual(assignToEvents(read(), added));
    // The same event (same id) read back with another amount: the report of £225m no longer joins it.
    const pledge = existing.find((e) => e.amounts.some((a) => a.value === 225_000_000))!;
    const edited = () => read().map((e) => (e.id === pledge.id ? { ...e, amounts: e.amounts.map((a) => ({ ...a, value: 250_000_000, text: '£250m' })) } : e));
    const refolded = assignToEvents(edited(), NewReports.of(added, features));
    expect(refolded).toEqual(assignToEvents(edited(), added));
    expect(refolded.find((e) => e.id === pledge.id)!.sourceIds).not.toContain(wire.id);
  });

  it('ignores sentences already members of an event', () => {
    const existing = buildEvents(seed003);
    expect(assignToEvents(existing, seed003)).toEqual(buildEvents(seed003).sort((a, b) => b.salience - a.salience || (a.date < b.date ? -1 : 1)));
  });
});

describe('NewReports.joinableDates: the events new sentences can join', () => {
  it('holds the date of every event the sentences make, judged as the clustering judges them', () => {
    const briefing = doc('herald/aid-update', '2025-03-20');
    const text = sentences(briefing, [
      ['The UK sent a further batch of drones to Ukraine on Monday.', { dates: [['on Monday', '2025-03-17']] }],
      // Not the lede: the quoted day is someone's words, so the month outside the quotes dates it.
      [
        'Officials expect the rest in March, after the minister talked of "full delivery on 12 February".',
        { dates: [['in March', '2025-03'], ['on 12 February', '2025-02-12']] },
      ],
    ]);
    const dates = NewReports.of(text).joinableDates();
    expect([...dates].sort()).toEqual(['2025-03', '2025-03-16', '2025-03-17', '2025-03-18']);
    for (const e of buildEvents([...corpus, ...text])) {
      if (text.some((s) => e.members.some((m) => m.docId === s.docId))) expect(dates).toContain(e.date);
    }
    const all = NewReports.of(corpus).joinableDates();
    for (const e of buildEvents(corpus)) expect(all).toContain(e.date);
  });
});

describe('buildEvents at scale', () => {
  it('clusters thousands of look-alike reports per day without merging distinct amounts', () => {
    // 20 days × 40 outlets × 2 happenings per day; every sentence shares the
    // common words, so only blocking keeps this near-linear.
    const all = [];
    for (let day = 1; day <= 20; day++) {
      const date = `2023-09-${String(day).padStart(2, '0')}`;
      for (let o = 0; o < 40; o++) {
        const d = doc(`bulk/${date}/${o}`, date, { outlet: `Outlet ${o}` });
        const a = 1_000_000 * (day * 10 + 1);
        const b = 1_000_000 * (day * 10 + 2);
        all.push(
          ...sentences(d, [
            [`The government announced €${a / 1e6} million in aid for Ukraine's energy grid, officials in Kyiv said on ${date}.`, { dates: [[date, date]], orgs: ['Kyiv'], amounts: [[`€${a / 1e6} million`, 'EUR', a]] }],
            [`The government announced €${b / 1e6} million in aid for Ukraine's air defence, officials in Kyiv said on ${date}.`, { dates: [[date, date]], orgs: ['Kyiv'], amounts: [[`€${b / 1e6} million`, 'EUR', b]] }],
          ]),
        );
      }
    }
    const events = buildEvents(all);
    expect(events).toHaveLength(40);
    for (const e of events) expect(e.sourceIds).toHaveLength(40);
  });
});
