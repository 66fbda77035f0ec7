/** The meta contract: the same cases against every backend, on an empty database per case. */
import { beforeEach, expect, it } from 'vitest';
import type { MetaRepository } from '../../src/store/meta.js';
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
}
