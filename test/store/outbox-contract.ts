/**
 * The outbox contract (src/store/digest-outbox.ts): what exactly-once rests
 * on, asserted through the repository on two instances sharing a database.
 * One slot is claimed by one caller; each page has its own key and state;
 * the fence refuses a caller that lost the row; a stale row is taken over by
 * exactly one of several instances, and its old owner's next fence fails.
 *
 * Staleness is real time here (short staleAfterMs, short sleeps, the real
 * clock as `now`): SQLite judges it by the caller's clock, PostgreSQL by the
 * database's, and the real clock is the one both agree on.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/model.js';
import {
  pageKey,
  type NewOutboxPage,
  type NewOutboxRow,
  type OutboxItem,
  type OutboxRepository,
} from '../../src/store/digest-outbox.js';
import { sleep, type FreshInstances, type Instances } from './helpers/instances.js';

/** Stale after this long without a heartbeat; the tests wait STALE_WAIT_MS to see a row go stale. */
// Wide enough margins for a loaded machine: a heartbeat every STALE_MS / 4 never looks stale.
const STALE_MS = 400;
const STALE_WAIT_MS = 550;
const FRESH = { staleAfterMs: 60_000 };
const STALE = { staleAfterMs: STALE_MS };

const now = () => new Date();

function item(n: number): OutboxItem {
  return {
    eventId: `ev-${n}`,
    date: `2025-01-${String(10 + n).padStart(2, '0')}`,
    text: `Item ${n}: ministers pledged £${n} million.`,
    sources: [{ id: `doc-${n}`, title: `Story ${n}`, outlet: 'The Test Outlet', published: '2025-01-10', url: `https://example.org/${n}` }],
    entities: [`Person ${n}`],
    amounts: [{ text: `£${n} million`, currency: 'GBP', value: n * 1_000_000 }],
  };
}

function newRow(slot: string, owner: string, over: Partial<NewOutboxRow> = {}): NewOutboxRow {
  const items = [item(1), item(2), item(3)];
  return {
    platform: 'slack',
    channel: 'C1',
    slot,
    status: 'pending',
    late: false,
    windowFrom: '2025-01-09T08:00:00.000Z',
    windowUntil: `${slot}T08:00:00.000Z`,
    overflow: false,
    items,
    reply: { kind: 'digest', title: `Digest ${slot}`, items: items.map((i) => ({ date: i.date, text: i.text, sources: i.sources })) },
    owner,
    ...over,
  };
}

/** Two pages: items 0 and 1 on the first, item 2 on the second. */
const twoPages = (tag = 'a'): NewOutboxPage[] => [
  { index: 0, body: { text: `page 1 ${tag}`, blocks: [{ type: 'section' }] }, items: [0, 1] },
  { index: 1, body: { text: `page 2 ${tag}` }, items: [2] },
];

const keyOf = (slot: string, channel = 'C1', platform: Platform = 'slack') => `briefing:${platform}:${channel}:${slot}`;

export function outboxContract(fresh: FreshInstances<OutboxRepository>): void {
  let outbox: Instances<OutboxRepository>;
  beforeEach(async () => {
    outbox = await fresh();
  });

  /** A pending row owned by `owner`, with two pages. */
  const claimed = async (slot: string, owner = 'p1', repo = outbox.one) =>
    (await repo.claim(newRow(slot, owner), twoPages(), keyOf(slot), now()))!;

  describe('claim', () => {
    it('stores the row and its pages as given; the slot then belongs to the claimer alone', async () => {
      const at = now();
      const row = await outbox.one.claim(newRow('2025-01-10', 'p1', { late: true, overflow: true }), twoPages(), keyOf('2025-01-10'), at);
      expect(row).toMatchObject({
        platform: 'slack',
        channel: 'C1',
        slot: '2025-01-10',
        status: 'pending',
        late: true,
        overflow: true,
        owner: 'p1',
        attempts: 0,
        error: null,
        messageId: null,
        postedAt: null,
        createdAt: at.toISOString(),
        windowFrom: '2025-01-09T08:00:00.000Z',
        windowUntil: '2025-01-10T08:00:00.000Z',
      });
      expect(row!.items).toEqual(newRow('2025-01-10', 'p1').items);
      expect(row!.reply).toEqual(newRow('2025-01-10', 'p1').reply);
      expect(await outbox.two.byId(row!.id)).toEqual(row);
      expect(await outbox.two.find('slack', 'C1', '2025-01-10')).toEqual(row);

      const pages = await outbox.two.pages(row!.id);
      expect(pages).toEqual([
        {
          outboxId: row!.id,
          index: 0,
          key: pageKey(keyOf('2025-01-10'), 0),
          status: 'pending',
          body: { text: 'page 1 a', blocks: [{ type: 'section' }] },
          eventIds: ['ev-1', 'ev-2'],
          messageId: null,
          postedAt: null,
        },
        { outboxId: row!.id, index: 1, key: pageKey(keyOf('2025-01-10'), 1), status: 'pending', body: { text: 'page 2 a' }, eventIds: ['ev-3'], messageId: null, postedAt: null },
      ]);

      // Another instance (or the same one again) gets null and must stop.
      expect(await outbox.two.claim(newRow('2025-01-10', 'p2'), twoPages('b'), keyOf('2025-01-10'), now())).toBeNull();
      expect(await outbox.one.claim(newRow('2025-01-10', 'p1'), twoPages('b'), keyOf('2025-01-10'), now())).toBeNull();
      expect((await outbox.one.find('slack', 'C1', '2025-01-10'))!.owner).toBe('p1');
      expect((await outbox.one.pages(row!.id)).map((p) => p.body.text)).toEqual(['page 1 a', 'page 2 a']);
    });

    it('keys slots by platform, channel and slot', async () => {
      const rows = await Promise.all([
        outbox.one.claim(newRow('2025-01-10', 'p1'), twoPages(), keyOf('2025-01-10'), now()),
        outbox.one.claim(newRow('2025-01-11', 'p1'), twoPages(), keyOf('2025-01-11'), now()),
        outbox.one.claim(newRow('2025-01-10', 'p1', { channel: 'C2' }), twoPages(), keyOf('2025-01-10', 'C2'), now()),
        outbox.one.claim(newRow('2025-01-10', 'p1', { platform: 'discord' }), twoPages(), keyOf('2025-01-10', 'C1', 'discord'), now()),
      ]);
      expect(rows.every((r) => r !== null)).toBe(true);
      expect(new Set(rows.map((r) => r!.id)).size).toBe(4);
      expect(await outbox.two.find('discord', 'C1', '2025-01-10')).toMatchObject({ platform: 'discord', id: rows[3]!.id });
      expect(await outbox.two.find('slack', 'C3', '2025-01-10')).toBeNull();
    });

    it('gives each slot to exactly one of two instances claiming at the same moment, with one set of pages', async () => {
      const slots = Array.from({ length: 12 }, (_, i) => `2025-02-${String(i + 1).padStart(2, '0')}`);
      const results = await Promise.all(
        slots.flatMap((slot) => [
          outbox.one.claim(newRow(slot, 'p1'), twoPages('one'), keyOf(slot), now()),
          outbox.two.claim(newRow(slot, 'p2'), twoPages('two'), keyOf(slot), now()),
        ]),
      );
      for (const [i, slot] of slots.entries()) {
        const [a, b] = [results[2 * i], results[2 * i + 1]];
        expect([a, b].filter((r) => r !== null), slot).toHaveLength(1);
        const winner = (a ?? b)!;
        const stored = (await outbox.one.find('slack', 'C1', slot))!;
        expect(stored.owner).toBe(winner.owner);
        const tag = winner.owner === 'p1' ? 'one' : 'two';
        expect((await outbox.one.pages(stored.id)).map((p) => p.body.text)).toEqual([`page 1 ${tag}`, `page 2 ${tag}`]);
      }
    });

    it('a skipped slot settles the window with no pages', async () => {
      const row = (await outbox.one.claim(newRow('2025-01-10', 'p1', { status: 'skipped', items: [] }), [], keyOf('2025-01-10'), now()))!;
      expect(row.status).toBe('skipped');
      expect(await outbox.one.pages(row.id)).toEqual([]);
      expect(await outbox.two.ensurePages(row, () => twoPages(), keyOf('2025-01-10'))).toEqual([]);
      expect((await outbox.two.lastSettled('slack', 'C1'))!.id).toBe(row.id);
    });
  });

  describe('ensurePages', () => {
    it('stores pages for a row claimed without them, once, whoever asks first', async () => {
      const row = (await outbox.one.claim(newRow('2025-01-10', 'p1'), [], keyOf('2025-01-10'), now()))!;
      expect(await outbox.one.pages(row.id)).toEqual([]);
      const [a, b] = await Promise.all([
        outbox.one.ensurePages(row, () => twoPages('one'), keyOf('2025-01-10')),
        outbox.two.ensurePages(row, () => twoPages('two'), keyOf('2025-01-10')),
      ]);
      expect(a).toEqual(b);
      expect(a).toHaveLength(2);
      expect(await outbox.one.pages(row.id)).toEqual(a);
      // Stored: a later call keeps them, whatever it would paginate.
      expect(await outbox.two.ensurePages(row, () => [{ index: 0, body: { text: 'other' }, items: [0] }], keyOf('2025-01-10'))).toEqual(a);
    });
  });

  describe('posting', () => {
    it('fences each attempt: only the owner of a pending row may post, and each attempt is counted', async () => {
      const row = await claimed('2025-01-10', 'p1');
      expect(await outbox.one.beginAttempt(row.id, 'p1', now())).toBe(true);
      expect(await outbox.two.beginAttempt(row.id, 'p2', now())).toBe(false);
      expect(await outbox.two.beginAttempt(row.id, 'p1', now())).toBe(true);
      expect((await outbox.one.byId(row.id))!.attempts).toBe(2);
      expect(await outbox.one.beginAttempt(row.id + 1000, 'p1', now())).toBe(false);
    });

    it('marks each page once, records only its items as sent, and settles the row when every page is in', async () => {
      const row = await claimed('2025-01-10', 'p1');
      expect(await outbox.one.markPosted(row.id, now())).toBe(false);

      const at = now();
      expect(await outbox.one.markPagePosted(row.id, 0, 'm-1', at)).toBe(true);
      // A fact: needs no ownership; marked already, so the second says so.
      expect(await outbox.two.markPagePosted(row.id, 0, 'm-1-again', now())).toBe(false);
      const pages = await outbox.two.pages(row.id);
      expect(pages.map((p) => [p.status, p.messageId])).toEqual([
        ['posted', 'm-1'],
        ['pending', null],
      ]);
      expect(pages[0]!.postedAt).toBe(at.toISOString());
      expect([...(await outbox.two.known('slack', 'C1')).ids].sort()).toEqual(['ev-1', 'ev-2']);
      expect(await outbox.one.markPosted(row.id, now())).toBe(false);
      expect((await outbox.one.byId(row.id))!.status).toBe('pending');

      expect(await outbox.two.markPagePosted(row.id, 1, 'm-2', now())).toBe(true);
      expect(await outbox.one.markPagePosted(row.id, 7, 'm-8', now())).toBe(false);
      const done = now();
      expect(await outbox.one.markPosted(row.id, done)).toBe(true);
      expect(await outbox.two.markPosted(row.id, now())).toBe(false);
      expect(await outbox.two.byId(row.id)).toMatchObject({ status: 'posted', messageId: 'm-1', postedAt: done.toISOString(), error: null });
      expect((await outbox.one.known('slack', 'C1')).ids).toEqual(new Set(['ev-1', 'ev-2', 'ev-3']));
      // Settled: no more attempts.
      expect(await outbox.one.beginAttempt(row.id, 'p1', now())).toBe(false);
      expect((await outbox.one.lastSettled('slack', 'C1'))!.id).toBe(row.id);
    });

    it('two instances marking the same page at once: one marks it, its items are sent once', async () => {
      const row = await claimed('2025-01-10', 'p1');
      const marked = await Promise.all([
        outbox.one.markPagePosted(row.id, 0, 'm-a', now()),
        outbox.two.markPagePosted(row.id, 0, 'm-b', now()),
      ]);
      expect(marked.filter(Boolean)).toHaveLength(1);
      const page = (await outbox.one.pages(row.id))[0]!;
      expect(page.messageId).toBe(marked[0] ? 'm-a' : 'm-b');
      const known = await outbox.one.known('slack', 'C1');
      expect(known.items).toHaveLength(2);
    });

    it('remembers what each channel was told, newest first, bounded, with what novelty compares', async () => {
      const first = await claimed('2025-01-10', 'p1');
      await outbox.one.markPagePosted(first.id, 0, 'm-1', new Date('2025-01-10T08:00:00Z'));
      const other = (await outbox.one.claim(newRow('2025-01-10', 'p1', { channel: 'C2' }), twoPages(), keyOf('2025-01-10', 'C2'), now()))!;
      await outbox.one.markPagePosted(other.id, 1, 'm-x', new Date('2025-01-10T08:00:00Z'));
      await outbox.one.markPagePosted(first.id, 1, 'm-2', new Date('2025-01-10T09:00:00Z'));

      const known = await outbox.two.known('slack', 'C1');
      expect(known.ids).toEqual(new Set(['ev-1', 'ev-2', 'ev-3']));
      expect(known.items[0]).toEqual({ text: item(3).text, entities: item(3).entities, amounts: item(3).amounts, date: item(3).date });
      expect((await outbox.two.known('slack', 'C1', 1)).ids).toEqual(new Set(['ev-3']));
      expect((await outbox.two.known('slack', 'C2')).ids).toEqual(new Set(['ev-3']));
      expect((await outbox.two.known('discord', 'C1')).ids.size).toBe(0);
    });
  });

  describe('failures', () => {
    it('records an error only for the owner, and gives the slot up only for the owner', async () => {
      const row = await claimed('2025-01-10', 'p1');
      expect(await outbox.one.lastFailure('slack', 'C1')).toBeNull();
      await outbox.two.noteError(row.id, 'p2', 'not mine', now());
      expect((await outbox.one.byId(row.id))!.error).toBeNull();
      await outbox.one.noteError(row.id, 'p1', 'Slack answered 503; retrying', now());
      expect(await outbox.two.lastFailure('slack', 'C1')).toMatchObject({ id: row.id, status: 'pending', error: 'Slack answered 503; retrying' });

      await outbox.two.markFailed(row.id, 'p2', 'not mine', now());
      expect((await outbox.one.byId(row.id))!.status).toBe('pending');
      await outbox.one.markFailed(row.id, 'p1', 'missing_scope', now());
      expect(await outbox.two.byId(row.id)).toMatchObject({ status: 'failed', error: 'missing_scope' });
      expect(await outbox.one.beginAttempt(row.id, 'p1', now())).toBe(false);
      // Failed: the items of its unposted pages were never sent.
      expect((await outbox.one.known('slack', 'C1')).ids.size).toBe(0);
    });

    it('lastFailure is the latest failed row (or pending with an error); lastSettled the latest settled window', async () => {
      const a = await claimed('2025-01-10', 'p1');
      await outbox.one.markFailed(a.id, 'p1', 'first', new Date('2025-01-10T08:05:00Z'));
      const b = await claimed('2025-01-11', 'p1');
      await outbox.one.markFailed(b.id, 'p1', 'second', new Date('2025-01-11T08:05:00Z'));
      expect((await outbox.two.lastFailure('slack', 'C1'))!.error).toBe('second');
      expect(await outbox.two.lastSettled('slack', 'C1')).toBeNull();

      const c = await claimed('2025-01-12', 'p1');
      await outbox.one.markPagePosted(c.id, 0, 'm-1', now());
      await outbox.one.markPagePosted(c.id, 1, 'm-2', now());
      await outbox.one.markPosted(c.id, now());
      await outbox.one.claim(newRow('2025-01-13', 'p1', { status: 'skipped', items: [] }), [], keyOf('2025-01-13'), now());
      await claimed('2025-01-14', 'p1');
      expect((await outbox.two.lastSettled('slack', 'C1'))!.slot).toBe('2025-01-13');
      expect(await outbox.two.lastSettled('slack', 'C2')).toBeNull();
    });
  });

  describe('takeover', () => {
    it('takes a pending row only once its heartbeat is stale; the old owner is fenced out', async () => {
      const row = await claimed('2025-01-10', 'dead');
      expect(await outbox.two.takeOver(row, 'p2', now(), FRESH)).toBe(false);
      expect(await outbox.two.stalePending(now(), STALE_MS)).toEqual([]);
      await sleep(STALE_WAIT_MS);

      const stale = await outbox.two.stalePending(now(), STALE_MS);
      expect(stale.map((r) => r.id)).toEqual([row.id]);
      expect(await outbox.two.takeOver(stale[0]!, 'p2', now(), STALE)).toBe(true);
      expect((await outbox.one.byId(row.id))!.owner).toBe('p2');
      // Taken just now: fresh again, so nobody else takes it.
      expect(await outbox.one.stalePending(now(), STALE_MS)).toEqual([]);
      expect(await outbox.one.takeOver((await outbox.one.byId(row.id))!, 'p3', now(), STALE)).toBe(false);
      expect(await outbox.one.beginAttempt(row.id, 'dead', now())).toBe(false);
      expect(await outbox.two.beginAttempt(row.id, 'p2', now())).toBe(true);
    });

    it('a heartbeat keeps the row its owner’s', async () => {
      const row = await claimed('2025-01-10', 'p1');
      // Each kind of heartbeat in turn, together well past STALE_MS.
      for (let i = 0; i < 3; i++) {
        await sleep(STALE_MS / 4);
        expect(await outbox.one.beginAttempt(row.id, 'p1', now())).toBe(true);
      }
      await sleep(STALE_MS / 4);
      await outbox.one.markPagePosted(row.id, 0, 'm-1', now());
      await sleep(STALE_MS / 4);
      await outbox.one.noteError(row.id, 'p1', 'retrying page 2', now());
      await sleep(STALE_MS / 4);
      const current = (await outbox.two.byId(row.id))!;
      expect(await outbox.two.stalePending(now(), STALE_MS)).toEqual([]);
      expect(await outbox.two.takeOver(current, 'p2', now(), STALE)).toBe(false);
    });

    it('does not take a row that changed since the caller read it', async () => {
      const seen = await claimed('2025-01-10', 'dead');
      await sleep(STALE_WAIT_MS);
      expect(await outbox.one.takeOver(seen, 'p1', now(), STALE)).toBe(true);
      await outbox.one.markFailed(seen.id, 'p1', 'gave up', now());
      // `seen` is the old pending row: no longer what is stored.
      expect(await outbox.two.takeOver(seen, 'p2', now(), { ...STALE, reopenFailed: true })).toBe(false);
      expect((await outbox.two.byId(seen.id))!.owner).toBe('p1');
    });

    it('reopens a failed row only when asked, never a posted or skipped one', async () => {
      const row = await claimed('2025-01-10', 'p1');
      await outbox.one.markFailed(row.id, 'p1', 'missing_scope', now());
      const failed = (await outbox.two.byId(row.id))!;
      expect(await outbox.two.takeOver(failed, 'p2', now(), FRESH)).toBe(false);
      expect(await outbox.two.takeOver(failed, 'p2', now(), { ...FRESH, reopenFailed: true })).toBe(true);
      expect(await outbox.one.byId(row.id)).toMatchObject({ status: 'pending', owner: 'p2' });
      expect(await outbox.two.beginAttempt(row.id, 'p2', now())).toBe(true);

      await outbox.two.markPagePosted(row.id, 0, 'm-1', now());
      await outbox.two.markPagePosted(row.id, 1, 'm-2', now());
      await outbox.two.markPosted(row.id, now());
      const skipped = (await outbox.one.claim(newRow('2025-01-11', 'p1', { status: 'skipped', items: [] }), [], keyOf('2025-01-11'), now()))!;
      await sleep(STALE_WAIT_MS);
      for (const settled of [(await outbox.one.byId(row.id))!, skipped]) {
        expect(await outbox.one.takeOver(settled, 'p3', now(), { ...STALE, reopenFailed: true })).toBe(false);
      }
      expect(await outbox.one.stalePending(now(), STALE_MS)).toEqual([]);
    });

    it('of two instances taking over the same stale rows at once, exactly one wins each, and only it may post', async () => {
      const rows = await Promise.all(Array.from({ length: 8 }, (_, i) => claimed(`2025-03-${String(i + 1).padStart(2, '0')}`, 'dead')));
      await sleep(STALE_WAIT_MS);
      const seenByOne = await outbox.one.stalePending(now(), STALE_MS);
      const seenByTwo = await outbox.two.stalePending(now(), STALE_MS);
      expect(seenByOne.map((r) => r.id)).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
      expect(seenByTwo).toEqual(seenByOne);

      const won = await Promise.all(
        seenByOne.flatMap((r, i) => [outbox.one.takeOver(r, 'p1', now(), STALE), outbox.two.takeOver(seenByTwo[i]!, 'p2', now(), STALE)]),
      );
      for (const [i, row] of seenByOne.entries()) {
        const [one, two] = [won[2 * i]!, won[2 * i + 1]!];
        expect([one, two].filter(Boolean), row.slot).toHaveLength(1);
        const winner = one ? 'p1' : 'p2';
        const loser = one ? 'p2' : 'p1';
        expect((await outbox.one.byId(row.id))!.owner).toBe(winner);
        expect(await outbox.two.beginAttempt(row.id, loser, now())).toBe(false);
        expect(await outbox.one.beginAttempt(row.id, 'dead', now())).toBe(false);
        expect(await outbox.one.beginAttempt(row.id, winner, now())).toBe(true);
      }
    });

    it('the old owner waking up as another instance takes over: exactly one of them holds the row after', async () => {
      for (let round = 0; round < 4; round++) {
        const slot = `2025-04-0${round + 1}`;
        const row = await claimed(slot, 'sleeper');
        await sleep(STALE_WAIT_MS);
        const [resumed, tookOver] = await Promise.all([
          outbox.one.beginAttempt(row.id, 'sleeper', now()),
          outbox.two.takeOver(row, 'rescuer', now(), STALE),
        ]);
        expect([resumed, tookOver].filter(Boolean), slot).toHaveLength(1);
        const holder = resumed ? 'sleeper' : 'rescuer';
        const other = resumed ? 'rescuer' : 'sleeper';
        expect((await outbox.one.byId(row.id))!.owner).toBe(holder);
        expect(await outbox.two.beginAttempt(row.id, other, now())).toBe(false);
        expect(await outbox.two.beginAttempt(row.id, holder, now())).toBe(true);
      }
    });
  });
}
