/** The meta contract: the same cases against every backend, on an empty database per case. */
import { beforeEach, expect, it } from 'vitest';
import type { MetaRepository } from '../../src/store/meta.js';
import { readStep, SteppedCopy } from '../../src/store/version-steps.js';
import type { FreshRepositories } from './helpers/corpus-backends.js';

export function metaContract(fresh: FreshRepositories): void {
  let meta: MetaRepository;
  beforeEach(async () => {
    ({ meta } = await fresh());
  });

  it('records meta values', async () => {
    expect(await meta.get('nothing')).toBeNull();
    await meta.set('k', 'v1');
    await meta.set('k', 'v2');
    expect(await meta.get('k')).toBe('v2');
  });

  it('advances a version step by step, each naming what its write changed and the step it followed', async () => {
    await meta.advance('v', ['a']);
    const first = readStep((await meta.get('v'))!);
    expect(first).toMatchObject({ after: null, changed: ['a'] });
    await meta.advance('v', null);
    const second = readStep((await meta.get('v'))!);
    expect(second).toMatchObject({ after: first.id, changed: null });
    await meta.advance('v', []);
    expect(readStep((await meta.get('v'))!)).toMatchObject({ after: second.id, changed: [] });
  });

  it('brings a reader\'s copy forward: the rows the steps since name, or everything when one named nothing or it is too far behind', async () => {
    const fill = (kept: Map<string, unknown>) => kept.set('a', 1).set('b', 2).set('c', 3).set('d', 4);
    const kept = new Map<string, unknown>();
    const copy = new SteppedCopy();
    await meta.advance('v', null);
    copy.follow(await meta.get('v'), fill(kept));
    expect(kept.size).toBe(0);
    fill(kept);
    await meta.advance('v', ['b']);
    copy.follow(await meta.get('v'), kept);
    expect([...kept.keys()]).toEqual(['a', 'c', 'd']);
    copy.follow(await meta.get('v'), kept);
    expect([...kept.keys()]).toEqual(['a', 'c', 'd']);
    // Several steps behind (a poll writes its documents, then its events): what each named.
    await meta.advance('v', ['a']);
    await meta.advance('v', []);
    await meta.advance('v', ['x']);
    copy.follow(await meta.get('v'), kept);
    expect([...kept.keys()]).toEqual(['c', 'd']);
    // A step among them that named nothing: everything.
    await meta.advance('v', ['c']);
    await meta.advance('v', null);
    await meta.advance('v', ['x']);
    copy.follow(await meta.get('v'), kept);
    expect(kept.size).toBe(0);
    // Further behind than a value remembers: everything.
    fill(kept);
    for (let i = 0; i < 40; i++) await meta.advance('v', [`y${i}`]);
    copy.follow(await meta.get('v'), kept);
    expect(kept.size).toBe(0);
  });
}
