/** The seen-requests table on a real SQLite file: first sighting, repeat, lapse, and across connections. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { seenRequestMigrations, SqliteSeenRequests } from '../../src/store/sqlite/seen-requests.js';

const dir = mkdtempSync(join(tmpdir(), 'seen-requests-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('takes a key once while it lives, again once it lapsed, and agrees across connections to the file', async () => {
  const file = join(dir, 'briefing.db');
  const a = new SqliteStore(file, { migrations: seenRequestMigrations });
  const b = new SqliteStore(file, { migrations: seenRequestMigrations });
  const seenA = new SqliteSeenRequests(a.db);
  const seenB = new SqliteSeenRequests(b.db);
  expect(await seenA.firstSighting('slack:trigger_id:1', 200)).toBe(true);
  expect(await seenA.firstSighting('slack:trigger_id:1', 200)).toBe(false);
  expect(await seenB.firstSighting('slack:trigger_id:1', 200)).toBe(false);
  expect(await seenB.firstSighting('slack:trigger_id:2', 200)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await seenB.firstSighting('slack:trigger_id:1', 200)).toBe(true);
  await a.close();
  await b.close();
});
