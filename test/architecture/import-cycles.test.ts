/**
 * No module of src/ or commands/ imports itself through others at run time,
 * and the layers point one way: the core and the engine know nothing of the
 * commands, the platforms, the digest or the feeds. Type-only imports are
 * left out: the compiler erases them, so they can never hand a module
 * another that has not finished loading.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, importEdges } from './import-graph.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runtime = importEdges(ROOT, ['src', 'commands']).filter((e) => !e.typeOnly);

describe('imports', () => {
  it('read the whole tree', () => {
    // A parser that found nothing would pass every check below.
    expect(runtime.length).toBeGreaterThan(300);
    expect(runtime).toContainEqual(expect.objectContaining({ from: 'src/cli/main.ts', to: 'src/cli/toolkit.ts' }));
  });

  it('form no cycle in src/ and commands/', () => {
    expect(cycles(runtime)).toEqual([]);
  });

  it('point from the edges to the core, never back', () => {
    const outward = (from: RegExp, to: RegExp) => runtime.filter((e) => from.test(e.from) && to.test(e.to)).map((e) => `${e.from} -> ${e.to}`);
    expect(outward(/^src\/core\//, /^(commands|src\/(platforms|digest|feeds|cli))\//)).toEqual([]);
    expect(outward(/^src\/(engine\.ts|ingest\/|analysis\/)/, /^src\/(digest|feeds|platforms)\//)).toEqual([]);
    expect(outward(/^src\/store\//, /^(commands|src\/(platforms|digest|feeds|cli|ingest))\//)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    expect(cycles([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'c', to: 'a' }, { from: 'c', to: 'd' }])).toEqual([['a', 'b', 'c']]);
  });
});
