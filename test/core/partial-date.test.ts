/**
 * The period a partial date covers, stated once (src/core/partial-date.ts):
 * the TypeScript rule and the SQL a store filters with must give the same
 * days, month ends included (2025-02 ends on the 28th, 2024-02 on the 29th).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { contains, isAfter, isIsoDay, isPartialDate, periodOf, periodSql, withNeighbours } from '../../src/core/partial-date.js';
import { describePostgres, useDatabase } from '../helpers/postgres.js';

describe('periodOf', () => {
  it('ends each month on its own last day', () => {
    expect(periodOf('2025-02')).toEqual(['2025-02-01', '2025-02-28']);
    expect(periodOf('2024-02')).toEqual(['2024-02-01', '2024-02-29']);
    expect(periodOf('1900-02')).toEqual(['1900-02-01', '1900-02-28']);
    expect(periodOf('2000-02')).toEqual(['2000-02-01', '2000-02-29']);
    expect(periodOf('2024-04')).toEqual(['2024-04-01', '2024-04-30']);
    expect(periodOf('2024-12')).toEqual(['2024-12-01', '2024-12-31']);
  });

  it('covers a whole year, or just the day', () => {
    expect(periodOf('2014')).toEqual(['2014-01-01', '2014-12-31']);
    expect(periodOf('2024-12-19')).toEqual(['2024-12-19', '2024-12-19']);
  });

  it('a month holds its last day and not a day past it', () => {
    expect(contains('2025-02', '2025-02-28')).toBe(true);
    expect(isAfter('2025-03-01', '2025-02')).toBe(true);
    // Before, February "ended" on the 31st, so 1 March was not after it.
    expect(isAfter('2025-03', '2025-02-28')).toBe(true);
  });
});

describe('withNeighbours', () => {
  it('gives a day with the day either side, across months and leap days; a month or year alone', () => {
    expect(withNeighbours('2024-03-01')).toEqual(['2024-03-01', '2024-02-29', '2024-03-02']);
    expect(withNeighbours('2024-12-31')).toEqual(['2024-12-31', '2024-12-30', '2025-01-01']);
    expect(withNeighbours('2024-06')).toEqual(['2024-06']);
    expect(withNeighbours('2024')).toEqual(['2024']);
  });
});

describe('isPartialDate and isIsoDay', () => {
  it('accept real calendar dates at any precision', () => {
    for (const v of ['2024', '2024-02', '2024-02-29', '2025-12-31']) expect(isPartialDate(v)).toBe(true);
  });

  it('refuse impossible dates and other shapes', () => {
    for (const v of ['2025-02-29', '2024-13', '2024-00', '2024-04-31', '0999', '24-12-01', '2024-1-05', '', 'soon']) {
      expect(isPartialDate(v)).toBe(false);
    }
  });

  it('a day is a full YYYY-MM-DD', () => {
    expect(isIsoDay('2024-12-19')).toBe(true);
    expect(isIsoDay('2024-12')).toBe(false);
    expect(isIsoDay('2025-02-29')).toBe(false);
  });
});

/** Every month 1900–2100, every year, and some days: the dates an SQL period is checked on. */
function sampleDates(): string[] {
  const out: string[] = [];
  for (let y = 1900; y <= 2100; y++) {
    out.push(String(y));
    for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  out.push('2024-02-29', '2025-01-01', '2024-12-31');
  return out;
}

describe('periodSql on SQLite', () => {
  it('gives the days periodOf gives, for every month of two centuries', () => {
    const db = new Database(':memory:');
    const { start, end } = periodSql('d');
    const dates = sampleDates();
    const rows = db
      .prepare(`SELECT d, ${start} AS s, ${end} AS e FROM (SELECT value AS d FROM json_each(?))`)
      .all(JSON.stringify(dates)) as Array<{ d: string; s: string; e: string }>;
    expect(rows).toHaveLength(dates.length);
    for (const r of rows) expect([r.s, r.e], r.d).toEqual(periodOf(r.d));
    db.close();
  });
});

describePostgres('periodSql on PostgreSQL', () => {
  const db = useDatabase('briefing_period');
  it('gives the days periodOf gives, for every month of two centuries', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { start, end } = periodSql('d');
      const dates = sampleDates();
      const { rows } = await client.query<{ d: string; s: string; e: string }>(
        `SELECT d, ${start} AS s, ${end} AS e FROM unnest($1::text[]) AS d`,
        [dates],
      );
      expect(rows).toHaveLength(dates.length);
      for (const r of rows) expect([r.s, r.e], r.d).toEqual(periodOf(r.d));
    } finally {
      await client.end();
    }
  });
});
