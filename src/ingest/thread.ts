/**
 * Starting a worker thread on one of our modules, from compiled JavaScript
 * (dist/, production) or from the TypeScript sources (tests, the benchmark
 * under tsx). A worker does not inherit the parent's module hooks, so from
 * sources it first registers tsx's loader.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `entry` names the compiled module (`new URL('./x.js', import.meta.url)`). */
export function startThread(entry: URL, options: WorkerOptions): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  if (!fromSources) return new Worker(entry, options);
  const source = new URL(entry.href.replace(/\.js$/, '.ts'));
  const boot = `import(${JSON.stringify(tsxLoaderUrl())}).then((m) => { m.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** tsx's ESM loader API, found through its package's export map (tests and the benchmark only). */
function tsxLoaderUrl(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exported = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'];
  return pathToFileURL(path.join(path.dirname(manifest), exported!.import.default)).href;
}
