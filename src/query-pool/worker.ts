/**
 * A query thread (see pool.ts): a read-only engine over the database file,
 * answering one query at a time with the same code the main thread would run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BriefingEngine } from '../engine.js';
import { openReader } from '../store/open.js';
import type { QueryMessage, QueryAnswer, QueryWorkerData } from './protocol.js';

const data = workerData as QueryWorkerData;
const engine = new BriefingEngine({
  corpusDir: data.corpusDir,
  store: openReader(data.locator),
  topicFile: data.topicFile,
  readOnly: true,
});

parentPort!.on('message', (message: QueryMessage) => {
  if (message.kind === 'corpus-changed') {
    engine.forgetDocuments();
    return;
  }
  const { id, method, args } = message;
  const run = engine[method] as (...a: unknown[]) => Promise<unknown>;
  run.apply(engine, args).then(
    (value) => parentPort!.postMessage({ id, ok: true, value } satisfies QueryAnswer),
    (err: Error) => parentPort!.postMessage({ id, ok: false, message: err.message, name: err.name } satisfies QueryAnswer),
  );
});
