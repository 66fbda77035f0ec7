/**
 * The event slice thread (see event-slices.ts): reads the slices it is sent
 * through its own read-only connection and answers with their candidates.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../store/open.js';
import type { DatabaseLocator } from '../store/repositories.js';
import { readSlice, type SliceAnswer } from './event-slices.js';

const { corpus } = await openReader((workerData as { locator: DatabaseLocator }).locator);

parentPort!.on('message', ({ id, docIds }: { id: number; docIds: string[] }) => {
  readSlice(corpus, docIds).then(
    (reports) => parentPort!.postMessage({ id, ok: true, reports } satisfies SliceAnswer),
    (err: Error) => parentPort!.postMessage({ id, ok: false, message: err.message } satisfies SliceAnswer),
  );
});
