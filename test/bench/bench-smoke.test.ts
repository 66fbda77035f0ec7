/**
 * CI smoke of the benchmark, so it cannot rot: the generator and the runner
 * as a user runs them (tsx child processes), on 200 articles in a temp
 * folder. Asserts the results have every field with sane values, never how
 * fast anything was.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const DOCS = 200;

let tmp: string;

function corpusDigest(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(path.relative(dir, p)).update(fs.readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

function filesByExtension(dir: string): Map<string, number> {
  const counts = new Map<string, number>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) walk(path.join(d, e.name));
      else counts.set(path.extname(e.name), (counts.get(path.extname(e.name)) ?? 0) + 1);
    }
  };
  walk(dir);
  return counts;
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('corpus generator', () => {
  it('writes the same bytes for the same seed, other bytes for another seed, in every format', async () => {
    const gen = (seed: number, out: string) =>
      run(tsx, ['bench/generate-corpus.ts', '--docs', '60', '--seed', String(seed), '--out', out], { cwd: root });
    const { stdout } = await gen(7, path.join(tmp, 'a'));
    await gen(7, path.join(tmp, 'b'));
    await gen(8, path.join(tmp, 'c'));
    expect(stdout).toMatch(/wrote 60 articles/);
    expect(corpusDigest(path.join(tmp, 'a'))).toBe(corpusDigest(path.join(tmp, 'b')));
    expect(corpusDigest(path.join(tmp, 'a'))).not.toBe(corpusDigest(path.join(tmp, 'c')));
    const exts = filesByExtension(path.join(tmp, 'a'));
    for (const ext of ['.txt', '.md', '.html', '.json']) expect(exts.get(ext) ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it('rejects a bad flag with one line', async () => {
    const err = (await run(tsx, ['bench/generate-corpus.ts', '--docs', 'many'], { cwd: root }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    ));
    expect(err.code).toBe(1);
    expect(err.stderr.trim()).toBe('bench:corpus: --docs must be a whole number ≥ 0, got "many"');
  });
});

describe(`benchmark runner on ${DOCS} articles`, () => {
  it('measures every figure and writes them to the results file', async () => {
    const corpus = path.join(tmp, 'corpus');
    const results = path.join(tmp, 'results.json');
    await run(tsx, ['bench/generate-corpus.ts', '--docs', String(DOCS), '--seed', '3', '--out', corpus], { cwd: root });
    const before = corpusDigest(corpus);
    const { stdout } = await run(
      tsx,
      ['bench/run.ts', '--docs', String(DOCS), '--seed', '3', '--corpus', corpus, '--work', path.join(tmp, 'work'), '--results', results, '--load', '20'],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    );

    // The table a person reads.
    for (const label of ['cold ingest', 'ingest ÷ floor', 're-ingest, nothing changed', 'timeline p50', 'digest --dry-run', 'peak RSS']) {
      expect(stdout).toContain(label);
    }

    const r = JSON.parse(fs.readFileSync(results, 'utf8'));
    expect(r.docs).toBe(DOCS);
    for (const k of ['timeline', 'summary', 'search', 'digest']) expect(r.p95CpuMs[k], k).toBeGreaterThanOrEqual(0);
    expect(r.cpu.ingestOverFloor).toBeGreaterThan(0);
    for (const key of ['ingestDocsPerSec', 'floorDocsPerSec', 'ingestOverFloor', 'reingestOnePercentMs', 'peakRssMb', 'dbMb']) {
      expect(Number.isFinite(r[key]), key).toBe(true);
      expect(r[key], key).toBeGreaterThan(0);
    }
    expect(r.reingestUnchangedMs).toBeGreaterThanOrEqual(0);
    expect(r.onePercentDocs).toBe(2);
    for (const k of ['timeline', 'summary', 'search', 'digest']) {
      const l = r.latency[k];
      expect(l.calls, k).toBe(100);
      expect(l.p50, k).toBeLessThanOrEqual(l.p95);
      expect(l.p95, k).toBeLessThanOrEqual(l.max);
      expect(r.p95Ms[k], k).toBe(l.p95);
    }
    expect(r.peakRssMb).toBeLessThan(64 * 1024);
    // The load phase: every command acknowledged and answered through the real serve.
    for (const k of ['slack', 'discord']) {
      const l = r.load[k];
      expect(l.commands, k).toBe(20);
      expect(l.ack.count, k).toBe(20);
      expect(l.answered + l.busy, k).toBe(20);
      expect(l.health.count, k).toBeGreaterThan(0);
    }
    expect(stdout).toContain('slack acks at 20 concurrent');
    // Everything generated was ingested: 200 articles plus the 1% that arrived later.
    expect(r.corpus.documents).toBe(DOCS + 2);
    expect(r.corpus.skipped).toBe(0);
    expect(r.corpus.relevant).toBeLessThan(r.corpus.documents);
    expect(r.corpus.events).toBeGreaterThan(0);
    // The run leaves the corpus as it found it.
    expect(corpusDigest(corpus)).toBe(before);
  }, 600_000);
});
