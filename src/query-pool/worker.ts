/**
 * A query thread (see pool.ts): a read-only engine over the database file,
 * answering one query at a time with the same code the main thread would run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { commandRegistry } from '../../commands/index.js';
import { dispatchRead, readContext } from '../core/dispatch.js';
import { chatReply } from '../core/reply.js';
import { BriefingEngine } from '../engine.js';
import { openReader } from '../store/open.js';
import type { QueryMessage, QueryAnswer, QueryWorkerData } from './protocol.js';

const data = workerData as QueryWorkerData;
const engine = new BriefingEngine({
  corpusDir: data.corpusDir,
  repositories: await openReader(data.locator),
  topicFile: data.topicFile,
  readOnly: true,
});

/** A command's Reply trimmed for chat (only that crosses back), or the engine's own answer to a query. */
function answer(message: QueryMessage): Promise<unknown> {
  if (message.kind === 'command') {
    const ctx = readContext(message.asker, { engine, commands: commandRegistry });
    return dispatchRead(message.name, message.args, ctx).then(chatReply);
  }
  const run = engine[message.method] as (...a: unknown[]) => Promise<unknown>;
  return run.apply(engine, message.args);
}

parentPort!.on('message', (message: QueryMessage) => {
  const { id } = message;
  answer(message).then(
    (value) => parentPort!.postMessage({ id, ok: true, value } satisfies QueryAnswer),
    (err: Error) => parentPort!.postMessage({ id, ok: false, message: err.message, name: err.name } satisfies QueryAnswer),
  );
});
