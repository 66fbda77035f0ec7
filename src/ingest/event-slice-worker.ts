/**
 * The event slice thread (see event-slices.ts): reads the slices it is sent
 * through its own read-only connection and answers with their candidates.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStore } from '../store/sqlite.js';
import { readSlice, type SliceAnswer } from './event-slices.js';

const store = SqliteStore.openReader((workerData as { file: string }).file);

parentPort!.on('message', ({ id, docIds }: { id: number; docIds: string[] }) => {
  readSlice(store, docIds).then(
    (reports) => parentPort!.postMessage({ id, ok: true, reports } satisfies SliceAnswer),
    (err: Error) => parentPort!.postMessage({ id, ok: false, message: err.message } satisfies SliceAnswer),
  );
});
