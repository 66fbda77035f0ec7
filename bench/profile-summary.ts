/**
 * Summarise a V8 CPU profile (`node --cpu-prof`): self time by function and
 * by package/source file, so "where does ingest spend its time beyond the
 * NLP pass" has an answer in numbers.
 *   npx tsx bench/profile-summary.ts bench/work/prof/CPU.*.cpuprofile [--top 25]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, positiveInt } from './generate-corpus.js';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** "compromise", "better-sqlite3", "src/ingest/dates.ts", "(gc)"… */
function moduleOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.search(/\/(src|bench|commands)\//);
  if (src >= 0) return url.slice(src + 1).replace(/^file:\/\//, '');
  return url.startsWith('node:') ? url : path.basename(url);
}

function main(): void {
  const args = process.argv.slice(2);
  const files = args.filter((a) => !a.startsWith('--') && a.endsWith('.cpuprofile'));
  const flags = parseArgs(args.filter((a) => !files.includes(a)));
  const top = positiveInt(flags, 'top', 25);
  // Functions to report inclusive time for (the phases of a run).
  const phases = (flags.get('inclusive') ?? 'parseDocument,nlp,writeFile,markRepetition,inferDatesFromSharedQuotes,rebuildEvents,buildEvents,replaceEvents,analysisSentences')
    .split(',')
    .filter(Boolean);
  const inclusive = new Map<string, number>(phases.map((f) => [f, 0]));
  if (files.length === 0) throw new Error('give one or more .cpuprofile files');
  const byFn = new Map<string, number>();
  const byModule = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
    const nodes = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    p.samples.forEach((id, i) => {
      const n = nodes.get(id)!;
      const dt = (p.timeDeltas[i] ?? 0) / 1000;
      total += dt;
      const mod = moduleOf(n.callFrame.url, n.callFrame.functionName);
      const fn = `${n.callFrame.functionName || '(anonymous)'} ${mod}:${n.callFrame.lineNumber + 1}`;
      byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
      byModule.set(mod, (byModule.get(mod) ?? 0) + dt);
      const credited = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const name = nodes.get(at)!.callFrame.functionName;
        if (inclusive.has(name) && !credited.has(name)) {
          credited.add(name);
          inclusive.set(name, inclusive.get(name)! + dt);
        }
      }
    });
  }
  const show = (title: string, m: Map<string, number>) => {
    process.stdout.write(`\n${title}\n`);
    for (const [k, ms] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${(ms / 1000).toFixed(2).padStart(8)} s ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}\n`);
    }
  };
  process.stdout.write(`total sampled: ${(total / 1000).toFixed(1)} s\n`);
  show('inclusive time of phases', inclusive);
  show('self time by module', byModule);
  show('self time by function', byFn);
}

try {
  main();
} catch (err) {
  process.stderr.write(`profile-summary: ${(err as Error).message}\n`);
  process.exit(1);
}
